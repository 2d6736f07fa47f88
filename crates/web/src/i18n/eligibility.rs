//! Texts of activity mapping and who may work flexibly.

pub(super) fn text(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        _ => return None,
    })
}
