//! Output dashboards: `GET /dashboard?unit=&month=` — the figures of a unit's subtree (its
//! readers) or, without a unit, of the caller's direct reports, by week and for the month,
//! office days beside remote days.

use crate::extract::ApiActor;
use crate::{AppState, WebError};
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use fleksi_domain::performance::Totals;
use fleksi_service::dashboard::{self as service, Scope, Split};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new().route("/dashboard", get(dashboard))
}

#[derive(Deserialize, IntoParams, Default)]
pub struct Params {
    /// A unit id; empty: the caller's direct reports.
    #[serde(default)]
    pub unit: String,
    /// `YYYY-MM`; empty: this month.
    #[serde(default)]
    pub month: String,
}

/// The running totals of a stretch of days, with the rates they give.
#[derive(Serialize, ToSchema)]
pub struct Figures {
    pub due: i64,
    pub due_reported: i64,
    /// Percent of due daily reports that came in.
    pub submission_rate: Option<f64>,
    pub reports: i64,
    pub items: i64,
    pub items_done: i64,
    pub items_blocked: i64,
    pub tasks_done: i64,
    pub tasks_on_time: i64,
    pub tasks_late: i64,
    /// Percent of tasks with a deadline done by it.
    pub on_time_rate: Option<f64>,
    pub mean_response_hours: Option<f64>,
}

fn figures(t: &Totals) -> Figures {
    Figures {
        due: t.due,
        due_reported: t.due_reported,
        submission_rate: t.submission_rate(),
        reports: t.reports,
        items: t.items,
        items_done: t.items_done,
        items_blocked: t.items_blocked,
        tasks_done: t.tasks_done,
        tasks_on_time: t.tasks_on_time,
        tasks_late: t.tasks_late,
        on_time_rate: t.on_time_rate(),
        mean_response_hours: t.mean_response_hours(),
    }
}

#[derive(Serialize, ToSchema)]
pub struct Split3 {
    pub office: Figures,
    pub remote: Figures,
    pub all: Figures,
}

fn split(s: &Split) -> Split3 {
    Split3 {
        office: figures(&s.office),
        remote: figures(&s.remote),
        all: figures(&s.all()),
    }
}

#[derive(Serialize, ToSchema)]
pub struct Week {
    /// The Monday; only the week's days inside the month are counted.
    pub week: String,
    pub figures: Split3,
}

#[derive(Serialize, ToSchema)]
pub struct Dashboard {
    /// The unit shown, or null for the caller's direct reports.
    pub unit_id: Option<i64>,
    pub month: String,
    pub people: i64,
    pub month_total: Split3,
    pub weeks: Vec<Week>,
}

#[utoipa::path(get, path = "/api/v1/dashboard", tag = "dashboard", params(Params), security(("bearer" = [])),
    responses((status = 200, body = Dashboard), (status = 403, description = "not a reader of the unit, or no direct reports")))]
pub async fn dashboard(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<Params>,
) -> Result<Json<Dashboard>, WebError> {
    let unit = (!q.unit.trim().is_empty()).then_some(q.unit.as_str());
    let d = service::get(&s.app, &actor, unit, &q.month)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(Dashboard {
        unit_id: match &d.scope {
            Scope::Unit(u) => Some(u.id),
            Scope::Team => None,
        },
        month: d.month,
        people: d.people,
        month_total: split(&d.total),
        weeks: d
            .weeks
            .iter()
            .map(|(monday, s)| Week {
                week: monday.to_string(),
                figures: split(s),
            })
            .collect(),
    }))
}
