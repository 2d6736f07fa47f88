//! `GET /audit`: the audit log, newest first, for admins and auditors.

use crate::extract::ApiActor;
use crate::{AppState, WebError};
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use fleksi_service::{audit, ServiceError};
use fleksi_store::audit::Filter;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new().route("/audit", get(list))
}

#[derive(Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor_user_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub record_type: String,
    pub record_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub address: Option<String>,
    pub request_id: Option<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct AuditParams {
    pub action: Option<String>,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    /// Entries older than this id (the last id of the previous page).
    pub before: Option<i64>,
    /// 1–200 (default 50).
    pub limit: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditParams), security(("bearer" = [])),
    responses((status = 200, body = [AuditEntry]), (status = 403, body = super::Problem)))]
pub async fn list(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    params: Result<Query<AuditParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<AuditEntry>>, WebError> {
    let Query(p) = params.map_err(|_| {
        WebError::Api(
            ServiceError::field("query", fleksi_domain::Message::InvalidNumber),
            actor.locale,
        )
    })?;
    let filter = Filter {
        action: p.action,
        record_type: p.record_type,
        record_id: p.record_id,
        ..Filter::default()
    };
    let rows = audit::list(&s.app, &actor, filter, p.before, p.limit)
        .await
        .map_err(WebError::api(actor.locale))?;
    let json = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    Ok(Json(
        rows.into_iter()
            .map(|r| AuditEntry {
                id: r.id,
                at: super::auth::rfc3339(r.at),
                actor_user_id: r.actor_user_id,
                actor: r.actor_label,
                action: r.action,
                record_type: r.record_type,
                record_id: r.record_id,
                before: json(r.before_json),
                after: json(r.after_json),
                address: r.address,
                request_id: r.request_id,
            })
            .collect(),
    ))
}
