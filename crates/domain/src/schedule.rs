//! The views over plans and presence: where a planned day puts a person (in the unit's own
//! office, working flexibly elsewhere, or away on leave, training or field duty), a day's
//! head-count, and the gaps a unit's day has against its seats, the minimum on site for
//! public service and the share that may be away (Permen PANRB 4/2025: the agency head
//! sets how many may work away from the office on one day so that service continues).

use crate::message::Message;
use crate::policy::Policy;
use crate::roster::PlanLocation;

/// Where a day puts a person, as the head-count sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Whereabouts {
    /// In the unit's own office: an approved office day, or no plan at all (the office is
    /// the default place of work).
    Office,
    /// Working flexibly away from the own office (another office, home, elsewhere): these
    /// count against the unit's away share.
    Flexible,
    /// Leave, training or field duty: not in the office, but not flexible work either.
    Away,
}

/// The head-count meaning of an approved plan's location (`None`: no approved plan).
pub fn whereabouts(location: Option<PlanLocation>) -> Whereabouts {
    match location {
        None | Some(PlanLocation::Office) => Whereabouts::Office,
        Some(PlanLocation::OtherOffice | PlanLocation::Home | PlanLocation::Other) => {
            Whereabouts::Flexible
        }
        Some(PlanLocation::Leave | PlanLocation::Training | PlanLocation::FieldDuty) => {
            Whereabouts::Away
        }
    }
}

/// One working day of a group of people, by approved plans.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayCount {
    pub people: u32,
    pub office: u32,
    pub flexible: u32,
    pub away: u32,
}

impl DayCount {
    /// Counts `people` of whom the approved plans of the day put `flexible` away working
    /// flexibly and `away` on leave, training or field duty; everyone else is expected in
    /// the office.
    pub fn of(people: u32, flexible: u32, away: u32) -> DayCount {
        let flexible = flexible.min(people);
        let away = away.min(people - flexible);
        DayCount {
            people,
            office: people - flexible - away,
            flexible,
            away,
        }
    }

    /// The most who may work flexibly on the day under `max_away_percent` (rounded down).
    pub fn away_limit(&self, max_away_percent: u32) -> u32 {
        (self.people as u64 * max_away_percent as u64 / 100) as u32
    }
}

/// What is wrong with a unit's working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// More people expected in the office than it has desks.
    OverSeats { office: u32, seats: u32 },
    /// Fewer on site than public service needs.
    BelowMinimum { office: u32, min: u32 },
    /// More working flexibly than the unit's away share allows.
    OverAwayShare { flexible: u32, limit: u32 },
}

impl Gap {
    pub fn message(&self) -> Message {
        match *self {
            Gap::OverSeats { office, seats } => Message::text_of(
                format!("melebihi kursi: {office} orang untuk {seats} kursi"),
                format!("over the seats: {office} people for {seats} seats"),
            ),
            Gap::BelowMinimum { office, min } => Message::text_of(
                format!("di bawah minimum layanan: {office} di kantor, minimal {min}"),
                format!("below the service minimum: {office} on site, at least {min}"),
            ),
            Gap::OverAwayShare { flexible, limit } => Message::text_of(
                format!("melebihi porsi kerja fleksibel: {flexible} orang, paling banyak {limit}"),
                format!("over the away share: {flexible} people, at most {limit}"),
            ),
        }
    }

    /// A short code for pages and the API.
    pub fn code(&self) -> &'static str {
        match self {
            Gap::OverSeats { .. } => "over_seats",
            Gap::BelowMinimum { .. } => "below_minimum",
            Gap::OverAwayShare { .. } => "over_away_share",
        }
    }
}

/// The gaps of one working day of a unit under its policy: the office head-count against
/// the seats (when known) and the minimum on site, and the flexible workers against the
/// away share. A day with nobody in the group has none.
pub fn gaps(policy: &Policy, day: &DayCount) -> Vec<Gap> {
    let mut out = Vec::new();
    if day.people == 0 {
        return out;
    }
    if let Some(seats) = policy.seats {
        if day.office > seats {
            out.push(Gap::OverSeats {
                office: day.office,
                seats,
            });
        }
    }
    if day.office < policy.min_on_site {
        out.push(Gap::BelowMinimum {
            office: day.office,
            min: policy.min_on_site,
        });
    }
    // Over when flexible / people > max%: compared in whole numbers, no rounding.
    if day.flexible as u64 * 100 > policy.max_away_percent as u64 * day.people as u64 {
        out.push(Gap::OverAwayShare {
            flexible: day.flexible,
            limit: day.away_limit(policy.max_away_percent),
        });
    }
    out
}

