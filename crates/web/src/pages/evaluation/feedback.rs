//! `/feedback`: the 360 requests one was asked to answer, and the answer form.

use super::{period_label, Params};
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
use fleksi_domain::performance::{CoreValue, Rating};
use fleksi_service::evaluation::feedback;
use fleksi_service::ServiceError;

#[derive(Template)]
#[template(path = "evaluation/asked.html")]
struct AskedPage {
    ctx: Ctx,
    /// (request id, subject, period label, answered)
    asked: Vec<(i64, String, String, bool)>,
    done: bool,
}

pub async fn asked(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let t = T(locale);
    let list = feedback::asked(&s.app, &who.actor)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "evaluations");
    Ok(page_with(
        StatusCode::OK,
        jar,
        AskedPage {
            asked: list
                .into_iter()
                .map(|a| {
                    (
                        a.request_id,
                        a.subject_name,
                        period_label(t, &a.period),
                        a.answered_at.is_some(),
                    )
                })
                .collect(),
            done: q.done == "1",
            ctx,
        },
    ))
}

#[derive(Template)]
#[template(path = "evaluation/answer.html")]
struct AnswerPage {
    ctx: Ctx,
    request: i64,
    subject: String,
    period: String,
    /// (code, name, indicators)
    values: Vec<(&'static str, String, &'static [&'static str; 3])>,
    ratings: Vec<(&'static str, String)>,
    errors: Vec<(String, String)>,
}

async fn answer_page(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    request: i64,
    errors: Vec<(String, String)>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let t = T(locale);
    let a = feedback::asked_one(&s.app, &who.actor, request)
        .await
        .map_err(WebError::page(locale))?;
    if a.answered_at.is_some() && errors.is_empty() {
        return Ok(Redirect::to("/feedback?done=1").into_response());
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "evaluations");
    Ok(page_with(
        status,
        jar,
        AnswerPage {
            request,
            subject: a.subject_name,
            period: period_label(t, &a.period),
            values: CoreValue::ALL
                .iter()
                .map(|c| (c.code(), c.text().text(locale), c.indicators()))
                .collect(),
            ratings: Rating::ALL
                .iter()
                .map(|r| (r.code(), r.text().text(locale)))
                .collect(),
            errors,
            ctx,
        },
    ))
}

pub async fn answer_form(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(request): Path<String>,
) -> Result<Response, WebError> {
    let request = id_of(&request, who.actor.locale)?;
    answer_page(&s, jar, &who, request, vec![]).await
}

pub async fn answer(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(request): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let request = id_of(&request, locale)?;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), locale)?;
    let ratings: Vec<(String, String)> = fields
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("ratings.")
                .map(|c| (c.to_string(), v.clone()))
        })
        .collect();
    match feedback::answer(
        &s.app,
        &who.actor,
        request,
        &ratings,
        &value(&fields, "comment"),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/feedback?done=1").into_response()),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict(_))) => {
            let errors = field_texts(&e, T(locale));
            answer_page(&s, jar, &who, request, errors).await
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}
