//! Texts of the working calendar: holidays, cuti bersama, agency events, Ramadan.

pub(super) fn text(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        _ => return None,
    })
}
