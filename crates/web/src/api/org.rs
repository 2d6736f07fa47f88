//! `GET /units`: the org tree of the caller's agency.

use crate::extract::ApiActor;
use crate::{AppState, WebError};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use fleksi_service::org;
use serde::Serialize;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new().route("/units", get(units))
}

#[derive(Serialize, ToSchema)]
pub struct Unit {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub parent_id: Option<i64>,
    pub depth: usize,
    pub kind: Option<String>,
    pub region_code: Option<String>,
    pub region_name: Option<String>,
    /// WIB, WITA or WIT.
    pub time_zone: String,
    pub headcount: i64,
    pub total: i64,
}

#[utoipa::path(get, path = "/api/v1/units", tag = "org", security(("bearer" = [])), responses((status = 200, body = [Unit]), (status = 401, body = super::Problem)))]
pub async fn units(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<Unit>>, WebError> {
    let nodes = org::tree(&s.app, &actor)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(
        nodes
            .into_iter()
            .map(|n| Unit {
                id: n.unit.id,
                code: n.unit.code,
                name: n.unit.name,
                parent_id: n.unit.parent_id,
                depth: n.depth,
                kind: n.unit.kind,
                region_code: n.unit.region_code,
                region_name: n.unit.region_name,
                time_zone: n.unit.time_zone,
                headcount: n.headcount,
                total: n.total,
            })
            .collect(),
    ))
}
