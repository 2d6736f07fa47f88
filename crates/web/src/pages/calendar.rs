//! The working calendar page: a year's national holidays and cuti bersama, its Ramadan,
//! and the agency's events (busy periods). System administrators change the national
//! lists; agency and unit admins add and remove events. Forms work without JavaScript.

use super::{page_with, Ctx};
use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::timezone::Zone;
use fleksi_service::calendar::events::{self, EventForm, KINDS};
use fleksi_service::calendar::manage::{self, HolidayForm, RamadanForm, YearView};
use fleksi_service::ServiceError;
use fleksi_store::calendar::{EventRow, HolidayRow};
use fleksi_store::org::UnitRow;
use jiff::civil::Date;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calendar", get(show))
        .route("/calendar/holidays", post(add_holiday))
        .route("/calendar/holidays/{date}", get(edit).post(change_holiday))
        .route("/calendar/holidays/{date}/delete", post(delete_holiday))
        .route("/calendar/years", post(add_year))
        .route("/calendar/ramadan", post(set_ramadan))
        .route("/calendar/ramadan/delete", post(delete_ramadan))
        .route("/calendar/events", post(add_event))
        .route("/calendar/events/{id}/delete", post(delete_event))
}

/// A holiday row with its weekday resolved.
struct Row {
    h: HolidayRow,
    weekday: &'static str,
}

/// An event row, and whether the reader may remove it.
struct Event {
    e: EventRow,
    removable: bool,
}

#[derive(Template)]
#[template(path = "calendar/year.html")]
struct YearPage {
    ctx: Ctx,
    v: YearView,
    rows: Vec<Row>,
    holidays: usize,
    joint: usize,
    prev: i16,
    next: i16,
    system_admin: bool,
    /// In an agency: its events are shown.
    agency: bool,
    events: Vec<Event>,
    /// Units the reader may add events for, and whether agency-wide ones too.
    event_units: Vec<UnitRow>,
    agency_wide: bool,
    kinds: [&'static str; 5],
    holiday_form: HolidayForm,
    event_form: EventForm,
    errors: Vec<(String, String)>,
    done: &'static str,
}

#[derive(Deserialize, Default)]
struct YearQuery {
    #[serde(default)]
    year: String,
    #[serde(default)]
    done: String,
}

fn this_year(s: &AppState) -> i16 {
    s.app.clock.now().to_zoned(Zone::Wib.tz()).date().year()
}

fn weekday(t: T, d: &str) -> &'static str {
    d.parse::<Date>()
        .map(|d| t.of("wd.", &d.weekday().to_monday_zero_offset().to_string()))
        .unwrap_or("")
}

fn status_of(errors: &[(String, String)]) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// What the page keeps of a refused form, to show it again.
#[derive(Default)]
struct Kept {
    holiday: HolidayForm,
    event: EventForm,
}

async fn view(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    year: &str,
    kept: Kept,
    errors: Vec<(String, String)>,
    done: &str,
) -> Result<Response, WebError> {
    let t = T(who.actor.locale);
    let year = if year.trim().is_empty() {
        this_year(s).to_string()
    } else {
        year.to_string()
    };
    let v = manage::year(&s.app, &who.actor, &year)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let agency = who.actor.access.agency_id;
    let (events, event_units) = match agency {
        Some(_) => {
            let list = events::of_year(&s.app, &who.actor, v.year)
                .await
                .map_err(WebError::page(who.actor.locale))?;
            let units = events::units_for_events(&s.app, &who.actor)
                .await
                .map_err(WebError::page(who.actor.locale))?;
            (list, units)
        }
        None => (vec![], vec![]),
    };
    let agency_wide = agency.is_some_and(|a| who.actor.access.is_agency_admin(a));
    let events = events
        .into_iter()
        .map(|e| Event {
            removable: match &e.unit_path {
                None => agency_wide,
                Some(p) => event_units.iter().any(|u| &u.path == p),
            },
            e,
        })
        .collect();
    let rows: Vec<Row> = v
        .holidays
        .iter()
        .map(|h| Row {
            weekday: weekday(t, &h.date),
            h: h.clone(),
        })
        .collect();
    let holidays = rows.iter().filter(|r| r.h.kind == "holiday").count();
    let joint = rows.len() - holidays;
    let done = match done {
        "holiday" | "year" | "ramadan" | "event" | "deleted" => t.of("cal.done.", done),
        _ => "",
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "calendar");
    Ok(page_with(
        status_of(&errors),
        jar,
        YearPage {
            ctx,
            prev: v.year - 1,
            next: v.year + 1,
            rows,
            holidays,
            joint,
            system_admin: who.actor.access.is_system_admin(),
            agency: agency.is_some(),
            events,
            event_units,
            agency_wide,
            kinds: KINDS,
            holiday_form: kept.holiday,
            event_form: kept.event,
            errors,
            done,
            v,
        },
    ))
}

async fn show(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    view(&s, jar, &who, &q.year, Kept::default(), vec![], &q.done).await
}

/// The year a date or form belongs to, for the way back to the list.
fn year_of(date: &str) -> String {
    date.get(..4)
        .filter(|y| y.chars().all(|c| c.is_ascii_digit()))
        .unwrap_or("")
        .to_string()
}

/// After a write: back to the year with a note, or the page again with the errors.
async fn after(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    year: &str,
    result: Result<(), ServiceError>,
    done: &str,
    kept: Kept,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/calendar?year={year}&done={done}")).into_response()),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict(_))) => {
            let errors = field_texts(&e, T(who.actor.locale));
            let year = if manage::parse_year(year).is_ok() {
                year
            } else {
                ""
            };
            view(s, jar, who, year, kept, errors, "").await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}

