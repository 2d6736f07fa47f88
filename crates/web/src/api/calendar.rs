//! `GET /calendar/holidays?year=` (the national list) and `GET /calendar/working-days`
//! (a unit's days under its policy). A malformed parameter is a 400 problem naming it.

use crate::error::field_texts;
use crate::extract::ApiActor;
use crate::i18n::T;
use crate::{AppState, WebError};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use fleksi_domain::calendar::DayOff;
use fleksi_domain::Locale;
use fleksi_service::calendar::{manage, working_days as service_working_days};
use fleksi_service::ServiceError;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calendar/holidays", get(holidays))
        .route("/calendar/working-days", get(working_days))
}

/// A query parameter that cannot be read is the caller's mistake (400), named by the
/// parameter; everything else answers as the rest of the API does.
pub(crate) fn query_error(e: ServiceError, locale: Locale) -> Response {
    if !matches!(e, ServiceError::Invalid(_)) {
        return WebError::Api(e, locale).into_response();
    }
    let t = T(locale);
    let errors: Vec<_> = field_texts(&e, t)
        .into_iter()
        .map(|(f, m)| json!({"field": f, "message": m}))
        .collect();
    let body = json!({
        "type": "about:blank",
        "title": t.s("error.invalid"),
        "status": 400,
        "errors": errors,
    });
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}

#[derive(Serialize, ToSchema)]
pub struct Holiday {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// In Indonesian, as in the decree.
    pub name: String,
    pub name_en: String,
    /// `holiday` (libur nasional) or `joint_leave` (cuti bersama).
    pub kind: String,
    /// The date is an estimate until the decree appears (Islamic and lunar dates).
    pub estimate: bool,
}

#[derive(Deserialize, IntoParams)]
pub struct YearParams {
    /// `YYYY`, 2000–2100.
    pub year: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/calendar/holidays", tag = "calendar", params(YearParams), security(("bearer" = [])),
    responses((status = 200, body = [Holiday]), (status = 400, body = super::Problem), (status = 401, body = super::Problem)))]
pub async fn holidays(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    params: Result<Query<YearParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let year = match params {
        Ok(Query(p)) => p.year.unwrap_or_default(),
        Err(_) => String::from("?"),
    };
    match manage::year(&s.app, &actor, &year).await {
        Ok(v) => Json(
            v.holidays
                .into_iter()
                .map(|h| Holiday {
                    date: h.date,
                    name: h.name,
                    name_en: h.name_en,
                    kind: h.kind,
                    estimate: h.estimate != 0,
                })
                .collect::<Vec<_>>(),
        )
        .into_response(),
        Err(e) => query_error(e, actor.locale),
    }
}

#[derive(Deserialize, IntoParams)]
pub struct RangeParams {
    /// The unit's id.
    pub unit: Option<String>,
    /// First date, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last date, `YYYY-MM-DD`; at most 366 days after `from`, counting both.
    pub to: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct UnitRef {
    pub id: i64,
    pub code: String,
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct Day {
    pub date: String,
    /// Monday = 1 … Sunday = 7.
    pub weekday: i8,
    pub working: bool,
    /// Why the day is not worked: `weekend`, `holiday` or `joint_leave`.
    pub reason: Option<String>,
    /// The national holiday or cuti bersama on this date (Indonesian name).
    pub holiday: Option<String>,
    /// Minutes to work, breaks excluded; 0 on a day off.
    pub expected_minutes: u32,
    /// The regular start (`HH:MM`, the unit's zone); absent on a day off.
    pub start: Option<String>,
    /// The regular end, breaks included; absent on a day off.
    pub end: Option<String>,
    pub break_minutes: u32,
    pub ramadan: bool,
}

#[derive(Serialize, ToSchema)]
pub struct WorkingDays {
    pub unit: UnitRef,
    /// The unit's time zone: WIB, WITA or WIT.
    pub zone: String,
    pub days: Vec<Day>,
}

#[utoipa::path(get, path = "/api/v1/calendar/working-days", tag = "calendar", params(RangeParams), security(("bearer" = [])),
    responses((status = 200, body = WorkingDays), (status = 400, body = super::Problem), (status = 403, body = super::Problem), (status = 404, body = super::Problem)))]
pub async fn working_days(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    params: Result<Query<RangeParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let p = match params {
        Ok(Query(p)) => p,
        Err(_) => RangeParams {
            unit: Some("?".into()),
            from: Some("?".into()),
            to: Some("?".into()),
        },
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let w = match service_working_days(&s.app, &actor, &text(&p.unit), &text(&p.from), &text(&p.to))
        .await
    {
        Ok(w) => w,
        Err(e) => return query_error(e, actor.locale),
    };
    let days = w
        .days
        .iter()
        .map(|(date, d)| {
            let working = d.is_working();
            Day {
                date: date.to_string(),
                weekday: date.weekday().to_monday_one_offset(),
                working,
                reason: d.off.map(|o| {
                    match o {
                        DayOff::Weekend => "weekend",
                        DayOff::Holiday => "holiday",
                        DayOff::JointLeave => "joint_leave",
                    }
                    .to_string()
                }),
                holiday: w.calendar.holiday(*date).map(|(_, n)| n.to_string()),
                expected_minutes: d.expected_minutes,
                start: working.then(|| d.start.to_string()),
                end: working.then(|| d.end().to_string()),
                break_minutes: if working { d.break_minutes } else { 0 },
                ramadan: d.ramadan,
            }
        })
        .collect();
    Json(WorkingDays {
        unit: UnitRef {
            id: w.unit.id,
            code: w.unit.code,
            name: w.unit.name,
        },
        zone: w.calendar.zone.code().to_string(),
        days,
    })
    .into_response()
}
