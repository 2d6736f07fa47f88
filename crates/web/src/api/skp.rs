//! Performance plans: `POST /skp` (open mine for a year), `GET /skp?year=` (mine),
//! `GET /skp/{id}`, results and indicators (`POST`, `PUT`, `DELETE`), `PUT
//! /skp/{id}/expectations`, `PUT /skp/{id}/annex`, `POST /skp/{id}/actions`, `POST
//! /skp/{id}/dialogues`, `GET /skp/cascade?year=&unit=`.

use crate::extract::ApiActor;
use crate::{AppState, WebError};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use fleksi_domain::performance::skp::{Annex, IndicatorInput, ResultInput};
use fleksi_service::skp::act::{self, DialogueInput};
use fleksi_service::skp::cascade::{self, Node};
use fleksi_service::skp::{self as service, edit, PlanView};
use fleksi_service::{Actor, ServiceError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/skp", get(mine).post(open))
        .route("/skp/cascade", get(cascade_tree))
        .route("/skp/{id}", get(detail))
        .route("/skp/{id}/results", post(add_result))
        .route(
            "/skp/{id}/results/{rid}",
            put(update_result).delete(remove_result),
        )
        .route("/skp/{id}/results/{rid}/indicators", post(add_indicator))
        .route(
            "/skp/{id}/indicators/{iid}",
            put(update_indicator).delete(remove_indicator),
        )
        .route("/skp/{id}/expectations", put(expectations))
        .route("/skp/{id}/annex", put(annex))
        .route("/skp/{id}/actions", post(action))
        .route("/skp/{id}/dialogues", post(dialogue))
}

#[derive(Serialize, ToSchema)]
pub struct Indicator {
    pub id: i64,
    /// `kuantitas`, `kualitas`, `waktu`, `biaya`.
    pub aspect: String,
    pub text: String,
    pub target: f64,
    pub unit: String,
}

#[derive(Serialize, ToSchema)]
pub struct PlannedResult {
    pub id: i64,
    /// `utama` or `tambahan`.
    pub kind: String,
    pub text: String,
    /// The supervisor's result this one supports.
    pub parent_result_id: Option<i64>,
    pub parent_text: Option<String>,
    pub indicators: Vec<Indicator>,
}

#[derive(Serialize, ToSchema)]
pub struct Dialogue {
    pub date: String,
    pub recorded_by: String,
    pub participants: String,
    pub topic: String,
    pub agreed: String,
}

#[derive(Serialize, ToSchema)]
pub struct Plan {
    pub id: i64,
    pub year: i64,
    pub employee_id: i64,
    pub employee_name: String,
    pub evaluator_id: Option<i64>,
    /// `draft`, `submitted`, `approved` (locked).
    pub status: String,
    /// 1 until the first revision.
    pub revision: i64,
    pub return_comment: Option<String>,
    pub results: Vec<PlannedResult>,
    /// Core value code → the supervisor's expectation.
    pub expectations: BTreeMap<String, String>,
    pub resources: String,
    pub accountability: String,
    pub consequences: String,
    pub dialogues: Vec<Dialogue>,
    /// `owner`, `evaluator` or `reader`.
    pub role: String,
    /// Actions the caller may take now.
    pub allowed: Vec<String>,
}

fn plan_of(v: PlanView) -> Plan {
    let r = v.row;
    Plan {
        id: r.id,
        year: r.year,
        employee_id: r.employee_id,
        employee_name: r.employee_name,
        evaluator_id: r.evaluator_id,
        status: r.status,
        revision: r.revision,
        return_comment: r.return_comment,
        results: v
            .results
            .into_iter()
            .map(|x| PlannedResult {
                id: x.row.id,
                kind: x.row.kind,
                text: x.row.text,
                parent_result_id: x.row.parent_result_id,
                parent_text: x.row.parent_text,
                indicators: x
                    .indicators
                    .into_iter()
                    .map(|i| Indicator {
                        id: i.id,
                        aspect: i.aspect,
                        text: i.text,
                        target: i.target,
                        unit: i.unit,
                    })
                    .collect(),
            })
            .collect(),
        expectations: v
            .expectations
            .into_iter()
            .filter(|(_, t)| !t.is_empty())
            .map(|(c, t)| (c.code().to_string(), t))
            .collect(),
        resources: r.resources,
        accountability: r.accountability,
        consequences: r.consequences,
        dialogues: v
            .dialogues
            .into_iter()
            .map(|d| Dialogue {
                date: d.date,
                recorded_by: d.recorded_by_name,
                participants: d.participants,
                topic: d.topic,
                agreed: d.agreed,
            })
            .collect(),
        role: serde_json::to_value(v.role)
            .ok()
            .and_then(|x| x.as_str().map(str::to_string))
            .unwrap_or_default(),
        allowed: v.allowed.iter().map(|a| a.to_string()).collect(),
    }
}

