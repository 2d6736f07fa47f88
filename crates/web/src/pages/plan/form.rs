//! The request form as the page shows and posts it: one select per working weekday, a few
//! exception rows, the time arrangement, reason, work plan and evidence. Posted values are
//! kept so a refused form comes back as typed.

use crate::i18n::T;
use axum::extract::Multipart;
use fleksi_domain::plan::{Day, ExceptionInput, PlaceInput, RequestInput};
use fleksi_domain::policy::{Policy, TimeMode, WorkLocation};
use fleksi_service::plan::submit::Upload;
use fleksi_service::plan::RequestView;
use std::collections::BTreeMap;

/// Exception rows on the form (the API takes up to `MAX_EXCEPTIONS`).
pub const EXCEPTION_ROWS: usize = 4;

pub struct PatternRow {
    pub code: &'static str,
    pub label: &'static str,
    pub location: String,
    pub description: String,
}

pub struct ExceptionRow {
    pub i: usize,
    pub date: String,
    pub location: String,
    pub description: String,
}

/// The form's values and choices.
pub struct FormState {
    pub action: String,
    pub first_day: String,
    pub last_day: String,
    pub pattern: Vec<PatternRow>,
    pub exceptions: Vec<ExceptionRow>,
    pub time_mode: String,
    pub start: String,
    pub reason: String,
    pub work_plan: String,
    pub evidence_link: String,
    /// (code, label) of the locations the policy allows.
    pub locations: Vec<(&'static str, &'static str)>,
    pub modes: Vec<(&'static str, &'static str)>,
    /// The flexible-start window, `06:30–08:30`.
    pub window: String,
    /// A resubmission keeps the earlier file unless another is chosen.
    pub has_file: bool,
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

impl FormState {
    /// A form for `policy`, filled from posted `fields` (empty for a blank form).
    pub fn new(t: T, policy: &Policy, action: &str, fields: &[(String, String)]) -> FormState {
        let pattern = Day::ALL
            .into_iter()
            .filter(|d| policy.work_days.contains(d.weekday()))
            .map(|d| PatternRow {
                code: d.code(),
                label: t.of("wd.", &d.index().to_string()),
                location: field(fields, &format!("pattern.{}", d.code())).to_string(),
                description: field(fields, &format!("pattern.{}.description", d.code()))
                    .to_string(),
            })
            .collect();
        let exceptions = (0..EXCEPTION_ROWS)
            .map(|i| ExceptionRow {
                i,
                date: field(fields, &format!("exc.{i}.date")).to_string(),
                location: field(fields, &format!("exc.{i}.location")).to_string(),
                description: field(fields, &format!("exc.{i}.description")).to_string(),
            })
            .collect();
        FormState {
            action: action.to_string(),
            first_day: field(fields, "first_day").to_string(),
            last_day: field(fields, "last_day").to_string(),
            pattern,
            exceptions,
            time_mode: field(fields, "time_mode").to_string(),
            start: field(fields, "start").to_string(),
            reason: field(fields, "reason").to_string(),
            work_plan: field(fields, "work_plan").to_string(),
            evidence_link: field(fields, "evidence_link").to_string(),
            locations: WorkLocation::ALL
                .into_iter()
                .filter(|l| policy.allowed_locations.contains(l))
                .map(|l| (l.code(), t.of("loc.", l.code())))
                .collect(),
            modes: TimeMode::ALL
                .into_iter()
                .filter(|m| policy.allowed_time_modes.contains(m))
                .map(|m| (m.code(), t.of("plans.mode.", m.code())))
                .collect(),
            window: format!(
                "{}–{}",
                policy.flex_start_earliest, policy.flex_start_latest
            ),
            has_file: false,
        }
    }

    /// A blank form for next week: office on every working weekday.
    pub fn blank(t: T, policy: &Policy, first: &str, last: &str) -> FormState {
        let mut f = FormState::new(t, policy, "/plans", &[]);
        f.first_day = first.into();
        f.last_day = last.into();
        for p in &mut f.pattern {
            p.location = "office".into();
        }
        f
    }

    /// The form filled with a stored request, to change and send again.
    pub fn of_view(t: T, policy: &Policy, v: &RequestView) -> FormState {
        let r = &v.row;
        let mut fields: Vec<(String, String)> = vec![
            ("first_day".into(), r.first_day.clone()),
            ("last_day".into(), r.last_day.clone()),
            ("time_mode".into(), r.time_mode.clone()),
            ("start".into(), r.shift_start.clone().unwrap_or_default()),
            ("reason".into(), r.reason.clone()),
            ("work_plan".into(), r.work_plan.clone()),
            (
                "evidence_link".into(),
                r.evidence_link.clone().unwrap_or_default(),
            ),
        ];
        for (day, place) in &v.pattern {
            fields.push((
                format!("pattern.{}", day.code()),
                place.location.code().into(),
            ));
            fields.push((
                format!("pattern.{}.description", day.code()),
                place.description.clone().unwrap_or_default(),
            ));
        }
        // Days that differ from the pattern were exceptions.
        let mut i = 0;
        for d in &v.days {
            let from_pattern = d
                .date
                .parse::<jiff::civil::Date>()
                .ok()
                .and_then(|date| v.pattern.get(&Day::of(date.weekday())))
                .is_some_and(|p| p.location.code() == d.location && p.description == d.description);
            if from_pattern || i >= EXCEPTION_ROWS {
                continue;
            }
            fields.push((format!("exc.{i}.date"), d.date.clone()));
            fields.push((format!("exc.{i}.location"), d.location.clone()));
            fields.push((
                format!("exc.{i}.description"),
                d.description.clone().unwrap_or_default(),
            ));
            i += 1;
        }
        let mut f = FormState::new(t, policy, &format!("/plans/{}/resubmit", r.id), &fields);
        f.has_file = r.evidence_file_id.is_some();
        f
    }
}

/// The request the posted fields describe.
pub fn input_of(fields: &[(String, String)]) -> RequestInput {
    let mut pattern = BTreeMap::new();
    for d in Day::ALL {
        let location = field(fields, &format!("pattern.{}", d.code()));
        if !location.is_empty() {
            pattern.insert(
                d.code().to_string(),
                PlaceInput {
                    location: location.into(),
                    description: field(fields, &format!("pattern.{}.description", d.code())).into(),
                },
            );
        }
    }
    let exceptions = (0..EXCEPTION_ROWS)
        .map(|i| ExceptionInput {
            date: field(fields, &format!("exc.{i}.date")).into(),
            location: field(fields, &format!("exc.{i}.location")).into(),
            description: field(fields, &format!("exc.{i}.description")).into(),
        })
        .collect();
    RequestInput {
        first_day: field(fields, "first_day").into(),
        last_day: field(fields, "last_day").into(),
        pattern,
        exceptions,
        time_mode: field(fields, "time_mode").into(),
        start: field(fields, "start").into(),
        reason: field(fields, "reason").into(),
        evidence_link: field(fields, "evidence_link").into(),
        work_plan: field(fields, "work_plan").into(),
        ..Default::default()
    }
}

/// A posted multipart form: its text fields and the evidence file, if one was chosen.
pub async fn read(m: Multipart) -> (Vec<(String, String)>, Option<Upload>) {
    crate::pages::fields::read_multipart(m).await
}
