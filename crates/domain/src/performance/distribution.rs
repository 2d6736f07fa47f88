//! The distribution of predikat a unit's result allows (SE MenPANRB 3/2023): a unit that
//! did well may have many Sangat Baik, one that did poorly must have many below Baik.
//! The check says which rule is broken and how many people would have to move.
//!
//! Rounding, decided here once: "at most p%" of a unit of n people allows
//! ⌊p·n/100⌋ people and "at least p%" needs ⌈p·n/100⌉. Both round towards the stricter
//! side, so a unit that passes always keeps the percentage the circular states (7 of 10
//! is 70% and allowed; 8 of 10 is one too many; 60% of 7 is 4.2, so 5 are needed).
//! A consequence in very small units: the rules of one result can conflict (a
//! one-person Kurang unit needs one Kurang/Misconduct *and* one Butuh Perbaikan); every
//! broken rule is reported and the admin decides. An empty unit has nothing to check.

use super::predikat::Predikat;
use super::unit_result::UnitResult;
use crate::message::Message;
use serde::Serialize;

/// How many people of a unit hold each predikat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Spread {
    pub sangat_baik: u32,
    pub baik: u32,
    pub butuh_perbaikan: u32,
    pub kurang_misconduct: u32,
    pub sangat_kurang: u32,
}

impl Spread {
    /// Counts the predikat of a unit's people.
    pub fn of(predikats: impl IntoIterator<Item = Predikat>) -> Spread {
        let mut s = Spread::default();
        for p in predikats {
            *s.count_mut(p) += 1;
        }
        s
    }

    pub fn count(&self, p: Predikat) -> u32 {
        match p {
            Predikat::SangatBaik => self.sangat_baik,
            Predikat::Baik => self.baik,
            Predikat::ButuhPerbaikan => self.butuh_perbaikan,
            Predikat::KurangMisconduct => self.kurang_misconduct,
            Predikat::SangatKurang => self.sangat_kurang,
        }
    }

    fn count_mut(&mut self, p: Predikat) -> &mut u32 {
        match p {
            Predikat::SangatBaik => &mut self.sangat_baik,
            Predikat::Baik => &mut self.baik,
            Predikat::ButuhPerbaikan => &mut self.butuh_perbaikan,
            Predikat::KurangMisconduct => &mut self.kurang_misconduct,
            Predikat::SangatKurang => &mut self.sangat_kurang,
        }
    }

    /// Everyone in the unit with a predikat.
    pub fn total(&self) -> u32 {
        Predikat::ALL.iter().map(|p| self.count(*p)).sum()
    }

    /// People holding any of `predikats`.
    pub fn count_of(&self, predikats: &[Predikat]) -> u32 {
        predikats.iter().map(|p| self.count(*p)).sum()
    }
}

/// The kind of limit a rule sets on a group of predikat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "percent", rename_all = "snake_case")]
pub enum Bound {
    /// At most this percent of the unit, rounded down.
    AtMost(u32),
    /// At least this percent of the unit, rounded up.
    AtLeast(u32),
    /// At least one person ("there must be some").
    AtLeastOne,
    /// Nobody at all.
    NoneAllowed,
}

impl Bound {
    /// The number of people the bound allows (`AtMost`, `NoneAllowed`) or needs
    /// (`AtLeast`, `AtLeastOne`) in a unit of `total` people.
    pub fn people(self, total: u32) -> u32 {
        let share = |percent: u32| u64::from(percent) * u64::from(total);
        let people = match self {
            Bound::AtMost(p) => share(p) / 100,
            Bound::AtLeast(p) => share(p).div_ceil(100),
            Bound::AtLeastOne => 1,
            Bound::NoneAllowed => 0,
        };
        // p ≤ 100, so the result never exceeds `total`.
        u32::try_from(people).unwrap_or(total)
    }
}

/// Whether a breach has too many people in a predikat or too few.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    TooMany,
    TooFew,
}

/// Every rule of SE MenPANRB 3/2023, named by the unit result it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Istimewa: at most 70% Sangat Baik.
    IstimewaMaxSangatBaik,
    /// Baik: at most 70% Baik.
    BaikMaxBaik,
    /// Baik: there must be some Butuh Perbaikan and/or Kurang/Misconduct.
    BaikSomeBelowBaik,
    /// Butuh Perbaikan: at least 60% Butuh Perbaikan.
    ButuhPerbaikanMinButuhPerbaikan,
    /// Butuh Perbaikan: at most 10% Sangat Baik.
    ButuhPerbaikanMaxSangatBaik,
    /// Kurang: at least 60% Kurang/Misconduct.
    KurangMinKurang,
    /// Kurang: at least 10% Butuh Perbaikan.
    KurangMinButuhPerbaikan,
    /// Kurang: at most 10% Sangat Baik.
    KurangMaxSangatBaik,
    /// Sangat Kurang: at least 60% Sangat Kurang.
    SangatKurangMinSangatKurang,
    /// Sangat Kurang: at least 10% Kurang/Misconduct and/or Butuh Perbaikan.
    SangatKurangMinKurangOrButuhPerbaikan,
    /// Sangat Kurang: no Sangat Baik.
    SangatKurangNoSangatBaik,
}

