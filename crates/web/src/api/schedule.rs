//! The views over plans and presence as JSON: `GET /schedule/week`, `GET /schedule/team`,
//! `GET /schedule/board`, and the monthly recap `GET /units/{id}/recap` (JSON, or CSV/XLSX
//! with `format`).

use crate::extract::ApiActor;
use crate::{AppState, WebError};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use fleksi_domain::Message;
use fleksi_service::schedule::{board, recap, team, week, DayPlan, Mark};
use fleksi_service::ServiceError;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/schedule/week", get(my_week))
        .route("/schedule/team", get(team_calendar))
        .route("/schedule/board", get(unit_board))
        .route("/units/{id}/recap", get(unit_recap))
}

/// A person's day: the plan, a request still waiting, presence.
#[derive(Serialize, ToSchema)]
pub struct ScheduleDay {
    pub date: String,
    pub working: bool,
    /// The national holiday or cuti bersama of the date, by its Indonesian name.
    pub holiday: Option<String>,
    /// The plan's location (`office`, `other_office`, `home`, `other`, `leave`, `training`,
    /// `field_duty`); none means no plan (the office).
    pub location: Option<String>,
    /// `approved`, `pending` (a roster's) or `rejected`.
    pub status: Option<String>,
    pub time_mode: Option<String>,
    pub start_time: Option<String>,
    /// The location of a request for the date still waiting for its approver.
    pub pending_location: Option<String>,
    /// `present`, `late`, `absent` or `not_yet` for today and past working days.
    pub mark: Option<String>,
    pub check_in: Option<String>,
    pub check_out: Option<String>,
    pub effective_minutes: Option<i64>,
    pub late_minutes: Option<i64>,
    pub mismatch: Option<bool>,
}

fn day_json(
    date: String,
    working: bool,
    holiday: Option<String>,
    d: &DayPlan,
    mark: Option<Mark>,
    times: (Option<String>, Option<String>),
) -> ScheduleDay {
    ScheduleDay {
        date,
        working,
        holiday,
        location: d.plan.as_ref().map(|p| p.location.clone()),
        status: d.plan.as_ref().map(|p| p.status.clone()),
        time_mode: d.plan.as_ref().and_then(|p| p.time_mode.clone()),
        start_time: d.plan.as_ref().and_then(|p| p.start_time.clone()),
        pending_location: d.pending.as_ref().map(|p| p.location.clone()),
        mark: mark.map(|m| m.code().to_string()),
        check_in: times.0,
        check_out: times.1,
        effective_minutes: d.presence.as_ref().map(|p| p.effective_minutes),
        late_minutes: d.presence.as_ref().map(|p| p.late_minutes),
        mismatch: d.presence.as_ref().map(|p| p.mismatch != 0),
    }
}

#[derive(Serialize, ToSchema)]
pub struct OpenItem {
    pub id: i64,
    /// The request's span or the correction's date.
    pub first_day: String,
    pub last_day: String,
    pub status: String,
}

#[derive(Serialize, ToSchema)]
pub struct MyWeek {
    pub monday: String,
    pub today: String,
    pub zone: String,
    pub days: Vec<ScheduleDay>,
    pub required_minutes: i64,
    pub effective_minutes: i64,
    pub days_present: i64,
    pub pending_requests: Vec<OpenItem>,
    pub pending_corrections: Vec<OpenItem>,
    pub feed_active: bool,
}

#[derive(Deserialize, IntoParams)]
pub struct WeekParams {
    /// Any date of the week (`YYYY-MM-DD`); this week when left out.
    pub date: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/schedule/week", tag = "schedule", params(WeekParams), security(("bearer" = [])),
    responses((status = 200, body = MyWeek), (status = 422, body = super::Problem)))]
