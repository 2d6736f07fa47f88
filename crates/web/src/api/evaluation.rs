//! Evaluations: `POST /evaluations` (open for a plan and period), `GET /evaluations/{id}`,
//! `POST /evaluations/{id}/actuals`, `POST /evaluations/{id}/rating`,
//! `POST /evaluations/{id}/feedback-requests`, `GET /feedback`, `POST /feedback/{id}`,
//! `GET /units/{id}/distribution?period=`, `PUT /units/{id}/result`,
//! `POST /units/{id}/finalize`, `GET /performance/me`.

use crate::extract::ApiActor;
use crate::{AppState, WebError};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use fleksi_domain::performance::Predikat;
use fleksi_service::evaluation::actuals::{self, ActualInput};
use fleksi_service::evaluation::distribution::{self, Source};
use fleksi_service::evaluation::rate::{self, RatingInput};
use fleksi_service::evaluation::{self as service, feedback, EvaluationView};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evaluations", post(open))
        .route("/evaluations/{id}", get(detail))
        .route("/evaluations/{id}/actuals", post(actual))
        .route("/evaluations/{id}/rating", post(rating))
        .route("/evaluations/{id}/feedback-requests", post(ask))
        .route("/feedback", get(asked))
        .route("/feedback/{id}", post(answer))
        .route("/units/{id}/distribution", get(spread))
        .route("/units/{id}/result", put(set_result))
        .route("/units/{id}/finalize", post(finalize))
        .route("/performance/me", get(history))
}

#[derive(Serialize, ToSchema)]
pub struct MeasuredIndicator {
    pub indicator_id: i64,
    pub result_id: i64,
    pub aspect: String,
    pub text: String,
    pub target: f64,
    pub unit: String,
    pub actual: Option<f64>,
    /// Percent of the target reached (less is better for time and cost).
    pub achievement: Option<f64>,
    pub note: Option<String>,
    pub evidence_link: Option<String>,
    pub evidence_file_id: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct Feedback360 {
    pub asked: i64,
    pub answered: i64,
    /// Per core value: counts above, as expected, below — present only from three answers.
    pub tallies: Option<BTreeMap<String, [u32; 3]>>,
    pub comments: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Evaluation {
    pub id: i64,
    pub plan_id: i64,
    pub employee_id: i64,
    pub employee_name: String,
    pub period: String,
    /// `open`, `rated`, `final`.
    pub status: String,
    /// Send it back when rating.
    pub version: i64,
    pub indicators: Vec<MeasuredIndicator>,
    /// `above`, `as_expected`, `below`.
    pub results_rating: Option<String>,
    pub behaviour_rating: Option<String>,
    /// Per core value code.
    pub behaviour: BTreeMap<String, String>,
    /// `sangat_baik`, `baik`, `butuh_perbaikan`, `kurang_misconduct`, `sangat_kurang`.
    pub predikat: Option<String>,
    pub predikat_label: Option<String>,
    pub feedback: String,
    pub feedback360: Option<Feedback360>,
    /// `owner`, `evaluator` or `reader`.
    pub role: String,
}

fn evaluation_of(v: EvaluationView) -> Evaluation {
    let r = v.row;
    Evaluation {
        id: r.id,
        plan_id: r.plan_id,
        employee_id: r.employee_id,
        employee_name: r.employee_name,
        period: r.period,
        status: r.status,
        version: r.version,
        indicators: v
            .results
            .iter()
            .flat_map(|res| res.indicators.iter())
            .map(|m| MeasuredIndicator {
                indicator_id: m.indicator.id,
                result_id: m.indicator.result_id,
                aspect: m.indicator.aspect.clone(),
                text: m.indicator.text.clone(),
                target: m.indicator.target,
                unit: m.indicator.unit.clone(),
                actual: m.actual.as_ref().map(|a| a.actual),
                achievement: m.achievement,
                note: m.actual.as_ref().map(|a| a.note.clone()),
                evidence_link: m.actual.as_ref().and_then(|a| a.evidence_link.clone()),
                evidence_file_id: m.actual.as_ref().and_then(|a| a.evidence_file_id),
            })
            .collect(),
        results_rating: r.results_rating,
        behaviour_rating: r.behaviour_rating,
        behaviour: v
            .behaviour
            .iter()
            .filter_map(|(c, r)| r.map(|r| (c.code().to_string(), r.code().to_string())))
            .collect(),
        predikat_label: r
            .predikat
            .as_deref()
            .and_then(|p| Predikat::parse(p).ok())
            .map(|p| p.label().to_string()),
        predikat: r.predikat,
        feedback: r.feedback,
        feedback360: v.feedback360.map(|f| Feedback360 {
            asked: f.asked,
            answered: f.answered,
            tallies: f.tallies.map(|ts| {
                ts.into_iter()
                    .map(|(c, t)| (c.code().to_string(), [t.above, t.as_expected, t.below]))
                    .collect()
            }),
            comments: f.comments,
        }),
        role: serde_json::to_value(v.role)
            .ok()
            .and_then(|x| x.as_str().map(str::to_string))
            .unwrap_or_default(),
    }
}

async fn fresh(
    s: &AppState,
    actor: &fleksi_service::Actor,
    id: i64,
) -> Result<Json<Evaluation>, WebError> {
    let v = service::get(&s.app, actor, id)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(evaluation_of(v)))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct OpenBody {
    /// An approved plan: the caller's own, or a subordinate's.
    #[serde(default)]
    pub plan_id: i64,
    /// `2026-Q4` (the agency's kind of period) or `2026` (annual).
    #[serde(default)]
    pub period: String,
}

#[utoipa::path(post, path = "/api/v1/evaluations", tag = "evaluations", request_body = OpenBody, security(("bearer" = [])),
    responses((status = 200, body = Evaluation, description = "the evaluation of the plan for the period, opened if new"),
        (status = 422, body = super::Problem, description = "refused naming `plan_id` or `period`")))]
