//! The approver's queue: pending requests with their flags highlighted, a checkbox on each
//! and one comment for a decision on all the checked ones.

use super::Item;
use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::{page_with, Ctx};
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::{FieldError, Message};
use fleksi_service::plan::decide;
use fleksi_service::ServiceError;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "plan/approvals.html")]
struct QueuePage {
    ctx: Ctx,
    items: Vec<Item>,
    acting_for: Vec<String>,
    admin: bool,
    all: bool,
    checked: Vec<i64>,
    comment: String,
    errors: Vec<(String, String)>,
    done: String,
}

impl QueuePage {
    fn is_checked(&self, id: &i64) -> bool {
        self.checked.contains(id)
    }
}

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    #[serde(default)]
    all: String,
    #[serde(default)]
    done: String,
    #[serde(default)]
    n: String,
}

/// What the page shows beyond the queue: a refused decision's choices, or what was done.
#[derive(Default)]
struct Kept {
    checked: Vec<i64>,
    comment: String,
    errors: Vec<(String, String)>,
    done: String,
}

async fn queue_page(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    all: bool,
    kept: Kept,
) -> Result<Response, WebError> {
    let Kept {
        checked,
        comment,
        errors,
        done,
    } = kept;
    let t = T(who.actor.locale);
    let q = decide::queue(&s.app, &who.actor, all)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "approvals");
    Ok(page_with(
        status,
        jar,
        QueuePage {
            ctx,
            items: q.items.iter().map(|v| Item::of(t, v)).collect(),
            acting_for: q.acting_for,
            admin: q.admin,
            all: q.all,
            checked,
            comment,
            errors,
            done,
        },
    ))
}

pub async fn queue(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<QueueQuery>,
) -> Result<Response, WebError> {
    let t = T(who.actor.locale);
    let done = match q.done.as_str() {
        "approve" | "reject" | "changes" => {
            let n: usize = q.n.parse().unwrap_or(0);
            format!("{} {n}", t.of("plans.decided.", &q.done))
        }
        _ => String::new(),
    };
    let kept = Kept {
        done,
        ..Kept::default()
    };
    queue_page(&s, jar, &who, q.all == "1", kept).await
}

/// `ids` (any number, from the checkboxes), `decision`, `comment`, `all`.
pub async fn decide(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let get = |name: &str| {
        f.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    csrf::verify(&jar, &s.config, &get("csrf"), locale)?;
    let mut ids = Vec::new();
    let mut bad = Vec::new();
    for (_, v) in f.iter().filter(|(k, _)| k == "ids") {
        match v.trim().parse::<i64>() {
            Ok(id) => ids.push(id),
            Err(_) => bad.push(FieldError::new("ids", Message::InvalidNumber)),
        }
    }
    let (decision, comment, all) = (get("decision"), get("comment"), get("all") == "1");
    // Back to the request's own page when decided from there.
    let back = get("back");
    let result = if bad.is_empty() {
        decide::decide(&s.app, &who.actor, &ids, &decision, &comment).await
    } else {
        Err(ServiceError::Invalid(bad))
    };
    match result {
        Ok(d) => {
            let to = match back.trim().parse::<i64>() {
                Ok(id) if ids == [id] => format!("/plans/{id}"),
                _ => format!(
                    "/approvals?done={decision}&n={}{}",
                    d.ids.len(),
                    if all { "&all=1" } else { "" }
                ),
            };
            Ok(Redirect::to(&to).into_response())
        }
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(locale));
            let kept = Kept {
                checked: ids,
                comment,
                errors,
                done: String::new(),
            };
            queue_page(&s, jar, &who, all, kept).await
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}
