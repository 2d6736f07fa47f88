//! `/skp/{id}`: one plan with the forms open to the reader, and its A4 print.

use super::sheet::Sheet;
use super::Params;
use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::fields::value;
use crate::pages::{id_of, page_with, Ctx};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::performance::{Aspect, PlanStatus, ResultKind};
use fleksi_service::skp::{self as service, PlanView, Role};
use fleksi_service::ServiceError;

#[derive(Template)]
#[template(path = "skp/plan.html")]
struct PlanPage {
    ctx: Ctx,
    s: Sheet,
    can_edit: bool,
    /// Owner or evaluator of a draft: may write the expectations.
    can_expect: bool,
    /// Owner or evaluator: may record a dialogue.
    can_talk: bool,
    allowed: Vec<(&'static str, &'static str)>,
    parents: Vec<(i64, String)>,
    kinds: Vec<(&'static str, String)>,
    aspects: Vec<(&'static str, String)>,
    /// The add-result and dialogue forms as sent, when refused.
    sent: Vec<(String, String)>,
    errors: Vec<(String, String)>,
    done: String,
    today: String,
}

impl PlanPage {
    fn sent(&self, name: &str) -> String {
        value(&self.sent, name)
    }
}

fn kinds(t: T) -> Vec<(&'static str, String)> {
    ResultKind::ALL
        .iter()
        .map(|k| (k.code(), k.text().text(t.0)))
        .collect()
}

fn aspects(t: T) -> Vec<(&'static str, String)> {
    Aspect::ALL
        .iter()
        .map(|a| (a.code(), a.text().text(t.0)))
        .collect()
}

fn plan_page(
    ctx: Ctx,
    v: &PlanView,
    sent: Vec<(String, String)>,
    errors: Vec<(String, String)>,
    done: &str,
) -> PlanPage {
    let t = ctx.t;
    let draft = v.status() == PlanStatus::Draft;
    let today = v.today.to_string();
    PlanPage {
        s: Sheet::of(t, v),
        can_edit: v.can_edit,
        can_expect: draft && v.role != Role::Reader,
        can_talk: v.role != Role::Reader,
        allowed: v
            .allowed
            .iter()
            .map(|a| (*a, t.of("skp.act.", a)))
            .collect(),
        parents: v.parents.clone(),
        kinds: kinds(t),
        aspects: aspects(t),
        sent,
        errors,
        done: done.to_string(),
        today,
        ctx,
    }
}

async fn show(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    id: i64,
    sent: Vec<(String, String)>,
    errors: Vec<(String, String)>,
    done: &str,
) -> Result<Response, WebError> {
    let v = service::get(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "skp");
    let page = plan_page(ctx, &v, sent, errors, done);
    Ok(page_with(status, jar, page))
}

pub async fn detail(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    show(&s, jar, &who, id, vec![], vec![], &q.done).await
}

/// After a form: back to the plan, or the plan again with what was refused.
pub(super) async fn after(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    id: i64,
    fields: Vec<(String, String)>,
    outcome: Result<(), ServiceError>,
    done: &str,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/skp/{id}?done={done}")).into_response()),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict(_))) => {
            let errors = field_texts(&e, T(locale));
            show(s, jar, who, id, fields, errors, "").await
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}

pub(super) type Fields = Form<Vec<(String, String)>>;

#[derive(Template)]
#[template(path = "skp/print.html")]
struct PrintPage {
    ctx: Ctx,
    s: Sheet,
}

pub async fn print(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let id = id_of(&id, locale)?;
    let v = service::get(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "skp");
    Ok(page_with(
        StatusCode::OK,
        jar,
        PrintPage {
            s: Sheet::of(T(locale), &v),
            ctx,
        },
    ))
}
