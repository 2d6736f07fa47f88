//! `/reports/{id}`: one report, its evidence, and the supervisor's acknowledgement.

use super::back_to;
use super::card::Card;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::fields::{attachment, value};
use crate::pages::{id_of, page_with, Ctx};
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::CookieJar;
use fleksi_service::report::{self as service, team};

#[derive(Template)]
#[template(path = "report/detail.html")]
struct DetailPage {
    ctx: Ctx,
    author: String,
    nip: String,
    card: Card,
    can_acknowledge: bool,
    /// Where the acknowledgement returns to.
    back: String,
}

pub async fn detail(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let id = id_of(&id, locale)?;
    let (v, author, can) = service::get(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "reports");
    Ok(page_with(
        StatusCode::OK,
        jar,
        DetailPage {
            card: Card::of(T(locale), &v),
            author: author.name,
            nip: author.nip,
            can_acknowledge: can,
            back: format!("/reports/{id}"),
            ctx,
        },
    ))
}

pub async fn evidence(
    State(s): State<AppState>,
    who: PageActor,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let id = id_of(&id, locale)?;
    let (meta, bytes) = service::evidence(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(locale))?;
    Ok(attachment(meta, bytes))
}

pub async fn acknowledge(
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
    team::acknowledge(&s.app, &who.actor, id, version, &value(&fields, "comment"))
        .await
        .map_err(WebError::page(locale))?;
    Ok(Redirect::to(&back_to(&fields, &format!("/reports/{id}"))).into_response())
}
