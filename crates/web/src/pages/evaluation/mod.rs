//! Evaluations: `/evaluations` (mine and my reports' for a period), `/evaluations/{id}`
//! (actual values with evidence, the supervisor's ratings with the regulation's guidance,
//! 360 feedback in aggregate, the predikat), `/evaluations/{id}/print` (A4),
//! `/feedback` (360 requests to answer) and `/evaluations/distribution` (a unit's spread
//! of predikat against its result, the final step). Plain forms; no JavaScript needed.

mod detail;
mod distribution;
mod feedback;
mod list;
mod sheet;

use crate::i18n::T;
use crate::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use fleksi_domain::performance::{Period, Predikat, Rating};
use fleksi_service::evidence::MAX_EVIDENCE_BYTES;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evaluations", get(list::list).post(list::open))
        .route(
            "/evaluations/distribution",
            get(distribution::spread).post(distribution::set_result),
        )
        .route(
            "/evaluations/distribution/finalize",
            post(distribution::finalize),
        )
        .route("/evaluations/settings", post(distribution::period_kind))
        .route("/evaluations/{id}", get(detail::detail))
        .route("/evaluations/{id}/print", get(detail::print))
        .route("/evaluations/{id}/actuals", post(detail::actual))
        .route("/evaluations/{id}/rating", post(detail::rating))
        .route("/evaluations/{id}/feedback", post(detail::ask))
        .route(
            "/evaluations/{id}/evidence/{indicator}",
            get(detail::evidence),
        )
        .route("/performance", get(list::overview))
        .route("/feedback", get(feedback::asked))
        .route(
            "/feedback/{request}",
            get(feedback::answer_form).post(feedback::answer),
        )
        .layer(DefaultBodyLimit::max(MAX_EVIDENCE_BYTES * 4))
}

#[derive(Deserialize, Default)]
pub struct Params {
    #[serde(default)]
    period: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    done: String,
}

fn rating_label(t: T, code: Option<&str>) -> String {
    code.and_then(|c| Rating::parse(c).ok())
        .map(|r| r.text().text(t.0))
        .unwrap_or_default()
}

fn predikat_label(code: Option<&str>) -> String {
    code.and_then(|c| Predikat::parse(c).ok())
        .map(|p| p.label().to_string())
        .unwrap_or_default()
}

fn period_label(t: T, code: &str) -> String {
    Period::parse(code)
        .map(|p| p.text().text(t.0))
        .unwrap_or_else(|_| code.to_string())
}
