//! Password policy: length over complexity (NIST SP 800-63B), plus a short deny list.

use crate::message::Message;

pub const MIN_LENGTH: usize = 10;
const MAX_LENGTH: usize = 256;

const COMMON: &[&str] = &[
    "1234567890",
    "12345678910",
    "password123",
    "passw0rd123",
    "qwertyuiop",
    "0123456789",
    "sandisandi",
    "katasandi123",
    "indonesia1945",
    "merdeka1945",
    "bismillah123",
];

pub fn check_new_password(password: &str) -> Result<(), Message> {
    let len = password.chars().count();
    if len < MIN_LENGTH {
        return Err(Message::PasswordTooShort { min: MIN_LENGTH });
    }
    if len > MAX_LENGTH {
        return Err(Message::TooLong { max: MAX_LENGTH });
    }
    let lower = password.to_lowercase();
    if COMMON.contains(&lower.as_str())
        || lower
            .chars()
            .all(|c| c == lower.chars().next().unwrap_or(' '))
    {
        return Err(Message::PasswordTooCommon);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert_eq!(
            check_new_password("short"),
            Err(Message::PasswordTooShort { min: 10 })
        );
        assert_eq!(
            check_new_password("aaaaaaaaaaaa"),
            Err(Message::PasswordTooCommon)
        );
        assert_eq!(
            check_new_password("Merdeka1945"),
            Err(Message::PasswordTooCommon)
        );
        assert!(check_new_password("kopi tubruk pagi hari").is_ok());
    }
}
