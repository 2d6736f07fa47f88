//! The private calendar feed: `POST /feeds` makes a new link and shows it once, `POST
//! /feeds/revoke` ends it, and `GET /feeds/{token}.ics` serves the calendar to calendar
//! programs without a session (the token is the key).

use crate::extract::PageActor;
use crate::pages::{page, Ctx};
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::CookieJar;
use fleksi_service::schedule::feed;
use fleksi_service::ServiceError;
use serde::Deserialize;

#[derive(Deserialize)]
pub(super) struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

#[derive(Template)]
#[template(path = "schedule/feed.html")]
struct FeedPage {
    ctx: Ctx,
    url: String,
}

/// The address calendar programs reach this server at, from the request's `Host` (only a
/// plain host name or address with a port is trusted; otherwise the path alone is shown).
/// The scheme: what a proxy in front says (`X-Forwarded-Proto`), plain HTTP on the
/// loopback (the server itself speaks HTTP), else HTTPS when cookies are `Secure` (a
/// deployment behind TLS).
fn base(headers: &HeaderMap, secure: bool) -> String {
    let value = |name: header::HeaderName| {
        headers
            .get(name)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let host = value(header::HOST);
    let plain = !host.is_empty()
        && host.len() <= 255
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    if !plain {
        return String::new();
    }
    let forwarded = value(header::HeaderName::from_static("x-forwarded-proto"));
    let loopback = ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|h| host == *h || host.starts_with(&format!("{h}:")));
    let scheme = match forwarded.as_str() {
        "https" | "http" => forwarded.as_str(),
        _ if loopback => "http",
        _ if secure => "https",
        _ => "http",
    };
    format!("{scheme}://{host}")
}

pub(super) async fn create(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    headers: HeaderMap,
    Form(f): Form<CsrfForm>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    csrf::verify(&jar, &s.config, &f.csrf, locale)?;
    let token = feed::create(&s.app, &who.actor)
        .await
        .map_err(WebError::page(locale))?;
    let url = format!(
        "{}/feeds/{token}.ics",
        base(&headers, s.config.secure_cookies)
    );
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "week");
    Ok(page(jar, FeedPage { ctx, url }))
}

pub(super) async fn revoke(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<CsrfForm>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    csrf::verify(&jar, &s.config, &f.csrf, locale)?;
    feed::revoke(&s.app, &who.actor)
        .await
        .map_err(WebError::page(locale))?;
    Ok(Redirect::to("/week?feed=revoked").into_response())
}

/// The calendar itself. Unknown and revoked tokens get a bare 404 (calendar programs
/// show no page).
pub(super) async fn calendar(State(s): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    match feed::render(&s.app, token).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "inline; filename=\"fleksi.ics\"",
                ),
                // Private data: no shared cache may keep it; the program refetches.
                (header::CACHE_CONTROL, "private, max-age=300"),
            ],
            body,
        )
            .into_response(),
        Err(ServiceError::NotFound) => (StatusCode::NOT_FOUND, "not found").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "calendar feed failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "error").into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_feed_address_follows_the_host_and_the_scheme_in_use() {
        let local = headers(&[("host", "127.0.0.1:8080")]);
        assert_eq!(base(&local, true), "http://127.0.0.1:8080");
        let public = headers(&[("host", "fleksi.nusaraya.go.id")]);
        assert_eq!(base(&public, true), "https://fleksi.nusaraya.go.id");
        assert_eq!(base(&public, false), "http://fleksi.nusaraya.go.id");
        let proxied = headers(&[("host", "fleksi.example"), ("x-forwarded-proto", "https")]);
        assert_eq!(base(&proxied, false), "https://fleksi.example");
        let odd = headers(&[("host", "evil.example/<script>")]);
        assert_eq!(base(&odd, true), "");
    }
}
