//! The seven BerAKHLAK core values of the civil service, each with its three behaviour
//! indicators (Permen PANRB 6/2022). Behaviour is rated against these, with the
//! supervisor's specific expectations for each value written beside them in the SKP.
//!
//! The indicators are the official Indonesian wording and are shown as such in both
//! languages of the product: they are what the rater and the employee signed up to.

use super::parse_choice;
use crate::message::Message;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoreValue {
    BerorientasiPelayanan,
    Akuntabel,
    Kompeten,
    Harmonis,
    Loyal,
    Adaptif,
    Kolaboratif,
}

/// One row of the table of core values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Definition {
    pub value: CoreValue,
    pub code: &'static str,
    /// The official name.
    pub name: &'static str,
    pub name_en: &'static str,
    /// The three behaviour indicators, in the regulation's order and wording.
    pub indicators: [&'static str; 3],
}

/// The core values in the order of the acronym B-A-K-H-L-A-K.
pub static TABLE: [Definition; 7] = [
    Definition {
        value: CoreValue::BerorientasiPelayanan,
        code: "berorientasi_pelayanan",
        name: "Berorientasi Pelayanan",
        name_en: "Service-oriented",
        indicators: [
            "memahami dan memenuhi kebutuhan masyarakat",
            "ramah, cekatan, solutif, dan dapat diandalkan",
            "melakukan perbaikan tiada henti",
        ],
    },
    Definition {
        value: CoreValue::Akuntabel,
        code: "akuntabel",
        name: "Akuntabel",
        name_en: "Accountable",
        indicators: [
            "melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
            "menggunakan kekayaan dan BMN secara bertanggung jawab, efektif, dan efisien",
            "tidak menyalahgunakan kewenangan jabatan",
        ],
    },
    Definition {
        value: CoreValue::Kompeten,
        code: "kompeten",
        name: "Kompeten",
        name_en: "Competent",
        indicators: [
            "meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "membantu orang lain belajar",
            "melaksanakan tugas dengan kualitas terbaik",
        ],
    },
    Definition {
        value: CoreValue::Harmonis,
        code: "harmonis",
        name: "Harmonis",
        name_en: "Harmonious",
        indicators: [
            "menghargai setiap orang apapun latar belakangnya",
            "suka menolong orang lain",
            "membangun lingkungan kerja yang kondusif",
        ],
    },
    Definition {
        value: CoreValue::Loyal,
        code: "loyal",
        name: "Loyal",
        name_en: "Loyal",
        indicators: [
            "memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah",
            "menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
            "menjaga rahasia jabatan dan negara",
        ],
    },
    Definition {
        value: CoreValue::Adaptif,
        code: "adaptif",
        name: "Adaptif",
        name_en: "Adaptive",
        indicators: [
            "cepat menyesuaikan diri menghadapi perubahan",
            "terus berinovasi dan mengembangkan kreativitas",
            "bertindak proaktif",
        ],
    },
    Definition {
        value: CoreValue::Kolaboratif,
        code: "kolaboratif",
        name: "Kolaboratif",
        name_en: "Collaborative",
        indicators: [
            "memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
        ],
    },
];

impl CoreValue {
    pub const ALL: [CoreValue; 7] = [
        CoreValue::BerorientasiPelayanan,
        CoreValue::Akuntabel,
        CoreValue::Kompeten,
        CoreValue::Harmonis,
        CoreValue::Loyal,
        CoreValue::Adaptif,
        CoreValue::Kolaboratif,
    ];

    /// The value's row of [`TABLE`]; the table lists the values in declaration order.
    pub fn definition(self) -> &'static Definition {
        &TABLE[self as usize]
    }

    /// The code used in forms, JSON and the database.
    pub fn code(self) -> &'static str {
        self.definition().code
    }

    /// The official Indonesian name.
    pub fn name(self) -> &'static str {
        self.definition().name
    }

    /// The name in both languages of the product.
    pub fn text(self) -> Message {
        let d = self.definition();
        Message::text_of(d.name, d.name_en)
    }

    pub fn indicators(self) -> &'static [&'static str; 3] {
        &self.definition().indicators
    }

    /// Reads a core value by its code or its name.
    pub fn parse(s: &str) -> Result<CoreValue, Message> {
        parse_choice(
            s,
            ("nilai dasar", "core value"),
            &CoreValue::ALL,
            CoreValue::code,
            CoreValue::name,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_follows_the_declaration_order() {
        for (i, v) in CoreValue::ALL.into_iter().enumerate() {
            assert_eq!(TABLE[i].value, v);
            assert_eq!(v.definition().value, v);
        }
    }

    #[test]
    fn the_initials_spell_berakhlak() {
        let initials: String = CoreValue::ALL
            .iter()
            .map(|v| v.name().chars().next().unwrap())
            .collect();
        assert_eq!(initials, "BAKHLAK");
    }

    #[test]
    fn codes_round_trip_and_match_serde() {
        for v in CoreValue::ALL {
            assert_eq!(CoreValue::parse(v.code()), Ok(v));
            assert_eq!(CoreValue::parse(v.name()), Ok(v));
            assert_eq!(
                serde_json::to_string(&v).unwrap(),
                format!("\"{}\"", v.code())
            );
        }
        assert!(CoreValue::parse("jujur").is_err());
    }

    #[test]
    fn every_value_has_three_distinct_indicators_in_the_official_wording() {
        for v in CoreValue::ALL {
            let [a, b, c] = *v.indicators();
            assert!(a != b && b != c && a != c, "{v:?}");
            for i in [a, b, c] {
                assert!(
                    !i.is_empty() && !i.ends_with('.') && !i.contains(';'),
                    "{i}"
                );
            }
        }
        assert_eq!(
            CoreValue::Akuntabel.indicators()[2],
            "tidak menyalahgunakan kewenangan jabatan"
        );
        assert_eq!(
            CoreValue::Harmonis.indicators()[0],
            "menghargai setiap orang apapun latar belakangnya"
        );
    }
}
