//! Performance plans (SKP): `/skp` (my plan of a year, or the button to open it),
//! `/skp/{id}` (one plan: results with indicators, expectations, annex, actions,
//! dialogues, revisions — with the forms open to the reader), `/skp/{id}/print` (A4),
//! `/skp/review` (the plans I evaluate) and `/skp/cascade` (the tree of results).
//! Plain forms with the CSRF token; no JavaScript needed.

mod cascade;
mod edit;
mod mine;
mod plan;
mod sheet;

use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/skp", get(mine::mine).post(mine::open))
        .route("/skp/review", get(mine::review))
        .route("/skp/cascade", get(cascade::cascade_page))
        .route("/skp/{id}", get(plan::detail))
        .route("/skp/{id}/print", get(plan::print))
        .route("/skp/{id}/results", post(edit::add_result))
        .route("/skp/{id}/results/{rid}", post(edit::update_result))
        .route("/skp/{id}/results/{rid}/remove", post(edit::remove_result))
        .route(
            "/skp/{id}/results/{rid}/indicators",
            post(edit::add_indicator),
        )
        .route("/skp/{id}/indicators/{iid}", post(edit::update_indicator))
        .route(
            "/skp/{id}/indicators/{iid}/remove",
            post(edit::remove_indicator),
        )
        .route("/skp/{id}/expectations", post(edit::expectations))
        .route("/skp/{id}/annex", post(edit::annex))
        .route("/skp/{id}/actions", post(edit::action))
        .route("/skp/{id}/dialogues", post(edit::dialogue))
}

#[derive(Deserialize, Default)]
pub struct Params {
    #[serde(default)]
    year: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    done: String,
}

/// A number as people write it: no trailing `.0`.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
