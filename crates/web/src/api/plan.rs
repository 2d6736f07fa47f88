//! Location plans: `POST /plans` (submit for oneself), `GET /plans` (mine),
//! `GET /plans/queue` (the approver's), `POST /plans/decisions` (one or many),
//! `POST /plans/{id}/withdraw`, and `POST /plans/evidence` (a file before the request).

use crate::extract::ApiActor;
use crate::{AppState, WebError};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use fleksi_domain::plan::{ExceptionInput, PlaceInput, RequestInput};
use fleksi_domain::Locale;
use fleksi_service::plan::submit::{self, Upload, MAX_EVIDENCE_BYTES};
use fleksi_service::plan::{decide, RequestView};
use fleksi_service::ServiceError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/plans", get(mine).post(create))
        .route("/plans/queue", get(queue))
        .route("/plans/decisions", post(decisions))
        .route("/plans/{id}/withdraw", post(withdraw))
        .route(
            "/plans/evidence",
            post(evidence).layer(DefaultBodyLimit::max(MAX_EVIDENCE_BYTES * 4)),
        )
}

/// One place of the pattern or an exception.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PlaceBody {
    /// `office`, `other_office`, `home` or `other`.
    #[serde(default)]
    pub location: String,
    /// Required for `other`.
    #[serde(default)]
    pub description: String,
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ExceptionBody {
    /// `YYYY-MM-DD`, a working day within the request's dates.
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub description: String,
}

/// A request for flexible work, always for the caller. Naming another person
/// (`employee_id`, `nip`) is refused.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PlanRequest {
    pub first_day: String,
    pub last_day: String,
    /// Weekday (`monday` … `sunday`) → place; weekdays left out are not requested.
    #[serde(default)]
    pub pattern: BTreeMap<String, PlaceBody>,
    #[serde(default)]
    pub exceptions: Vec<ExceptionBody>,
    /// `regular` (default), `dynamic` or `shift`.
    #[serde(default)]
    pub time_mode: String,
    /// `HH:MM`: required for `shift`; for `dynamic` within the policy's window.
    #[serde(default)]
    pub start: String,
    pub reason: String,
    /// Measurable targets for the flexible days.
    pub work_plan: String,
    #[serde(default)]
    pub evidence_link: String,
    /// From `POST /api/v1/plans/evidence`.
    #[serde(default)]
    pub evidence_file_id: Option<i64>,
    #[serde(default)]
    pub employee_id: Option<i64>,
    #[serde(default)]
    pub nip: Option<String>,
}

