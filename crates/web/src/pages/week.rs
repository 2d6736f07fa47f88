//! The employee's week: their plan per day (location and where it came from), their
//! notifications, and the wishes form for rosters of their unit that are still open.

use super::{page_with, Ctx};
use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::CookieJar;
use fleksi_service::roster::week::{self, WeekView};
use fleksi_service::ServiceError;
use jiff::Span;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/week", get(show))
        .route("/week/wishes", post(wishes))
}

/// One row of the week table, with its texts resolved.
struct Row {
    date: String,
    weekday: &'static str,
    today: bool,
    location: &'static str,
    source: &'static str,
    status: &'static str,
    /// The roster's unit and the current weight, when a wish can be given.
    wish: Option<(String, i64)>,
}

#[derive(Template)]
#[template(path = "week/week.html")]
struct WeekPage {
    ctx: Ctx,
    v: WeekView,
    rows: Vec<Row>,
    prev: String,
    next: String,
    /// (weight, label)
    weights: Vec<(i64, &'static str)>,
    /// (text, link, unread)
    notes: Vec<(String, String, bool)>,
    errors: Vec<(String, String)>,
    saved: bool,
    /// Plans, presence, hours, what waits and the calendar feed (the schedule feature).
    x: super::schedule::week::WeekExtras,
}

#[derive(Deserialize, Default)]
struct WeekQuery {
    #[serde(default)]
    date: String,
    #[serde(default)]
    saved: String,
    #[serde(default)]
    feed: String,
}

async fn view(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    date: &str,
    errors: Vec<(String, String)>,
    saved: bool,
    feed_revoked: bool,
) -> Result<Response, WebError> {
    let t = T(who.actor.locale);
    let v = week::my_week(&s.app, &who.actor, Some(date))
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let x = super::schedule::week::load(s, &who.actor, v.monday, feed_revoked).await?;
    let rows = v
        .days
        .iter()
        .map(|d| Row {
            date: d.date.to_string(),
            weekday: t.of("wd.", &d.date.weekday().to_monday_zero_offset().to_string()),
            today: d.date == v.today,
            location: d
                .plan
                .as_ref()
                .map(|p| t.of("loc.", &p.location))
                .unwrap_or("—"),
            source: d
                .plan
                .as_ref()
                .map(|p| t.of("src.", &p.source))
                .unwrap_or(""),
            status: d
                .plan
                .as_ref()
                .map(|p| t.of("plan.", &p.status))
                .unwrap_or(""),
            wish: d.wish.as_ref().map(|w| (w.unit_name.clone(), w.weight)),
        })
        .collect();
    let shift = |days: i64| {
        v.monday
            .checked_add(Span::new().days(days))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    let (prev, next) = (shift(-7), shift(7));
    let weights = [-1, 0, 1, 3]
        .into_iter()
        .map(|w| (w, t.of("wish.", &w.to_string())))
        .collect();
    let lang = t.lang();
    let notes = v
        .notifications
        .iter()
        .map(|n| {
            let text = if lang == "en" { &n.text_en } else { &n.text_id };
            (
                text.clone(),
                n.link.clone().unwrap_or_default(),
                n.read_at.is_none(),
            )
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "week");
    Ok(page_with(
        status,
        jar,
        WeekPage {
            ctx,
            v,
            rows,
            prev,
            next,
            weights,
            notes,
            errors,
            saved,
            x,
        },
    ))
}

async fn show(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<WeekQuery>,
) -> Result<Response, WebError> {
    view(
        &s,
        jar,
        &who,
        &q.date,
        vec![],
        q.saved == "1",
        q.feed == "revoked",
    )
    .await
}

/// The wishes form: `wish.YYYY-MM-DD` = weight for each date shown, `date` the week.
async fn wishes(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let token = f
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    csrf::verify(&jar, &s.config, token, who.actor.locale)?;
    let date = f
        .iter()
        .find(|(k, _)| k == "date")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let entries: Vec<(String, String)> = f
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("wish.")?.to_string(), v.clone())))
        .collect();
    match week::set_wishes(&s.app, &who.actor, &entries).await {
        Ok(_) => {
            let date: String = date
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '-')
                .take(10)
                .collect();
            Ok(Redirect::to(&format!("/week?date={date}&saved=1")).into_response())
        }
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(who.actor.locale));
            view(&s, jar, &who, &date, errors, false, false).await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}
