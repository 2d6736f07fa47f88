//! `GET /employees` (search, filter by unit, key-based pagination) and `GET /employees/{id}`.

use crate::extract::ApiActor;
use crate::{AppState, WebError};
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine as _;
use fleksi_service::{employee, ServiceError};
use fleksi_store::employee::EmployeeRow;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/employees", get(list))
        .route("/employees/{id}", get(detail))
}

#[derive(Serialize, ToSchema)]
pub struct Employee {
    pub id: i64,
    pub nip: String,
    pub name: String,
    /// pns or pppk.
    pub status: String,
    pub position: String,
    /// struktural, fungsional or pelaksana.
    pub position_kind: String,
    pub grade: Option<i64>,
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub time_zone: String,
    pub supervisor_id: Option<i64>,
    pub supervisor_name: Option<String>,
    pub domicile: Option<String>,
    pub position_since: Option<String>,
    /// none, in_process or serving.
    pub discipline: String,
    pub email: Option<String>,
}

impl From<EmployeeRow> for Employee {
    fn from(e: EmployeeRow) -> Self {
        Employee {
            id: e.id,
            nip: e.nip,
            name: e.name,
            status: e.status,
            position: e.position_name,
            position_kind: e.position_kind,
            grade: e.grade,
            unit_id: e.unit_id,
            unit_code: e.unit_code,
            unit_name: e.unit_name,
            time_zone: e.time_zone,
            supervisor_id: e.supervisor_id,
            supervisor_name: e.supervisor_name,
            domicile: e.domicile,
            position_since: e.position_since,
            discipline: e.discipline,
            email: e.email,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct EmployeePage {
    pub items: Vec<Employee>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct ListParams {
    /// Name or NIP contains.
    pub q: Option<String>,
    /// Only this unit and the units below it.
    pub unit: Option<i64>,
    /// From a previous page's `next_cursor`.
    pub cursor: Option<String>,
    /// 1–200 (default 50); larger values are capped.
    pub limit: Option<i64>,
}

fn encode_cursor(name: &str, id: i64) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{id}\u{0}{name}"))
}

fn decode_cursor(c: &str) -> Option<(String, i64)> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(c)
        .ok()?;
    let s = String::from_utf8(bytes).ok()?;
    let (id, name) = s.split_once('\u{0}')?;
    // No name holds a NUL, and PostgreSQL refuses one in text: such a cursor is forged.
    if name.contains('\u{0}') {
        return None;
    }
    Some((name.to_string(), id.parse().ok()?))
}

#[utoipa::path(get, path = "/api/v1/employees", tag = "employees", params(ListParams), security(("bearer" = [])),
    responses((status = 200, body = EmployeePage), (status = 401, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn list(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    params: Result<Query<ListParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<EmployeePage>, WebError> {
    let bad = |field: &str| {
        WebError::Api(
            ServiceError::field(field, fleksi_domain::Message::InvalidNumber),
            actor.locale,
        )
    };
    let Query(p) = params.map_err(|_| bad("query"))?;
    let after = match p.cursor.as_deref() {
        Some(c) => Some(decode_cursor(c).ok_or_else(|| bad("cursor"))?),
        None => None,
    };
    let page = employee::list(
        &s.app,
        &actor,
        employee::Query {
            q: p.q,
            unit_id: p.unit,
            after,
            limit: p.limit,
        },
    )
    .await
    .map_err(WebError::api(actor.locale))?;
    Ok(Json(EmployeePage {
        items: page.items.into_iter().map(Into::into).collect(),
        next_cursor: page.next.map(|(n, i)| encode_cursor(&n, i)),
    }))
}

#[utoipa::path(get, path = "/api/v1/employees/{id}", tag = "employees", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Employee), (status = 404, body = super::Problem)))]
pub async fn detail(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> Result<Json<Employee>, WebError> {
    let id: i64 = id
        .parse()
        .map_err(|_| WebError::Api(ServiceError::NotFound, actor.locale))?;
    let e = employee::get(&s.app, &actor, id)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(e.into()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn cursor_round_trips() {
        let c = super::encode_cursor("Siti Nur\u{e9}", 42);
        assert_eq!(
            super::decode_cursor(&c),
            Some(("Siti Nur\u{e9}".to_string(), 42))
        );
        assert_eq!(super::decode_cursor("!!"), None);
    }
}
