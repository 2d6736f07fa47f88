//! The plan page's forms: results, indicators, expectations, annex, actions (submit,
//! approve, return, revise) and dialogues; each back to the plan, or the plan again with
//! what was refused.

use super::plan::{after, Fields};
use crate::extract::PageActor;
use crate::pages::fields::{id_value, value};
use crate::pages::id_of;
use crate::{csrf, AppState, WebError};
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::performance::skp::{Annex, IndicatorInput, ResultInput};
use fleksi_service::skp::act::{self, DialogueInput};
use fleksi_service::skp::edit;

fn result_input(fields: &[(String, String)]) -> (ResultInput, Option<i64>) {
    (
        ResultInput {
            kind: value(fields, "kind"),
            text: value(fields, "text"),
        },
        id_value(fields, "parent_result_id"),
    )
}

fn indicator_input(fields: &[(String, String)]) -> IndicatorInput {
    IndicatorInput {
        aspect: value(fields, "aspect"),
        text: value(fields, "text"),
        target: value(fields, "target"),
        unit: value(fields, "unit"),
    }
}

pub async fn add_result(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(fields): Fields,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let (input, parent) = result_input(&fields);
    let out = edit::add_result(&s.app, &who.actor, id, &input, parent)
        .await
        .map(|_| ());
    after(&s, jar, &who, id, fields, out, "result").await
}

pub async fn update_result(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path((id, rid)): Path<(String, String)>,
    Form(fields): Fields,
) -> Result<Response, WebError> {
    let (id, rid) = (
        id_of(&id, who.actor.locale)?,
        id_of(&rid, who.actor.locale)?,
    );
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let (input, parent) = result_input(&fields);
    let out = edit::update_result(&s.app, &who.actor, id, rid, &input, parent).await;
    after(&s, jar, &who, id, vec![], out, "result").await
}

pub async fn remove_result(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path((id, rid)): Path<(String, String)>,
    Form(fields): Fields,
) -> Result<Response, WebError> {
    let (id, rid) = (
        id_of(&id, who.actor.locale)?,
        id_of(&rid, who.actor.locale)?,
    );
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let out = edit::remove_result(&s.app, &who.actor, id, rid).await;
    after(&s, jar, &who, id, vec![], out, "removed").await
}

pub async fn add_indicator(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path((id, rid)): Path<(String, String)>,
    Form(fields): Fields,
) -> Result<Response, WebError> {
    let (id, rid) = (
        id_of(&id, who.actor.locale)?,
        id_of(&rid, who.actor.locale)?,
    );
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let out = edit::add_indicator(&s.app, &who.actor, id, rid, &indicator_input(&fields))
        .await
        .map(|_| ());
    after(&s, jar, &who, id, vec![], out, "indicator").await
}

pub async fn update_indicator(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path((id, iid)): Path<(String, String)>,
    Form(fields): Fields,
) -> Result<Response, WebError> {
    let (id, iid) = (
        id_of(&id, who.actor.locale)?,
        id_of(&iid, who.actor.locale)?,
    );
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let out = edit::update_indicator(&s.app, &who.actor, id, iid, &indicator_input(&fields)).await;
    after(&s, jar, &who, id, vec![], out, "indicator").await
}

pub async fn remove_indicator(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path((id, iid)): Path<(String, String)>,
    Form(fields): Fields,
) -> Result<Response, WebError> {
    let (id, iid) = (
        id_of(&id, who.actor.locale)?,
        id_of(&iid, who.actor.locale)?,
    );
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let out = edit::remove_indicator(&s.app, &who.actor, id, iid).await;
    after(&s, jar, &who, id, vec![], out, "removed").await
}

pub async fn expectations(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(fields): Fields,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let values: Vec<(String, String)> = fields
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("exp.").map(|c| (c.to_string(), v.clone())))
        .collect();
    let out = edit::set_expectations(&s.app, &who.actor, id, &values).await;
    after(&s, jar, &who, id, vec![], out, "expectations").await
}

pub async fn annex(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(fields): Fields,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let a = Annex {
        resources: value(&fields, "resources"),
        accountability: value(&fields, "accountability"),
        consequences: value(&fields, "consequences"),
    };
    let out = edit::set_annex(&s.app, &who.actor, id, &a).await;
    after(&s, jar, &who, id, vec![], out, "annex").await
}

pub async fn action(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(fields): Fields,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let out = act::act(
        &s.app,
        &who.actor,
        id,
        &value(&fields, "action"),
        &value(&fields, "note"),
    )
    .await
    .map(|_| ());
    after(&s, jar, &who, id, vec![], out, "moved").await
}

pub async fn dialogue(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(fields): Fields,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let input = DialogueInput {
        date: value(&fields, "date"),
        participants: value(&fields, "participants"),
        topic: value(&fields, "topic"),
        agreed: value(&fields, "agreed"),
    };
    let out = act::add_dialogue(&s.app, &who.actor, id, &input)
        .await
        .map(|_| ());
    after(&s, jar, &who, id, fields, out, "dialogue").await
}
