//! The import page: upload a CSV of units or employees; see the summary, or every row's
//! problem with nothing changed.

use super::{page, page_with, Ctx};
use crate::extract::PageActor;
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::import::{EMPLOYEE_COLUMNS, UNIT_COLUMNS};
use fleksi_domain::Message;
use fleksi_service::import::{self, Summary, MAX_BYTES};
use fleksi_service::ServiceError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/import", get(form).post(upload))
        // Room for the largest accepted file plus form overhead; a larger upload is cut
        // off while reading and answered with the size rule, not a bare 413.
        .layer(DefaultBodyLimit::max(MAX_BYTES * 4))
}

pub struct Problem {
    pub line: usize,
    pub column: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "import/import.html")]
struct ImportPage {
    ctx: Ctx,
    unit_columns: String,
    employee_columns: String,
    done: Option<(String, Summary)>,
    problems: Vec<Problem>,
    more: usize,
    agency_admin: bool,
}

fn columns(cols: &[fleksi_domain::import::Column]) -> String {
    cols.iter()
        .map(|c| {
            if c.required {
                format!("{}*", c.name)
            } else {
                c.name.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn blank(ctx: Ctx, agency_admin: bool) -> ImportPage {
    ImportPage {
        ctx,
        unit_columns: columns(UNIT_COLUMNS),
        employee_columns: columns(EMPLOYEE_COLUMNS),
        done: None,
        problems: vec![],
        more: 0,
        agency_admin,
    }
}

fn may_import(who: &PageActor) -> Result<bool, WebError> {
    let agency = who
        .actor
        .agency()
        .map_err(WebError::page(who.actor.locale))?;
    if !who.actor.access.administers_any(agency) {
        return Err(WebError::Page(ServiceError::Forbidden, who.actor.locale));
    }
    Ok(who.actor.access.is_agency_admin(agency))
}

async fn form(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
) -> Result<Response, WebError> {
    let agency_admin = may_import(&who)?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "import");
    Ok(page(jar, blank(ctx, agency_admin)))
}

async fn upload(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let agency_admin = may_import(&who)?;
    let mut token = String::new();
    let mut kind = String::new();
    let mut file: Vec<u8> = Vec::new();
    let mut too_large = false;
    while let Ok(Some(mut field)) = multipart.next_field().await {
        match field.name().unwrap_or("") {
            "csrf" => token = field.text().await.unwrap_or_default(),
            "kind" => kind = field.text().await.unwrap_or_default(),
            "file" => {
                while let Ok(Some(chunk)) = field.chunk().await {
                    if file.len() + chunk.len() > MAX_BYTES {
                        too_large = true;
                        break;
                    }
                    file.extend_from_slice(&chunk);
                }
            }
            _ => {}
        }
        if too_large {
            break;
        }
    }
    if !too_large {
        csrf::verify(&jar, &s.config, &token, locale)?;
    }
    let result = if too_large {
        Err(ServiceError::ImportRefused {
            errors: vec![fleksi_domain::import::ImportError {
                line: 0,
                column: "file".into(),
                message: Message::FileTooLarge {
                    max_mb: MAX_BYTES / (1024 * 1024),
                },
            }],
            more: 0,
        })
    } else if kind == "units" {
        import::import_units(&s.app, &who.actor, &file).await
    } else {
        import::import_employees(&s.app, &who.actor, &file).await
    };
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "import");
    let mut p = blank(ctx, agency_admin);
    match result {
        Ok(summary) => {
            p.done = Some((kind, summary));
            Ok(page(jar, p))
        }
        Err(ServiceError::ImportRefused { errors, more }) => {
            p.problems = errors
                .into_iter()
                .map(|e| Problem {
                    line: e.line,
                    column: e.column,
                    reason: e.message.text(locale),
                })
                .collect();
            p.more = more;
            Ok(page_with(StatusCode::UNPROCESSABLE_ENTITY, jar, p))
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}
