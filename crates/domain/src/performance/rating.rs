//! The supervisor's rating (Permen PANRB 6/2022): work results and work behaviour are each
//! rated against the expectations agreed in the performance dialogue, on three levels.

use super::parse_choice;
use crate::message::Message;
use serde::{Deserialize, Serialize};

/// One rating, of results or of behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rating {
    /// *Di atas ekspektasi*.
    #[serde(rename = "above")]
    DiAtas,
    /// *Sesuai ekspektasi*.
    #[serde(rename = "as_expected")]
    Sesuai,
    /// *Di bawah ekspektasi*.
    #[serde(rename = "below")]
    DiBawah,
}

impl Rating {
    /// Best first, the order a form lists them in.
    pub const ALL: [Rating; 3] = [Rating::DiAtas, Rating::Sesuai, Rating::DiBawah];

    /// The code used in forms, JSON and the database.
    pub fn code(self) -> &'static str {
        match self {
            Rating::DiAtas => "above",
            Rating::Sesuai => "as_expected",
            Rating::DiBawah => "below",
        }
    }

    /// The regulation's name of the level.
    pub fn label(self) -> &'static str {
        match self {
            Rating::DiAtas => "Di atas ekspektasi",
            Rating::Sesuai => "Sesuai ekspektasi",
            Rating::DiBawah => "Di bawah ekspektasi",
        }
    }

    /// The name in both languages of the product.
    pub fn text(self) -> Message {
        let en = match self {
            Rating::DiAtas => "Above expectations",
            Rating::Sesuai => "As expected",
            Rating::DiBawah => "Below expectations",
        };
        Message::text_of(self.label(), en)
    }

    /// What the level means, shown next to the choice so the rater compares the work with
    /// the expectations agreed earlier rather than with colleagues (Permen PANRB 6/2022
    /// rates against the supervisor's expectations, not on a curve).
    pub fn guidance(self) -> Message {
        match self {
            Rating::DiAtas => Message::text_of(
                "Hasil kerja atau perilaku melampaui ekspektasi yang disepakati dengan atasan dalam dialog kinerja.",
                "Results or behaviour go beyond the expectations agreed with the supervisor in the performance dialogue.",
            ),
            Rating::Sesuai => Message::text_of(
                "Hasil kerja atau perilaku memenuhi ekspektasi yang disepakati dengan atasan.",
                "Results or behaviour meet the expectations agreed with the supervisor.",
            ),
            Rating::DiBawah => Message::text_of(
                "Hasil kerja atau perilaku belum memenuhi ekspektasi yang disepakati; perlu pembinaan dan rencana perbaikan.",
                "Results or behaviour fall short of the agreed expectations; coaching and an improvement plan are needed.",
            ),
        }
    }

    /// Reads a rating by its code or its Indonesian name.
    pub fn parse(s: &str) -> Result<Rating, Message> {
        parse_choice(
            s,
            ("penilaian", "rating"),
            &Rating::ALL,
            Rating::code,
            Rating::label,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Locale;

    #[test]
    fn codes_round_trip() {
        for r in Rating::ALL {
            assert_eq!(Rating::parse(r.code()), Ok(r));
        }
        assert_eq!(Rating::DiAtas.code(), "above");
        assert_eq!(Rating::Sesuai.code(), "as_expected");
        assert_eq!(Rating::DiBawah.code(), "below");
    }

    #[test]
    fn parses_the_indonesian_name_in_any_case() {
        assert_eq!(Rating::parse(" di atas ekspektasi "), Ok(Rating::DiAtas));
        assert_eq!(Rating::parse("SESUAI EKSPEKTASI"), Ok(Rating::Sesuai));
        assert_eq!(Rating::parse("Below"), Ok(Rating::DiBawah));
    }

    #[test]
    fn refuses_anything_else_naming_the_value_and_the_choices() {
        for bad in ["sangat baik", "above!", "3", "  x  "] {
            let m = Rating::parse(bad).unwrap_err().text(Locale::Id);
            assert!(
                m.starts_with(&format!("penilaian «{}» tidak dikenal", bad.trim())),
                "{m}"
            );
            assert!(m.ends_with("pilih salah satu: above (Di atas ekspektasi), as_expected (Sesuai ekspektasi), below (Di bawah ekspektasi)"), "{m}");
        }
    }

    #[test]
    fn an_empty_choice_is_not_chosen_yet_and_a_long_one_is_cut_short() {
        let m = Rating::parse("  ").unwrap_err().text(Locale::Id);
        assert!(
            m.starts_with("penilaian belum dipilih; pilih salah satu"),
            "{m}"
        );
        let m = Rating::parse(&"x".repeat(500))
            .unwrap_err()
            .text(Locale::Id);
        assert!(m.contains(&format!("«{}»", "x".repeat(40))), "{m}");
        assert!(!m.contains(&"x".repeat(41)), "{m}");
    }

    #[test]
    fn serde_uses_the_codes() {
        for r in Rating::ALL {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.code()));
            assert_eq!(serde_json::from_str::<Rating>(&json).unwrap(), r);
        }
    }

    #[test]
    fn every_level_has_a_label_and_guidance_in_both_languages() {
        for r in Rating::ALL {
            assert!(r.label().ends_with("ekspektasi"));
            assert!(!r.guidance().text(Locale::Id).is_empty());
            assert_ne!(r.guidance().text(Locale::Id), r.guidance().text(Locale::En));
            assert_eq!(r.text().text(Locale::Id), r.label());
        }
    }
}
