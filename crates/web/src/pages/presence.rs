//! Presence pages: `/presence` (today with the check-in/check-out form, this week's hours,
//! my corrections and the form to ask for one) and `/presence/corrections` (what a
//! supervisor or acting official has to decide). Forms work without JavaScript; each
//! punch form carries a fresh client key made here, so a double submit counts once.

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
use fleksi_domain::presence::CorrectionForm;
use fleksi_service::presence::{self, corrections, DayState, PunchInput, Source, Today};
use fleksi_service::ServiceError;
use fleksi_store::presence::CorrectionRow;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/presence", get(show))
        .route("/presence/check-in", post(check_in))
        .route("/presence/check-out", post(check_out))
        .route("/presence/correction", post(ask))
        .route("/presence/corrections", get(queue))
        .route("/presence/corrections/{id}", post(decide))
}

/// Minutes as `7:30` (hours and minutes).
fn hm(minutes: i64) -> String {
    let m = minutes.max(0);
    format!("{}:{:02}", m / 60, m % 60)
}

/// A day of the week table with its texts resolved.
struct Row {
    d: DayState,
    weekday: &'static str,
    effective: String,
}

/// What was typed in the correction form, to show again after a refusal.
#[derive(Deserialize, Default)]
struct CorrectionFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    check_in: String,
    #[serde(default)]
    check_out: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    reason: String,
}

#[derive(Template)]
#[template(path = "presence/today.html")]
struct TodayPage {
    ctx: Ctx,
    v: Today,
    rows: Vec<Row>,
    client_key: String,
    checked_in: bool,
    checked_out: bool,
    /// (code, label, selected) for the punch form.
    locations: Vec<(&'static str, &'static str, bool)>,
    /// The same for the correction form (none selected: unchanged).
    corr_locations: Vec<(&'static str, &'static str, bool)>,
    /// Hours texts: expected today, so far / effective today, the week's worked, required, remaining.
    expected: String,
    today_minutes: String,
    week_worked: String,
    week_required: String,
    week_remaining: String,
    mine: Vec<CorrectionRow>,
    waiting: usize,
    form: CorrectionFields,
    errors: Vec<(String, String)>,
    notice: &'static str,
}

#[derive(Deserialize, Default)]
struct Notice {
    #[serde(default)]
    done: String,
}

fn notice_key(done: &str) -> &'static str {
    match done {
        "in" => "presence.done_in",
        "out" => "presence.done_out",
        "requested" => "presence.requested",
        "decided" => "presence.decided",
        _ => "",
    }
}

fn status_of(errors: &[(String, String)]) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

async fn view(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    form: CorrectionFields,
    errors: Vec<(String, String)>,
    notice: &'static str,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let t = T(locale);
    let v = presence::today(&s.app, &who.actor)
        .await
        .map_err(WebError::page(locale))?;
    let mine = corrections::mine(&s.app, &who.actor)
        .await
        .map_err(WebError::page(locale))?;
    let waiting = corrections::to_decide(&s.app, &who.actor)
        .await
        .map_err(WebError::page(locale))?
        .len();
    let rows = v
        .week_days
        .iter()
        .map(|d| Row {
            weekday: d
                .date
                .parse::<jiff::civil::Date>()
                .map(|x| t.of("wd.", &x.weekday().to_monday_zero_offset().to_string()))
                .unwrap_or(""),
            effective: hm(d.effective_minutes),
            d: d.clone(),
        })
        .collect();
    let default_location = match &v.day {
        Some(d) => d.check_in_location.clone().unwrap_or_default(),
        None => v.planned_location.to_string(),
    };
    let options = |selected: &str| {
        v.allowed_locations
            .iter()
            .map(|l| (*l, t.of("loc.", l), *l == selected))
            .collect::<Vec<_>>()
    };
    let locations = options(&default_location);
    let corr_locations = options(&form.location);
    let checked_in = v.day.as_ref().is_some_and(|d| d.check_in.is_some());
    let checked_out = v.day.as_ref().is_some_and(|d| d.check_out.is_some());
    let today_minutes = match &v.day {
        Some(d) if d.open => hm(v.minutes_so_far),
        Some(d) => hm(d.effective_minutes),
        None => hm(0),
    };
    let (expected, week_worked, week_required, week_remaining) = (
        hm(v.expected_minutes as i64),
        hm(v.week.effective_minutes),
        hm(v.week.required_minutes),
        hm(v.week.remaining_minutes()),
    );
    let mut form = form;
    if form.date.is_empty() {
        form.date = v.missing_check_outs.first().unwrap_or(&v.date).clone();
    }
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "presence");
    Ok(page_with(
        status_of(&errors),
        jar,
        TodayPage {
            ctx,
            v,
            rows,
            client_key: fleksi_service::auth::new_token(),
            checked_in,
            checked_out,
            locations,
            corr_locations,
            expected,
            today_minutes,
            week_worked,
            week_required,
            week_remaining,
            mine,
            waiting,
            form,
            errors,
            notice,
        },
    ))
}

