//! The final performance predikat (Permen PANRB 6/2022): made from the rating of results
//! and the rating of behaviour by the regulation's matrix.

use super::parse_choice;
use super::rating::Rating;
use crate::message::Message;
use serde::{Deserialize, Serialize};

/// An employee's predikat for a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Predikat {
    SangatBaik,
    Baik,
    ButuhPerbaikan,
    /// One predikat in the regulation: behaviour below expectations is misconduct
    /// whatever the results were.
    KurangMisconduct,
    SangatKurang,
}

impl Predikat {
    /// Best first.
    pub const ALL: [Predikat; 5] = [
        Predikat::SangatBaik,
        Predikat::Baik,
        Predikat::ButuhPerbaikan,
        Predikat::KurangMisconduct,
        Predikat::SangatKurang,
    ];

    /// The code used in forms, JSON and the database.
    pub fn code(self) -> &'static str {
        match self {
            Predikat::SangatBaik => "sangat_baik",
            Predikat::Baik => "baik",
            Predikat::ButuhPerbaikan => "butuh_perbaikan",
            Predikat::KurangMisconduct => "kurang_misconduct",
            Predikat::SangatKurang => "sangat_kurang",
        }
    }

    /// The regulation's name. It is a term of art, so the English text keeps it too.
    pub fn label(self) -> &'static str {
        match self {
            Predikat::SangatBaik => "Sangat Baik",
            Predikat::Baik => "Baik",
            Predikat::ButuhPerbaikan => "Butuh Perbaikan",
            Predikat::KurangMisconduct => "Kurang/Misconduct",
            Predikat::SangatKurang => "Sangat Kurang",
        }
    }

    /// The name in both languages: the regulation's name, with a gloss in English.
    pub fn text(self) -> Message {
        let en = match self {
            Predikat::SangatBaik => "Sangat Baik (outstanding)",
            Predikat::Baik => "Baik (good)",
            Predikat::ButuhPerbaikan => "Butuh Perbaikan (needs improvement)",
            Predikat::KurangMisconduct => "Kurang/Misconduct (poor/misconduct)",
            Predikat::SangatKurang => "Sangat Kurang (very poor)",
        };
        Message::text_of(self.label(), en)
    }

    /// Reads a predikat by its code or its name.
    pub fn parse(s: &str) -> Result<Predikat, Message> {
        parse_choice(
            s,
            ("predikat", "predikat"),
            &Predikat::ALL,
            Predikat::code,
            Predikat::label,
        )
    }
}

/// The predikat matrix of Permen PANRB 6/2022 (rows: results; columns: behaviour):
///
/// | results \ behaviour | di atas | sesuai | di bawah |
/// | --- | --- | --- | --- |
/// | di atas | Sangat Baik | Baik | Kurang/Misconduct |
/// | sesuai | Baik | Baik | Kurang/Misconduct |
/// | di bawah | Butuh Perbaikan | Butuh Perbaikan | Sangat Kurang |
pub fn predikat(results: Rating, behaviour: Rating) -> Predikat {
    use Rating::*;
    match (results, behaviour) {
        (DiAtas, DiAtas) => Predikat::SangatBaik,
        (DiAtas | Sesuai, DiAtas | Sesuai) => Predikat::Baik,
        (DiAtas | Sesuai, DiBawah) => Predikat::KurangMisconduct,
        (DiBawah, DiAtas | Sesuai) => Predikat::ButuhPerbaikan,
        (DiBawah, DiBawah) => Predikat::SangatKurang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Locale;
    use Rating::{DiAtas, DiBawah, Sesuai};

    // One test per cell of the regulation's matrix, so a failure names the cell.

    #[test]
    fn results_above_behaviour_above_is_sangat_baik() {
        assert_eq!(predikat(DiAtas, DiAtas), Predikat::SangatBaik);
    }

    #[test]
    fn results_above_behaviour_as_expected_is_baik() {
        assert_eq!(predikat(DiAtas, Sesuai), Predikat::Baik);
    }

    #[test]
    fn results_above_behaviour_below_is_kurang_misconduct() {
        assert_eq!(predikat(DiAtas, DiBawah), Predikat::KurangMisconduct);
    }

    #[test]
    fn results_as_expected_behaviour_above_is_baik() {
        assert_eq!(predikat(Sesuai, DiAtas), Predikat::Baik);
    }

    #[test]
    fn results_as_expected_behaviour_as_expected_is_baik() {
        assert_eq!(predikat(Sesuai, Sesuai), Predikat::Baik);
    }

    #[test]
    fn results_as_expected_behaviour_below_is_kurang_misconduct() {
        assert_eq!(predikat(Sesuai, DiBawah), Predikat::KurangMisconduct);
    }

    #[test]
    fn results_below_behaviour_above_is_butuh_perbaikan() {
        assert_eq!(predikat(DiBawah, DiAtas), Predikat::ButuhPerbaikan);
    }

    #[test]
    fn results_below_behaviour_as_expected_is_butuh_perbaikan() {
        assert_eq!(predikat(DiBawah, Sesuai), Predikat::ButuhPerbaikan);
    }

    #[test]
    fn results_below_behaviour_below_is_sangat_kurang() {
        assert_eq!(predikat(DiBawah, DiBawah), Predikat::SangatKurang);
    }

    #[test]
    fn codes_and_labels_round_trip() {
        for p in Predikat::ALL {
            assert_eq!(Predikat::parse(p.code()), Ok(p));
            assert_eq!(Predikat::parse(&p.label().to_uppercase()), Ok(p));
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.code()));
        }
        assert_eq!(Predikat::KurangMisconduct.label(), "Kurang/Misconduct");
    }

    #[test]
    fn refuses_an_unknown_predikat() {
        let m = Predikat::parse("istimewa").unwrap_err().text(Locale::Id);
        assert!(m.contains("predikat «istimewa» tidak dikenal"), "{m}");
        assert!(m.contains("sangat_kurang (Sangat Kurang)"), "{m}");
    }
}
