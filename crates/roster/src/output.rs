//! The roster format: for each employee, one letter per date of the instance.

use serde::{Deserialize, Serialize};

/// Where one person works on one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cell {
    Office,
    Remote,
    Absent,
}

impl Cell {
    pub fn letter(self) -> char {
        match self {
            Cell::Office => 'O',
            Cell::Remote => 'R',
            Cell::Absent => 'A',
        }
    }

    pub fn from_letter(letter: char) -> Option<Cell> {
        match letter {
            'O' => Some(Cell::Office),
            'R' => Some(Cell::Remote),
            'A' => Some(Cell::Absent),
            _ => None,
        }
    }
}

/// A roster: one row per employee, in any order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    pub rows: Vec<RosterRow>,
}

/// `days` has one letter per date of the instance: `O` office, `R` remote, `A` absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterRow {
    pub id: String,
    pub days: String,
}

impl RosterRow {
    pub fn new(id: impl Into<String>, cells: &[Cell]) -> Self {
        RosterRow {
            id: id.into(),
            days: cells.iter().map(|c| c.letter()).collect(),
        }
    }

    /// The cells, or `None` when a letter is not O, R or A.
    pub fn cells(&self) -> Option<Vec<Cell>> {
        self.days.chars().map(Cell::from_letter).collect()
    }
}
