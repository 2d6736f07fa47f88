//! `/evaluations/{id}`: actual values with evidence, the supervisor's ratings with the
//! regulation's guidance, 360 feedback in aggregate, the predikat; and its A4 print.

use super::sheet::Sheet;
use super::Params;
use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::fields::{attachment, id_value, read_multipart, value};
use crate::pages::{id_of, page_with, Ctx};
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::performance::Rating;
use fleksi_service::evaluation::actuals::{self, ActualInput};
use fleksi_service::evaluation::rate::{self, RatingInput};
use fleksi_service::evaluation::{self as service, feedback};
use fleksi_service::ServiceError;

/// The 360 feedback as the page shows it.
struct F360 {
    asked: i64,
    answered: i64,
    /// Per value: (name, above, as expected, below); empty below three answers.
    tallies: Vec<(String, u32, u32, u32)>,
    comments: Vec<String>,
}

#[derive(Template)]
#[template(path = "evaluation/detail.html")]
struct DetailPage {
    ctx: Ctx,
    s: Sheet,
    can_enter: bool,
    can_rate: bool,
    /// (code, label, guidance)
    ratings: Vec<(&'static str, String, String)>,
    /// (unit result label, required rating code, its label)
    head: Option<(String, String, String)>,
    f360: Option<F360>,
    /// People the evaluator may ask for 360 feedback, when not asked yet: (id, name, NIP).
    candidates: Vec<(i64, String, String)>,
    errors: Vec<(String, String)>,
    done: String,
}

async fn detail_page(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    id: i64,
    errors: Vec<(String, String)>,
    done: &str,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let t = T(locale);
    let v = service::get(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(locale))?;
    let candidates = if v.can_rate && v.feedback360.is_none() {
        feedback::candidates(&s.app, &who.actor, id)
            .await
            .map_err(WebError::page(locale))?
            .into_iter()
            .map(|p| (p.id, p.name, p.nip))
            .collect()
    } else {
        vec![]
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "evaluations");
    Ok(page_with(
        status,
        jar,
        DetailPage {
            s: Sheet::of(t, &v),
            can_enter: v.can_enter,
            can_rate: v.can_rate,
            ratings: Rating::ALL
                .iter()
                .map(|r| (r.code(), r.text().text(locale), r.guidance().text(locale)))
                .collect(),
            head: v.head_rating.map(|(u, r)| {
                (
                    u.text().text(locale),
                    r.code().to_string(),
                    r.text().text(locale),
                )
            }),
            f360: v.feedback360.as_ref().map(|f| F360 {
                asked: f.asked,
                answered: f.answered,
                tallies: f
                    .tallies
                    .as_ref()
                    .map(|ts| {
                        ts.iter()
                            .map(|(c, x)| (c.text().text(locale), x.above, x.as_expected, x.below))
                            .collect()
                    })
                    .unwrap_or_default(),
                comments: f.comments.clone(),
            }),
            candidates,
            errors,
            done: done.to_string(),
            ctx,
        },
    ))
}

pub async fn detail(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    detail_page(&s, jar, &who, id, vec![], &q.done).await
}

async fn after(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    id: i64,
    out: Result<(), ServiceError>,
    done: &str,
) -> Result<Response, WebError> {
    match out {
        Ok(()) => Ok(Redirect::to(&format!("/evaluations/{id}?done={done}")).into_response()),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict(_))) => {
            let errors = field_texts(&e, T(who.actor.locale));
            detail_page(s, jar, who, id, errors, "").await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}

pub async fn actual(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    form: Multipart,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    let (fields, upload) = read_multipart(form).await;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let input = ActualInput {
        indicator_id: id_value(&fields, "indicator_id").unwrap_or(0),
        actual: value(&fields, "actual"),
        note: value(&fields, "note"),
        evidence_link: value(&fields, "evidence_link"),
        upload,
        evidence_file_id: None,
    };
    let out = actuals::put(&s.app, &who.actor, id, input).await;
    after(&s, jar, &who, id, out, "actual").await
}

pub async fn rating(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let input = RatingInput {
        version: id_value(&fields, "version").unwrap_or(0),
        results: value(&fields, "results_rating"),
        behaviour: value(&fields, "behaviour_rating"),
        per_value: fields
            .iter()
            .filter_map(|(k, v)| {
                k.strip_prefix("behaviour.")
                    .map(|c| (c.to_string(), v.clone()))
            })
            .collect(),
        feedback: value(&fields, "feedback"),
    };
    let out = rate::rate(&s.app, &who.actor, id, input).await.map(|_| ());
    after(&s, jar, &who, id, out, "rated").await
}

pub async fn ask(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let people: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "respondents")
        .filter_map(|(_, v)| v.trim().parse().ok())
        .collect();
    let out = feedback::request(&s.app, &who.actor, id, &people)
        .await
        .map(|_| ());
    after(&s, jar, &who, id, out, "asked").await
}

pub async fn evidence(
    State(s): State<AppState>,
    who: PageActor,
    Path((id, indicator)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let (id, indicator) = (id_of(&id, locale)?, id_of(&indicator, locale)?);
    let (meta, bytes) = actuals::evidence(&s.app, &who.actor, id, indicator)
        .await
        .map_err(WebError::page(locale))?;
    Ok(attachment(meta, bytes))
}

#[derive(Template)]
#[template(path = "evaluation/print.html")]
struct PrintPage {
    ctx: Ctx,
    s: Sheet,
}

pub async fn print(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let id = id_of(&id, locale)?;
    let v = service::get(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "evaluations");
    Ok(page_with(
        StatusCode::OK,
        jar,
        PrintPage {
            s: Sheet::of(T(locale), &v),
            ctx,
        },
    ))
}
