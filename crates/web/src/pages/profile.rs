//! One's own profile: password, language, the second factor, signing out everywhere.

use super::{page, page_with, Ctx};
use crate::extract::PageActor;
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::Locale;
use fleksi_service::{totp, user, ServiceError};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/profile", get(show))
        .route("/profile/password", post(change_password))
        .route("/profile/locale", post(change_locale))
        .route("/profile/totp", get(totp_page).post(totp_begin))
        .route("/profile/totp/confirm", post(totp_confirm))
        .route("/profile/totp/disable", post(totp_disable))
}

#[derive(Template)]
#[template(path = "profile/profile.html")]
struct ProfilePage {
    ctx: Ctx,
    username: String,
    totp_enabled: bool,
    errors: Vec<(String, String)>,
    saved: bool,
}

async fn show(State(s): State<AppState>, jar: CookieJar, who: PageActor) -> Response {
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "profile");
    page(
        jar,
        ProfilePage {
            ctx,
            username: who.actor.username.clone(),
            totp_enabled: who.actor.totp_enabled,
            errors: vec![],
            saved: false,
        },
    )
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

async fn change_password(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    csrf::verify(&jar, &s.config, &f.csrf, locale)?;
    let result = user::change_password(
        &s.app,
        &who.actor,
        &f.current_password,
        &f.new_password,
        &f.confirm_password,
        Some(&who.token),
    )
    .await;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "profile");
    let base = ProfilePage {
        username: who.actor.username.clone(),
        totp_enabled: who.actor.totp_enabled,
        errors: vec![],
        saved: false,
        ctx,
    };
    match result {
        Ok(()) => Ok(page(
            jar,
            ProfilePage {
                saved: true,
                ..base
            },
        )),
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = crate::error::field_texts(&e, base.ctx.t);
            Ok(page_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                jar,
                ProfilePage { errors, ..base },
            ))
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}

#[derive(Deserialize)]
struct LocaleForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    locale: String,
}

async fn change_locale(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<LocaleForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    user::set_locale(&s.app, &who.actor, Locale::from_code(&f.locale))
        .await
        .map_err(WebError::page(who.actor.locale))?;
    Ok(Redirect::to("/profile").into_response())
}

#[derive(Template)]
#[template(path = "profile/totp.html")]
struct TotpPage {
    ctx: Ctx,
    required: bool,
    enabled: bool,
    secret: Option<String>,
    qr_svg: String,
    recovery: Vec<String>,
    error: Option<String>,
}

fn qr(url: &str) -> String {
    qrcode::QrCode::new(url.as_bytes())
        .map(|c| {
            c.render::<qrcode::render::svg::Color>()
                .min_dimensions(200, 200)
                .quiet_zone(true)
                .build()
        })
        .unwrap_or_default()
}

async fn totp_view(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    recovery: Vec<String>,
    error: Option<String>,
) -> Result<Response, WebError> {
    let pending = totp::pending_enrolment(&s.app, &who.actor)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let enabled = who.actor.totp_enabled || !recovery.is_empty();
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "profile");
    let (secret, qr_svg) = match (&pending, enabled) {
        (Some(p), false) => (Some(p.secret.clone()), qr(&p.otpauth_url)),
        _ => (None, String::new()),
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(page_with(
        status,
        jar,
        TotpPage {
            ctx,
            required: who.actor.must_enrol_totp,
            enabled,
            secret,
            qr_svg,
            recovery,
            error,
        },
    ))
}

async fn totp_page(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
) -> Result<Response, WebError> {
    totp_view(&s, jar, &who, vec![], None).await
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
}

async fn totp_begin(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<CodeForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    totp::begin(&s.app, &who.actor)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    Ok(Redirect::to("/profile/totp").into_response())
}

async fn totp_confirm(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<CodeForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    match totp::confirm(&s.app, &who.actor, &f.code).await {
        Ok(codes) => totp_view(&s, jar, &who, codes, None).await,
        Err(ServiceError::Invalid(_)) => {
            let msg = fleksi_domain::Message::InvalidTotp.text(who.actor.locale);
            totp_view(&s, jar, &who, vec![], Some(msg)).await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}

async fn totp_disable(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<CodeForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    match totp::disable(&s.app, &who.actor, &f.code).await {
        Ok(()) => Ok(Redirect::to("/profile").into_response()),
        Err(ServiceError::Invalid(_)) => {
            let msg = fleksi_domain::Message::InvalidTotp.text(who.actor.locale);
            totp_view(&s, jar, &who, vec![], Some(msg)).await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}
