//! `/reports`: my day's report — a few rows, each with status, what is needed and a link
//! to a task or SKP result; evidence — and sending it.

use super::card::Card;
use super::DateQuery;
use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::fields::{read_multipart, value};
use crate::pages::{page_with, Ctx};
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::performance::report::MAX_ITEMS_PER_DAY;
use fleksi_domain::performance::{ItemInput, ItemStatus};
use fleksi_service::report::submit::{self, ReportInput};
use fleksi_service::report::{self as service, ReportView};
use fleksi_service::ServiceError;

/// A row of the report form, as stored or as sent.
struct FormRow {
    text: String,
    status: String,
    needs: String,
    task_id: String,
    result_id: String,
}

#[derive(Template)]
#[template(path = "report/mine.html")]
struct MinePage {
    ctx: Ctx,
    date: String,
    today: String,
    rows: Vec<FormRow>,
    evidence_link: String,
    current: Option<Card>,
    recent: Vec<Card>,
    tasks: Vec<(i64, String)>,
    results: Vec<(i64, String)>,
    statuses: Vec<(&'static str, String)>,
    errors: Vec<(String, String)>,
    done: bool,
}

/// The rows of the form: the sent ones, else the stored items; then blank rows to three
/// more (a form without JavaScript offers room to add).
fn form_rows(sent: &[(String, String)], current: Option<&ReportView>) -> Vec<FormRow> {
    let mut rows: Vec<FormRow> = if sent.is_empty() {
        current
            .map(|c| {
                c.items
                    .iter()
                    .map(|i| FormRow {
                        text: i.text.clone(),
                        status: i.status.clone(),
                        needs: i.needs.clone().unwrap_or_default(),
                        task_id: i.task_id.map(|t| t.to_string()).unwrap_or_default(),
                        result_id: i.result_id.map(|t| t.to_string()).unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    } else {
        (0..MAX_ITEMS_PER_DAY + 5)
            .map(|i| FormRow {
                text: value(sent, &format!("items[{i}].text")),
                status: value(sent, &format!("items[{i}].status")),
                needs: value(sent, &format!("items[{i}].needs")),
                task_id: value(sent, &format!("items[{i}].task_id")),
                result_id: value(sent, &format!("items[{i}].result_id")),
            })
            .filter(|r| {
                !(r.text.trim().is_empty()
                    && r.status.trim().is_empty()
                    && r.needs.trim().is_empty()
                    && r.task_id.is_empty()
                    && r.result_id.is_empty())
            })
            .collect()
    };
    let blank = 3;
    for _ in 0..blank {
        if rows.len() >= MAX_ITEMS_PER_DAY {
            break;
        }
        rows.push(FormRow {
            text: String::new(),
            status: String::new(),
            needs: String::new(),
            task_id: String::new(),
            result_id: String::new(),
        });
    }
    rows
}

async fn mine_page(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    date: &str,
    sent: &[(String, String)],
    errors: Vec<(String, String)>,
    done: bool,
) -> Result<Response, WebError> {
    let t = T(who.actor.locale);
    let m = service::mine(&s.app, &who.actor, date)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "reports");
    Ok(page_with(
        status,
        jar,
        MinePage {
            ctx,
            date: m.date.to_string(),
            today: m.today.to_string(),
            rows: form_rows(sent, m.current.as_ref()),
            evidence_link: if sent.is_empty() {
                m.current
                    .as_ref()
                    .and_then(|c| c.row.evidence_link.clone())
                    .unwrap_or_default()
            } else {
                value(sent, "evidence_link")
            },
            current: m.current.as_ref().map(|c| Card::of(t, c)),
            recent: m.recent.iter().map(|c| Card::of(t, c)).collect(),
            tasks: m.tasks,
            results: m.results,
            statuses: ItemStatus::ALL
                .iter()
                .map(|s| (s.code(), s.text().text(t.0)))
                .collect(),
            errors,
            done,
        },
    ))
}

pub async fn mine(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<DateQuery>,
) -> Result<Response, WebError> {
    mine_page(&s, jar, &who, &q.date, &[], vec![], q.done == "1").await
}

/// The items of a posted form, by row number as the form named them.
fn items_of(fields: &[(String, String)]) -> Vec<ItemInput> {
    (0..MAX_ITEMS_PER_DAY + 5)
        .map(|i| ItemInput {
            text: value(fields, &format!("items[{i}].text")),
            status: value(fields, &format!("items[{i}].status")),
            needs: value(fields, &format!("items[{i}].needs")),
            task_id: value(fields, &format!("items[{i}].task_id"))
                .trim()
                .parse()
                .ok(),
            result_id: value(fields, &format!("items[{i}].result_id"))
                .trim()
                .parse()
                .ok(),
        })
        .collect()
}

pub async fn send(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    form: Multipart,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let (fields, upload) = read_multipart(form).await;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), locale)?;
    let date = value(&fields, "date");
    let input = ReportInput {
        date: date.clone(),
        items: items_of(&fields),
        evidence_link: value(&fields, "evidence_link"),
        upload,
        evidence_file_id: None,
    };
    match submit::submit(&s.app, &who.actor, input).await {
        Ok(done) => {
            Ok(Redirect::to(&format!("/reports?date={}&done=1", done.date)).into_response())
        }
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict(_))) => {
            let errors = field_texts(&e, T(locale));
            // A refused date falls back to today so the page can still be shown.
            let shown = if errors.iter().any(|(f, _)| f == "date") {
                ""
            } else {
                date.as_str()
            };
            mine_page(&s, jar, &who, shown, &fields, errors, false).await
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}
