//! Who may work flexibly (Permen PANRB 4/2025): each activity of a position is assessed
//! against the six task criteria; a position is remote-capable, hybrid or on-site by how
//! many of its activities qualify, which bounds the flexible days a week; and an employee
//! qualifies only when not under a disciplinary penalty and not newly placed.
//!
//! Every reason a person is not eligible is a `Message` in both languages, so the page,
//! the API and a refused plan request all say exactly the same thing.

use crate::message::{FieldError, Message};
use crate::org::{bounded_text, Discipline};
use crate::policy::Policy;
use jiff::civil::Date;
use jiff::{Span, Unit};
use serde::{Deserialize, Serialize};

#[cfg(test)]
mod tests;

/// The six criteria a task must meet to be done flexibly (Permen PANRB 4/2025, kriteria
/// tugas kedinasan yang dapat dilaksanakan secara fleksibel), in the regulation's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// a. can be done outside the office.
    OutsideOffice,
    /// b. needs no special workspace and/or equipment.
    NoSpecialWorkspace,
    /// c. can be done with information and communication technology.
    IctPossible,
    /// d. needs minimal face-to-face interaction.
    MinimalFaceToFace,
    /// e. needs no continuous supervision.
    NoContinuousSupervision,
    /// f. meets the further criteria the agency head sets.
    AgencyCriteria,
}

impl Criterion {
    pub const ALL: [Criterion; 6] = [
        Criterion::OutsideOffice,
        Criterion::NoSpecialWorkspace,
        Criterion::IctPossible,
        Criterion::MinimalFaceToFace,
        Criterion::NoContinuousSupervision,
        Criterion::AgencyCriteria,
    ];

    /// The code used in forms, JSON and as the database column.
    pub fn code(self) -> &'static str {
        match self {
            Criterion::OutsideOffice => "outside_office",
            Criterion::NoSpecialWorkspace => "no_special_workspace",
            Criterion::IctPossible => "ict_possible",
            Criterion::MinimalFaceToFace => "minimal_face_to_face",
            Criterion::NoContinuousSupervision => "no_continuous_supervision",
            Criterion::AgencyCriteria => "agency_criteria",
        }
    }

    /// The letter of the criterion in the regulation (a–f).
    pub fn letter(self) -> char {
        (b'a' + self.index() as u8) as char
    }

    pub fn index(self) -> usize {
        Criterion::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }

    /// The criterion's wording: the Indonesian as in Permen PANRB 4/2025, and English.
    pub fn text(self) -> Message {
        let (id, en) = match self {
            Criterion::OutsideOffice => (
                "dapat dilaksanakan di luar kantor",
                "can be done outside the office",
            ),
            Criterion::NoSpecialWorkspace => (
                "tidak memerlukan ruang kerja dan/atau peralatan khusus",
                "needs no special workspace or equipment",
            ),
            Criterion::IctPossible => (
                "dapat dilaksanakan dengan memanfaatkan teknologi informasi dan komunikasi",
                "can be done with information and communication technology",
            ),
            Criterion::MinimalFaceToFace => (
                "memerlukan interaksi tatap muka yang minimal",
                "needs minimal face-to-face interaction",
            ),
            Criterion::NoContinuousSupervision => (
                "tidak memerlukan pengawasan secara terus-menerus",
                "needs no continuous supervision",
            ),
            Criterion::AgencyCriteria => (
                "memenuhi kriteria lain yang ditetapkan oleh pimpinan instansi",
                "meets the further criteria set by the head of the agency",
            ),
        };
        Message::text_of(id, en)
    }
}

/// One activity's assessment: which of the six criteria it meets, in `Criterion::ALL` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Assessment(pub [bool; 6]);

impl Assessment {
    pub fn meets(&self, c: Criterion) -> bool {
        self.0[c.index()]
    }

    /// The criteria it fails.
    pub fn missing(&self) -> Vec<Criterion> {
        Criterion::ALL
            .into_iter()
            .filter(|c| !self.meets(*c))
            .collect()
    }
}

/// Permen PANRB 4/2025: an activity may be done flexibly only when it meets all six
/// criteria (the sixth being whatever the agency head adds).
pub fn activity_qualifies(a: &Assessment) -> bool {
    a.0.iter().all(|m| *m)
}

/// What a position's mapped activities make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PositionClass {
    /// No activity mapped yet ("belum dipetakan"): nobody in it is eligible until it is.
    Unmapped,
    /// No activity qualifies: the work is done in the office.
    OnSite,
    /// Some activities qualify.
    Hybrid,
    /// Every activity qualifies.
    RemoteCapable,
}

impl PositionClass {
    pub const ALL: [PositionClass; 4] = [
        PositionClass::RemoteCapable,
        PositionClass::Hybrid,
        PositionClass::OnSite,
        PositionClass::Unmapped,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PositionClass::Unmapped => "unmapped",
            PositionClass::OnSite => "on_site",
            PositionClass::Hybrid => "hybrid",
            PositionClass::RemoteCapable => "remote_capable",
        }
    }
}