pub async fn open(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Bytes,
) -> Result<Json<Evaluation>, WebError> {
    let req: OpenBody = super::json_body(&body, actor.locale)?;
    let id = service::open(&s.app, &actor, req.plan_id, &req.period)
        .await
        .map_err(WebError::api(actor.locale))?;
    fresh(&s, &actor, id).await
}

#[utoipa::path(get, path = "/api/v1/evaluations/{id}", tag = "evaluations", security(("bearer" = [])),
    responses((status = 200, body = Evaluation), (status = 403, description = "not the owner, the evaluator or a reader"),
        (status = 404, description = "no such evaluation in the caller's agency")))]
pub async fn detail(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> Result<Json<Evaluation>, WebError> {
    fresh(&s, &actor, id).await
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ActualBody {
    #[serde(default)]
    pub indicator_id: i64,
    /// A number (`12`, `12,5`).
    #[serde(default)]
    pub actual: serde_json::Value,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub evidence_link: String,
    /// A file uploaded before with `POST /plans/evidence`.
    #[serde(default)]
    pub evidence_file_id: Option<i64>,
}

#[utoipa::path(post, path = "/api/v1/evaluations/{id}/actuals", tag = "evaluations", request_body = ActualBody, security(("bearer" = [])),
    responses((status = 200, body = Evaluation), (status = 422, body = super::Problem, description = "refused naming the field; a final evaluation names `status`")))]
pub async fn actual(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<Evaluation>, WebError> {
    let req: ActualBody = super::json_body(&body, actor.locale)?;
    let input = ActualInput {
        indicator_id: req.indicator_id,
        actual: match req.actual {
            serde_json::Value::String(s) => s,
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        },
        note: req.note,
        evidence_link: req.evidence_link,
        upload: None,
        evidence_file_id: req.evidence_file_id,
    };
    actuals::put(&s.app, &actor, id, input)
        .await
        .map_err(WebError::api(actor.locale))?;
    fresh(&s, &actor, id).await
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct RatingBody {
    /// The evaluation's `version` as read.
    #[serde(default)]
    pub version: i64,
    /// `above`, `as_expected`, `below` (or the Indonesian names).
    #[serde(default)]
    pub results_rating: String,
    #[serde(default)]
    pub behaviour_rating: String,
    /// Per core value code, optional.
    #[serde(default)]
    pub behaviour: BTreeMap<String, String>,
    #[serde(default)]
    pub feedback: String,
}

#[utoipa::path(post, path = "/api/v1/evaluations/{id}/rating", tag = "evaluations", request_body = RatingBody, security(("bearer" = [])),
    responses((status = 200, body = Evaluation, description = "rated, with the predikat"),
        (status = 403, description = "not the evaluator of this person"),
        (status = 409, body = super::Problem, description = "the evaluation changed since it was read"),
        (status = 422, body = super::Problem, description = "refused naming the field")))]
