//! Tasks: `/tasks` (tasks for me, tasks I gave, and the form to give one) and `/tasks/{id}`
//! (one task with its checklist result, measures and the buttons open to the reader).
//! Plain forms with the CSRF token; no JavaScript needed.

use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::fields::value;
use crate::pages::{id_of, page_with, Ctx};
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::CookieJar;
use fleksi_service::task::assign::{self, AssignInput};
use fleksi_service::task::{self as service, act, TaskView};
use fleksi_service::ServiceError;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tasks", get(list).post(create))
        .route("/tasks/{id}", get(detail))
        .route("/tasks/{id}/actions", post(action))
}

/// One task as a row or a page, with its texts resolved.
pub struct Item {
    pub id: i64,
    pub title: String,
    pub purpose: String,
    pub deadline: String,
    pub output: String,
    pub responsible: String,
    pub attachments: Vec<String>,
    pub assigner: String,
    pub assignees: String,
    pub clarity: i64,
    pub missing: Vec<String>,
    pub status: String,
    pub status_label: &'static str,
    pub needs: String,
    pub sent_back: String,
    /// "on time", "late" or empty while not done.
    pub timing: &'static str,
    pub first_response: String,
    pub time_to_done: String,
    pub allowed: Vec<(&'static str, &'static str)>,
}

fn hours(t: T, ms: Option<i64>) -> String {
    ms.map(|ms| format!("{:.1} {}", ms as f64 / 3_600_000.0, t.s("tasks.hours")))
        .unwrap_or_default()
}

impl Item {
    pub fn of(t: T, v: &TaskView) -> Item {
        let r = &v.row;
        Item {
            id: r.id,
            title: r.title.clone(),
            purpose: r.purpose.clone(),
            deadline: r.deadline.clone().unwrap_or_default(),
            output: r.expected_output.clone(),
            responsible: v
                .assignees
                .iter()
                .find(|a| Some(a.employee_id) == r.responsible_employee_id)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            attachments: r.attachments.lines().map(str::to_string).collect(),
            assigner: r.assigner_name.clone(),
            assignees: v
                .assignees
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            clarity: r.clarity,
            missing: v
                .clarity
                .missing
                .iter()
                .map(|p| p.text().text(t.0))
                .collect(),
            status: r.status.clone(),
            status_label: t.of("tasks.status.", &r.status),
            needs: r.needs.clone().unwrap_or_default(),
            sent_back: r.sent_back_reason.clone().unwrap_or_default(),
            timing: match v.metrics.on_time {
                Some(true) => t.s("tasks.on_time"),
                Some(false) => t.s("tasks.late"),
                None => "",
            },
            first_response: hours(t, v.metrics.first_response_ms),
            time_to_done: hours(t, v.metrics.done_ms),
            allowed: v
                .allowed
                .iter()
                .map(|a| (*a, t.of("tasks.act.", a)))
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "task/tasks.html")]
struct TasksPage {
    ctx: Ctx,
    mine: Vec<Item>,
    given: Vec<Item>,
    /// (employee id, name, NIP, checked)
    candidates: Vec<(i64, String, String, bool)>,
    /// (field, value) of the form as sent, or blank.
    v: FormValues,
    errors: Vec<(String, String)>,
    /// The keys of the next pages of the two lists, when there are more.
    mine_next: Option<i64>,
    given_next: Option<i64>,
}

/// Which page of each list to show.
#[derive(Deserialize, Default, Clone, Copy)]
pub struct Pages {
    #[serde(default)]
    mine_before: Option<i64>,
    #[serde(default)]
    given_before: Option<i64>,
}

#[derive(Default)]
struct FormValues {
    title: String,
    purpose: String,
    deadline: String,
    output: String,
    responsible: String,
    attachments: String,
}

async fn tasks_page(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    pages: Pages,
    fields: &[(String, String)],
    errors: Vec<(String, String)>,
) -> Result<Response, WebError> {
    let t = T(who.actor.locale);
    let err = WebError::page(who.actor.locale);
    let mine = service::mine(&s.app, &who.actor, pages.mine_before)
        .await
        .map_err(&err)?;
    let given = service::given(&s.app, &who.actor, pages.given_before)
        .await
        .map_err(&err)?;
    let mine_next = service::next_before(&mine);
    let given_next = (given.len() as i64 >= service::LIST_LIMIT)
        .then(|| given.last().map(|v| v.row.id))
        .flatten();
    let people = assign::candidates(&s.app, &who.actor).await.map_err(&err)?;
    let chosen: Vec<String> = fields
        .iter()
        .filter(|(k, _)| k == "assignees")
        .map(|(_, v)| v.clone())
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "tasks");
    Ok(page_with(
        status,
        jar,
        TasksPage {
            ctx,
            mine: mine.iter().map(|v| Item::of(t, v)).collect(),
            given: given.iter().map(|v| Item::of(t, v)).collect(),
            candidates: people
                .into_iter()
                .map(|p| {
                    let on = chosen.contains(&p.employee_id.to_string());
                    (p.employee_id, p.name, p.nip, on)
                })
                .collect(),
            v: FormValues {
                title: value(fields, "title"),
                purpose: value(fields, "purpose"),
                deadline: value(fields, "deadline"),
                output: value(fields, "expected_output"),
                responsible: value(fields, "responsible"),
                attachments: value(fields, "attachments"),
            },
            errors,
            mine_next,
            given_next,
        },
    ))
}

