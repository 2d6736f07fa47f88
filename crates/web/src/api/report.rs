//! Reports: `POST /reports` (my day's report, new or replaced), `GET /reports?date=`,
//! `GET /reports/{id}`, `GET /reports/team?date=&unit=`, `POST /reports/{id}/acknowledge`,
//! `GET /reports/week?week=`, `POST /reports/week`.

use crate::extract::ApiActor;
use crate::{AppState, WebError};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use fleksi_domain::performance::{ItemInput, Reflection};
use fleksi_service::report::submit::{self, ReportInput};
use fleksi_service::report::{self as service, team, weekly, ReportView};
use fleksi_service::ServiceError;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports", get(mine).post(create))
        .route("/reports/team", get(team_day))
        .route("/reports/week", get(my_week).post(send_week))
        .route("/reports/{id}", get(detail))
        .route("/reports/{id}/acknowledge", post(acknowledge))
}

/// One item of a daily report as sent.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ItemBody {
    #[serde(default)]
    pub text: String,
    /// `done`, `in_progress`, `blocked` (or selesai, berjalan, terhambat).
    #[serde(default)]
    pub status: String,
    /// What is needed; required when blocked.
    #[serde(default)]
    pub needs: String,
    /// One of the caller's tasks.
    #[serde(default)]
    pub task_id: Option<i64>,
    /// A result of the caller's SKP of the report's year.
    #[serde(default)]
    pub result_id: Option<i64>,
}

/// The day's report: 1 to 20 items.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ReportBody {
    /// `YYYY-MM-DD`, today or up to 7 days back; empty is today.
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub items: Vec<ItemBody>,
    /// `https://…`
    #[serde(default)]
    pub evidence_link: String,
    /// A file uploaded before with `POST /plans/evidence`.
    #[serde(default)]
    pub evidence_file_id: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct ReportItem {
    pub text: String,
    pub status: String,
    pub needs: Option<String>,
    pub task_id: Option<i64>,
    pub task_title: Option<String>,
    pub result_id: Option<i64>,
    pub result_text: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Report {
    pub id: i64,
    pub employee_id: i64,
    pub date: String,
    /// `office` or `remote`: where the day was worked.
    pub place: String,
    /// Written after its day.
    pub late: bool,
    /// Send it back when acknowledging.
    pub version: i64,
    pub items: Vec<ReportItem>,
    pub items_done: i64,
    pub items_in_progress: i64,
    pub items_blocked: i64,
    pub evidence_link: Option<String>,
    pub evidence_file_id: Option<i64>,
    pub acknowledged: bool,
    pub comment: Option<String>,
}

fn report_of(v: ReportView) -> Report {
    let r = v.row;
    Report {
        id: r.id,
        employee_id: r.employee_id,
        date: r.date,
        place: r.place,
        late: r.late != 0,
        version: r.version,
        items: v
            .items
            .into_iter()
            .map(|i| ReportItem {
                text: i.text,
                status: i.status,
                needs: i.needs,
                task_id: i.task_id,
                task_title: i.task_title,
                result_id: i.result_id,
                result_text: i.result_text,
            })
            .collect(),
        items_done: r.items_done,
        items_in_progress: r.items_in_progress,
        items_blocked: r.items_blocked,
        evidence_link: r.evidence_link,
        evidence_file_id: r.evidence_file_id,
        acknowledged: r.acknowledged_at.is_some(),
        comment: r.comment,
    }
}

#[utoipa::path(post, path = "/api/v1/reports", tag = "reports", request_body = ReportBody, security(("bearer" = [])),
    responses((status = 201, body = Report, description = "the day's first report"),
        (status = 200, body = Report, description = "the day's report replaced"),
        (status = 422, body = super::Problem, description = "refused, naming each field (`items[2].needs`); nothing changed")))]
pub async fn create(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Bytes,
) -> Result<(StatusCode, Json<Report>), WebError> {
    let req: ReportBody = super::json_body(&body, actor.locale)?;
    let input = ReportInput {
        date: req.date,
        items: req
            .items
            .into_iter()
            .map(|i| ItemInput {
                text: i.text,
                status: i.status,
                needs: i.needs,
                task_id: i.task_id,
                result_id: i.result_id,
            })
            .collect(),
        evidence_link: req.evidence_link,
        upload: None,
        evidence_file_id: req.evidence_file_id,
    };
    let done = submit::submit(&s.app, &actor, input)
        .await
        .map_err(WebError::api(actor.locale))?;
    let status = if done.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(report_of(done.view))))
}

#[derive(Deserialize, IntoParams, Default)]
pub struct DateParam {
    /// `YYYY-MM-DD`; empty is today.
    #[serde(default)]
    pub date: String,
    /// A unit id (its readers only); without it, the caller's direct reports.
    #[serde(default)]
    pub unit: String,
}

#[utoipa::path(get, path = "/api/v1/reports", tag = "reports", params(DateParam), security(("bearer" = [])),
    responses((status = 200, body = Report), (status = 404, description = "no report for that day yet")))]