pub async fn rating(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<Evaluation>, WebError> {
    let req: RatingBody = super::json_body(&body, actor.locale)?;
    let input = RatingInput {
        version: req.version,
        results: req.results_rating,
        behaviour: req.behaviour_rating,
        per_value: req.behaviour.into_iter().collect(),
        feedback: req.feedback,
    };
    rate::rate(&s.app, &actor, id, input)
        .await
        .map_err(WebError::api(actor.locale))?;
    fresh(&s, &actor, id).await
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct AskBody {
    /// At least three employee ids, never the person rated.
    #[serde(default)]
    pub respondents: Vec<i64>,
}

#[utoipa::path(post, path = "/api/v1/evaluations/{id}/feedback-requests", tag = "evaluations", request_body = AskBody, security(("bearer" = [])),
    responses((status = 201, body = Evaluation), (status = 422, body = super::Problem, description = "fewer than three people, or the person rated")))]
pub async fn ask(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<(StatusCode, Json<Evaluation>), WebError> {
    let req: AskBody = super::json_body(&body, actor.locale)?;
    feedback::request(&s.app, &actor, id, &req.respondents)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok((StatusCode::CREATED, fresh(&s, &actor, id).await?))
}

#[derive(Serialize, ToSchema)]
pub struct Asked {
    pub request_id: i64,
    pub subject_name: String,
    pub period: String,
    pub answered: bool,
}

#[utoipa::path(get, path = "/api/v1/feedback", tag = "evaluations", security(("bearer" = [])),
    responses((status = 200, body = [Asked], description = "360 requests the caller was asked, unanswered first")))]
