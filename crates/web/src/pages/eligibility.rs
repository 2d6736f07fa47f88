//! Who may work flexibly: `/eligibility` (every employee sees whether they are eligible
//! and exactly why not) and `/units/{id}/activities` (admins map each position's
//! activities against the six task criteria; supervisors and auditors read it).

use super::{page_with, Ctx};
use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::eligibility::{activity_qualifies, Assessment, Criterion};
use fleksi_service::eligibility::{self, ActivityForm, Mine, Right, UnitActivities};
use fleksi_service::ServiceError;
use fleksi_store::eligibility::ActivityRow;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/eligibility", get(mine))
        .route("/units/{id}/activities", get(unit).post(add))
        .route("/units/{id}/activities/{activity}", post(update))
        .route("/units/{id}/activities/{activity}/delete", post(delete))
}

/// A criterion as the pages show it: its code (the form field), letter and wording.
struct CriterionText {
    code: &'static str,
    letter: char,
    text: String,
}

fn criteria(t: T) -> Vec<CriterionText> {
    Criterion::ALL
        .iter()
        .map(|c| CriterionText {
            code: c.code(),
            letter: c.letter(),
            text: t.msg(&c.text()),
        })
        .collect()
}

/// An activity row: its id, name, each criterion (code, letter, met), and whether it
/// qualifies.
struct Act {
    id: i64,
    name: String,
    cells: Vec<(&'static str, char, bool)>,
    ok: bool,
}

impl Act {
    fn of(a: &ActivityRow) -> Act {
        Act::new(a.id, a.activity.clone(), a.criteria())
    }

    fn new(id: i64, name: String, met: [bool; 6]) -> Act {
        Act {
            id,
            name,
            cells: Criterion::ALL
                .iter()
                .map(|c| (c.code(), c.letter(), met[c.index()]))
                .collect(),
            ok: activity_qualifies(&Assessment(met)),
        }
    }

    /// Whether the criterion with this code is met.
    fn has(&self, code: &str) -> bool {
        self.cells.iter().any(|(c, _, met)| *c == code && *met)
    }
}

#[derive(Template)]
#[template(path = "eligibility/mine.html")]
struct MinePage {
    ctx: Ctx,
    m: Option<Mine>,
    reasons: Vec<String>,
    class: &'static str,
    discipline: &'static str,
    acts: Vec<Act>,
    criteria: Vec<CriterionText>,
}

async fn mine(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
) -> Result<Response, WebError> {
    let t = T(who.actor.locale);
    let m = eligibility::mine(&s.app, &who.actor)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let (reasons, class, discipline, acts) = match &m {
        Some(m) => (
            m.eligibility.reasons.iter().map(|r| t.msg(r)).collect(),
            t.of("elig.class.", m.eligibility.class.code()),
            t.of("discipline.", &m.employee.discipline),
            m.activities.iter().map(Act::of).collect(),
        ),
        None => (vec![], "", "", vec![]),
    };
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "eligibility");
    Ok(page_with(
        StatusCode::OK,
        jar,
        MinePage {
            ctx,
            m,
            reasons,
            class,
            discipline,
            acts,
            criteria: criteria(t),
        },
    ))
}

/// One position on the mapping page, with its texts resolved.
struct Pos {
    id: i64,
    name: String,
    people: i64,
    class_code: &'static str,
    class: &'static str,
    qualifying: u32,
    total: u32,
    max_days: u32,
    acts: Vec<Act>,
    /// The add form's values: empty, or what was typed when it was refused.
    draft: Act,
}

/// What the reader typed into a refused add form, to show it again.
struct Draft {
    position_id: i64,
    act: Act,
}

impl Default for Draft {
    fn default() -> Draft {
        Draft {
            position_id: 0,
            act: Act::new(0, String::new(), [false; 6]),
        }
    }
}

#[derive(Template)]
#[template(path = "eligibility/unit.html")]
struct UnitPage {
    ctx: Ctx,
    v: UnitActivities,
    edit: bool,
    positions: Vec<Pos>,
    criteria: Vec<CriterionText>,
    percent: u32,
    errors: Vec<(String, String)>,
    done: &'static str,
}

#[derive(Deserialize, Default)]
struct UnitQuery {
    #[serde(default)]
    done: String,
}

