//! Sign-in (password, then the second factor when the account has one), sign-out, and
//! the language switch for visitors.

use super::{page, page_with, Ctx};
use crate::extract::{session_cookie, Client, Lang, PageActor, LANG_COOKIE};
use crate::{csrf, AppState, WebConfig, WebError};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use fleksi_domain::Locale;
use fleksi_service::auth::{self, Credentials, SignIn};
use fleksi_service::ServiceError;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/login/totp", get(totp_page).post(totp))
        .route("/logout", post(logout))
        .route("/logout/everywhere", post(logout_everywhere))
        .route("/lang", post(switch_language))
}

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    ctx: Ctx,
    login: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "auth/totp.html")]
struct TotpPage {
    ctx: Ctx,
    error: Option<String>,
}

const PENDING: &str = "fleksi_pending";

fn pending_cookie(config: &WebConfig) -> String {
    if config.secure_cookies {
        format!("__Host-{PENDING}")
    } else {
        PENDING.to_string()
    }
}

fn cookie(config: &WebConfig, name: String, value: String) -> Cookie<'static> {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .secure(config.secure_cookies)
        .same_site(SameSite::Lax)
        .build()
}

async fn login_page(State(s): State<AppState>, jar: CookieJar, Lang(locale): Lang) -> Response {
    let (jar, ctx) = Ctx::new(&s, jar, None, locale, "login");
    page(
        jar,
        LoginPage {
            ctx,
            login: String::new(),
            error: None,
        },
    )
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
}

async fn login(
    State(s): State<AppState>,
    jar: CookieJar,
    Lang(locale): Lang,
    client: Client,
    Form(f): Form<LoginForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, locale)?;
    let creds = Credentials {
        login: f.login.clone(),
        password: f.password,
        totp: None,
        address: client.address,
        user_agent: client.user_agent,
    };
    match auth::sign_in(&s.app, creds, "web").await {
        Ok(SignIn::Done { token, .. }) => {
            let jar = jar.add(cookie(&s.config, session_cookie(&s.config).into(), token));
            Ok((jar, Redirect::to("/")).into_response())
        }
        Ok(SignIn::NeedsTotp { pending_token }) => {
            let jar = jar.add(cookie(&s.config, pending_cookie(&s.config), pending_token));
            Ok((jar, Redirect::to("/login/totp")).into_response())
        }
        Err(e @ (ServiceError::BadCredentials | ServiceError::Throttled { .. })) => {
            let status = if matches!(e, ServiceError::Throttled { .. }) {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::UNAUTHORIZED
            };
            let (jar, ctx) = Ctx::new(&s, jar, None, locale, "login");
            let error = Some(match e {
                ServiceError::Throttled { retry_after_secs } => ctx.t.throttled(retry_after_secs),
                _ => ctx.t.s("login.failed").to_string(),
            });
            Ok(page_with(
                status,
                jar,
                LoginPage {
                    ctx,
                    login: f.login,
                    error,
                },
            ))
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}

async fn totp_page(State(s): State<AppState>, jar: CookieJar, Lang(locale): Lang) -> Response {
    if jar.get(&pending_cookie(&s.config)).is_none() {
        return Redirect::to("/login").into_response();
    }
    let (jar, ctx) = Ctx::new(&s, jar, None, locale, "login");
    page(jar, TotpPage { ctx, error: None })
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
}

async fn totp(
    State(s): State<AppState>,
    jar: CookieJar,
    Lang(locale): Lang,
    client: Client,
    Form(f): Form<CodeForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, locale)?;
    let Some(pending) = jar
        .get(&pending_cookie(&s.config))
        .map(|c| c.value().to_string())
    else {
        return Ok(Redirect::to("/login").into_response());
    };
    match auth::complete_totp(&s.app, &pending, &f.code, client.address).await {
        Ok((token, _)) => {
            let jar = jar
                .remove(Cookie::build(pending_cookie(&s.config)).path("/"))
                .add(cookie(&s.config, session_cookie(&s.config).into(), token));
            Ok((jar, Redirect::to("/")).into_response())
        }
        Err(ServiceError::Unauthenticated) => Ok(Redirect::to("/login").into_response()),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Throttled { .. })) => {
            let status = if matches!(e, ServiceError::Throttled { .. }) {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::UNAUTHORIZED
            };
            let (jar, ctx) = Ctx::new(&s, jar, None, locale, "login");
            let error = match &e {
                ServiceError::Throttled { retry_after_secs } => ctx.t.throttled(*retry_after_secs),
                _ => ctx.t.msg(&fleksi_domain::Message::InvalidTotp),
            };
            Ok(page_with(
                status,
                jar,
                TotpPage {
                    ctx,
                    error: Some(error),
                },
            ))
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn logout(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<CsrfForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    auth::sign_out(&s.app, &who.actor, &who.token)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let jar = jar.remove(Cookie::build(session_cookie(&s.config)).path("/"));
    Ok((jar, Redirect::to("/login")).into_response())
}

async fn logout_everywhere(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<CsrfForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    auth::sign_out_everywhere(&s.app, &who.actor)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let jar = jar.remove(Cookie::build(session_cookie(&s.config)).path("/"));
    Ok((jar, Redirect::to("/login")).into_response())
}

#[derive(Deserialize)]
struct LangForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: String,
}

/// Switches the language: remembered on the account when signed in, in a cookie otherwise.
async fn switch_language(
    State(s): State<AppState>,
    jar: CookieJar,
    Lang(current): Lang,
    Form(f): Form<LangForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, current)?;
    let locale = Locale::from_code(&f.lang);
    if let Some(token) = jar
        .get(session_cookie(&s.config))
        .map(|c| c.value().to_string())
    {
        if let Ok(actor) = auth::resolve(&s.app, &token, auth::Channel::Web).await {
            fleksi_service::user::set_locale(&s.app, &actor, locale)
                .await
                .map_err(WebError::page(current))?;
        }
    }
    let lang = Cookie::build((LANG_COOKIE, locale.code().to_string()))
        .path("/")
        .same_site(SameSite::Lax)
        .permanent()
        .build();
    Ok((jar.add(lang), Redirect::to("/")).into_response())
}
