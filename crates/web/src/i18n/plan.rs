//! Texts of location plans, requests and their approval.

pub(super) fn text(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        _ => return None,
    })
}