/// The plan as it now stands, after a change.
async fn fresh(s: &AppState, actor: &Actor, id: i64) -> Result<Json<Plan>, WebError> {
    let v = service::get(&s.app, actor, id)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(plan_of(v)))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct OpenBody {
    /// Last year, this year or next; empty is this year.
    #[serde(default)]
    pub year: String,
}

#[utoipa::path(post, path = "/api/v1/skp", tag = "skp", request_body = OpenBody, security(("bearer" = [])),
    responses((status = 200, body = Plan, description = "the caller's plan of the year, opened as a draft if new")))]
pub async fn open(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Bytes,
) -> Result<Json<Plan>, WebError> {
    let req: OpenBody = super::json_body(&body, actor.locale)?;
    let id = edit::open(&s.app, &actor, &req.year)
        .await
        .map_err(WebError::api(actor.locale))?;
    fresh(&s, &actor, id).await
}

#[derive(Deserialize, IntoParams, Default)]
pub struct YearParam {
    #[serde(default)]
    pub year: String,
    /// A unit id (its readers); without it, the unit the caller heads or their own plans.
    #[serde(default)]
    pub unit: String,
}

#[utoipa::path(get, path = "/api/v1/skp", tag = "skp", params(YearParam), security(("bearer" = [])),
    responses((status = 200, body = Plan), (status = 404, description = "no plan opened for that year")))]
pub async fn mine(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<YearParam>,
) -> Result<Json<Plan>, WebError> {
    let err = WebError::api(actor.locale);
    let year = q
        .year
        .trim()
        .parse()
        .unwrap_or_else(|_| service::this_year(&s.app, None));
    let (plan, _) = service::mine(&s.app, &actor, year).await.map_err(&err)?;
    let v = plan.ok_or(WebError::Api(ServiceError::NotFound, actor.locale))?;
    Ok(Json(plan_of(v)))
}

#[utoipa::path(get, path = "/api/v1/skp/{id}", tag = "skp", security(("bearer" = [])),
    responses((status = 200, body = Plan), (status = 403, description = "not the owner, the evaluator or a reader of the unit"),
        (status = 404, description = "no such plan in the caller's agency")))]
pub async fn detail(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> Result<Json<Plan>, WebError> {
    fresh(&s, &actor, id).await
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ResultBody {
    /// `utama` or `tambahan`.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub text: String,
    /// A result of the supervisor's plan of the same year.
    #[serde(default)]
    pub parent_result_id: Option<i64>,
}

fn result_input(b: ResultBody) -> (ResultInput, Option<i64>) {
    (
        ResultInput {
            kind: b.kind,
            text: b.text,
        },
        b.parent_result_id,
    )
}

#[utoipa::path(post, path = "/api/v1/skp/{id}/results", tag = "skp", request_body = ResultBody, security(("bearer" = [])),
    responses((status = 200, body = Plan), (status = 422, body = super::Problem, description = "refused (a locked plan names `plan`); nothing changed")))]
pub async fn add_result(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<Plan>, WebError> {
    let (input, parent) = result_input(super::json_body(&body, actor.locale)?);
    edit::add_result(&s.app, &actor, id, &input, parent)
        .await
        .map_err(WebError::api(actor.locale))?;
    fresh(&s, &actor, id).await
}

#[utoipa::path(put, path = "/api/v1/skp/{id}/results/{rid}", tag = "skp", request_body = ResultBody, security(("bearer" = [])),
    responses((status = 200, body = Plan), (status = 422, body = super::Problem)))]
