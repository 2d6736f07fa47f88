//! The employee's pages: my requests with the form to submit one, one request in full (to
//! resubmit after changes or withdraw), and its evidence file.

use super::form::{self, FormState};
use super::Item;
use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::{id_of, page_with, Ctx};
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::CookieJar;
use fleksi_service::plan::decide::{self, Authority, Detail};
use fleksi_service::plan::submit::{self, FormContext};
use fleksi_service::ServiceError;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "plan/plans.html")]
struct PlansPage {
    ctx: Ctx,
    f: FormState,
    items: Vec<Item>,
    eligible: bool,
    max_flex_days: u32,
    reasons: Vec<String>,
    errors: Vec<(String, String)>,
    done: &'static str,
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    done: String,
}

/// The message key for `?done=…`, only for known values.
fn done_key(done: &str) -> &'static str {
    match done {
        "submitted" => "plans.done.submitted",
        "approved" => "plans.done.approved",
        "withdrawn" => "plans.done.withdrawn",
        "resubmitted" => "plans.done.resubmitted",
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

async fn plans_page(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    fields: Option<&[(String, String)]>,
    errors: Vec<(String, String)>,
    done: &str,
) -> Result<Response, WebError> {
    let t = T(who.actor.locale);
    let page_err = WebError::page(who.actor.locale);
    let fc: FormContext = submit::form_context(&s.app, &who.actor)
        .await
        .map_err(&page_err)?;
    let views = submit::mine(&s.app, &who.actor, None)
        .await
        .map_err(&page_err)?;
    let f = match fields {
        Some(fields) => FormState::new(t, &fc.policy, "/plans", fields),
        None => FormState::blank(
            t,
            &fc.policy,
            &fc.next_monday.to_string(),
            &fc.next_last.to_string(),
        ),
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "plans");
    Ok(page_with(
        status_of(&errors),
        jar,
        PlansPage {
            ctx,
            f,
            items: views.iter().map(|v| Item::of(t, v)).collect(),
            eligible: fc.eligibility.eligible,
            max_flex_days: fc
                .eligibility
                .max_flex_days
                .min(fc.policy.max_flex_days_per_week),
            reasons: fc.eligibility.reasons.iter().map(|m| t.msg(m)).collect(),
            errors,
            done: done_key(done),
        },
    ))
}

pub async fn list(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<DoneQuery>,
) -> Result<Response, WebError> {
    plans_page(&s, jar, &who, None, vec![], &q.done).await
}

fn token(fields: &[(String, String)]) -> &str {
    fields
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

pub async fn submit(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let (fields, upload) = form::read(multipart).await;
    csrf::verify(&jar, &s.config, token(&fields), locale)?;
    let input = form::input_of(&fields);
    match submit::submit(&s.app, &who.actor, &input, upload.as_ref()).await {
        Ok(done) => {
            let what = if done.status == "approved" {
                "approved"
            } else {
                "submitted"
            };
            Ok(Redirect::to(&format!("/plans?done={what}")).into_response())
        }
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(locale));
            plans_page(&s, jar, &who, Some(&fields), errors, "").await
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}

#[derive(Template)]
#[template(path = "plan/detail.html")]
struct DetailPage {
    ctx: Ctx,
    item: Item,
    /// (date, weekday, location, description)
    days: Vec<(String, String, &'static str, String)>,
    own: bool,
    /// The approver may decide it now.
    decide: bool,
    as_acting: bool,
    f: Option<FormState>,
    errors: Vec<(String, String)>,
    done: &'static str,
}

async fn detail_page(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    id: i64,
    fields: Option<&[(String, String)]>,
    errors: Vec<(String, String)>,
    done: &str,
) -> Result<Response, WebError> {
    let t = T(who.actor.locale);
    let page_err = WebError::page(who.actor.locale);
    let d: Detail = decide::get(&s.app, &who.actor, id)
        .await
        .map_err(&page_err)?;
    let f = if d.own && d.view.row.status == "changes_requested" {
        let fc = submit::form_context(&s.app, &who.actor)
            .await
            .map_err(&page_err)?;
        Some(match fields {
            Some(fields) => {
                let mut f = FormState::new(t, &fc.policy, &format!("/plans/{id}/resubmit"), fields);
                f.has_file = d.view.row.evidence_file_id.is_some();
                f
            }
            None => FormState::of_view(t, &fc.policy, &d.view),
        })
    } else {
        None
    };
    let days = d
        .view
        .days
        .iter()
        .map(|x| {
            let weekday = x
                .date
                .parse::<jiff::civil::Date>()
                .map(|date| {
                    t.of("wd.", &date.weekday().to_monday_zero_offset().to_string())
                        .to_string()
                })
                .unwrap_or_default();
            (
                x.date.clone(),
                weekday,
                t.of("loc.", &x.location),
                x.description.clone().unwrap_or_default(),
            )
        })
        .collect();
    let item = Item::of(t, &d.view);
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "plans");
    Ok(page_with(
        status_of(&errors),
        jar,
        DetailPage {
            ctx,
            decide: d.authority.is_some() && d.view.row.status == "pending",
            as_acting: d.authority == Some(Authority::Acting),
            own: d.own,
            item,
            days,
            f,
            errors,
            done: done_key(done),
        },
    ))
}

pub async fn detail(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    detail_page(&s, jar, &who, id, None, vec![], &q.done).await
}

pub async fn resubmit(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let id = id_of(&id, locale)?;
    let (fields, upload) = form::read(multipart).await;
    csrf::verify(&jar, &s.config, token(&fields), locale)?;
    let input = form::input_of(&fields);
    match submit::resubmit(&s.app, &who.actor, id, &input, upload.as_ref()).await {
        Ok(_) => Ok(Redirect::to(&format!("/plans/{id}?done=resubmitted")).into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(locale));
            detail_page(&s, jar, &who, id, Some(&fields), errors, "").await
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}

#[derive(Deserialize, Default)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn withdraw(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let id = id_of(&id, locale)?;
    csrf::verify(&jar, &s.config, &f.csrf, locale)?;
    submit::withdraw(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(locale))?;
    Ok(Redirect::to("/plans?done=withdrawn").into_response())
}

/// The evidence file, always as a download (never shown inline in the site's origin).
pub async fn evidence(
    State(s): State<AppState>,
    who: PageActor,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let id = id_of(&id, locale)?;
    let (meta, bytes) = decide::evidence(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(locale))?;
    Ok(crate::pages::fields::attachment(meta, bytes))
}