pub async fn mine(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<DateParam>,
) -> Result<Json<Report>, WebError> {
    let m = service::mine(&s.app, &actor, &q.date)
        .await
        .map_err(WebError::api(actor.locale))?;
    let v = m
        .current
        .ok_or(WebError::Api(ServiceError::NotFound, actor.locale))?;
    Ok(Json(report_of(v)))
}

#[utoipa::path(get, path = "/api/v1/reports/{id}", tag = "reports", security(("bearer" = [])),
    responses((status = 200, body = Report), (status = 403, description = "not the author, their supervisor or a reader of their unit"),
        (status = 404, description = "no such report in the caller's agency")))]
pub async fn detail(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> Result<Json<Report>, WebError> {
    let (v, _, _) = service::get(&s.app, &actor, id)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(report_of(v)))
}

#[derive(Serialize, ToSchema)]
pub struct TeamLine {
    pub employee_id: i64,
    pub name: String,
    pub nip: String,
    /// Null: no report that day.
    pub report: Option<Report>,
}

#[derive(Serialize, ToSchema)]
pub struct TeamDay {
    pub date: String,
    /// Blocked items first, then who has not reported, then by name.
    pub people: Vec<TeamLine>,
    pub reported: usize,
}

#[utoipa::path(get, path = "/api/v1/reports/team", tag = "reports", params(DateParam), security(("bearer" = [])),
    responses((status = 200, body = TeamDay), (status = 403, description = "no direct reports, or not a reader of the unit")))]
pub async fn team_day(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<DateParam>,
) -> Result<Json<TeamDay>, WebError> {
    let unit = (!q.unit.trim().is_empty()).then_some(q.unit.as_str());
    let d = team::day(&s.app, &actor, &q.date, unit)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(TeamDay {
        date: d.date.to_string(),
        reported: d.reported,
        people: d
            .lines
            .into_iter()
            .map(|l| TeamLine {
                employee_id: l.person.id,
                name: l.person.name,
                nip: l.person.nip,
                report: l.report.map(report_of),
            })
            .collect(),
    }))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct AcknowledgeBody {
    /// The `version` of the report as read.
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub comment: String,
}

#[utoipa::path(post, path = "/api/v1/reports/{id}/acknowledge", tag = "reports", request_body = AcknowledgeBody, security(("bearer" = [])),
    responses((status = 204, description = "acknowledged"), (status = 403, description = "not the author's direct supervisor or acting official"),
        (status = 409, body = super::Problem, description = "the report changed since it was read")))]
pub async fn acknowledge(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<StatusCode, WebError> {
    let req: AcknowledgeBody = super::json_body(&body, actor.locale)?;
    team::acknowledge(&s.app, &actor, id, req.version, &req.comment)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams, Default)]
pub struct WeekParam {
    /// Any date of the week; empty is this week.
    #[serde(default)]
    pub week: String,
}

#[derive(Serialize, ToSchema)]
pub struct Week {
    /// The Monday.
    pub week: String,
    pub days: Vec<Report>,
    pub days_reported: i64,
    pub items_done: i64,
    pub items_blocked: i64,
    pub went_well: Option<String>,
    pub to_improve: Option<String>,
    pub next_week: Option<String>,
    pub acknowledged: bool,
}

fn week_of(w: weekly::Week) -> Week {
    Week {
        week: w.monday.to_string(),
        days_reported: w.days_reported,
        items_done: w.items_done,
        items_blocked: w.items_blocked,
        went_well: w.weekly.as_ref().map(|x| x.went_well.clone()),
        to_improve: w.weekly.as_ref().map(|x| x.to_improve.clone()),
        next_week: w.weekly.as_ref().map(|x| x.next_week.clone()),
        acknowledged: w
            .weekly
            .as_ref()
            .is_some_and(|x| x.acknowledged_at.is_some()),
        days: w.days.into_iter().map(report_of).collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/reports/week", tag = "reports", params(WeekParam), security(("bearer" = [])),
    responses((status = 200, body = Week, description = "the week compiled from the daily reports, with the reflection once sent")))]
pub async fn my_week(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<WeekParam>,
) -> Result<Json<Week>, WebError> {
    let w = weekly::mine(&s.app, &actor, &q.week)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(week_of(w)))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct WeekBody {
    /// Any date of the week; empty is this week.
    #[serde(default)]
    pub week: String,
    #[serde(default)]
    pub went_well: String,
    #[serde(default)]
    pub to_improve: String,
    #[serde(default)]
    pub next_week: String,
}

#[utoipa::path(post, path = "/api/v1/reports/week", tag = "reports", request_body = WeekBody, security(("bearer" = [])),
    responses((status = 200, body = Week), (status = 422, body = super::Problem, description = "refused, naming each field")))]
pub async fn send_week(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Bytes,
) -> Result<Json<Week>, WebError> {
    let req: WeekBody = super::json_body(&body, actor.locale)?;
    let r = Reflection {
        went_well: req.went_well,
        to_improve: req.to_improve,
        next_week: req.next_week,
    };
    let err = WebError::api(actor.locale);
    weekly::submit(&s.app, &actor, &req.week, &r)
        .await
        .map_err(&err)?;
    let w = weekly::mine(&s.app, &actor, &req.week)
        .await
        .map_err(&err)?;
    Ok(Json(week_of(w)))
}
