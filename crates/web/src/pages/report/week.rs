//! `/reports/week`: my week compiled, with the reflection; one report's week for the
//! supervisor, and its acknowledgement.

use super::card::Card;
use super::{back_to, DateQuery};
use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::fields::value;
use crate::pages::{id_of, page_with, Ctx};
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::performance::Reflection;
use fleksi_service::report::weekly;
use fleksi_service::ServiceError;

#[derive(Template)]
#[template(path = "report/week.html")]
struct WeekPage {
    ctx: Ctx,
    monday: String,
    prev: String,
    next: String,
    author: String,
    days: Vec<Card>,
    days_reported: i64,
    items_done: i64,
    items_blocked: i64,
    /// The reflection as stored or sent.
    r: Reflection,
    /// The weekly report's id, version, acknowledgement and comment, once sent.
    sent: Option<(i64, i64, bool, String)>,
    /// Mine (the form is shown) or someone else's.
    own: bool,
    /// Acknowledged: no more changes.
    locked: bool,
    can_acknowledge: bool,
    errors: Vec<(String, String)>,
    done: bool,
}

/// Whose week a page shows and what the reader may do with it.
struct WeekOf {
    author: String,
    own: bool,
    can_acknowledge: bool,
}

/// The reflection form as sent (when refused), its problems, and whether it was saved.
#[derive(Default)]
struct FormState {
    sent: Option<Reflection>,
    errors: Vec<(String, String)>,
    done: bool,
}

fn week_page(ctx: Ctx, w: &weekly::Week, of: WeekOf, form: FormState) -> WeekPage {
    let t = ctx.t;
    let shift = |days: i64| {
        w.monday
            .checked_add(jiff::Span::new().days(days))
            .unwrap_or(w.monday)
            .to_string()
    };
    WeekPage {
        ctx,
        monday: w.monday.to_string(),
        prev: shift(-7),
        next: shift(7),
        author: of.author,
        days: w.days.iter().map(|d| Card::of(t, d)).collect(),
        days_reported: w.days_reported,
        items_done: w.items_done,
        items_blocked: w.items_blocked,
        r: form.sent.unwrap_or_else(|| {
            w.weekly
                .as_ref()
                .map(|x| Reflection {
                    went_well: x.went_well.clone(),
                    to_improve: x.to_improve.clone(),
                    next_week: x.next_week.clone(),
                })
                .unwrap_or_default()
        }),
        sent: w.weekly.as_ref().map(|x| {
            (
                x.id,
                x.version,
                x.acknowledged_at.is_some(),
                x.comment.clone().unwrap_or_default(),
            )
        }),
        own: of.own,
        locked: w
            .weekly
            .as_ref()
            .is_some_and(|x| x.acknowledged_at.is_some()),
        can_acknowledge: of.can_acknowledge,
        errors: form.errors,
        done: form.done,
    }
}

pub async fn my_week(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<DateQuery>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let w = weekly::mine(&s.app, &who.actor, &q.week)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "reports");
    let of = WeekOf {
        author: who.actor.display_name.clone(),
        own: true,
        can_acknowledge: false,
    };
    let form = FormState {
        done: q.done == "1",
        ..FormState::default()
    };
    let page = week_page(ctx, &w, of, form);
    Ok(page_with(StatusCode::OK, jar, page))
}

pub async fn send_week(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), locale)?;
    let week = value(&fields, "week");
    let r = Reflection {
        went_well: value(&fields, "went_well"),
        to_improve: value(&fields, "to_improve"),
        next_week: value(&fields, "next_week"),
    };
    match weekly::submit(&s.app, &who.actor, &week, &r).await {
        Ok(_) => Ok(Redirect::to(&format!("/reports/week?week={week}&done=1")).into_response()),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict(_))) => {
            let errors = field_texts(&e, T(locale));
            let shown = if errors.iter().any(|(f, _)| f == "week") {
                ""
            } else {
                week.as_str()
            };
            let w = weekly::mine(&s.app, &who.actor, shown)
                .await
                .map_err(WebError::page(locale))?;
            let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "reports");
            let of = WeekOf {
                author: who.actor.display_name.clone(),
                own: true,
                can_acknowledge: false,
            };
            let form = FormState {
                sent: Some(r),
                errors,
                done: false,
            };
            let page = week_page(ctx, &w, of, form);
            Ok(page_with(StatusCode::UNPROCESSABLE_ENTITY, jar, page))
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}

pub async fn week_of(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(employee): Path<String>,
    Query(q): Query<DateQuery>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let employee = id_of(&employee, locale)?;
    let (person, w, can) = weekly::of(&s.app, &who.actor, employee, &q.week)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "reports-team");
    let own = who.actor.access.employee_id.map(|e| e.0) == Some(person.id);
    let of = WeekOf {
        author: person.name,
        own,
        can_acknowledge: can,
    };
    let page = week_page(ctx, &w, of, FormState::default());
    Ok(page_with(StatusCode::OK, jar, page))
}

pub async fn acknowledge_week(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let id = id_of(&id, locale)?;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), locale)?;
    let version = value(&fields, "version").trim().parse().unwrap_or(0);
    weekly::acknowledge(&s.app, &who.actor, id, version, &value(&fields, "comment"))
        .await
        .map_err(WebError::page(locale))?;
    Ok(Redirect::to(&back_to(&fields, "/reports/team-week")).into_response())
}