pub async fn update_result(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((id, rid)): Path<(i64, i64)>,
    body: Bytes,
) -> Result<Json<Plan>, WebError> {
    let (input, parent) = result_input(super::json_body(&body, actor.locale)?);
    edit::update_result(&s.app, &actor, id, rid, &input, parent)
        .await
        .map_err(WebError::api(actor.locale))?;
    fresh(&s, &actor, id).await
}

#[utoipa::path(delete, path = "/api/v1/skp/{id}/results/{rid}", tag = "skp", security(("bearer" = [])),
    responses((status = 200, body = Plan), (status = 422, body = super::Problem, description = "in use, or the plan is locked")))]
pub async fn remove_result(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((id, rid)): Path<(i64, i64)>,
) -> Result<Json<Plan>, WebError> {
    edit::remove_result(&s.app, &actor, id, rid)
        .await
        .map_err(WebError::api(actor.locale))?;
    fresh(&s, &actor, id).await
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct IndicatorBody {
    #[serde(default)]
    pub aspect: String,
    #[serde(default)]
    pub text: String,
    /// A number above zero, as text or number (`12`, `12,5`).
    #[serde(default)]
    pub target: serde_json::Value,
    #[serde(default)]
    pub unit: String,
}

fn indicator_input(b: IndicatorBody) -> IndicatorInput {
    IndicatorInput {
        aspect: b.aspect,
        text: b.text,
        target: match b.target {
            serde_json::Value::String(s) => s,
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        },
        unit: b.unit,
    }
}

#[utoipa::path(post, path = "/api/v1/skp/{id}/results/{rid}/indicators", tag = "skp", request_body = IndicatorBody, security(("bearer" = [])),
    responses((status = 200, body = Plan), (status = 422, body = super::Problem, description = "refused, e.g. `target` missing")))]
pub async fn add_indicator(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((id, rid)): Path<(i64, i64)>,
    body: Bytes,
) -> Result<Json<Plan>, WebError> {
    let input = indicator_input(super::json_body(&body, actor.locale)?);
    edit::add_indicator(&s.app, &actor, id, rid, &input)
        .await
        .map_err(WebError::api(actor.locale))?;
    fresh(&s, &actor, id).await
}

#[utoipa::path(put, path = "/api/v1/skp/{id}/indicators/{iid}", tag = "skp", request_body = IndicatorBody, security(("bearer" = [])),
    responses((status = 200, body = Plan), (status = 422, body = super::Problem)))]
pub async fn update_indicator(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((id, iid)): Path<(i64, i64)>,
    body: Bytes,
) -> Result<Json<Plan>, WebError> {
    let input = indicator_input(super::json_body(&body, actor.locale)?);
    edit::update_indicator(&s.app, &actor, id, iid, &input)
        .await
        .map_err(WebError::api(actor.locale))?;
    fresh(&s, &actor, id).await
}

#[utoipa::path(delete, path = "/api/v1/skp/{id}/indicators/{iid}", tag = "skp", security(("bearer" = [])),
    responses((status = 200, body = Plan), (status = 422, body = super::Problem)))]
pub async fn remove_indicator(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((id, iid)): Path<(i64, i64)>,
) -> Result<Json<Plan>, WebError> {
    edit::remove_indicator(&s.app, &actor, id, iid)
        .await
        .map_err(WebError::api(actor.locale))?;
    fresh(&s, &actor, id).await
}

#[utoipa::path(put, path = "/api/v1/skp/{id}/expectations", tag = "skp", request_body = BTreeMap<String, String>, security(("bearer" = [])),
    responses((status = 200, body = Plan), (status = 422, body = super::Problem, description = "an unknown value names `expectations.<code>`")))]