async fn show(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<Notice>,
) -> Result<Response, WebError> {
    view(
        &s,
        jar,
        &who,
        CorrectionFields::default(),
        vec![],
        notice_key(&q.done),
    )
    .await
}

#[derive(Deserialize, Default)]
struct PunchForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    client_key: String,
}

async fn punch(
    s: AppState,
    jar: CookieJar,
    who: PageActor,
    f: PunchForm,
    check_in: bool,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let input = PunchInput {
        location: f.location,
        note: Some(f.note),
        client_key: f.client_key,
    };
    let result = if check_in {
        presence::check_in(&s.app, &who.actor, &input, Source::Web).await
    } else {
        presence::check_out(&s.app, &who.actor, &input, Source::Web).await
    };
    match result {
        Ok(_) => Ok(Redirect::to(if check_in {
            "/presence?done=in"
        } else {
            "/presence?done=out"
        })
        .into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(who.actor.locale));
            view(&s, jar, &who, CorrectionFields::default(), errors, "").await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}

async fn check_in(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<PunchForm>,
) -> Result<Response, WebError> {
    punch(s, jar, who, f, true).await
}

async fn check_out(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<PunchForm>,
) -> Result<Response, WebError> {
    punch(s, jar, who, f, false).await
}

async fn ask(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<CorrectionFields>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let form = CorrectionForm {
        date: &f.date,
        check_in: &f.check_in,
        check_out: &f.check_out,
        location: &f.location,
        reason: &f.reason,
    };
    match corrections::request(&s.app, &who.actor, &form).await {
        Ok(_) => Ok(Redirect::to("/presence?done=requested").into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(who.actor.locale));
            view(&s, jar, &who, f, errors, "").await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}

#[derive(Template)]
#[template(path = "presence/corrections.html")]
struct QueuePage {
    ctx: Ctx,
    pending: Vec<CorrectionRow>,
    errors: Vec<(String, String)>,
    notice: &'static str,
}

async fn queue_view(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    errors: Vec<(String, String)>,
    notice: &'static str,
) -> Result<Response, WebError> {
    let pending = corrections::to_decide(&s.app, &who.actor)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "presence");
    Ok(page_with(
        status_of(&errors),
        jar,
        QueuePage {
            ctx,
            pending,
            errors,
            notice,
        },
    ))
}

async fn queue(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<Notice>,
) -> Result<Response, WebError> {
    queue_view(&s, jar, &who, vec![], notice_key(&q.done)).await
}

#[derive(Deserialize, Default)]
struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    comment: String,
}

async fn decide(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(f): Form<DecisionForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let id: i64 = id
        .parse()
        .map_err(|_| WebError::Page(ServiceError::NotFound, who.actor.locale))?;
    match corrections::decide(&s.app, &who.actor, id, &f.decision, &f.comment).await {
        Ok(()) => Ok(Redirect::to("/presence/corrections?done=decided").into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(who.actor.locale));
            queue_view(&s, jar, &who, errors, "").await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}
