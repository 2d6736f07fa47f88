//! Performance plans (SKP): `/skp` (my plan of a year, or the button to open it),
//! `/skp/{id}` (one plan: results with indicators, expectations, annex, actions,
//! dialogues, revisions — with the forms open to the reader), `/skp/{id}/print` (A4),
//! `/skp/review` (the plans I evaluate) and `/skp/cascade` (the tree of results).
//! Plain forms with the CSRF token; no JavaScript needed.

use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::fields::{id_value, value};
use crate::pages::{id_of, page_with, Ctx};
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::performance::skp::{Annex, IndicatorInput, ResultInput};
use fleksi_domain::performance::{Aspect, PlanStatus, ResultKind};
use fleksi_service::skp::act::{self, DialogueInput};
use fleksi_service::skp::cascade::{self, Node};
use fleksi_service::skp::{self as service, edit, PlanView, Role};
use fleksi_service::ServiceError;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/skp", get(mine).post(open))
        .route("/skp/review", get(review))
        .route("/skp/cascade", get(cascade_page))
        .route("/skp/{id}", get(detail))
        .route("/skp/{id}/print", get(print))
        .route("/skp/{id}/results", post(add_result))
        .route("/skp/{id}/results/{rid}", post(update_result))
        .route("/skp/{id}/results/{rid}/remove", post(remove_result))
        .route("/skp/{id}/results/{rid}/indicators", post(add_indicator))
        .route("/skp/{id}/indicators/{iid}", post(update_indicator))
        .route("/skp/{id}/indicators/{iid}/remove", post(remove_indicator))
        .route("/skp/{id}/expectations", post(expectations))
        .route("/skp/{id}/annex", post(annex))
        .route("/skp/{id}/actions", post(action))
        .route("/skp/{id}/dialogues", post(dialogue))
}

/// An indicator with its texts resolved.
pub struct IndicatorLine {
    pub id: i64,
    pub aspect: String,
    pub aspect_label: String,
    pub text: String,
    pub target: String,
    pub unit: String,
}

/// A result with its texts resolved.
pub struct ResultLine {
    pub id: i64,
    pub kind: String,
    pub kind_label: String,
    pub text: String,
    pub parent_id: String,
    pub parent: String,
    pub indicators: Vec<IndicatorLine>,
}