impl Rule {
    pub const ALL: [Rule; 11] = [
        Rule::IstimewaMaxSangatBaik,
        Rule::BaikMaxBaik,
        Rule::BaikSomeBelowBaik,
        Rule::ButuhPerbaikanMinButuhPerbaikan,
        Rule::ButuhPerbaikanMaxSangatBaik,
        Rule::KurangMinKurang,
        Rule::KurangMinButuhPerbaikan,
        Rule::KurangMaxSangatBaik,
        Rule::SangatKurangMinSangatKurang,
        Rule::SangatKurangMinKurangOrButuhPerbaikan,
        Rule::SangatKurangNoSangatBaik,
    ];

    /// The rules a unit with this result must keep. "The rest may be any other predikat"
    /// in the circular adds nothing: the listed rules already cover every predikat the
    /// rest may not hold.
    pub fn of(unit: UnitResult) -> &'static [Rule] {
        use Rule::*;
        match unit {
            UnitResult::Istimewa => &[IstimewaMaxSangatBaik],
            UnitResult::Baik => &[BaikMaxBaik, BaikSomeBelowBaik],
            UnitResult::ButuhPerbaikan => {
                &[ButuhPerbaikanMinButuhPerbaikan, ButuhPerbaikanMaxSangatBaik]
            }
            UnitResult::Kurang => &[
                KurangMinKurang,
                KurangMinButuhPerbaikan,
                KurangMaxSangatBaik,
            ],
            UnitResult::SangatKurang => &[
                SangatKurangMinSangatKurang,
                SangatKurangMinKurangOrButuhPerbaikan,
                SangatKurangNoSangatBaik,
            ],
        }
    }

    /// The code used in JSON and the database.
    pub fn code(self) -> &'static str {
        match self {
            Rule::IstimewaMaxSangatBaik => "istimewa_max_sangat_baik",
            Rule::BaikMaxBaik => "baik_max_baik",
            Rule::BaikSomeBelowBaik => "baik_some_below_baik",
            Rule::ButuhPerbaikanMinButuhPerbaikan => "butuh_perbaikan_min_butuh_perbaikan",
            Rule::ButuhPerbaikanMaxSangatBaik => "butuh_perbaikan_max_sangat_baik",
            Rule::KurangMinKurang => "kurang_min_kurang",
            Rule::KurangMinButuhPerbaikan => "kurang_min_butuh_perbaikan",
            Rule::KurangMaxSangatBaik => "kurang_max_sangat_baik",
            Rule::SangatKurangMinSangatKurang => "sangat_kurang_min_sangat_kurang",
            Rule::SangatKurangMinKurangOrButuhPerbaikan => {
                "sangat_kurang_min_kurang_or_butuh_perbaikan"
            }
            Rule::SangatKurangNoSangatBaik => "sangat_kurang_no_sangat_baik",
        }
    }

    /// The predikat the rule counts (together, when more than one).
    pub fn predikats(self) -> &'static [Predikat] {
        use Predikat::*;
        match self {
            Rule::IstimewaMaxSangatBaik
            | Rule::ButuhPerbaikanMaxSangatBaik
            | Rule::KurangMaxSangatBaik
            | Rule::SangatKurangNoSangatBaik => &[SangatBaik],
            Rule::BaikMaxBaik => &[Baik],
            Rule::BaikSomeBelowBaik | Rule::SangatKurangMinKurangOrButuhPerbaikan => {
                &[ButuhPerbaikan, KurangMisconduct]
            }
            Rule::ButuhPerbaikanMinButuhPerbaikan | Rule::KurangMinButuhPerbaikan => {
                &[ButuhPerbaikan]
            }
            Rule::KurangMinKurang => &[KurangMisconduct],
            Rule::SangatKurangMinSangatKurang => &[SangatKurang],
        }
    }

    pub fn bound(self) -> Bound {
        match self {
            Rule::IstimewaMaxSangatBaik | Rule::BaikMaxBaik => Bound::AtMost(70),
            Rule::ButuhPerbaikanMaxSangatBaik | Rule::KurangMaxSangatBaik => Bound::AtMost(10),
            Rule::ButuhPerbaikanMinButuhPerbaikan
            | Rule::KurangMinKurang
            | Rule::SangatKurangMinSangatKurang => Bound::AtLeast(60),
            Rule::KurangMinButuhPerbaikan | Rule::SangatKurangMinKurangOrButuhPerbaikan => {
                Bound::AtLeast(10)
            }
            Rule::BaikSomeBelowBaik => Bound::AtLeastOne,
            Rule::SangatKurangNoSangatBaik => Bound::NoneAllowed,
        }
    }

    /// The rule as the circular states it, e.g. "paling banyak 70% Sangat Baik".
    pub fn text(self) -> Message {
        let (id, en) = self.wording();
        Message::text_of(id, en)
    }

    /// The rule's wording in Indonesian and in English.
    fn wording(self) -> (String, String) {
        let names = |sep: &str| {
            self.predikats()
                .iter()
                .map(|p| p.label())
                .collect::<Vec<_>>()
                .join(sep)
        };
        let (id, en) = (names(" dan/atau "), names(" and/or "));
        match self.bound() {
            Bound::AtMost(p) => (
                format!("paling banyak {p}% {id}"),
                format!("at most {p}% {en}"),
            ),
            Bound::AtLeast(p) => (
                format!("paling sedikit {p}% {id}"),
                format!("at least {p}% {en}"),
            ),
            Bound::AtLeastOne => (
                format!("harus ada {id}"),
                format!("there must be some {en}"),
            ),
            Bound::NoneAllowed => (format!("tidak boleh ada {id}"), format!("no {en} at all")),
        }
    }

    /// The rule's breach in `spread`, if it is broken.
    pub fn check(self, spread: &Spread) -> Option<Breach> {
        let total = spread.total();
        if total == 0 {
            return None;
        }
        let count = spread.count_of(self.predikats());
        let bound = self.bound();
        let limit = bound.people(total);
        let (direction, people) = match bound {
            Bound::AtMost(_) | Bound::NoneAllowed if count > limit => {
                (Direction::TooMany, count - limit)
            }
            Bound::AtLeast(_) | Bound::AtLeastOne if count < limit => {
                (Direction::TooFew, limit - count)
            }
            _ => return None,
        };
        Some(Breach {
            rule: self,
            direction,
            people,
            message: self.breach_text(bound, limit, total, count, direction, people),
        })
    }

    /// E.g. "paling banyak 70% Sangat Baik (7 dari 10 orang); sekarang 10: 3 orang
    /// terlalu banyak". The numbers let the admin fix the spread without a calculator.
    fn breach_text(
        self,
        bound: Bound,
        limit: u32,
        total: u32,
        count: u32,
        direction: Direction,
        people: u32,
    ) -> Message {
        let (rule_id, rule_en) = self.wording();
        let (of_id, of_en) = match bound {
            Bound::AtMost(_) | Bound::AtLeast(_) => (
                format!(" ({limit} dari {total} orang)"),
                format!(" ({limit} of {total} {})", persons(limit)),
            ),
            Bound::AtLeastOne | Bound::NoneAllowed => (String::new(), String::new()),
        };
        let (move_id, move_en) = match direction {
            Direction::TooMany => (
                format!("{people} orang terlalu banyak"),
                format!("{people} {} too many", persons(people)),
            ),
            Direction::TooFew => (
                format!("kurang {people} orang"),
                format!("{people} {} short", persons(people)),
            ),
        };
        Message::text_of(
            format!("{rule_id}{of_id}; sekarang {count}: {move_id}"),
            format!("{rule_en}{of_en}; now {count}: {move_en}"),
        )
    }
}

fn persons(n: u32) -> &'static str {
    if n == 1 {
        "person"
    } else {
        "people"
    }
}

/// One broken rule and how many people must move to keep it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Breach {
    pub rule: Rule,
    pub direction: Direction,
    /// The fewest people whose predikat must change for this rule alone to hold.
    pub people: u32,
    pub message: Message,
}

/// Every rule of the unit's result that `spread` breaks, in the circular's order.
pub fn breaches(unit: UnitResult, spread: &Spread) -> Vec<Breach> {
    Rule::of(unit)
        .iter()
        .filter_map(|r| r.check(spread))
        .collect()
}

/// Whether `spread` keeps every rule of the unit's result.
pub fn allowed(unit: UnitResult, spread: &Spread) -> bool {
    breaches(unit, spread).is_empty()
}

#[cfg(test)]
mod tests;
