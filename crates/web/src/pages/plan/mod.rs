//! Location plans: `/plans` (my requests and the form to submit one), `/plans/{id}` (one
//! request: days, flags, decision; resubmit or withdraw), `/approvals` (the approver's
//! queue with bulk decisions) and `/acting` (Plt/Plh for admins).

mod acting;
mod approvals;
mod form;
mod mine;

use crate::i18n::T;
use crate::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use fleksi_domain::plan::Flag;
use fleksi_service::plan::submit::MAX_EVIDENCE_BYTES;
use fleksi_service::plan::RequestView;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/plans", get(mine::list).post(mine::submit))
        .route("/plans/{id}", get(mine::detail))
        .route("/plans/{id}/resubmit", post(mine::resubmit))
        .route("/plans/{id}/withdraw", post(mine::withdraw))
        .route("/plans/{id}/evidence", get(mine::evidence))
        .route("/approvals", get(approvals::queue).post(approvals::decide))
        .route("/acting", get(acting::list).post(acting::add))
        .route("/acting/{id}/delete", post(acting::remove))
        // Room for the largest evidence file plus the form; a larger file is cut off while
        // reading and answered with the size rule.
        .layer(DefaultBodyLimit::max(MAX_EVIDENCE_BYTES * 4))
}

/// One request as a row of a list, with its texts resolved.
pub struct Item {
    pub id: i64,
    pub employee: String,
    pub nip: String,
    pub unit: String,
    pub range: String,
    pub status: String,
    pub status_label: &'static str,
    pub mode: String,
    /// `Sel 01-12: Rumah` for each day away from the office.
    pub away: Vec<String>,
    pub office_days: usize,
    pub flags: Vec<String>,
    pub reason: String,
    pub work_plan: String,
    pub evidence_link: String,
    pub has_file: bool,
    pub comment: String,
    pub decided_by: String,
    pub acting: bool,
    pub open: bool,
}

pub fn flag_texts(t: T, flags: &[Flag]) -> Vec<String> {
    flags.iter().map(|f| f.text(t.0).to_string()).collect()
}

/// The day's short weekday and `DD-MM`.
fn short_day(t: T, date: &str) -> String {
    match date.parse::<jiff::civil::Date>() {
        Ok(d) => format!(
            "{} {:02}-{:02}",
            t.of("wds.", &d.weekday().to_monday_zero_offset().to_string()),
            d.day(),
            d.month()
        ),
        Err(_) => date.to_string(),
    }
}

impl Item {
    pub fn of(t: T, v: &RequestView) -> Item {
        let r = &v.row;
        let away = v
            .days
            .iter()
            .filter(|d| d.location != "office")
            .map(|d| {
                let mut s = format!("{}: {}", short_day(t, &d.date), t.of("loc.", &d.location));
                if let Some(desc) = &d.description {
                    s.push_str(&format!(" ({desc})"));
                }
                s
            })
            .collect();
        let mut mode = t.of("plans.mode.", &r.time_mode).to_string();
        if let Some(s) = &r.shift_start {
            mode.push_str(&format!(" {s}"));
        }
        Item {
            id: r.id,
            employee: r.employee_name.clone(),
            nip: r.nip.clone(),
            unit: r.unit_name.clone(),
            range: if r.first_day == r.last_day {
                r.first_day.clone()
            } else {
                format!("{} – {}", r.first_day, r.last_day)
            },
            status: r.status.clone(),
            status_label: t.of("plans.status.", &r.status),
            mode,
            away,
            office_days: v.days.len() - v.flexible_days(),
            flags: flag_texts(t, &v.flags),
            reason: r.reason.clone(),
            work_plan: r.work_plan.clone(),
            evidence_link: r.evidence_link.clone().unwrap_or_default(),
            has_file: r.evidence_file_id.is_some(),
            comment: r.decision_comment.clone().unwrap_or_default(),
            decided_by: r.decided_by_name.clone().unwrap_or_default(),
            acting: r.decided_as_acting != 0,
            open: v.open(),
        }
    }
}
