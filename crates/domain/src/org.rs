//! The organisation: units in a tree, positions, and the people's personnel data.

use crate::message::Message;
use serde::{Deserialize, Serialize};

/// Kind of position (jabatan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PositionKind {
    Struktural,
    Fungsional,
    Pelaksana,
}

impl PositionKind {
    pub const ALL: [PositionKind; 3] = [
        PositionKind::Struktural,
        PositionKind::Fungsional,
        PositionKind::Pelaksana,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PositionKind::Struktural => "struktural",
            PositionKind::Fungsional => "fungsional",
            PositionKind::Pelaksana => "pelaksana",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Message> {
        match s.trim().to_ascii_lowercase().as_str() {
            "struktural" => Ok(PositionKind::Struktural),
            "fungsional" => Ok(PositionKind::Fungsional),
            "pelaksana" => Ok(PositionKind::Pelaksana),
            _ => Err(Message::InvalidChoice {
                allowed: "struktural, fungsional, pelaksana".into(),
            }),
        }
    }
}

/// Disciplinary status: it decides eligibility for flexible work (Permen PANRB 4/2025).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Discipline {
    #[default]
    None,
    InProcess,
    Serving,
}

impl Discipline {
    pub fn code(self) -> &'static str {
        match self {
            Discipline::None => "none",
            Discipline::InProcess => "in_process",
            Discipline::Serving => "serving",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Message> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "none" | "tidak" | "tidak ada" | "bersih" => Ok(Discipline::None),
            "in_process" | "proses" | "dalam proses" => Ok(Discipline::InProcess),
            "serving" | "menjalani" | "menjalani hukuman" => Ok(Discipline::Serving),
            _ => Err(Message::InvalidChoice {
                allowed: "none, in_process, serving".into(),
            }),
        }
    }
}

/// A unit's place in the tree as a materialized path of ids, `/1/5/12/`. A subtree is
/// every unit whose path starts with its root's path, which one index answers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OrgPath(String);

impl OrgPath {
    pub fn root(id: i64) -> OrgPath {
        OrgPath(format!("/{id}/"))
    }

    pub fn child(&self, id: i64) -> OrgPath {
        OrgPath(format!("{}{id}/", self.0))
    }

    pub fn from_trusted(s: String) -> OrgPath {
        OrgPath(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `other` is this unit or below it.
    pub fn contains(&self, other: &OrgPath) -> bool {
        other.0.starts_with(&self.0)
    }

    pub fn depth(&self) -> usize {
        self.0.matches('/').count().saturating_sub(1)
    }
}

/// Text fields have bounds so a row can never carry a megabyte into a page.
pub fn bounded_text(
    field_value: &str,
    max: usize,
    required: bool,
) -> Result<Option<String>, Message> {
    let v = field_value.trim();
    if v.is_empty() {
        return if required {
            Err(Message::Required)
        } else {
            Ok(None)
        };
    }
    if v.chars().count() > max {
        return Err(Message::TooLong { max });
    }
    Ok(Some(v.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_contain_their_subtree_only() {
        let root = OrgPath::root(1);
        let bidang = root.child(5);
        let seksi = bidang.child(12);
        let other = OrgPath::root(15);
        assert!(root.contains(&seksi));
        assert!(bidang.contains(&seksi));
        assert!(!seksi.contains(&bidang));
        assert!(!root.contains(&other));
        // "/1/" must not contain "/15/": the trailing slash makes prefixes exact.
        assert!(!OrgPath::root(1).contains(&OrgPath::root(15)));
        assert_eq!(seksi.depth(), 3);
    }

    #[test]
    fn text_bounds() {
        assert_eq!(bounded_text("  ", 10, true), Err(Message::Required));
        assert_eq!(bounded_text("", 10, false), Ok(None));
        assert_eq!(
            bounded_text("abcdefghijk", 10, true),
            Err(Message::TooLong { max: 10 })
        );
        assert_eq!(bounded_text(" Budi ", 10, true), Ok(Some("Budi".into())));
    }
}