fn parse_id(id: &str, who: &PageActor) -> Result<i64, WebError> {
    id.parse::<i64>()
        .ok()
        .filter(|i| *i > 0)
        .ok_or(WebError::Page(ServiceError::NotFound, who.actor.locale))
}

async fn unit_view(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    id: i64,
    errors: Vec<(String, String)>,
    done: &str,
    draft: Draft,
) -> Result<Response, WebError> {
    let t = T(who.actor.locale);
    let v = eligibility::unit_activities(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let mut draft = Some(draft);
    let positions = v
        .positions
        .iter()
        .map(|p| Pos {
            draft: match draft.take_if(|d| d.position_id == p.position.position_id) {
                Some(d) => d.act,
                None => Act::new(0, String::new(), [false; 6]),
            },
            id: p.position.position_id,
            name: p.position.name.clone(),
            people: p.position.people,
            class_code: p.class.code(),
            class: t.of("elig.class.", p.class.code()),
            qualifying: p.share.qualifying,
            total: p.share.total,
            max_days: p.max_flex_days,
            acts: p.activities.iter().map(Act::of).collect(),
        })
        .collect();
    let done = match done {
        "added" | "updated" | "deleted" => t.of("elig.done.", done),
        _ => "",
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "eligibility");
    Ok(page_with(
        status,
        jar,
        UnitPage {
            ctx,
            edit: v.right == Right::Edit,
            percent: v.summary.share.percent(),
            positions,
            criteria: criteria(t),
            errors,
            done,
            v,
        },
    ))
}

async fn unit(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Query(q): Query<UnitQuery>,
) -> Result<Response, WebError> {
    let id = parse_id(&id, &who)?;
    unit_view(&s, jar, &who, id, vec![], &q.done, Draft::default()).await
}

/// The activity fields of a posted form, with the CSRF token checked: `position_id`,
/// `activity`, and one checkbox per criterion named by its code.
fn read_form(
    s: &AppState,
    jar: &CookieJar,
    who: &PageActor,
    form: &[(String, String)],
) -> Result<ActivityForm, WebError> {
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    csrf::verify(jar, &s.config, field("csrf"), who.actor.locale)?;
    let mut criteria = [false; 6];
    for c in Criterion::ALL {
        criteria[c.index()] = form.iter().any(|(k, _)| k == c.code());
    }
    Ok(ActivityForm {
        position_id: field("position_id").to_string(),
        activity: field("activity").to_string(),
        criteria,
    })
}

/// After a write: back to the page (at the position) with a note, or the page again with
/// the errors and what was typed.
async fn after(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    id: i64,
    result: Result<(), ServiceError>,
    done: &str,
    form: &ActivityForm,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => {
            let anchor = form
                .position_id
                .parse::<i64>()
                .map(|p| format!("#p{p}"))
                .unwrap_or_default();
            Ok(
                Redirect::to(&format!("/units/{id}/activities?done={done}{anchor}"))
                    .into_response(),
            )
        }
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(who.actor.locale));
            // A refused new activity is shown again in its position's add form; a refused
            // change leaves the row as stored, the errors above naming the field.
            let draft = if done == "added" {
                Draft {
                    position_id: form.position_id.parse().unwrap_or(0),
                    act: Act::new(0, form.activity.chars().take(300).collect(), form.criteria),
                }
            } else {
                Draft::default()
            };
            unit_view(s, jar, who, id, errors, "", draft).await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}

async fn add(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = parse_id(&id, &who)?;
    let form = read_form(&s, &jar, &who, &f)?;
    let result = eligibility::add_activity(&s.app, &who.actor, id, &form)
        .await
        .map(|_| ());
    after(&s, jar, &who, id, result, "added", &form).await
}

async fn update(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path((id, activity)): Path<(String, String)>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = parse_id(&id, &who)?;
    let activity = parse_id(&activity, &who)?;
    let form = read_form(&s, &jar, &who, &f)?;
    let result = eligibility::update_activity(&s.app, &who.actor, id, activity, &form).await;
    after(&s, jar, &who, id, result, "updated", &form).await
}

async fn delete(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path((id, activity)): Path<(String, String)>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = parse_id(&id, &who)?;
    let activity = parse_id(&activity, &who)?;
    let form = read_form(&s, &jar, &who, &f)?;
    let result = eligibility::delete_activity(&s.app, &who.actor, id, activity).await;
    after(&s, jar, &who, id, result, "deleted", &form).await
}
