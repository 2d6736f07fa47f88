//! Plt / Plh for admins: the current and coming assignments of their subtree, the form to
//! add one and a button to end each.

use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::{page_with, Ctx};
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::CookieJar;
use fleksi_service::plan::acting::{self, ActingForm};
use fleksi_service::ServiceError;
use fleksi_store::acting::ActingRow;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "plan/acting.html")]
struct ActingPage {
    ctx: Ctx,
    rows: Vec<ActingRow>,
    f: ActingForm,
    errors: Vec<(String, String)>,
    saved: bool,
}

#[derive(Deserialize, Default)]
pub struct SavedQuery {
    #[serde(default)]
    saved: String,
}

async fn page(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    f: ActingForm,
    errors: Vec<(String, String)>,
    saved: bool,
) -> Result<Response, WebError> {
    let l = acting::list(&s.app, &who.actor)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let f = if f.first_day.is_empty() && errors.is_empty() {
        ActingForm {
            first_day: l.today.to_string(),
            last_day: l.today.to_string(),
            kind: "plh".into(),
            ..f
        }
    } else {
        f
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "approvals");
    Ok(page_with(
        status,
        jar,
        ActingPage {
            ctx,
            rows: l.rows,
            f,
            errors,
            saved,
        },
    ))
}

pub async fn list(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<SavedQuery>,
) -> Result<Response, WebError> {
    page(&s, jar, &who, ActingForm::default(), vec![], q.saved == "1").await
}

#[derive(Deserialize, Default)]
pub struct AddForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    form: ActingForm,
}

pub async fn add(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<AddForm>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    csrf::verify(&jar, &s.config, &f.csrf, locale)?;
    match acting::add(&s.app, &who.actor, &f.form).await {
        Ok(_) => Ok(Redirect::to("/acting?saved=1").into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(locale));
            page(&s, jar, &who, f.form, errors, false).await
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}

#[derive(Deserialize, Default)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn remove(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    csrf::verify(&jar, &s.config, &f.csrf, locale)?;
    let id: i64 = id
        .parse()
        .map_err(|_| WebError::Page(ServiceError::NotFound, locale))?;
    acting::remove(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(locale))?;
    Ok(Redirect::to("/acting?saved=1").into_response())
}
