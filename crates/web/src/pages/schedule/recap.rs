//! The monthly attendance recap: `/recap` (a form to choose the unit, month and format)
//! and `/units/{id}/recap?month=YYYY-MM&format=csv|xlsx` (the download, or the page with a
//! preview when no format is asked for).

use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::{page_with, Ctx};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::Message;
use fleksi_service::schedule::recap::{self, Recap};
use fleksi_service::ServiceError;
use serde::Deserialize;

/// The page shows at most this many rows; the downloads have them all.
const PREVIEW: usize = 100;

#[derive(Deserialize, Default)]
pub(super) struct Params {
    #[serde(default)]
    unit: String,
    #[serde(default)]
    month: String,
    #[serde(default)]
    format: String,
}

pub(super) struct Shown {
    pub unit_id: i64,
    pub unit_name: String,
    pub month: String,
    pub month_label: String,
    pub through: String,
    pub working_days: i64,
    pub rows: Vec<Vec<String>>,
    pub total: usize,
}

#[derive(Template)]
#[template(path = "schedule/recap.html")]
struct RecapPage {
    ctx: Ctx,
    /// (unit id, indented name, selected)
    units: Vec<(i64, String, bool)>,
    month: String,
    errors: Vec<(String, String)>,
    headers: [&'static str; 14],
    shown: Option<Shown>,
}

fn digits(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .take(10)
        .collect()
}

async fn render(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    selected: &str,
    month: &str,
    errors: Vec<(String, String)>,
    shown: Option<Shown>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let units = recap::units(&s.app, &who.actor)
        .await
        .map_err(WebError::page(locale))?;
    let depth = |path: &str| path.matches('/').count().saturating_sub(2);
    let units = units
        .iter()
        .map(|u| {
            (
                u.id,
                format!("{}{}", "· ".repeat(depth(&u.path)), u.name),
                u.id.to_string() == selected.trim(),
            )
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "recap");
    Ok(page_with(
        status,
        jar,
        RecapPage {
            ctx,
            units,
            month: month.to_string(),
            errors,
            headers: recap::headers(locale),
            shown,
        },
    ))
}

/// `/recap`: the form; with a unit chosen, on to the unit's recap.
pub(super) async fn form(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(p): Query<Params>,
) -> Result<Response, WebError> {
    let month = if p.month.trim().is_empty() {
        recap::this_month(&s.app).code()
    } else {
        p.month.trim().to_string()
    };
    let unit = p.unit.trim();
    if unit.is_empty() {
        return render(&s, jar, &who, "", &month, vec![], None).await;
    }
    if !unit.bytes().all(|b| b.is_ascii_digit()) || unit.len() > 18 {
        let t = T(who.actor.locale);
        let errors = vec![("unit".to_string(), t.msg(&Message::InvalidNumber))];
        return render(&s, jar, &who, unit, &month, errors, None).await;
    }
    let format = match p.format.trim() {
        f @ ("csv" | "xlsx") => format!("&format={f}"),
        _ => String::new(),
    };
    Ok(Redirect::to(&format!(
        "/units/{unit}/recap?month={}{format}",
        digits(&month)
    ))
    .into_response())
}

fn file(r: &Recap, ext: &str, content_type: &'static str, body: Vec<u8>) -> Response {
    let code: String = r
        .unit
        .code
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"rekap-{code}-{}.{ext}\"",
        r.month.code()
    );
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// `/units/{id}/recap?month=&format=`
pub(super) async fn show(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Query(p): Query<Params>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let t = T(locale);
    let month = if p.month.trim().is_empty() {
        recap::this_month(&s.app).code()
    } else {
        p.month.clone()
    };
    let r = match recap::recap(&s.app, &who.actor, &id, &month).await {
        Ok(r) => r,
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, t);
            return render(&s, jar, &who, &id, month.trim(), errors, None).await;
        }
        Err(e) => return Err(WebError::Page(e, locale)),
    };
    match p.format.trim() {
        "csv" => {
            let body = recap::to_csv(&r, locale).map_err(WebError::page(locale))?;
            return Ok(file(&r, "csv", "text/csv; charset=utf-8", body));
        }
        "xlsx" => {
            let body = recap::to_xlsx(&r, locale).map_err(WebError::page(locale))?;
            return Ok(file(
                &r,
                "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                body,
            ));
        }
        "" | "html" => {}
        _ => {
            let errors = vec![(
                "format".to_string(),
                t.msg(&Message::InvalidChoice {
                    allowed: "csv, xlsx".into(),
                }),
            )];
            return render(&s, jar, &who, &id, month.trim(), errors, None).await;
        }
    }
    let rows = r.lines.iter().take(PREVIEW).map(|l| l.cells()).collect();
    let shown = Shown {
        unit_id: r.unit.id,
        unit_name: r.unit.name.clone(),
        month: r.month.code(),
        month_label: r.month.label(locale),
        through: r.through.to_string(),
        working_days: r.working_days,
        rows,
        total: r.lines.len(),
    };
    let unit_id = r.unit.id.to_string();
    render(
        &s,
        jar,
        &who,
        &unit_id,
        &r.month.code(),
        vec![],
        Some(shown),
    )
    .await
}