#[derive(Deserialize, Default)]
struct HolidayFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    estimate: String,
}

impl HolidayFields {
    fn form(&self) -> HolidayForm {
        HolidayForm {
            date: self.date.clone(),
            name: self.name.clone(),
            name_en: self.name_en.clone(),
            kind: self.kind.clone(),
            estimate: !self.estimate.is_empty(),
        }
    }
}

async fn add_holiday(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<HolidayFields>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let form = f.form();
    let result = manage::add_holiday(&s.app, &who.actor, &form).await;
    let kept = Kept {
        holiday: form,
        ..Kept::default()
    };
    after(&s, jar, &who, &year_of(&f.date), result, "holiday", kept).await
}

#[derive(Template)]
#[template(path = "calendar/holiday.html")]
struct EditPage {
    ctx: Ctx,
    h: HolidayRow,
    form: HolidayForm,
    year: String,
    errors: Vec<(String, String)>,
}

async fn edit_view(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    date: &str,
    form: Option<HolidayForm>,
    errors: Vec<(String, String)>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    if !who.actor.access.is_system_admin() {
        return Err(WebError::Page(ServiceError::Forbidden, locale));
    }
    let year = year_of(date);
    let v = manage::year(&s.app, &who.actor, &year)
        .await
        .map_err(|_| WebError::Page(ServiceError::NotFound, locale))?;
    let h = v
        .holidays
        .into_iter()
        .find(|h| h.date == date)
        .ok_or(WebError::Page(ServiceError::NotFound, locale))?;
    let form = form.unwrap_or_else(|| HolidayForm {
        date: h.date.clone(),
        name: h.name.clone(),
        name_en: h.name_en.clone(),
        kind: h.kind.clone(),
        estimate: h.estimate != 0,
    });
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "calendar");
    Ok(page_with(
        status_of(&errors),
        jar,
        EditPage {
            ctx,
            h,
            form,
            year,
            errors,
        },
    ))
}

async fn edit(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(date): Path<String>,
) -> Result<Response, WebError> {
    edit_view(&s, jar, &who, &date, None, vec![]).await
}

async fn change_holiday(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(date): Path<String>,
    Form(f): Form<HolidayFields>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    // The date is the record's key, taken from the address, not from the form.
    let form = HolidayForm {
        date: date.clone(),
        ..f.form()
    };
    match manage::change_holiday(&s.app, &who.actor, &form).await {
        Ok(()) => Ok(
            Redirect::to(&format!("/calendar?year={}&done=holiday", year_of(&date)))
                .into_response(),
        ),
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(who.actor.locale));
            edit_view(&s, jar, &who, &date, Some(form), errors).await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}

#[derive(Deserialize, Default)]
struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

async fn delete_holiday(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(date): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let result = manage::delete_holiday(&s.app, &who.actor, &date).await;
    after(
        &s,
        jar,
        &who,
        &year_of(&date),
        result,
        "deleted",
        Kept::default(),
    )
    .await
}

#[derive(Deserialize, Default)]
struct YearFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    year: String,
}

async fn add_year(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<YearFields>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let result = manage::add_year(&s.app, &who.actor, &f.year)
        .await
        .map(|_| ());
    after(
        &s,
        jar,
        &who,
        f.year.trim(),
        result,
        "year",
        Kept::default(),
    )
    .await
}

#[derive(Deserialize, Default)]
struct RamadanFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    first_day: String,
    #[serde(default)]
    last_day: String,
    #[serde(default)]
    estimate: String,
}

async fn set_ramadan(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<RamadanFields>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let form = RamadanForm {
        year: f.year.clone(),
        first_day: f.first_day,
        last_day: f.last_day,
        estimate: !f.estimate.is_empty(),
    };
    let result = manage::set_ramadan(&s.app, &who.actor, &form).await;
    after(
        &s,
        jar,
        &who,
        f.year.trim(),
        result,
        "ramadan",
        Kept::default(),
    )
    .await
}

async fn delete_ramadan(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<YearFields>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let result = manage::delete_ramadan(&s.app, &who.actor, &f.year).await;
    after(
        &s,
        jar,
        &who,
        f.year.trim(),
        result,
        "deleted",
        Kept::default(),
    )
    .await
}

#[derive(Deserialize, Default)]
struct EventFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    first_day: String,
    #[serde(default)]
    last_day: String,
}

async fn add_event(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<EventFields>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let form = EventForm {
        unit_id: f.unit_id,
        name: f.name,
        kind: f.kind,
        first_day: f.first_day.clone(),
        last_day: f.last_day,
    };
    let result = events::add(&s.app, &who.actor, &form).await.map(|_| ());
    let kept = Kept {
        event: form,
        ..Kept::default()
    };
    after(&s, jar, &who, &year_of(&f.first_day), result, "event", kept).await
}

#[derive(Deserialize, Default)]
struct DeleteEventFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    year: String,
}

async fn delete_event(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(f): Form<DeleteEventFields>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let id = id
        .parse::<i64>()
        .map_err(|_| WebError::Page(ServiceError::NotFound, who.actor.locale))?;
    let result = events::delete(&s.app, &who.actor, id).await;
    let year = year_of(&f.year);
    after(&s, jar, &who, &year, result, "deleted", Kept::default()).await
}