pub async fn list(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(pages): Query<Pages>,
) -> Result<Response, WebError> {
    tasks_page(&s, jar, &who, pages, &[], vec![]).await
}

pub async fn create(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), locale)?;
    let input = AssignInput {
        title: value(&fields, "title"),
        purpose: value(&fields, "purpose"),
        deadline: value(&fields, "deadline"),
        expected_output: value(&fields, "expected_output"),
        responsible: value(&fields, "responsible").trim().parse().ok(),
        attachments: value(&fields, "attachments"),
        // A value that is not a number cannot be anyone: it is dropped, and an empty choice
        // is refused by the service naming the field.
        assignees: fields
            .iter()
            .filter(|(k, _)| k == "assignees")
            .filter_map(|(_, v)| v.trim().parse().ok())
            .collect(),
        result_id: value(&fields, "result_id").trim().parse().ok(),
    };
    match assign::assign(&s.app, &who.actor, input).await {
        Ok(done) => Ok(Redirect::to(&format!("/tasks/{}?done=assigned", done.id)).into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(locale));
            tasks_page(&s, jar, &who, Pages::default(), &fields, errors).await
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}

#[derive(Template)]
#[template(path = "task/detail.html")]
struct DetailPage {
    ctx: Ctx,
    item: Item,
    errors: Vec<(String, String)>,
    done: &'static str,
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    done: String,
}

async fn detail_page(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    id: i64,
    errors: Vec<(String, String)>,
    done: &str,
) -> Result<Response, WebError> {
    let t = T(who.actor.locale);
    let v = service::get(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "tasks");
    Ok(page_with(
        status,
        jar,
        DetailPage {
            ctx,
            item: Item::of(t, &v),
            errors,
            done: match done {
                "assigned" => "tasks.done.assigned",
                "moved" => "tasks.done.moved",
                _ => "",
            },
        },
    ))
}

pub async fn detail(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    detail_page(&s, jar, &who, id, vec![], &q.done).await
}

pub async fn action(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let id = id_of(&id, locale)?;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), locale)?;
    let res = act::act(
        &s.app,
        &who.actor,
        id,
        &value(&fields, "action"),
        &value(&fields, "needs"),
        &value(&fields, "reason"),
    )
    .await;
    match res {
        Ok(_) => Ok(Redirect::to(&format!("/tasks/{id}?done=moved")).into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(locale));
            detail_page(&s, jar, &who, id, errors, "").await
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}
