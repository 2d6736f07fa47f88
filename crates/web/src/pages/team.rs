//! Work teams: the list and one team with its members and assignment letters.

use super::{page, page_with, Ctx};
use crate::error::field_texts;
use crate::extract::PageActor;
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use axum_extra::extract::cookie::CookieJar;
use fleksi_service::{team, ServiceError};
use fleksi_store::team::{MemberRow, TeamRow};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/teams", get(list).post(create))
        .route("/teams/{id}", get(detail))
}

#[derive(Template)]
#[template(path = "team/list.html")]
struct ListPage {
    ctx: Ctx,
    teams: Vec<TeamRow>,
    /// The actor may create teams (an admin somewhere in the agency).
    can_create: bool,
    form: TeamForm,
    errors: Vec<(String, String)>,
}

#[derive(Deserialize, Default)]
struct TeamForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    unit_code: String,
    #[serde(default)]
    lead_nip: String,
    #[serde(default)]
    members: String,
}

async fn list_view(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    form: TeamForm,
    errors: Vec<(String, String)>,
) -> Result<Response, WebError> {
    let teams = team::list(&s.app, &who.actor)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let can_create = who
        .actor
        .access
        .agency_id
        .is_some_and(|a| who.actor.access.administers_any(a));
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "teams");
    Ok(page_with(
        status,
        jar,
        ListPage {
            ctx,
            teams,
            can_create,
            form,
            errors,
        },
    ))
}

async fn list(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
) -> Result<Response, WebError> {
    list_view(&s, jar, &who, TeamForm::default(), vec![]).await
}

async fn create(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<TeamForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let input = team::TeamForm {
        name: f.name.clone(),
        unit_code: f.unit_code.clone(),
        lead_nip: f.lead_nip.clone(),
        members: f.members.clone(),
    };
    match team::create_from_form(&s.app, &who.actor, input).await {
        Ok(id) => Ok(Redirect::to(&format!("/teams/{id}")).into_response()),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict(_))) => {
            let errors = field_texts(&e, crate::i18n::T(who.actor.locale));
            list_view(&s, jar, &who, f, errors).await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}

#[derive(Template)]
#[template(path = "team/detail.html")]
struct DetailPage {
    ctx: Ctx,
    team: TeamRow,
    members: Vec<MemberRow>,
}

async fn detail(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let err = WebError::page(who.actor.locale);
    let id: i64 = id
        .parse()
        .map_err(|_| err(fleksi_service::ServiceError::NotFound))?;
    let (team, members) = team::get(&s.app, &who.actor, id).await.map_err(&err)?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "teams");
    Ok(page(jar, DetailPage { ctx, team, members }))
}
