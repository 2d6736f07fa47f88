//! Work teams: the list and one team with its members and assignment letters.

use super::{page, Ctx};
use crate::extract::PageActor;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use axum_extra::extract::cookie::CookieJar;
use fleksi_service::team;
use fleksi_store::team::{MemberRow, TeamRow};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/teams", get(list))
        .route("/teams/{id}", get(detail))
}

#[derive(Template)]
#[template(path = "team/list.html")]
struct ListPage {
    ctx: Ctx,
    teams: Vec<TeamRow>,
}

async fn list(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
) -> Result<Response, WebError> {
    let teams = team::list(&s.app, &who.actor)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "teams");
    Ok(page(jar, ListPage { ctx, teams }))
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