pub async fn expectations(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<Plan>, WebError> {
    let req: BTreeMap<String, String> = super::json_body(&body, actor.locale)?;
    let values: Vec<(String, String)> = req.into_iter().collect();
    edit::set_expectations(&s.app, &actor, id, &values)
        .await
        .map_err(WebError::api(actor.locale))?;
    fresh(&s, &actor, id).await
}

#[utoipa::path(put, path = "/api/v1/skp/{id}/annex", tag = "skp", request_body = AnnexBody, security(("bearer" = [])),
    responses((status = 200, body = Plan), (status = 422, body = super::Problem)))]
pub async fn annex(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<Plan>, WebError> {
    let req: AnnexBody = super::json_body(&body, actor.locale)?;
    let a = Annex {
        resources: req.resources,
        accountability: req.accountability,
        consequences: req.consequences,
    };
    edit::set_annex(&s.app, &actor, id, &a)
        .await
        .map_err(WebError::api(actor.locale))?;
    fresh(&s, &actor, id).await
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct AnnexBody {
    #[serde(default)]
    pub resources: String,
    #[serde(default)]
    pub accountability: String,
    #[serde(default)]
    pub consequences: String,
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PlanActionBody {
    /// `submit`, `withdraw`, `approve`, `return` or `revise`.
    #[serde(default)]
    pub action: String,
    /// What to change (`return`) or why (`revise`).
    #[serde(default)]
    pub note: String,
}

#[utoipa::path(post, path = "/api/v1/skp/{id}/actions", tag = "skp", request_body = PlanActionBody, security(("bearer" = [])),
    responses((status = 200, body = Plan), (status = 422, body = super::Problem, description = "refused naming `action`, `note` or `results`")))]
pub async fn action(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<Plan>, WebError> {
    let req: PlanActionBody = super::json_body(&body, actor.locale)?;
    let v = act::act(&s.app, &actor, id, &req.action, &req.note)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(plan_of(v)))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct DialogueBody {
    /// When it took place (not in the future).
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub participants: String,
    #[serde(default)]
    pub topic: String,
    #[serde(default)]
    pub agreed: String,
}

#[utoipa::path(post, path = "/api/v1/skp/{id}/dialogues", tag = "skp", request_body = DialogueBody, security(("bearer" = [])),
    responses((status = 200, body = Plan), (status = 422, body = super::Problem)))]
pub async fn dialogue(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<(StatusCode, Json<Plan>), WebError> {
    let req: DialogueBody = super::json_body(&body, actor.locale)?;
    let input = DialogueInput {
        date: req.date,
        participants: req.participants,
        topic: req.topic,
        agreed: req.agreed,
    };
    act::add_dialogue(&s.app, &actor, id, &input)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok((StatusCode::CREATED, fresh(&s, &actor, id).await?))
}

#[derive(Serialize, ToSchema)]
pub struct CascadeNode {
    pub result_id: i64,
    pub text: String,
    pub kind: String,
    pub plan_id: i64,
    pub owner: String,
    pub position: String,
    #[schema(no_recursion)]
    pub children: Vec<CascadeNode>,
}

fn node_of(n: Node) -> CascadeNode {
    CascadeNode {
        result_id: n.result.id,
        text: n.result.text,
        kind: n.result.kind,
        plan_id: n.plan_id,
        owner: n.owner,
        position: n.position,
        children: n.children.into_iter().map(node_of).collect(),
    }
}

#[derive(Serialize, ToSchema)]
pub struct Cascade {
    pub year: i64,
    pub roots: Vec<CascadeNode>,
    pub plans: usize,
    pub truncated: bool,
}

#[utoipa::path(get, path = "/api/v1/skp/cascade", tag = "skp", params(YearParam), security(("bearer" = [])),
    responses((status = 200, body = Cascade, description = "results from the unit head's down, each with the results that support it")))]
pub async fn cascade_tree(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<YearParam>,
) -> Result<Json<Cascade>, WebError> {
    let unit = (!q.unit.trim().is_empty()).then_some(q.unit.as_str());
    let c = cascade::of(&s.app, &actor, &q.year, unit)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(Cascade {
        year: c.year,
        plans: c.plans,
        truncated: c.truncated,
        roots: c.roots.into_iter().map(node_of).collect(),
    }))
}
