//! `GET /eligibility/me`: whether the caller may work flexibly, and exactly why not.

use crate::extract::ApiActor;
use crate::i18n::T;
use crate::{AppState, WebError};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use fleksi_domain::eligibility::Criterion;
use fleksi_service::{eligibility, ServiceError};
use serde::Serialize;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new().route("/eligibility/me", get(me))
}

#[derive(Serialize, ToSchema)]
pub struct MyEligibility {
    pub eligible: bool,
    /// `remote_capable`, `hybrid`, `on_site` or `unmapped` (the position's activities in the
    /// unit are not mapped yet).
    pub class: String,
    /// Flexible (location) days a week allowed; 0 when not eligible.
    pub max_flex_days: u32,
    /// Every criterion not met, in the caller's language; empty exactly when eligible.
    pub reasons: Vec<String>,
    /// The date judged on (`YYYY-MM-DD`, the unit's zone).
    pub date: String,
    pub employee_id: i64,
    pub nip: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub position_name: String,
    pub position_since: Option<String>,
    /// `none`, `in_process` or `serving`.
    pub discipline: String,
    pub min_months_in_position: u32,
    pub policy_max_flex_days: u32,
    pub activities: Vec<MappedActivity>,
}

#[derive(Serialize, ToSchema)]
pub struct MappedActivity {
    pub activity: String,
    /// Criterion codes (Permen PANRB 4/2025, a–f) the activity meets.
    pub meets: Vec<String>,
    pub qualifies: bool,
}

#[utoipa::path(get, path = "/api/v1/eligibility/me", tag = "eligibility", security(("bearer" = [])),
    responses((status = 200, body = MyEligibility), (status = 404, body = super::Problem, description = "the account is not linked to an employee")))]
pub async fn me(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<MyEligibility>, WebError> {
    let t = T(actor.locale);
    let m = eligibility::mine(&s.app, &actor)
        .await
        .map_err(WebError::api(actor.locale))?
        .ok_or(WebError::Api(ServiceError::NotFound, actor.locale))?;
    let e = m.employee;
    Ok(Json(MyEligibility {
        eligible: m.eligibility.eligible,
        class: m.eligibility.class.code().into(),
        max_flex_days: m.eligibility.max_flex_days,
        reasons: m.eligibility.reasons.iter().map(|r| t.msg(r)).collect(),
        date: m.today.to_string(),
        employee_id: e.id,
        nip: e.nip,
        unit_id: e.unit_id,
        unit_name: e.unit_name,
        position_name: e.position_name,
        position_since: e.position_since,
        discipline: e.discipline,
        min_months_in_position: m.min_months_in_position,
        policy_max_flex_days: m.policy_max_flex_days,
        activities: m
            .activities
            .iter()
            .map(|a| {
                let met = a.criteria();
                MappedActivity {
                    activity: a.activity.clone(),
                    meets: Criterion::ALL
                        .iter()
                        .filter(|c| met[c.index()])
                        .map(|c| c.code().to_string())
                        .collect(),
                    qualifies: met.iter().all(|m| *m),
                }
            })
            .collect(),
    }))
}
