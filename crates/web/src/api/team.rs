//! `GET /teams` and `GET /teams/{id}`.

use crate::extract::ApiActor;
use crate::{AppState, WebError};
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use fleksi_service::{team, ServiceError};
use fleksi_store::team::TeamRow;
use serde::Serialize;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/teams", get(list))
        .route("/teams/{id}", get(detail))
}

#[derive(Serialize, ToSchema)]
pub struct Team {
    pub id: i64,
    pub name: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub lead_id: i64,
    pub lead_name: String,
    pub member_count: i64,
}

impl From<TeamRow> for Team {
    fn from(t: TeamRow) -> Self {
        Team {
            id: t.id,
            name: t.name,
            unit_id: t.unit_id,
            unit_name: t.unit_name,
            lead_id: t.lead_id,
            lead_name: t.lead_name,
            member_count: t.member_count,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Member {
    pub employee_id: i64,
    pub nip: String,
    pub name: String,
    pub unit_name: String,
    pub cross_unit: bool,
    pub assignment_letter: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TeamDetail {
    pub team: Team,
    pub members: Vec<Member>,
}

#[utoipa::path(get, path = "/api/v1/teams", tag = "teams", security(("bearer" = [])), responses((status = 200, body = [Team])))]
pub async fn list(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<Team>>, WebError> {
    let teams = team::list(&s.app, &actor)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(teams.into_iter().map(Into::into).collect()))
}

#[utoipa::path(get, path = "/api/v1/teams/{id}", tag = "teams", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = TeamDetail), (status = 404, body = super::Problem)))]
pub async fn detail(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> Result<Json<TeamDetail>, WebError> {
    let id: i64 = id
        .parse()
        .map_err(|_| WebError::Api(ServiceError::NotFound, actor.locale))?;
    let (t, members) = team::get(&s.app, &actor, id)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(TeamDetail {
        team: t.into(),
        members: members
            .into_iter()
            .map(|m| Member {
                employee_id: m.employee_id,
                nip: m.nip,
                name: m.name,
                unit_name: m.unit_name,
                cross_unit: m.cross_unit != 0,
                assignment_letter: m.assignment_letter,
            })
            .collect(),
    }))
}
