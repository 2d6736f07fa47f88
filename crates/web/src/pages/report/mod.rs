//! Reports: `/reports` (my day's report: a few rows, each with status, what is needed and
//! a link to a task or SKP result; evidence), `/reports/{id}` (one report, acknowledged by
//! the supervisor), `/reports/team` (the supervisor's day, blocked items first),
//! `/reports/week` (my week compiled, with the reflection) and `/reports/team-week`.
//! Plain forms with the CSRF token; no JavaScript needed.

mod card;
mod day;
mod detail;
mod team;
mod week;

use crate::pages::fields::value;
use crate::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use fleksi_service::evidence::MAX_EVIDENCE_BYTES;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports", get(day::mine).post(day::send))
        .route("/reports/team", get(team::team_day))
        .route("/reports/week", get(week::my_week).post(week::send_week))
        .route("/reports/team-week", get(team::team_week))
        .route("/reports/week/{employee}", get(week::week_of))
        .route(
            "/reports/weekly/{id}/acknowledge",
            post(week::acknowledge_week),
        )
        .route("/reports/{id}", get(detail::detail))
        .route("/reports/{id}/acknowledge", post(detail::acknowledge))
        .route("/reports/{id}/evidence", get(detail::evidence))
        .layer(DefaultBodyLimit::max(MAX_EVIDENCE_BYTES * 4))
}

#[derive(Deserialize, Default)]
pub struct DateQuery {
    #[serde(default)]
    date: String,
    #[serde(default)]
    done: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    week: String,
}

/// Where an acknowledgement form sends the browser back to: a page of this site only.
pub(super) fn back_to(fields: &[(String, String)], fallback: &str) -> String {
    let back = value(fields, "back");
    if back.starts_with("/reports") && !back.starts_with("//") {
        back
    } else {
        fallback.to_string()
    }
}
