//! Presence: `POST /presence/check-in`, `POST /presence/check-out` (201 when recorded, 200
//! with the same body when the client key was seen before), `GET /presence/today`, and
//! corrections (ask, list, decide).

use crate::extract::ApiActor;
use crate::{AppState, WebError};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use fleksi_domain::presence::CorrectionForm;
use fleksi_domain::{FieldError, Message};
use fleksi_service::presence::{self, corrections, Punched, Source};
use fleksi_service::{Actor, ServiceError};
use fleksi_store::presence::CorrectionRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/presence/check-in", post(check_in))
        .route("/presence/check-out", post(check_out))
        .route("/presence/today", get(today))
        .route("/presence/corrections", get(my_corrections).post(ask))
        .route("/presence/corrections/pending", get(pending))
        .route("/presence/corrections/{id}/decision", post(decide))
}

/// A punch. The person is always the caller: a body naming anyone (`employee_id`, `nip`)
/// is refused.
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct PunchRequest {
    /// `office`, `other_office`, `home` or `other` (as the unit's policy allows).
    pub location: String,
    /// At most 500 characters.
    pub note: Option<String>,
    /// 8–64 visible ASCII characters, new for each punch; a retry with the same key counts
    /// once and gets the first answer.
    pub client_key: String,
}

#[derive(Serialize, ToSchema)]
pub struct PunchEvent {
    pub id: i64,
    /// `check_in` or `check_out`.
    pub kind: String,
    /// RFC 3339, UTC (the server's clock).
    pub at: String,
    /// `HH:MM` in the unit's zone.
    pub local_time: String,
    pub location: String,
    pub note: Option<String>,
    pub client_key: String,
    pub source: String,
}

#[derive(Serialize, ToSchema)]
pub struct PresenceDay {
    /// The local date.
    pub date: String,
    /// WIB, WITA or WIT.
    pub zone: String,
    pub check_in: Option<String>,
    pub check_in_location: Option<String>,
    pub check_out: Option<String>,
    pub check_out_location: Option<String>,
    pub planned_location: String,
    /// The declared location differs from the approved plan (flagged, not refused).
    pub mismatch: bool,
    pub expected_minutes: i64,
    pub late_minutes: i64,
    /// Breaks excluded; counted at check-out.
    pub effective_minutes: i64,
    pub core_hours_met: bool,
    /// Checked in, not yet out.
    pub open: bool,
    pub corrected: bool,
}

impl From<presence::DayState> for PresenceDay {
    fn from(d: presence::DayState) -> Self {
        PresenceDay {
            date: d.date,
            zone: d.zone.into(),
            check_in: d.check_in,
            check_in_location: d.check_in_location,
            check_out: d.check_out,
            check_out_location: d.check_out_location,
            planned_location: d.planned_location,
            mismatch: d.mismatch,
            expected_minutes: d.expected_minutes,
            late_minutes: d.late_minutes,
            effective_minutes: d.effective_minutes,
            core_hours_met: d.core_hours_met,
            open: d.open,
            corrected: d.corrected,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PresenceWeek {
    /// The week's Monday.
    pub week: String,
    pub required_minutes: i64,
    pub effective_minutes: i64,
    pub days_present: i64,
}

impl From<presence::WeekState> for PresenceWeek {
    fn from(w: presence::WeekState) -> Self {
        PresenceWeek {
            week: w.week,
            required_minutes: w.required_minutes,
            effective_minutes: w.effective_minutes,
            days_present: w.days_present,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PunchAnswer {
    pub event: PunchEvent,
    pub day: PresenceDay,
    pub week: PresenceWeek,
}

impl From<presence::PunchAnswer> for PunchAnswer {
    fn from(a: presence::PunchAnswer) -> Self {
        let e = a.event;
        PunchAnswer {
            event: PunchEvent {
                id: e.id,
                kind: e.kind,
                at: e.at,
                local_time: e.local_time,
                location: e.location,
                note: e.note,
                client_key: e.client_key,
                source: e.source,
            },
            day: a.day.into(),
            week: a.week.into(),
        }
    }
}

fn punched(p: Punched) -> Response {
    let status = if p.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    (status, Json(PunchAnswer::from(p.answer))).into_response()
}

#[utoipa::path(post, path = "/api/v1/presence/check-in", tag = "presence", request_body = PunchRequest,
    security(("bearer" = [])),
    responses((status = 201, body = PunchAnswer), (status = 200, description = "a retry: the first answer", body = PunchAnswer),
        (status = 422, body = super::Problem)))]
pub async fn check_in(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Bytes,
) -> Result<Response, WebError> {
    let input = presence::input_from_json(&body).map_err(WebError::api(actor.locale))?;
    let p = presence::check_in(&s.app, &actor, &input, Source::Api)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(punched(p))
}

#[utoipa::path(post, path = "/api/v1/presence/check-out", tag = "presence", request_body = PunchRequest,
    security(("bearer" = [])),
    responses((status = 201, body = PunchAnswer), (status = 200, description = "a retry: the first answer", body = PunchAnswer),
        (status = 422, body = super::Problem)))]
pub async fn check_out(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Bytes,
) -> Result<Response, WebError> {
    let input = presence::input_from_json(&body).map_err(WebError::api(actor.locale))?;
    let p = presence::check_out(&s.app, &actor, &input, Source::Api)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(punched(p))
}

#[derive(Serialize, ToSchema)]
pub struct PresenceToday {
    pub date: String,
    pub zone: String,
    /// The local time now.
    pub now: String,
    pub working_day: bool,
    /// `weekend`, `holiday` or `joint_leave`.
    pub day_off: Option<String>,
    pub holiday: Option<String>,
    pub planned_location: String,
    /// `regular`, `dynamic` or `shift`.
    pub time_mode: String,
    /// The latest on-time start.
    pub latest_start: String,
    pub expected_minutes: u32,
    pub allowed_locations: Vec<String>,
    pub day: Option<PresenceDay>,
    /// Effective minutes from the check-in until now while the day is open.
    pub minutes_so_far: i64,
    pub week: PresenceWeek,
    /// Days of the last week with a check-in and no check-out.
    pub missing_check_outs: Vec<String>,
}

#[utoipa::path(get, path = "/api/v1/presence/today", tag = "presence", security(("bearer" = [])),
    responses((status = 200, body = PresenceToday), (status = 422, body = super::Problem)))]
