//! Administering accounts: agencies and their first admins (system administrator),
//! an employee's sign-in password and roles, and the agency's second-factor policy.

use super::{page, page_with, Ctx};
use crate::error::field_texts;
use crate::extract::PageActor;
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::CookieJar;
use fleksi_service::account::{self, AccountView};
use fleksi_service::{user, ServiceError};
use fleksi_store::agency::AgencyRow;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/agencies", get(agencies).post(create_agency))
        .route("/agencies/admins", post(create_admin))
        .route("/agency", get(agency_settings).post(save_agency_settings))
        .route("/employees/{id}/account", get(employee_account))
        .route("/employees/{id}/account/password", post(issue_password))
        .route("/employees/{id}/account/grants", post(add_grant))
        .route(
            "/employees/{id}/account/grants/{grant}/delete",
            post(remove_grant),
        )
}

#[derive(Template)]
#[template(path = "account/agencies.html")]
struct AgenciesPage {
    ctx: Ctx,
    agencies: Vec<AgencyRow>,
    errors: Vec<(String, String)>,
    saved: bool,
}

async fn agencies_view(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    errors: Vec<(String, String)>,
    saved: bool,
) -> Result<Response, WebError> {
    let agencies = account::list_agencies(&s.app, &who.actor)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "agencies");
    Ok(page_with(
        status,
        jar,
        AgenciesPage {
            ctx,
            agencies,
            errors,
            saved,
        },
    ))
}

async fn agencies(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
) -> Result<Response, WebError> {
    agencies_view(&s, jar, &who, vec![], false).await
}

/// Renders a form's field problems on the same page; anything else is an error page.
async fn outcome(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    r: Result<(), ServiceError>,
) -> Result<Response, WebError> {
    match r {
        Ok(()) => agencies_view(s, jar, who, vec![], true).await,
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict(_))) => {
            let errors = field_texts(&e, crate::i18n::T(who.actor.locale));
            agencies_view(s, jar, who, errors, false).await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}

#[derive(Deserialize)]
struct AgencyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
}

async fn create_agency(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<AgencyForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let r = user::create_agency(&s.app, &who.actor, &f.code, &f.name)
        .await
        .map(|_| ());
    outcome(&s, jar, &who, r).await
}

#[derive(Deserialize)]
struct AdminForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    agency_id: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
}

async fn create_admin(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<AdminForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let agency_id = f.agency_id.trim().parse().unwrap_or(0);
    let r = account::create_agency_admin(
        &s.app,
        &who.actor,
        agency_id,
        &f.username,
        &f.display_name,
        &f.password,
    )
    .await
    .map(|_| ());
    outcome(&s, jar, &who, r).await
}

#[derive(Template)]
#[template(path = "account/agency.html")]
struct AgencyPage {
    ctx: Ctx,
    agency: AgencyRow,
}

async fn agency_settings(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
) -> Result<Response, WebError> {
    let err = WebError::page(who.actor.locale);
    let agency = who.actor.agency().map_err(&err)?;
    if !who.actor.access.is_agency_admin(agency) {
        return Err(err(ServiceError::Forbidden));
    }
    let agency = account::my_agency(&s.app, &who.actor).await.map_err(&err)?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "agency");
    Ok(page(jar, AgencyPage { ctx, agency }))
}

#[derive(Deserialize)]
struct PolicyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    require_totp: String,
}

async fn save_agency_settings(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<PolicyForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    account::set_require_totp(&s.app, &who.actor, f.require_totp == "on")
        .await
        .map_err(WebError::page(who.actor.locale))?;
    Ok(Redirect::to("/agency").into_response())
}

#[derive(Template)]
#[template(path = "account/employee.html")]
struct EmployeeAccountPage {
    ctx: Ctx,
    view: AccountView,
    issued: Option<String>,
    errors: Vec<(String, String)>,
}

async fn account_view(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    id: &str,
    issued: Option<String>,
    errors: Vec<(String, String)>,
) -> Result<Response, WebError> {
    let err = WebError::page(who.actor.locale);
    let id: i64 = id.parse().map_err(|_| err(ServiceError::NotFound))?;
    let view = account::view(&s.app, &who.actor, id).await.map_err(&err)?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "employees");
    Ok(page_with(
        status,
        jar,
        EmployeeAccountPage {
            ctx,
            view,
            issued,
            errors,
        },
    ))
}

async fn employee_account(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    account_view(&s, jar, &who, &id, None, vec![]).await
}

#[derive(Deserialize)]
struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

async fn issue_password(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let n: i64 = id
        .parse()
        .map_err(|_| WebError::Page(ServiceError::NotFound, who.actor.locale))?;
    let temporary = account::issue_password(&s.app, &who.actor, n)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    account_view(&s, jar, &who, &id, Some(temporary), vec![]).await
}

#[derive(Deserialize)]
struct GrantForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    unit_code: String,
}

async fn add_grant(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(f): Form<GrantForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let n: i64 = id
        .parse()
        .map_err(|_| WebError::Page(ServiceError::NotFound, who.actor.locale))?;
    match account::grant(&s.app, &who.actor, n, &f.role, Some(&f.unit_code)).await {
        Ok(()) => Ok(Redirect::to(&format!("/employees/{n}/account")).into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, crate::i18n::T(who.actor.locale));
            account_view(&s, jar, &who, &id, None, errors).await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}

async fn remove_grant(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path((id, grant)): Path<(String, String)>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let err = WebError::page(who.actor.locale);
    let n: i64 = id.parse().map_err(|_| err(ServiceError::NotFound))?;
    let g: i64 = grant.parse().map_err(|_| err(ServiceError::NotFound))?;
    account::revoke(&s.app, &who.actor, n, g)
        .await
        .map_err(&err)?;
    Ok(Redirect::to(&format!("/employees/{n}/account")).into_response())
}
