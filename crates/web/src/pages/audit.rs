//! The audit log: newest first, filterable, read-only.

use super::{page, Ctx};
use crate::extract::PageActor;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use axum_extra::extract::cookie::CookieJar;
use fleksi_service::audit;
use fleksi_store::audit::{AuditRow, Filter};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/audit", get(list))
}

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    record_type: String,
    #[serde(default)]
    record_id: String,
    #[serde(default)]
    before: String,
}

pub struct Entry {
    pub row: AuditRow,
    pub when: String,
}

#[derive(Template)]
#[template(path = "audit/list.html")]
struct ListPage {
    ctx: Ctx,
    q: AuditQuery,
    entries: Vec<Entry>,
    older: Option<i64>,
}

fn opt(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

async fn list(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<AuditQuery>,
) -> Result<Response, WebError> {
    let filter = Filter {
        action: opt(&q.action),
        record_type: opt(&q.record_type),
        record_id: opt(&q.record_id),
        ..Filter::default()
    };
    let rows = audit::list(
        &s.app,
        &who.actor,
        filter,
        q.before.trim().parse().ok(),
        Some(50),
    )
    .await
    .map_err(WebError::page(who.actor.locale))?;
    let older = if rows.len() == 50 {
        rows.last().map(|r| r.id)
    } else {
        None
    };
    let entries = rows
        .into_iter()
        .map(|row| {
            let when = jiff::Timestamp::from_millisecond(row.at)
                .map(|t| t.strftime("%Y-%m-%d %H:%M:%S").to_string())
                .unwrap_or_default();
            Entry { row, when }
        })
        .collect();
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "audit");
    Ok(page(
        jar,
        ListPage {
            ctx,
            q,
            entries,
            older,
        },
    ))
}
