//! The two languages of the product. Bahasa Indonesia is the default everywhere.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Id,
    En,
}

impl Locale {
    pub fn code(self) -> &'static str {
        match self {
            Locale::Id => "id",
            Locale::En => "en",
        }
    }

    /// Unknown codes fall back to Bahasa Indonesia rather than failing: a language
    /// preference is never a reason to refuse a request.
    pub fn from_code(code: &str) -> Locale {
        match code.trim().to_ascii_lowercase().as_str() {
            c if c.starts_with("en") => Locale::En,
            _ => Locale::Id,
        }
    }

    /// Picks the first supported language of an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Locale {
        for part in header.split(',') {
            let tag = part
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if tag.starts_with("id") || tag.starts_with("in") {
                return Locale::Id;
            }
            if tag.starts_with("en") {
                return Locale::En;
            }
        }
        Locale::Id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_first_supported() {
        assert_eq!(Locale::from_accept_language("en-US,en;q=0.9"), Locale::En);
        assert_eq!(Locale::from_accept_language("fr, id;q=0.5"), Locale::Id);
        assert_eq!(Locale::from_accept_language("fr"), Locale::Id);
        assert_eq!(Locale::from_code("EN"), Locale::En);
        assert_eq!(Locale::from_code("xx"), Locale::Id);
    }
}