/// A planned location's name for exports and feeds (pages use their own texts).
pub fn location_label(location: PlanLocation, locale: crate::Locale) -> &'static str {
    let (id, en) = match location {
        PlanLocation::Office => ("Kantor", "Office"),
        PlanLocation::OtherOffice => ("Kantor lain", "Another office"),
        PlanLocation::Home => ("Rumah (WFH)", "Home (remote)"),
        PlanLocation::Other => ("Lokasi lain", "Elsewhere"),
        PlanLocation::Leave => ("Cuti", "Leave"),
        PlanLocation::Training => ("Diklat", "Training"),
        PlanLocation::FieldDuty => ("Dinas luar", "Field duty"),
    };
    match locale {
        crate::Locale::Id => id,
        crate::Locale::En => en,
    }
}

/// Hours from minutes with two decimals and a dot (`2250` → `"37.50"`), as exports show
/// them so a spreadsheet reads a number.
pub fn hours(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.unsigned_abs();
    // Round to the nearest hundredth of an hour.
    let hundredths = (m * 100 + 30) / 60;
    format!("{sign}{}.{:02}", hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(seats: Option<u32>, min_on_site: u32, max_away_percent: u32) -> Policy {
        Policy {
            seats,
            min_on_site,
            max_away_percent,
            ..Policy::default()
        }
    }

    #[test]
    fn no_plan_means_the_office_and_each_location_has_its_place() {
        assert_eq!(whereabouts(None), Whereabouts::Office);
        assert_eq!(whereabouts(Some(PlanLocation::Office)), Whereabouts::Office);
        for l in [
            PlanLocation::OtherOffice,
            PlanLocation::Home,
            PlanLocation::Other,
        ] {
            assert_eq!(whereabouts(Some(l)), Whereabouts::Flexible, "{l:?}");
        }
        for l in [
            PlanLocation::Leave,
            PlanLocation::Training,
            PlanLocation::FieldDuty,
        ] {
            assert_eq!(whereabouts(Some(l)), Whereabouts::Away, "{l:?}");
        }
    }

    #[test]
    fn a_day_count_never_counts_more_than_its_people() {
        assert_eq!(
            DayCount::of(10, 3, 2),
            DayCount {
                people: 10,
                office: 5,
                flexible: 3,
                away: 2
            }
        );
        let odd = DayCount::of(2, 5, 5);
        assert_eq!((odd.office, odd.flexible, odd.away), (0, 2, 0));
    }

    #[test]
    fn below_the_minimum_on_site_is_a_gap_and_reaching_it_is_not() {
        let p = policy(None, 4, 50);
        assert_eq!(
            gaps(&p, &DayCount::of(6, 3, 0)),
            vec![Gap::BelowMinimum { office: 3, min: 4 }]
        );
        assert!(gaps(&p, &DayCount::of(6, 2, 0)).is_empty());
    }

    #[test]
    fn seats_count_only_when_known() {
        let day = DayCount::of(12, 0, 0);
        assert!(gaps(&policy(None, 0, 50), &day).is_empty());
        assert_eq!(
            gaps(&policy(Some(10), 0, 50), &day),
            vec![Gap::OverSeats {
                office: 12,
                seats: 10
            }]
        );
        assert!(gaps(&policy(Some(12), 0, 50), &day).is_empty());
    }

    #[test]
    fn the_away_share_is_exceeded_only_above_the_percentage() {
        let p = policy(None, 0, 50);
        // 5 of 10 is exactly 50 %: allowed.
        assert!(gaps(&p, &DayCount::of(10, 5, 0)).is_empty());
        assert_eq!(
            gaps(&p, &DayCount::of(10, 6, 0)),
            vec![Gap::OverAwayShare {
                flexible: 6,
                limit: 5
            }]
        );
        // 2 of 3 at 50 %: over; the limit shown is rounded down.
        assert_eq!(
            gaps(&p, &DayCount::of(3, 2, 0)),
            vec![Gap::OverAwayShare {
                flexible: 2,
                limit: 1
            }]
        );
        // Leave does not count against the away share.
        assert!(gaps(&p, &DayCount::of(10, 0, 8)).is_empty());
    }

    #[test]
    fn an_empty_group_has_no_gaps() {
        assert!(gaps(&policy(Some(0), 5, 0), &DayCount::of(0, 0, 0)).is_empty());
    }

    #[test]
    fn gaps_read_in_both_languages() {
        let g = Gap::BelowMinimum { office: 1, min: 3 };
        assert!(g.message().text(crate::Locale::Id).contains("minimal 3"));
        assert!(g.message().text(crate::Locale::En).contains("at least 3"));
        assert_eq!(g.code(), "below_minimum");
    }

    #[test]
    fn hours_have_two_decimals() {
        assert_eq!(hours(2250), "37.50");
        assert_eq!(hours(0), "0.00");
        assert_eq!(hours(61), "1.02");
        assert_eq!(hours(-90), "-1.50");
        assert_eq!(hours(1), "0.02");
    }
}