/// How many of a set of activities qualify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Share {
    pub qualifying: u32,
    pub total: u32,
}

impl Share {
    /// Counts the qualifying activities among `activities`.
    pub fn of<'a>(activities: impl IntoIterator<Item = &'a Assessment>) -> Share {
        activities.into_iter().fold(Share::default(), |s, a| Share {
            qualifying: s.qualifying + activity_qualifies(a) as u32,
            total: s.total + 1,
        })
    }

    /// The share in whole percent, rounded down (0 when there is nothing).
    pub fn percent(&self) -> u32 {
        (self.qualifying * 100).checked_div(self.total).unwrap_or(0)
    }
}

impl std::ops::Add for Share {
    type Output = Share;

    fn add(self, other: Share) -> Share {
        Share {
            qualifying: self.qualifying + other.qualifying,
            total: self.total + other.total,
        }
    }
}

/// A position's class from its mapped activities (the mapping the KPPOD and Permen PANRB
/// 4/2025 call for): all qualify → remote-capable, some → hybrid, none → on-site, no
/// activity at all → unmapped.
pub fn classify(share: Share) -> PositionClass {
    if share.total == 0 {
        PositionClass::Unmapped
    } else if share.qualifying == share.total {
        PositionClass::RemoteCapable
    } else if share.qualifying == 0 {
        PositionClass::OnSite
    } else {
        PositionClass::Hybrid
    }
}

/// The most flexible (location) days a week a position allows under `policy`: a
/// remote-capable position the policy's maximum (Permen PANRB 4/2025: at most 2 working
/// days a week by default); a hybrid one its qualifying share of the unit's working days,
/// rounded down, never above the policy's maximum; on-site and unmapped positions none.
pub fn max_flex_days(class: PositionClass, share: Share, policy: &Policy) -> u32 {
    let cap = policy.max_flex_days_per_week;
    match class {
        PositionClass::RemoteCapable => cap,
        PositionClass::Hybrid => {
            let days = policy.work_days.count();
            let by_share = (share.qualifying * days)
                .checked_div(share.total)
                .unwrap_or(0);
            cap.min(by_share)
        }
        PositionClass::OnSite | PositionClass::Unmapped => 0,
    }
}

/// What the employee criteria look at: the personnel record.
#[derive(Debug, Clone)]
pub struct EmployeeFacts {
    pub discipline: Discipline,
    /// TMT jabatan: when the employee took up the current position.
    pub position_since: Option<Date>,
}

/// Whole months from `since` to `today` (0 when `since` is later).
pub fn months_in_position(since: Date, today: Date) -> u32 {
    if since >= today {
        return 0;
    }
    since
        .until((Unit::Month, today))
        .map(|s| s.get_months().max(0) as u32)
        .unwrap_or(0)
}

/// The first date on which someone placed on `since` is no longer newly placed.
pub fn eligible_from(since: Date, min_months: u32) -> Option<Date> {
    since
        .checked_add(Span::new().months(i64::from(min_months)))
        .ok()
}

/// Permen PANRB 4/2025, the employee criteria: not serving or being processed for a
/// disciplinary penalty, and not newly placed in the position (by recruitment, promotion,
/// transfer or rotation) — here at least `min_months` months in it, the agency's number
/// (`Policy::min_months_in_position`). Each failed criterion gives its own reason; an
/// unrecorded start in the position cannot be checked, so it is a reason too.
pub fn employee_reasons(facts: &EmployeeFacts, today: Date, min_months: u32) -> Vec<Message> {
    let mut reasons = Vec::new();
    match facts.discipline {
        Discipline::None => {}
        Discipline::InProcess => reasons.push(Message::text_of(
            "sedang dalam proses penjatuhan hukuman disiplin",
            "is being processed for a disciplinary penalty",
        )),
        Discipline::Serving => reasons.push(Message::text_of(
            "sedang menjalani hukuman disiplin",
            "is serving a disciplinary penalty",
        )),
    }
    match facts.position_since {
        None => reasons.push(Message::text_of(
            "TMT jabatan belum tercatat, sehingga masa kerja pada jabatan tidak dapat diperiksa; minta admin kepegawaian melengkapinya",
            "the start date in the position is not recorded, so time in the position cannot be checked; ask the personnel admin to add it",
        )),
        Some(since) => {
            let months = months_in_position(since, today);
            if months < min_months {
                let from = eligible_from(since, min_months)
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                reasons.push(Message::text_of(
                    format!(
                        "baru {months} bulan pada jabatan ini (TMT {since}); minimal {min_months} bulan, memenuhi syarat mulai {from}"
                    ),
                    format!(
                        "only {months} months in this position (since {since}); at least {min_months} months are needed, eligible from {from}"
                    ),
                ));
            }
        }
    }
    reasons
}

