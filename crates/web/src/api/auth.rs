//! `POST /auth/token` (sign in for a bearer token) and `GET /me`.

use crate::extract::{ApiActor, Client, Lang};
use crate::{AppState, WebError};
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use fleksi_service::auth::{self, Credentials, SignIn};
use fleksi_service::{employee, ServiceError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/token", post(token))
        .route("/me", get(me))
}

#[derive(Deserialize, ToSchema)]
pub struct TokenRequest {
    /// NIP, username or e-mail.
    pub login: String,
    pub password: String,
    /// The current TOTP code, for accounts with a second factor.
    pub totp: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    pub token: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

#[utoipa::path(post, path = "/api/v1/auth/token", request_body = TokenRequest, tag = "auth",
    responses((status = 200, body = TokenResponse), (status = 401, body = super::Problem), (status = 429, body = super::Problem)))]
pub async fn token(
    State(s): State<AppState>,
    Lang(locale): Lang,
    client: Client,
    body: Result<Json<TokenRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<TokenResponse>, WebError> {
    let Json(req) = body.map_err(|_| {
        WebError::Api(
            ServiceError::Invalid(vec![fleksi_domain::FieldError::new(
                "body",
                fleksi_domain::Message::Required,
            )]),
            locale,
        )
    })?;
    let creds = Credentials {
        login: req.login,
        password: req.password,
        totp: req.totp,
        address: client.address,
        user_agent: client.user_agent,
    };
    match auth::sign_in(&s.app, creds, "api")
        .await
        .map_err(WebError::api(locale))?
    {
        SignIn::Done { token, expires_at } => Ok(Json(TokenResponse {
            token,
            expires_at: rfc3339(expires_at),
        })),
        SignIn::NeedsTotp { .. } => Err(WebError::Api(ServiceError::BadCredentials, locale)),
    }
}

pub fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub locale: String,
    pub agency_id: Option<i64>,
    pub employee_id: Option<i64>,
    /// Granted and derived roles: pegawai, atasan, ketua_tim, agency_admin…
    pub roles: Vec<String>,
    pub totp_enabled: bool,
    pub employee: Option<super::employee::Employee>,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "auth", security(("bearer" = [])), responses((status = 200, body = Me), (status = 401, body = super::Problem)))]
pub async fn me(
    State(s): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Me>, WebError> {
    let e = employee::me(&s.app, &actor)
        .await
        .map_err(WebError::api(actor.locale))?;
    Ok(Json(Me {
        user_id: actor.user_id.0,
        username: actor.username.clone(),
        display_name: actor.display_name.clone(),
        locale: actor.locale.code().into(),
        agency_id: actor.access.agency_id.map(|a| a.0),
        employee_id: actor.access.employee_id.map(|e| e.0),
        roles: actor
            .access
            .role_codes()
            .into_iter()
            .map(String::from)
            .collect(),
        totp_enabled: actor.totp_enabled,
        employee: e.map(Into::into),
    }))
}
