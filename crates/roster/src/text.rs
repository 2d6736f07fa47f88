//! A sentence in both languages of the product: screens speak Bahasa Indonesia first.

use serde::Serialize;

/// A message for people, in Indonesian (`id`) and English (`en`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub id: String,
    pub en: String,
}

impl Text {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            id: id.into(),
            en: en.into(),
        }
    }

    /// The text in `lang` ("id" or "en"; anything else falls back to Indonesian).
    pub fn get(&self, lang: &str) -> &str {
        if lang == "en" {
            &self.en
        } else {
            &self.id
        }
    }
}