pub async fn today(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<PresenceToday>, WebError> {
    let t = presence::today(&s.app, &actor)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(PresenceToday {
        date: t.date,
        zone: t.zone.into(),
        now: t.now,
        working_day: t.working_day,
        day_off: t.day_off.map(Into::into),
        holiday: t.holiday,
        planned_location: t.planned_location.into(),
        time_mode: t.time_mode.into(),
        latest_start: t.latest_start,
        expected_minutes: t.expected_minutes,
        allowed_locations: t.allowed_locations.into_iter().map(Into::into).collect(),
        day: t.day.map(Into::into),
        minutes_so_far: t.minutes_so_far,
        week: t.week.into(),
        missing_check_outs: t.missing_check_outs,
    }))
}

/// A request to correct one's own day (times `HH:MM` in the unit's zone).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRequest {
    pub date: String,
    #[serde(default)]
    pub check_in: Option<String>,
    #[serde(default)]
    pub check_out: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct Correction {
    pub id: i64,
    pub employee_id: i64,
    pub employee_name: String,
    pub nip: String,
    pub date: String,
    pub check_in: Option<String>,
    pub check_out: Option<String>,
    pub location: Option<String>,
    pub reason: String,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    pub decision_comment: Option<String>,
}

impl From<CorrectionRow> for Correction {
    fn from(c: CorrectionRow) -> Self {
        Correction {
            id: c.id,
            employee_id: c.employee_id,
            employee_name: c.employee_name,
            nip: c.employee_nip,
            date: c.date,
            check_in: c.check_in,
            check_out: c.check_out,
            location: c.location,
            reason: c.reason,
            status: c.status,
            decision_comment: c.decision_comment,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: i64,
}

fn bad_body(actor: &Actor) -> WebError {
    WebError::Api(
        ServiceError::Invalid(vec![FieldError::new(
            "body",
            Message::text_of(
                "isi permintaan tidak sesuai; lihat dokumen OpenAPI",
                "the body does not match; see the OpenAPI document",
            ),
        )]),
        actor.locale,
    )
}

#[utoipa::path(post, path = "/api/v1/presence/corrections", tag = "presence", request_body = CorrectionRequest,
    security(("bearer" = [])), responses((status = 201, body = Created), (status = 422, body = super::Problem)))]
pub async fn ask(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Result<Json<CorrectionRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, WebError> {
    let Json(r) = body.map_err(|_| bad_body(&actor))?;
    let form = CorrectionForm {
        date: &r.date,
        check_in: r.check_in.as_deref().unwrap_or(""),
        check_out: r.check_out.as_deref().unwrap_or(""),
        location: r.location.as_deref().unwrap_or(""),
        reason: &r.reason,
    };
    let id = corrections::request(&s.app, &actor, &form)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

#[utoipa::path(get, path = "/api/v1/presence/corrections", tag = "presence", security(("bearer" = [])),
    responses((status = 200, body = [Correction])))]
pub async fn my_corrections(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<Correction>>, WebError> {
    let rows = corrections::mine(&s.app, &actor)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(rows.into_iter().map(Into::into).collect()))
}

#[utoipa::path(get, path = "/api/v1/presence/corrections/pending", tag = "presence", security(("bearer" = [])),
    responses((status = 200, description = "corrections the caller may decide", body = [Correction])))]
pub async fn pending(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<Correction>>, WebError> {
    let rows = corrections::to_decide(&s.app, &actor)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(rows.into_iter().map(Into::into).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// `approve` or `reject`.
    pub decision: String,
    /// Required to reject.
    #[serde(default)]
    pub comment: String,
}

#[utoipa::path(post, path = "/api/v1/presence/corrections/{id}/decision", tag = "presence", params(("id" = i64, Path)),
    request_body = DecisionRequest, security(("bearer" = [])),
    responses((status = 204), (status = 403, body = super::Problem), (status = 404, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn decide(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<DecisionRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<StatusCode, WebError> {
    let id: i64 = id
        .parse()
        .map_err(|_| WebError::Api(ServiceError::NotFound, actor.locale))?;
    let Json(r) = body.map_err(|_| bad_body(&actor))?;
    corrections::decide(&s.app, &actor, id, &r.decision, &r.comment)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(StatusCode::NO_CONTENT)
}