pub async fn my_week(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<WeekParams>,
) -> Result<Json<MyWeek>, WebError> {
    let v = week::my_week(&s.app, &actor, q.date.as_deref())
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(MyWeek {
        monday: v.monday.to_string(),
        today: v.today.to_string(),
        zone: v.zone.code().to_string(),
        days: v
            .days
            .iter()
            .map(|d| {
                day_json(
                    d.date.to_string(),
                    d.working(),
                    d.holiday.clone(),
                    &d.day,
                    d.mark,
                    (d.check_in.clone(), d.check_out.clone()),
                )
            })
            .collect(),
        required_minutes: v.required_minutes,
        effective_minutes: v.effective_minutes,
        days_present: v.days_present,
        pending_requests: v
            .requests
            .iter()
            .map(|r| OpenItem {
                id: r.id,
                first_day: r.first_day.clone(),
                last_day: r.last_day.clone(),
                status: r.status.clone(),
            })
            .collect(),
        pending_corrections: v
            .corrections
            .iter()
            .map(|c| OpenItem {
                id: c.id,
                first_day: c.date.clone(),
                last_day: c.date.clone(),
                status: "pending".into(),
            })
            .collect(),
        feed_active: v.feed.is_some(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct TeamDay {
    pub date: String,
    pub working: bool,
    pub holiday: Option<String>,
    pub people: u32,
    /// Expected in the unit's own office (no plan counts as the office).
    pub office: u32,
    pub flexible: u32,
    pub away: u32,
    /// `over_seats`, `below_minimum`, `over_away_share` (unit calendars only).
    pub gaps: Vec<String>,
    pub gap_texts: Vec<String>,
    pub checked_in: Option<i64>,
    pub checked_in_office: Option<i64>,
    pub late: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct TeamPerson {
    pub employee_id: i64,
    pub nip: String,
    pub name: String,
    pub days: Vec<ScheduleDay>,
}

#[derive(Serialize, ToSchema)]
pub struct TeamCalendar {
    /// `unit` or `reports` (the caller's direct reports).
    pub group: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub seats: Option<u32>,
    pub min_on_site: u32,
    pub max_away_percent: u32,
    pub monday: String,
    pub days: Vec<TeamDay>,
    pub people: Vec<TeamPerson>,
    pub total: i64,
    /// Pass as `after` for the next page.
    pub next_after: Option<i64>,
}

#[derive(Deserialize, IntoParams)]
pub struct TeamParams {
    pub week: Option<String>,
    pub unit: Option<String>,
    pub after: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/schedule/team", tag = "schedule", params(TeamParams), security(("bearer" = [])),
    responses((status = 200, body = TeamCalendar), (status = 403, body = super::Problem), (status = 404, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn team_calendar(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<TeamParams>,
) -> Result<Json<TeamCalendar>, WebError> {
    let locale = actor.locale;
    let v = team::team_week(
        &s.app,
        &actor,
        &team::TeamQuery {
            week: q.week,
            unit: q.unit,
            after: q.after,
        },
    )
    .await
    .map_err(WebError::api(locale))?;
    let days = v
        .days
        .iter()
        .map(|d| TeamDay {
            date: d.date.to_string(),
            working: d.working(),
            holiday: d.holiday.clone(),
            people: d.count.people,
            office: d.count.office,
            flexible: d.count.flexible,
            away: d.count.away,
            gaps: d.gaps.iter().map(|g| g.code().to_string()).collect(),
            gap_texts: d.gaps.iter().map(|g| g.message().text(locale)).collect(),
            checked_in: d.presence.map(|p| p.0),
            checked_in_office: d.presence.map(|p| p.1),
            late: d.presence.map(|p| p.2),
        })
        .collect();
    let people = v
        .people
        .iter()
        .map(|p| TeamPerson {
            employee_id: p.person.id,
            nip: p.person.nip.clone(),
            name: p.person.name.clone(),
            days: p
                .days
                .iter()
                .zip(&v.days)
                .map(|((day, mark), d)| {
                    day_json(
                        d.date.to_string(),
                        d.working(),
                        d.holiday.clone(),
                        day,
                        *mark,
                        (None, None),
                    )
                })
                .collect(),
        })
        .collect();
    Ok(Json(TeamCalendar {
        group: match v.group {
            team::Group::Unit => "unit",
            team::Group::Reports => "reports",
        }
        .into(),
        unit_id: v.unit.id,
        unit_name: v.unit.name.clone(),
        seats: v.policy.seats,
        min_on_site: v.policy.min_on_site,
        max_away_percent: v.policy.max_away_percent,
        monday: v.monday.to_string(),
        days,
        people,
        total: v.total,
        next_after: v.next_after,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct BoardPerson {
    pub employee_id: i64,
    pub name: String,
    /// `office`, `flexible` or `away`.
    pub whereabouts: String,
    pub location: Option<String>,
    pub pending_location: Option<String>,
    pub mark: Option<String>,
    pub check_in: Option<String>,
    pub check_out: Option<String>,
    pub late_minutes: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct UnitBoard {
    pub unit_id: i64,
    pub unit_name: String,
    pub today: String,
    pub zone: String,
    pub working: bool,
    pub holiday: Option<String>,
    pub people: i64,
    pub office: i64,
    /// Working flexibly today, by location.
    #[schema(value_type = Object)]
    pub remote: std::collections::BTreeMap<String, i64>,
    /// On leave, training or field duty, by location.
    #[schema(value_type = Object)]
    pub away: std::collections::BTreeMap<String, i64>,
    pub checked_in: i64,
    pub checked_in_office: i64,
    pub not_yet: i64,
    pub late: i64,
    pub listed: Vec<BoardPerson>,
}

#[derive(Deserialize, IntoParams)]
pub struct BoardParams {
    /// The unit; the caller's own when left out.
    pub unit: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/schedule/board", tag = "schedule", params(BoardParams), security(("bearer" = [])),
    responses((status = 200, body = UnitBoard), (status = 403, body = super::Problem), (status = 404, body = super::Problem)))]
pub async fn unit_board(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<BoardParams>,
) -> Result<Json<UnitBoard>, WebError> {
    let b = board::board(&s.app, &actor, q.unit.as_deref())
        .await
        .map_err(WebError::api(actor.locale))?;
    let c = b.counts;
    Ok(Json(UnitBoard {
        unit_id: b.unit.id,
        unit_name: b.unit.name.clone(),
        today: b.today.to_string(),
        zone: b.zone.code().to_string(),
        working: b.work.is_working(),
        holiday: b.holiday,
        people: c.people,
        office: c.office,
        remote: c.remote,
        away: c.away,
        checked_in: c.checked_in,
        checked_in_office: c.checked_in_office,
        not_yet: c.not_yet,
        late: c.late,
        listed: b
            .people
            .iter()
            .map(|p| BoardPerson {
                employee_id: p.person.id,
                name: p.person.name.clone(),
                whereabouts: match p.whereabouts {
                    fleksi_domain::schedule::Whereabouts::Office => "office",
                    fleksi_domain::schedule::Whereabouts::Flexible => "flexible",
                    fleksi_domain::schedule::Whereabouts::Away => "away",
                }
                .into(),
                location: p.location.map(|l| l.code().to_string()),
                pending_location: p.day.pending.as_ref().map(|d| d.location.clone()),
                mark: p.mark.map(|m| m.code().to_string()),
                check_in: p.check_in.clone(),
                check_out: p.check_out.clone(),
                late_minutes: p.day.presence.as_ref().map(|d| d.late_minutes),
            })
            .collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct RecapRow {
    pub employee_id: i64,
    pub nip: String,
    pub name: String,
    pub unit_name: String,
    pub working_days: i64,
    pub leave_days: i64,
    pub days_present: i64,
    pub office_days: i64,
    pub remote_days: i64,
    pub other_days: i64,
    pub effective_minutes: i64,
    pub required_minutes: i64,
    pub late_days: i64,
    pub missing_checkouts: i64,
    pub corrections: i64,
}

#[derive(Serialize, ToSchema)]
pub struct UnitRecap {
    pub unit_id: i64,
    pub unit_name: String,
    pub month: String,
    /// The last date counted (today within the current month).
    pub through: String,
    pub working_days: i64,
    pub rows: Vec<RecapRow>,
}

#[derive(Deserialize, IntoParams)]
pub struct RecapParams {
    /// `YYYY-MM`
    pub month: Option<String>,
    /// `json` (default), `csv` or `xlsx`.
    pub format: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/units/{id}/recap", tag = "schedule", params(("id" = i64, Path), RecapParams), security(("bearer" = [])),
    responses((status = 200, body = UnitRecap), (status = 403, body = super::Problem), (status = 404, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn unit_recap(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    Query(q): Query<RecapParams>,
) -> Result<Response, WebError> {
    let locale = actor.locale;
    let r = recap::recap(&s.app, &actor, &id, q.month.as_deref().unwrap_or(""))
        .await
        .map_err(WebError::api(locale))?;
    let name = format!("rekap-{}-{}", r.unit.code, r.month.code());
    let attachment = |ext: &str| format!("attachment; filename=\"{name}.{ext}\"");
    match q.format.as_deref().map(str::trim).unwrap_or("json") {
        "csv" => {
            let body = recap::to_csv(&r, locale).map_err(WebError::api(locale))?;
            Ok((
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                    (header::CONTENT_DISPOSITION, attachment("csv")),
                ],
                body,
            )
                .into_response())
        }
        "xlsx" => {
            let body = recap::to_xlsx(&r, locale).map_err(WebError::api(locale))?;
            Ok((
                [
                    (
                        header::CONTENT_TYPE,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            .to_string(),
                    ),
                    (header::CONTENT_DISPOSITION, attachment("xlsx")),
                ],
                body,
            )
                .into_response())
        }
        "json" | "" => Ok(Json(UnitRecap {
            unit_id: r.unit.id,
            unit_name: r.unit.name.clone(),
            month: r.month.code(),
            through: r.through.to_string(),
            working_days: r.working_days,
            rows: r
                .lines
                .into_iter()
                .map(|l| RecapRow {
                    employee_id: l.employee_id,
                    nip: l.nip,
                    name: l.name,
                    unit_name: l.unit_name,
                    working_days: l.working_days,
                    leave_days: l.leave_days,
                    days_present: l.days_present,
                    office_days: l.office_days,
                    remote_days: l.remote_days,
                    other_days: l.other_days,
                    effective_minutes: l.effective_minutes,
                    required_minutes: l.required_minutes,
                    late_days: l.late_days,
                    missing_checkouts: l.missing_checkouts,
                    corrections: l.corrections,
                })
                .collect(),
        })
        .into_response()),
        _ => Err(WebError::Api(
            ServiceError::field(
                "format",
                Message::InvalidChoice {
                    allowed: "json, csv, xlsx".into(),
                },
            ),
            locale,
        )),
    }
}
