//! Indonesia's three time zones. "Local time" is always the unit's zone (Perpres 21/2023).

use crate::message::Message;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Zone {
    #[default]
    Wib,
    Wita,
    Wit,
}

impl Zone {
    pub fn code(self) -> &'static str {
        match self {
            Zone::Wib => "WIB",
            Zone::Wita => "WITA",
            Zone::Wit => "WIT",
        }
    }

    pub fn iana(self) -> &'static str {
        match self {
            Zone::Wib => "Asia/Jakarta",
            Zone::Wita => "Asia/Makassar",
            Zone::Wit => "Asia/Jayapura",
        }
    }

    pub fn parse(s: &str) -> Result<Zone, Message> {
        match s.trim().to_ascii_uppercase().as_str() {
            "WIB" | "ASIA/JAKARTA" | "ASIA/PONTIANAK" => Ok(Zone::Wib),
            "WITA" | "ASIA/MAKASSAR" => Ok(Zone::Wita),
            "WIT" | "ASIA/JAYAPURA" => Ok(Zone::Wit),
            _ => Err(Message::InvalidChoice {
                allowed: "WIB, WITA, WIT".into(),
            }),
        }
    }

    /// The zone from the bundled database, so a machine without zone files still knows it.
    pub fn tz(self) -> TimeZone {
        TimeZone::get(self.iana()).expect("Indonesian zones are in the bundled tzdb")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_have_their_offsets() {
        let t = jiff::Timestamp::from_second(1_767_225_600).unwrap(); // 2026-01-01T00:00Z
        assert_eq!(t.to_zoned(Zone::Wib.tz()).hour(), 7);
        assert_eq!(t.to_zoned(Zone::Wita.tz()).hour(), 8);
        assert_eq!(t.to_zoned(Zone::Wit.tz()).hour(), 9);
        assert_eq!(Zone::parse("wita"), Ok(Zone::Wita));
        assert!(Zone::parse("GMT").is_err());
    }
}