/// Why a position of this class gives no flexible days, if it gives none.
pub fn position_reasons(
    class: PositionClass,
    share: Share,
    policy: &Policy,
    position: &str,
    unit: &str,
) -> Vec<Message> {
    let reason = match class {
        PositionClass::Unmapped => Message::text_of(
            format!(
                "aktivitas jabatan {position} di {unit} belum dipetakan terhadap kriteria tugas (belum dipetakan)"
            ),
            format!(
                "the activities of {position} in {unit} have not been mapped against the task criteria (not mapped)"
            ),
        ),
        PositionClass::OnSite => Message::text_of(
            format!(
                "tidak ada aktivitas jabatan {position} yang memenuhi keenam kriteria tugas; jabatan ini dikerjakan di kantor"
            ),
            format!(
                "no activity of {position} meets all six task criteria; the position is worked on site"
            ),
        ),
        _ if policy.max_flex_days_per_week == 0 => Message::text_of(
            "kebijakan unit tidak memberi hari kerja fleksibel (paling banyak 0 hari per minggu)",
            "the unit's policy allows no flexible days (at most 0 days a week)",
        ),
        PositionClass::Hybrid if max_flex_days(class, share, policy) == 0 => Message::text_of(
            format!(
                "hanya {} dari {} aktivitas jabatan {position} yang memenuhi kriteria, kurang dari satu hari kerja per minggu",
                share.qualifying, share.total
            ),
            format!(
                "only {} of {} activities of {position} qualify, less than one working day a week",
                share.qualifying, share.total
            ),
        ),
        _ => return vec![],
    };
    vec![reason]
}

/// Whether an employee may work flexibly, and exactly why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Eligibility {
    pub eligible: bool,
    /// The class of the employee's position in their unit.
    pub class: PositionClass,
    /// Flexible (location) days a week allowed; 0 when not eligible.
    pub max_flex_days: u32,
    /// Every criterion not met; empty exactly when eligible.
    pub reasons: Vec<Message>,
}

/// The position's assessment as the employee's eligibility needs it.
#[derive(Debug, Clone)]
pub struct PositionFacts<'a> {
    pub position: &'a str,
    pub unit: &'a str,
    pub share: Share,
}

/// An employee's eligibility: both the position's and the person's criteria must hold
/// (Permen PANRB 4/2025), and the position must give at least one flexible day.
pub fn eligibility(
    policy: &Policy,
    position: &PositionFacts<'_>,
    employee: &EmployeeFacts,
    today: Date,
) -> Eligibility {
    let class = classify(position.share);
    let mut reasons = employee_reasons(employee, today, policy.min_months_in_position);
    reasons.extend(position_reasons(
        class,
        position.share,
        policy,
        position.position,
        position.unit,
    ));
    let eligible = reasons.is_empty();
    Eligibility {
        eligible,
        class,
        max_flex_days: if eligible {
            max_flex_days(class, position.share, policy)
        } else {
            0
        },
        reasons,
    }
}

/// Activities a position may have in one unit: enough for any real position, and a bound
/// on the mapping page.
pub const MAX_ACTIVITIES_PER_POSITION: usize = 40;
/// The longest activity name.
pub const MAX_ACTIVITY_LEN: usize = 200;

/// Checks an activity's name: required, at most `MAX_ACTIVITY_LEN` characters, one line of
/// printable text. Returns it trimmed.
pub fn check_activity_name(name: &str) -> Result<String, FieldError> {
    let bad = |m| FieldError::new("activity", m);
    let v = bounded_text(name, MAX_ACTIVITY_LEN, true)
        .map_err(bad)?
        .unwrap_or_default();
    if v.chars().any(char::is_control) {
        return Err(bad(Message::text_of(
            "hanya satu baris teks, tanpa karakter kontrol",
            "one line of text only, without control characters",
        )));
    }
    Ok(v)
}

/// A unit's summary: its share of remote-capable work and its people by position class.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UnitSummary {
    /// Qualifying activities among all mapped activities of the unit's positions.
    pub share: Share,
    /// People in remote-capable, hybrid, on-site and unmapped positions.
    pub remote_capable: u32,
    pub hybrid: u32,
    pub on_site: u32,
    pub unmapped: u32,
}

impl UnitSummary {
    /// From each position's share and how many people hold it in the unit.
    pub fn of(positions: impl IntoIterator<Item = (Share, u32)>) -> UnitSummary {
        let mut s = UnitSummary::default();
        for (share, people) in positions {
            s.share = s.share + share;
            match classify(share) {
                PositionClass::RemoteCapable => s.remote_capable += people,
                PositionClass::Hybrid => s.hybrid += people,
                PositionClass::OnSite => s.on_site += people,
                PositionClass::Unmapped => s.unmapped += people,
            }
        }
        s
    }

    pub fn people(&self) -> u32 {
        self.remote_capable + self.hybrid + self.on_site + self.unmapped
    }
}
