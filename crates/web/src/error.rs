//! One conversion from service errors to HTTP: an HTML page for people, a JSON problem
//! (RFC 9457) for programs. Internal details are logged, never shown.

use crate::i18n::T;
use askama::Template;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use fleksi_domain::Locale;
use fleksi_service::ServiceError;
use serde_json::json;

#[derive(Debug)]
pub enum WebError {
    /// For pages: send the browser to the sign-in page.
    SignIn,
    /// For pages: second factor must be set up first.
    EnrolTotp,
    Csrf(Locale),
    Page(ServiceError, Locale),
    Api(ServiceError, Locale),
}

impl WebError {
    pub fn page(locale: Locale) -> impl Fn(ServiceError) -> WebError {
        move |e| WebError::Page(e, locale)
    }

    pub fn api(locale: Locale) -> impl Fn(ServiceError) -> WebError {
        move |e| WebError::Api(e, locale)
    }
}

fn status_of(e: &ServiceError) -> StatusCode {
    match e {
        ServiceError::Unauthenticated | ServiceError::BadCredentials => StatusCode::UNAUTHORIZED,
        ServiceError::Forbidden => StatusCode::FORBIDDEN,
        ServiceError::NotFound => StatusCode::NOT_FOUND,
        ServiceError::Invalid(_) | ServiceError::ImportRefused { .. } => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        ServiceError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
        ServiceError::Conflict(_) => StatusCode::CONFLICT,
        ServiceError::Store(_) | ServiceError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn title_of(e: &ServiceError, t: T) -> String {
    match e {
        ServiceError::Unauthenticated => t.s("login.expired").into(),
        ServiceError::BadCredentials => t.s("login.failed").into(),
        ServiceError::Forbidden => t.s("error.forbidden").into(),
        ServiceError::NotFound => t.s("error.not_found").into(),
        ServiceError::Invalid(_) | ServiceError::Conflict(_) => t.s("error.invalid").into(),
        ServiceError::ImportRefused { .. } => t.s("import.refused").into(),
        ServiceError::Throttled { retry_after_secs } => t.throttled(*retry_after_secs),
        ServiceError::Store(_) | ServiceError::Internal(_) => t.s("error.internal").into(),
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    t: T,
    title: String,
    details: Vec<String>,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match self {
            WebError::SignIn => Redirect::to("/login").into_response(),
            WebError::EnrolTotp => Redirect::to("/profile/totp").into_response(),
            WebError::Csrf(locale) => {
                let t = T(locale);
                html(
                    StatusCode::FORBIDDEN,
                    ErrorPage {
                        t,
                        title: t.s("error.csrf").into(),
                        details: vec![],
                    },
                )
            }
            WebError::Page(e, locale) => {
                log_internal(&e);
                let t = T(locale);
                let details = field_texts(&e, t)
                    .into_iter()
                    .map(|(f, m)| format!("{f}: {m}"))
                    .collect();
                html(
                    status_of(&e),
                    ErrorPage {
                        t,
                        title: title_of(&e, t),
                        details,
                    },
                )
            }
            WebError::Api(e, locale) => {
                log_internal(&e);
                let t = T(locale);
                let status = status_of(&e);
                let errors: Vec<_> = field_texts(&e, t)
                    .into_iter()
                    .map(|(f, m)| json!({"field": f, "message": m}))
                    .collect();
                let mut body = json!({
                    "type": "about:blank",
                    "title": title_of(&e, t),
                    "status": status.as_u16(),
                    "errors": errors,
                });
                if let ServiceError::ImportRefused { errors, more } = &e {
                    body["rows"] = json!(errors
                        .iter()
                        .map(|r| json!({"line": r.line, "column": r.column, "code": r.message, "message": r.message.text(locale)}))
                        .collect::<Vec<_>>());
                    body["more"] = json!(more);
                }
                let mut resp = (
                    status,
                    [(header::CONTENT_TYPE, "application/problem+json")],
                    body.to_string(),
                )
                    .into_response();
                if let ServiceError::Throttled { retry_after_secs } = e {
                    if let Ok(v) = retry_after_secs.to_string().parse() {
                        resp.headers_mut().insert(header::RETRY_AFTER, v);
                    }
                }
                resp
            }
        }
    }
}

/// `(field, message)` pairs for field-level problems.
pub fn field_texts(e: &ServiceError, t: T) -> Vec<(String, String)> {
    match e {
        ServiceError::Invalid(errors) => errors
            .iter()
            .map(|f| (f.field.clone(), t.msg(&f.message)))
            .collect(),
        ServiceError::Conflict(f) => vec![(f.field.clone(), t.msg(&f.message))],
        ServiceError::ImportRefused { errors, .. } => errors
            .iter()
            .map(|r| {
                (
                    format!("{} {}, {}", t.s("import.line"), r.line, r.column),
                    t.msg(&r.message),
                )
            })
            .collect(),
        _ => vec![],
    }
}

fn log_internal(e: &ServiceError) {
    if matches!(e, ServiceError::Store(_) | ServiceError::Internal(_)) {
        tracing::error!(error = %e, "request failed");
    }
}

pub fn html<T: Template>(status: StatusCode, page: T) -> Response {
    match page.render() {
        Ok(body) => (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            body,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
        }
    }
}
