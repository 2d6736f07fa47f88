//! Extractors: who is asking (session cookie or bearer token), from where, in which
//! language.

use crate::{AppState, WebConfig, WebError};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::Locale;
use fleksi_service::{auth, Actor, ServiceError};
use std::net::SocketAddr;

pub fn session_cookie(config: &WebConfig) -> &'static str {
    if config.secure_cookies {
        "__Host-fleksi_session"
    } else {
        "fleksi_session"
    }
}

pub const LANG_COOKIE: &str = "fleksi_lang";

/// Where a request came from and its id, for the audit log.
#[derive(Clone, Debug, Default)]
pub struct Client {
    pub address: Option<String>,
    pub request_id: Option<String>,
    pub user_agent: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let address = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string());
        let header_str = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.chars().take(200).collect())
        };
        Ok(Client {
            address,
            request_id: header_str("x-request-id"),
            user_agent: header_str("user-agent"),
        })
    }
}

/// The language of a visitor who has not signed in: their earlier choice, else the browser's.
pub struct Lang(pub Locale);

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        if let Some(c) = jar.get(LANG_COOKIE) {
            return Ok(Lang(Locale::from_code(c.value())));
        }
        let accept = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        Ok(Lang(Locale::from_accept_language(accept)))
    }
}

/// A signed-in person on a page; anyone else is sent to the sign-in page.
pub struct PageActor {
    pub actor: Actor,
    pub token: String,
}

impl FromRequestParts<AppState> for PageActor {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar
            .get(session_cookie(&state.config))
            .map(|c| c.value().to_string())
            .ok_or(WebError::SignIn)?;
        let client = Client::from_request_parts(parts, state)
            .await
            .unwrap_or_default();
        let actor = match auth::resolve(&state.app, &token, auth::Channel::Web).await {
            Ok(a) => a.with_request(client.address, client.request_id),
            Err(ServiceError::Unauthenticated) => return Err(WebError::SignIn),
            Err(e) => return Err(WebError::Page(e, Locale::Id)),
        };
        let path = parts.uri.path();
        if actor.must_enrol_totp
            && !path.starts_with("/profile/totp")
            && !path.starts_with("/logout")
        {
            return Err(WebError::EnrolTotp);
        }
        Ok(PageActor { actor, token })
    }
}

/// A caller of the API with a bearer token.
pub struct ApiActor(pub Actor);

impl FromRequestParts<AppState> for ApiActor {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Lang(locale) = Lang::from_request_parts(parts, state)
            .await
            .unwrap_or(Lang(Locale::Id));
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|v| v.trim().to_string())
            .ok_or(WebError::Api(ServiceError::Unauthenticated, locale))?;
        let client = Client::from_request_parts(parts, state)
            .await
            .unwrap_or_default();
        let actor = auth::resolve(&state.app, &token, auth::Channel::Api)
            .await
            .map_err(WebError::api(locale))?;
        if actor.must_enrol_totp {
            return Err(WebError::Api(ServiceError::Forbidden, actor.locale));
        }
        Ok(ApiActor(
            actor.with_request(client.address, client.request_id),
        ))
    }
}
