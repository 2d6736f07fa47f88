//! Fleksi's HTTP face: server-rendered pages (askama) and the JSON API under `/api/v1`.
//! Each feature owns its routes (`pages::x::router()`, `api::x::router()`); this file
//! only merges them and adds the layers every response gets.

pub mod api;
mod csrf;
mod error;
mod extract;
mod i18n;
mod middleware;
mod ops;
pub mod pages;

use axum::Router;
use fleksi_service::App;

pub use error::WebError;

#[derive(Clone)]
pub struct WebConfig {
    /// Cookies carry `Secure` and the `__Host-` prefix. Turn off only for plain-HTTP
    /// access from another machine during a trial; browsers treat 127.0.0.1 and
    /// localhost as secure already.
    pub secure_cookies: bool,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: true,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub config: WebConfig,
}

pub fn router(app: App, config: WebConfig) -> Router {
    let state = AppState { app, config };
    let routes = Router::new()
        .merge(pages::router())
        .nest("/api/v1", api::router())
        .merge(ops::router())
        .with_state(state);
    middleware::wrap(routes)
}
