//! The home page: what matters for each role at a glance.

use super::{page, Ctx};
use crate::extract::PageActor;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use axum_extra::extract::cookie::CookieJar;
use fleksi_service::{employee, team};
use fleksi_store::employee::EmployeeRow;
use fleksi_store::team::TeamRow;

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

#[derive(Template)]
#[template(path = "home/home.html")]
struct HomePage {
    ctx: Ctx,
    roles: Vec<&'static str>,
    me: Option<EmployeeRow>,
    reports: Vec<EmployeeRow>,
    teams: Vec<TeamRow>,
    admin: bool,
}

async fn home(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
) -> Result<Response, WebError> {
    let actor = &who.actor;
    let err = WebError::page(actor.locale);
    let me = employee::me(&s.app, actor).await.map_err(&err)?;
    let (reports, teams) = match &me {
        Some(m) => (
            employee::reports(&s.app, actor, m.id).await.map_err(&err)?,
            team::mine(&s.app, actor).await.map_err(&err)?,
        ),
        None => (vec![], vec![]),
    };
    let admin = actor
        .access
        .grants
        .iter()
        .any(|g| g.role.is_admin() || g.role == fleksi_domain::role::GrantedRole::Auditor);
    let (jar, ctx) = Ctx::for_actor(&s, jar, actor, "home");
    Ok(page(
        jar,
        HomePage {
            ctx,
            roles: actor.access.role_codes(),
            me,
            reports,
            teams,
            admin,
        },
    ))
}