pub async fn asked(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<Asked>>, WebError> {
    let list = feedback::asked(&s.app, &actor)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(
        list.into_iter()
            .map(|a| Asked {
                request_id: a.request_id,
                subject_name: a.subject_name,
                period: a.period,
                answered: a.answered_at.is_some(),
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct AnswerBody {
    /// Per core value code: `above`, `as_expected`, `below`.
    #[serde(default)]
    pub ratings: BTreeMap<String, String>,
    #[serde(default)]
    pub comment: String,
}

#[utoipa::path(post, path = "/api/v1/feedback/{id}", tag = "evaluations", request_body = AnswerBody, security(("bearer" = [])),
    responses((status = 204, description = "answered (stored apart from who answered)"),
        (status = 404, description = "not asked of the caller"), (status = 409, body = super::Problem, description = "answered already")))]
pub async fn answer(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<StatusCode, WebError> {
    let req: AnswerBody = super::json_body(&body, actor.locale)?;
    let ratings: Vec<(String, String)> = req.ratings.into_iter().collect();
    feedback::answer(&s.app, &actor, id, &ratings, &req.comment)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams, Default)]
pub struct PeriodParam {
    /// `2026-Q4`, `2026`; empty is the current period.
    #[serde(default)]
    pub period: String,
}

#[derive(Serialize, ToSchema)]
pub struct Breach {
    /// The rule's code, e.g. `baik_max_baik`.
    pub rule: String,
    /// `too_many` or `too_few`.
    pub direction: String,
    /// How many people would have to move.
    pub people: u32,
    pub message: String,
}

#[derive(Serialize, ToSchema)]
pub struct Distribution {
    pub unit_id: i64,
    pub period: String,
    /// The unit's result, when set or taken from its head's rating.
    pub unit_result: Option<String>,
    /// `set` or `head`.
    pub result_source: Option<String>,
    /// People per predikat code.
    pub spread: BTreeMap<String, u32>,
    pub unrated: i64,
    pub finals: i64,
    pub allowed: bool,
    pub breaches: Vec<Breach>,
}

fn distribution_of(d: distribution::Distribution, locale: fleksi_domain::Locale) -> Distribution {
    Distribution {
        unit_id: d.unit.id,
        period: d.period.code(),
        unit_result: d.result.map(|(u, _)| u.code().to_string()),
        result_source: d.result.map(|(_, s)| {
            match s {
                Source::Set => "set",
                Source::Head => "head",
            }
            .to_string()
        }),
        spread: Predikat::ALL
            .iter()
            .map(|p| (p.code().to_string(), d.spread.count(*p)))
            .collect(),
        unrated: d.unrated,
        finals: d.finals,
        allowed: d.result.is_some() && d.breaches.is_empty(),
        breaches: d
            .breaches
            .into_iter()
            .map(|b| Breach {
                rule: serde_json::to_value(b.rule)
                    .ok()
                    .and_then(|x| x.as_str().map(str::to_string))
                    .unwrap_or_default(),
                direction: serde_json::to_value(b.direction)
                    .ok()
                    .and_then(|x| x.as_str().map(str::to_string))
                    .unwrap_or_default(),
                people: b.people,
                message: b.message.text(locale),
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/units/{id}/distribution", tag = "evaluations", params(PeriodParam), security(("bearer" = [])),
    responses((status = 200, body = Distribution, description = "the spread of predikat in the unit's subtree against what its result allows")))]
pub async fn spread(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    Query(q): Query<PeriodParam>,
) -> Result<Json<Distribution>, WebError> {
    let d = distribution::get(&s.app, &actor, &id.to_string(), &q.period)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(distribution_of(d, actor.locale)))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ResultBody {
    #[serde(default)]
    pub period: String,
    /// `istimewa`, `baik`, `butuh_perbaikan`, `kurang`, `sangat_kurang`.
    #[serde(default)]
    pub result: String,
}

#[utoipa::path(put, path = "/api/v1/units/{id}/result", tag = "evaluations", request_body = ResultBody, security(("bearer" = [])),
    responses((status = 200, body = Distribution), (status = 403, description = "not an admin of the unit")))]
pub async fn set_result(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<Distribution>, WebError> {
    let req: ResultBody = super::json_body(&body, actor.locale)?;
    let err = WebError::api(actor.locale);
    distribution::set_result(&s.app, &actor, &id.to_string(), &req.period, &req.result)
        .await
        .map_err(&err)?;
    let d = distribution::get(&s.app, &actor, &id.to_string(), &req.period)
        .await
        .map_err(&err)?;
    Ok(Json(distribution_of(d, actor.locale)))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct FinalizeBody {
    #[serde(default)]
    pub period: String,
}

#[derive(Serialize, ToSchema)]
pub struct Finalized {
    /// Evaluations made final.
    pub finalized: u64,
}

#[utoipa::path(post, path = "/api/v1/units/{id}/finalize", tag = "evaluations", request_body = FinalizeBody, security(("bearer" = [])),
    responses((status = 200, body = Finalized), (status = 422, body = super::Problem, description = "someone unrated, no unit result, or a broken rule (`distribution`, one problem per rule)")))]
pub async fn finalize(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<Finalized>, WebError> {
    let req: FinalizeBody = super::json_body(&body, actor.locale)?;
    let n = distribution::finalize(&s.app, &actor, &id.to_string(), &req.period)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(Finalized { finalized: n }))
}

#[derive(Serialize, ToSchema)]
pub struct HistoryItem {
    pub evaluation_id: i64,
    pub period: String,
    pub status: String,
    pub predikat: Option<String>,
    pub feedback: String,
}

#[utoipa::path(get, path = "/api/v1/performance/me", tag = "evaluations", security(("bearer" = [])),
    responses((status = 200, body = [HistoryItem], description = "the caller's evaluations, newest first")))]
pub async fn history(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<HistoryItem>>, WebError> {
    let list = service::mine(&s.app, &actor)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(
        list.into_iter()
            .map(|e| HistoryItem {
                evaluation_id: e.id,
                period: e.period,
                status: e.status,
                predikat: e.predikat,
                feedback: e.feedback,
            })
            .collect(),
    ))
}
