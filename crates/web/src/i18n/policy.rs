//! Texts of unit policies and where each value comes from.

pub(super) fn text(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        _ => return None,
    })
}