/// A number as people write it: no trailing `.0`.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The plan's content with its texts resolved (the plan page, the print page).
pub struct Sheet {
    pub id: i64,
    pub year: i64,
    pub owner: String,
    pub nip: String,
    pub position: String,
    pub unit: String,
    pub evaluator: String,
    pub evaluator_nip: String,
    pub status: String,
    pub status_label: String,
    pub revision: i64,
    pub return_comment: String,
    pub results: Vec<ResultLine>,
    /// (code, name, indicators, expectation)
    pub values: Vec<(&'static str, String, &'static [&'static str; 3], String)>,
    pub annex: Annex,
    /// (date, recorded by, participants, topic, agreed)
    pub dialogues: Vec<(String, String, String, String, String)>,
    /// (revision, reason)
    pub revisions: Vec<(i64, String)>,
}

impl Sheet {
    pub fn of(t: T, v: &PlanView) -> Sheet {
        let r = &v.row;
        Sheet {
            id: r.id,
            year: r.year,
            owner: r.employee_name.clone(),
            nip: r.nip.clone(),
            position: r.position_name.clone(),
            unit: r.unit_name.clone(),
            evaluator: r.evaluator_name.clone().unwrap_or_default(),
            evaluator_nip: r.evaluator_nip.clone().unwrap_or_default(),
            status: r.status.clone(),
            status_label: v.status().text().text(t.0),
            revision: r.revision,
            return_comment: r.return_comment.clone().unwrap_or_default(),
            results: v
                .results
                .iter()
                .map(|x| ResultLine {
                    id: x.row.id,
                    kind: x.row.kind.clone(),
                    kind_label: ResultKind::parse(&x.row.kind)
                        .map(|k| k.text().text(t.0))
                        .unwrap_or_default(),
                    text: x.row.text.clone(),
                    parent_id: x
                        .row
                        .parent_result_id
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    parent: x.row.parent_text.clone().unwrap_or_default(),
                    indicators: x
                        .indicators
                        .iter()
                        .map(|i| IndicatorLine {
                            id: i.id,
                            aspect: i.aspect.clone(),
                            aspect_label: Aspect::parse(&i.aspect)
                                .map(|a| a.text().text(t.0))
                                .unwrap_or_default(),
                            text: i.text.clone(),
                            target: number(i.target),
                            unit: i.unit.clone(),
                        })
                        .collect(),
                })
                .collect(),
            values: v
                .expectations
                .iter()
                .map(|(c, text)| (c.code(), c.text().text(t.0), c.indicators(), text.clone()))
                .collect(),
            annex: Annex {
                resources: r.resources.clone(),
                accountability: r.accountability.clone(),
                consequences: r.consequences.clone(),
            },
            dialogues: v
                .dialogues
                .iter()
                .map(|d| {
                    (
                        d.date.clone(),
                        d.recorded_by_name.clone(),
                        d.participants.clone(),
                        d.topic.clone(),
                        d.agreed.clone(),
                    )
                })
                .collect(),
            revisions: v
                .revisions
                .iter()
                .map(|x| (x.revision, x.reason.clone()))
                .collect(),
        }
    }
}

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

#[derive(Deserialize, Default)]
pub struct Params {
    #[serde(default)]
    year: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    done: String,
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
async fn after(
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

type Fields = Form<Vec<(String, String)>>;

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

#[derive(Template)]
#[template(path = "skp/mine.html")]
struct MinePage {
    ctx: Ctx,
    year: i64,
    /// (year, id, status label)
    years: Vec<(i64, i64, String)>,
    supervisor: bool,
}

pub async fn mine(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let t = T(locale);
    let year = q
        .year
        .trim()
        .parse()
        .unwrap_or_else(|_| service::this_year(&s.app, None));
    let (plan, years) = service::mine(&s.app, &who.actor, year)
        .await
        .map_err(WebError::page(locale))?;
    if let Some(p) = &plan {
        return Ok(Redirect::to(&format!("/skp/{}", p.row.id)).into_response());
    }
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "skp");
    Ok(page_with(
        StatusCode::OK,
        jar,
        MinePage {
            ctx,
            year,
            years: years
                .iter()
                .map(|p| {
                    let st = PlanStatus::parse(&p.status).unwrap_or(PlanStatus::Draft);
                    (p.year, p.id, st.text().text(t.0))
                })
                .collect(),
            supervisor: who.actor.access.is_supervisor,
        },
    ))
}

pub async fn open(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(fields): Fields,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), locale)?;
    let id = edit::open(&s.app, &who.actor, &value(&fields, "year"))
        .await
        .map_err(WebError::page(locale))?;
    Ok(Redirect::to(&format!("/skp/{id}?done=opened")).into_response())
}

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

#[derive(Template)]
#[template(path = "skp/review.html")]
struct ReviewPage {
    ctx: Ctx,
    year: i64,
    /// (id, name, NIP, status, status label)
    plans: Vec<(i64, String, String, String, String)>,
}

pub async fn review(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let t = T(locale);
    let year = q
        .year
        .trim()
        .parse()
        .unwrap_or_else(|_| service::this_year(&s.app, None));
    let plans = service::to_review(&s.app, &who.actor, year)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "skp");
    Ok(page_with(
        StatusCode::OK,
        jar,
        ReviewPage {
            ctx,
            year,
            plans: plans
                .into_iter()
                .map(|p| {
                    let label = PlanStatus::parse(&p.status)
                        .map(|x| x.text().text(t.0))
                        .unwrap_or_default();
                    (p.id, p.employee_name, p.nip, p.status, label)
                })
                .collect(),
        },
    ))
}

/// A node of the cascade, flattened with its depth for a plain nested list.
pub struct Line {
    pub depth: usize,
    pub text: String,
    pub kind: String,
    pub owner: String,
    pub position: String,
    pub plan_id: i64,
}

fn flatten(nodes: &[Node], depth: usize, out: &mut Vec<Line>) {
    for n in nodes {
        out.push(Line {
            depth,
            text: n.result.text.clone(),
            kind: n.result.kind.clone(),
            owner: n.owner.clone(),
            position: n.position.clone(),
            plan_id: n.plan_id,
        });
        flatten(&n.children, depth + 1, out);
    }
}

#[derive(Template)]
#[template(path = "skp/cascade.html")]
struct CascadePage {
    ctx: Ctx,
    year: i64,
    unit: String,
    unit_name: String,
    lines: Vec<Line>,
    plans: usize,
    truncated: bool,
}

pub async fn cascade_page(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let unit = (!q.unit.trim().is_empty()).then_some(q.unit.as_str());
    let c = cascade::of(&s.app, &who.actor, &q.year, unit)
        .await
        .map_err(WebError::page(locale))?;
    let mut lines = Vec::new();
    flatten(&c.roots, 0, &mut lines);
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "skp");
    Ok(page_with(
        StatusCode::OK,
        jar,
        CascadePage {
            ctx,
            year: c.year,
            unit: q.unit.clone(),
            unit_name: c.unit_name.unwrap_or_default(),
            lines,
            plans: c.plans,
            truncated: c.truncated,
        },
    ))
}
