//! The unit's own result for the period (*capaian kinerja organisasi*). It decides how the
//! predikat of the unit's people may be distributed (SE MenPANRB 3/2023).

use super::parse_choice;
use super::rating::Rating;
use crate::message::Message;
use serde::{Deserialize, Serialize};

/// A unit's result, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitResult {
    Istimewa,
    Baik,
    ButuhPerbaikan,
    Kurang,
    SangatKurang,
}

impl UnitResult {
    pub const ALL: [UnitResult; 5] = [
        UnitResult::Istimewa,
        UnitResult::Baik,
        UnitResult::ButuhPerbaikan,
        UnitResult::Kurang,
        UnitResult::SangatKurang,
    ];

    /// The code used in forms, JSON and the database.
    pub fn code(self) -> &'static str {
        match self {
            UnitResult::Istimewa => "istimewa",
            UnitResult::Baik => "baik",
            UnitResult::ButuhPerbaikan => "butuh_perbaikan",
            UnitResult::Kurang => "kurang",
            UnitResult::SangatKurang => "sangat_kurang",
        }
    }

    /// The regulation's name.
    pub fn label(self) -> &'static str {
        match self {
            UnitResult::Istimewa => "Istimewa",
            UnitResult::Baik => "Baik",
            UnitResult::ButuhPerbaikan => "Butuh Perbaikan",
            UnitResult::Kurang => "Kurang",
            UnitResult::SangatKurang => "Sangat Kurang",
        }
    }

    /// The name in both languages: the regulation's name, with a gloss in English.
    pub fn text(self) -> Message {
        let en = match self {
            UnitResult::Istimewa => "Istimewa (exceptional)",
            UnitResult::Baik => "Baik (good)",
            UnitResult::ButuhPerbaikan => "Butuh Perbaikan (needs improvement)",
            UnitResult::Kurang => "Kurang (poor)",
            UnitResult::SangatKurang => "Sangat Kurang (very poor)",
        };
        Message::text_of(self.label(), en)
    }

    /// Reads a unit result by its code or its name.
    pub fn parse(s: &str) -> Result<UnitResult, Message> {
        parse_choice(
            s,
            ("capaian kinerja unit", "unit result"),
            &UnitResult::ALL,
            UnitResult::code,
            UnitResult::label,
        )
    }

    /// The unit's result taken from the rating of results of the person who heads it
    /// (RULES.md: "the unit's result is that person's rating of results").
    ///
    /// The rating has three levels and the unit result five, so only the top three are
    /// reachable this way: a below-expectations rating gives Butuh Perbaikan. Kurang and
    /// Sangat Kurang are set by the admin explicitly, never inferred from a rating.
    pub fn from_head_results(results: Rating) -> UnitResult {
        match results {
            Rating::DiAtas => UnitResult::Istimewa,
            Rating::Sesuai => UnitResult::Baik,
            Rating::DiBawah => UnitResult::ButuhPerbaikan,
        }
    }

    /// The other direction, for when the unit's result is set first: the head's rating
    /// of results that matches it. Permen PANRB 6/2022 words the rule this way round
    /// (the unit's achievement is taken as its head's rating of results), so a form can
    /// propose this rating to the head's rater. Every result below Baik is below
    /// expectations.
    pub fn head_results_rating(self) -> Rating {
        match self {
            UnitResult::Istimewa => Rating::DiAtas,
            UnitResult::Baik => Rating::Sesuai,
            UnitResult::ButuhPerbaikan | UnitResult::Kurang | UnitResult::SangatKurang => {
                Rating::DiBawah
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Locale;

    #[test]
    fn codes_and_labels_round_trip() {
        for u in UnitResult::ALL {
            assert_eq!(UnitResult::parse(u.code()), Ok(u));
            assert_eq!(UnitResult::parse(u.label()), Ok(u));
            let json = serde_json::to_string(&u).unwrap();
            assert_eq!(json, format!("\"{}\"", u.code()));
        }
    }

    #[test]
    fn refuses_an_unknown_result() {
        let m = UnitResult::parse("sangat baik")
            .unwrap_err()
            .text(Locale::Id);
        assert!(
            m.contains("capaian kinerja unit «sangat baik» tidak dikenal"),
            "{m}"
        );
        assert!(m.contains("istimewa (Istimewa)"), "{m}");
    }

    #[test]
    fn the_heads_rating_of_results_gives_the_unit_result() {
        assert_eq!(
            UnitResult::from_head_results(Rating::DiAtas),
            UnitResult::Istimewa
        );
        assert_eq!(
            UnitResult::from_head_results(Rating::Sesuai),
            UnitResult::Baik
        );
        assert_eq!(
            UnitResult::from_head_results(Rating::DiBawah),
            UnitResult::ButuhPerbaikan
        );
    }

    #[test]
    fn a_unit_result_maps_back_to_the_rating_it_came_from() {
        for r in Rating::ALL {
            assert_eq!(UnitResult::from_head_results(r).head_results_rating(), r);
        }
        assert_eq!(UnitResult::Kurang.head_results_rating(), Rating::DiBawah);
        assert_eq!(
            UnitResult::SangatKurang.head_results_rating(),
            Rating::DiBawah
        );
    }
}
