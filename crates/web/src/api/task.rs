//! Tasks: `POST /tasks` (assign), `GET /tasks?role=assignee|assigner`, `GET /tasks/{id}`,
//! `POST /tasks/{id}/actions` (start, block, resume, finish, accept, send_back).

use crate::extract::ApiActor;
use crate::{AppState, WebError};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use fleksi_domain::{Locale, Message};
use fleksi_service::task::assign::{self, AssignInput};
use fleksi_service::task::{self as service, act, TaskView};
use fleksi_service::ServiceError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tasks", get(list).post(create))
        .route("/tasks/{id}", get(detail))
        .route("/tasks/{id}/actions", post(action))
}

/// A task for one or more people; the checklist points left empty lower its clarity score.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct TaskRequest {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub purpose: String,
    /// `YYYY-MM-DD`, today or later.
    #[serde(default)]
    pub deadline: String,
    #[serde(default)]
    pub expected_output: String,
    /// One of the assignees.
    #[serde(default)]
    pub responsible_employee_id: Option<i64>,
    /// Links or references.
    #[serde(default)]
    pub attachments: Vec<String>,
    /// Employee ids: direct reports or members of a team the caller leads.
    #[serde(default)]
    pub assignees: Vec<i64>,
    /// The SKP result (RHK) the task serves: the caller's or an assignee's, this year.
    #[serde(default)]
    pub result_id: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct ClarityPoint {
    /// `purpose`, `deadline`, `output`, `responsible`, `attachments`.
    pub code: String,
    pub label: String,
}

#[derive(Serialize, ToSchema)]
pub struct Assignee {
    pub employee_id: i64,
    pub name: String,
    pub nip: String,
}

/// A task with its checklist result and measures.
#[derive(Serialize, ToSchema)]
pub struct Task {
    pub id: i64,
    pub title: String,
    pub purpose: String,
    pub deadline: Option<String>,
    pub expected_output: String,
    pub responsible_employee_id: Option<i64>,
    pub attachments: Vec<String>,
    pub assigner_employee_id: i64,
    pub assigner_name: String,
    pub assignees: Vec<Assignee>,
    /// 0 to 5.
    pub clarity: i64,
    pub missing: Vec<ClarityPoint>,
    /// `new`, `in_progress`, `blocked`, `done`, `accepted`.
    pub status: String,
    pub needs: Option<String>,
    pub sent_back_reason: Option<String>,
    /// Done by the end of the deadline day (unit's zone); null while not done.
    pub on_time: Option<bool>,
    pub first_response_ms: Option<i64>,
    pub done_ms: Option<i64>,
    /// Actions the caller may take now.
    pub allowed: Vec<String>,
    /// The SKP result the task serves, with its text.
    pub result_id: Option<i64>,
    pub result_text: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub done_at: Option<String>,
    pub accepted_at: Option<String>,
}

fn task_of(v: TaskView, locale: Locale) -> Task {
    let r = v.row;
    Task {
        id: r.id,
        title: r.title,
        purpose: r.purpose,
        deadline: r.deadline,
        expected_output: r.expected_output,
        responsible_employee_id: r.responsible_employee_id,
        attachments: r.attachments.lines().map(str::to_string).collect(),
        assigner_employee_id: r.assigner_employee_id,
        assigner_name: r.assigner_name,
        assignees: v
            .assignees
            .into_iter()
            .map(|a| Assignee {
                employee_id: a.employee_id,
                name: a.name,
                nip: a.nip,
            })
            .collect(),
        clarity: r.clarity,
        missing: v
            .clarity
            .missing
            .iter()
            .map(|p| ClarityPoint {
                code: p.code().to_string(),
                label: p.text().text(locale),
            })
            .collect(),
        status: r.status,
        needs: r.needs,
        sent_back_reason: r.sent_back_reason,
        on_time: v.metrics.on_time,
        first_response_ms: v.metrics.first_response_ms,
        done_ms: v.metrics.done_ms,
        allowed: v.allowed.iter().map(|a| a.to_string()).collect(),
        result_id: r.result_id,
        result_text: r.result_text,
        created_at: super::auth::rfc3339(r.created_at),
        done_at: r.done_at.map(super::auth::rfc3339),
        accepted_at: r.accepted_at.map(super::auth::rfc3339),
    }
}

#[utoipa::path(post, path = "/api/v1/tasks", tag = "tasks", request_body = TaskRequest, security(("bearer" = [])),
    responses((status = 201, body = Task, description = "assigned, with its clarity score and missing points"),
        (status = 422, body = super::Problem, description = "refused: each problem names its field; nothing changed")))]
pub async fn create(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Bytes,
) -> Result<(StatusCode, Json<Task>), WebError> {
    let req: TaskRequest = super::json_body(&body, actor.locale)?;
    let input = AssignInput {
        title: req.title,
        purpose: req.purpose,
        deadline: req.deadline,
        expected_output: req.expected_output,
        responsible: req.responsible_employee_id,
        attachments: req.attachments.join("\n"),
        assignees: req.assignees,
        result_id: req.result_id,
    };
    let err = WebError::api(actor.locale);
    let done = assign::assign(&s.app, &actor, input).await.map_err(&err)?;
    let v = service::get(&s.app, &actor, done.id).await.map_err(&err)?;
    Ok((StatusCode::CREATED, Json(task_of(v, actor.locale))))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct Role {
    /// `assignee` (default: tasks given to me) or `assigner` (tasks I gave).
    pub role: Option<String>,
    /// The next page: tasks older than this task id (the last finished one of the page
    /// before; for an assignee, open tasks come on the first page only).
    pub before: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/tasks", tag = "tasks", params(Role), security(("bearer" = [])),
    responses((status = 200, body = [Task], description = "as assignee: open first, then finished newest first; as assigner: newest first; 100 finished (or given) at most a page")))]
pub async fn list(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<Role>,
) -> Result<Json<Vec<Task>>, WebError> {
    let err = WebError::api(actor.locale);
    let views = match q.role.as_deref().unwrap_or("assignee") {
        "assignee" => service::mine(&s.app, &actor, q.before).await,
        "assigner" => service::given(&s.app, &actor, q.before).await,
        _ => Err(ServiceError::field(
            "role",
            Message::InvalidChoice {
                allowed: "assignee, assigner".into(),
            },
        )),
    }
    .map_err(&err)?;
    Ok(Json(
        views
            .into_iter()
            .map(|v| task_of(v, actor.locale))
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/tasks/{id}", tag = "tasks", security(("bearer" = [])),
    responses((status = 200, body = Task), (status = 403, description = "neither assigner nor assignee"),
        (status = 404, description = "no such task in the caller's agency")))]
pub async fn detail(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> Result<Json<Task>, WebError> {
    let v = service::get(&s.app, &actor, id)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(task_of(v, actor.locale)))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ActionBody {
    /// `start`, `block`, `resume`, `finish`, `accept` or `send_back`.
    #[serde(default)]
    pub action: String,
    /// What is needed to go on; required to block.
    #[serde(default)]
    pub needs: String,
    /// Why the work is returned; required to send back.
    #[serde(default)]
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/tasks/{id}/actions", tag = "tasks", request_body = ActionBody, security(("bearer" = [])),
    responses((status = 200, body = Task, description = "the task as it now stands"),
        (status = 422, body = super::Problem, description = "refused, naming `action`, `needs` or `reason`; nothing changed")))]
pub async fn action(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<Task>, WebError> {
    let req: ActionBody = super::json_body(&body, actor.locale)?;
    let v = act::act(&s.app, &actor, id, &req.action, &req.needs, &req.reason)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(task_of(v, actor.locale)))
}
