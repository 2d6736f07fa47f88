//! `GET /units/{id}/policy`: a unit's effective policy and where each value comes from.

use crate::extract::ApiActor;
use crate::{AppState, WebError};
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use fleksi_service::{policy, ServiceError};
use serde::Serialize;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new().route("/units/{id}/policy", get(unit_policy))
}

#[derive(Serialize, ToSchema)]
pub struct UnitPolicy {
    pub unit: super::calendar::UnitRef,
    /// Every value in force for the unit (minutes, `HH:MM` times in the unit's zone,
    /// weekdays Monday = 1, location and time-mode codes).
    #[schema(value_type = Object)]
    pub policy: serde_json::Value,
    /// For each value, where it comes from: `{"level":"national"}`, `{"level":"agency"}` or
    /// `{"level":"unit","id":…,"name":…}`.
    #[schema(value_type = Object)]
    pub sources: serde_json::Value,
    /// The values the unit sets itself.
    #[schema(value_type = Object)]
    pub own: serde_json::Value,
}

#[utoipa::path(get, path = "/api/v1/units/{id}/policy", tag = "policy", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = UnitPolicy), (status = 403, body = super::Problem), (status = 404, body = super::Problem)))]
pub async fn unit_policy(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> Result<Json<UnitPolicy>, WebError> {
    let id: i64 = id
        .parse()
        .map_err(|_| WebError::Api(ServiceError::NotFound, actor.locale))?;
    let p = policy::of_unit(&s.app, &actor, id)
        .await
        .map_err(WebError::api(actor.locale))?;
    let json = |v: serde_json::Result<serde_json::Value>| {
        v.map_err(|e| {
            WebError::Api(
                ServiceError::Internal(format!("policy json: {e}")),
                actor.locale,
            )
        })
    };
    Ok(Json(UnitPolicy {
        unit: super::calendar::UnitRef {
            id: p.unit.id,
            code: p.unit.code,
            name: p.unit.name,
        },
        policy: json(serde_json::to_value(&p.effective.policy))?,
        sources: json(serde_json::to_value(&p.effective.sources))?,
        own: json(serde_json::to_value(&p.own))?,
    }))
}
