//! `POST /import/employees` and `POST /import/units`: the CSV file is the request body.

use crate::extract::ApiActor;
use crate::{AppState, WebError};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::routing::post;
use axum::{Json, Router};
use fleksi_service::import::{self, MAX_BYTES};
use serde::Serialize;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/import/employees", post(employees))
        .route("/import/units", post(units))
        .layer(DefaultBodyLimit::max(MAX_BYTES * 4))
}

#[derive(Serialize, ToSchema)]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl From<import::Summary> for ImportSummary {
    fn from(s: import::Summary) -> Self {
        ImportSummary {
            created: s.created,
            updated: s.updated,
            unchanged: s.unchanged,
        }
    }
}

#[utoipa::path(post, path = "/api/v1/import/employees", tag = "import", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportSummary), (status = 422, description = "Nothing written; `rows` lists every problem (line, column, code, message)", body = super::Problem), (status = 403, body = super::Problem)))]
pub async fn employees(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Bytes,
) -> Result<Json<ImportSummary>, WebError> {
    let summary = import::import_employees(&s.app, &actor, &body)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(summary.into()))
}

#[utoipa::path(post, path = "/api/v1/import/units", tag = "import", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportSummary), (status = 422, body = super::Problem), (status = 403, body = super::Problem)))]
pub async fn units(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Bytes,
) -> Result<Json<ImportSummary>, WebError> {
    let summary = import::import_units(&s.app, &actor, &body)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(summary.into()))
}