impl From<PlanRequest> for RequestInput {
    fn from(r: PlanRequest) -> RequestInput {
        RequestInput {
            first_day: r.first_day,
            last_day: r.last_day,
            pattern: r
                .pattern
                .into_iter()
                .map(|(k, p)| {
                    (
                        k,
                        PlaceInput {
                            location: p.location,
                            description: p.description,
                        },
                    )
                })
                .collect(),
            exceptions: r
                .exceptions
                .into_iter()
                .map(|e| ExceptionInput {
                    date: e.date,
                    location: e.location,
                    description: e.description,
                })
                .collect(),
            time_mode: r.time_mode,
            start: r.start,
            reason: r.reason,
            evidence_link: r.evidence_link,
            work_plan: r.work_plan,
            evidence_file_id: r.evidence_file_id,
            employee_id: r.employee_id,
            nip: r.nip,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PlanDay {
    pub date: String,
    pub location: String,
    pub description: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PlanFlag {
    /// `late`, `away_share_full`, `week_at_max`, `busy_period`, `kept_away`.
    pub code: String,
    pub date: Option<String>,
    pub message: String,
}

/// A request as stored, with its days and the flags for the approver.
#[derive(Serialize, ToSchema)]
pub struct Plan {
    pub id: i64,
    pub employee_id: i64,
    pub employee_name: String,
    pub nip: String,
    pub unit_id: i64,
    pub unit_name: String,
    /// `pending`, `approved`, `rejected`, `changes_requested`, `withdrawn`.
    pub status: String,
    pub first_day: String,
    pub last_day: String,
    pub time_mode: String,
    pub start: Option<String>,
    pub reason: String,
    pub work_plan: String,
    pub evidence_link: Option<String>,
    pub evidence_file_id: Option<i64>,
    pub days: Vec<PlanDay>,
    pub flags: Vec<PlanFlag>,
    pub decision_comment: Option<String>,
    pub decided_as_acting: bool,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub decided_at: Option<String>,
}

fn plan_of(v: RequestView, locale: Locale) -> Plan {
    let r = v.row;
    Plan {
        id: r.id,
        employee_id: r.employee_id,
        employee_name: r.employee_name,
        nip: r.nip,
        unit_id: r.unit_id,
        unit_name: r.unit_name,
        status: r.status,
        first_day: r.first_day,
        last_day: r.last_day,
        time_mode: r.time_mode,
        start: r.shift_start,
        reason: r.reason,
        work_plan: r.work_plan,
        evidence_link: r.evidence_link,
        evidence_file_id: r.evidence_file_id,
        days: v
            .days
            .into_iter()
            .map(|d| PlanDay {
                date: d.date,
                location: d.location,
                description: d.description,
            })
            .collect(),
        flags: v
            .flags
            .iter()
            .map(|f| PlanFlag {
                code: f.code.clone(),
                date: f.date.map(|d| d.to_string()),
                message: f.text(locale).to_string(),
            })
            .collect(),
        decision_comment: r.decision_comment,
        decided_as_acting: r.decided_as_acting != 0,
        created_at: super::auth::rfc3339(r.created_at),
        decided_at: r.decided_at.map(super::auth::rfc3339),
    }
}

#[utoipa::path(post, path = "/api/v1/plans", tag = "plans", request_body = PlanRequest, security(("bearer" = [])),
    responses((status = 201, body = Plan, description = "pending, or approved at once when the unit's policy needs no approval"),
        (status = 422, body = super::Problem, description = "refused: each problem names its field; nothing changed")))]
pub async fn create(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Bytes,
) -> Result<(StatusCode, Json<Plan>), WebError> {
    let req: PlanRequest = super::json_body(&body, actor.locale)?;
    let done = submit::submit(&s.app, &actor, &req.into(), None)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok((StatusCode::CREATED, Json(plan_of(done.view, actor.locale))))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct Page {
    /// Requests older than this id (the last id of the previous page).
    pub before: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/plans", tag = "plans", params(Page), security(("bearer" = [])),
    responses((status = 200, body = [Plan], description = "the caller's requests, newest first, 50 a page")))]
pub async fn mine(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(p): Query<Page>,
) -> Result<Json<Vec<Plan>>, WebError> {
    let views = submit::mine(&s.app, &actor, p.before)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(
        views
            .into_iter()
            .map(|v| plan_of(v, actor.locale))
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/plans/queue", tag = "plans", security(("bearer" = [])),
    responses((status = 200, body = [Plan], description = "pending requests the caller may decide"), (status = 403, body = super::Problem)))]
pub async fn queue(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<Plan>>, WebError> {
    let q = decide::queue(&s.app, &actor, false)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(
        q.items
            .into_iter()
            .map(|v| plan_of(v, actor.locale))
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    pub ids: Vec<i64>,
    /// `approve`, `reject` or `changes`.
    pub decision: String,
    /// Required to reject or ask for changes.
    #[serde(default)]
    pub comment: String,
}

#[derive(Serialize, ToSchema)]
pub struct Decided {
    pub ids: Vec<i64>,
    pub status: String,
    /// Plan days written by the approvals.
    pub plan_days: u64,
}

#[utoipa::path(post, path = "/api/v1/plans/decisions", tag = "plans", request_body = DecisionBody, security(("bearer" = [])),
    responses((status = 200, body = Decided), (status = 403, body = super::Problem), (status = 404, body = super::Problem),
        (status = 422, body = super::Problem, description = "refused (a request no longer pending, an approval that breaks a rule now): nothing changed")))]
pub async fn decisions(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Bytes,
) -> Result<Json<Decided>, WebError> {
    let b: DecisionBody = super::json_body(&body, actor.locale)?;
    let d = decide::decide(&s.app, &actor, &b.ids, &b.decision, &b.comment)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(Decided {
        ids: d.ids,
        status: d.status.into(),
        plan_days: d.plan_days,
    }))
}

#[utoipa::path(post, path = "/api/v1/plans/{id}/withdraw", tag = "plans", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 404, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn withdraw(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    let id: i64 = id
        .parse()
        .map_err(|_| WebError::Api(ServiceError::NotFound, actor.locale))?;
    submit::withdraw(&s.app, &actor, id)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct EvidenceCreated {
    /// Give it as `evidence_file_id` in `POST /api/v1/plans`.
    pub id: i64,
}

#[utoipa::path(post, path = "/api/v1/plans/evidence", tag = "plans", security(("bearer" = [])),
    request_body(content = Vec<u8>, description = "the file itself (PDF, PNG or JPEG, at most 2 MB, known by its content); name it in `X-File-Name`", content_type = "application/octet-stream"),
    responses((status = 201, body = EvidenceCreated), (status = 422, body = super::Problem)))]
pub async fn evidence(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<EvidenceCreated>), WebError> {
    let name = headers
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("bukti")
        .to_string();
    let id = submit::upload_evidence(
        &s.app,
        &actor,
        &Upload {
            name,
            bytes: body.to_vec(),
        },
    )
    .await
    .map_err(WebError::api(actor.locale))?;
    Ok((StatusCode::CREATED, Json(EvidenceCreated { id })))
}
