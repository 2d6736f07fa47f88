//! Policy pages: a unit's effective policy with where each value comes from
//! (`/units/{id}/policy`) and the agency-wide level (`/policy`). Admins of the unit's
//! subtree (agency admins for `/policy`) set or clear each value with one form that works
//! without JavaScript: an empty field, or "inherit" for a list, goes back to inheriting.

use super::{page_with, Ctx};
use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::policy::{Effective, Field, Overrides, Source, TimeMode, WorkLocation};
use fleksi_service::policy::form::{self, Kind};
use fleksi_service::policy::{self, Change};
use fleksi_service::ServiceError;
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/units/{id}/policy", get(show_unit).post(save_unit))
        .route("/policy", get(show_agency).post(save_agency))
}

/// One choice of a list field (a weekday, a location, a time arrangement).
struct Choice {
    code: String,
    label: &'static str,
    checked: bool,
}

/// One policy value as the page shows it.
struct Row {
    code: &'static str,
    label: &'static str,
    kind: &'static str,
    /// The value in force, as read.
    value: String,
    /// Where it comes from.
    source: String,
    /// Set at this level.
    own: bool,
    /// The form's text for number, time and yes/no fields ("" = inherit).
    text: String,
    /// What an empty field inherits, as read.
    inherits: String,
    choices: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "policy/policy.html")]
struct PolicyPage {
    ctx: Ctx,
    /// The unit's name, or None on the agency page.
    unit: Option<String>,
    action: String,
    rows: Vec<Row>,
    can_edit: bool,
    errors: Vec<(String, String)>,
    saved: bool,
}

#[derive(Deserialize, Default)]
struct SavedQuery {
    #[serde(default)]
    saved: String,
}

fn kind_code(k: Kind) -> &'static str {
    match k {
        Kind::Number => "number",
        Kind::Time => "time",
        Kind::Bool => "bool",
        Kind::Days => "days",
        Kind::Locations => "locations",
        Kind::TimeModes => "modes",
    }
}

/// Whole minutes as hours and minutes: `2250` → `37 j 30 m`.
fn hours(t: T, minutes: u32) -> String {
    format!(
        "{} {} {} {}",
        minutes / 60,
        t.s("pol.h"),
        minutes % 60,
        t.s("pol.m")
    )
}

/// A value's text (as `policy::form` writes it) as a person reads it.
fn display(t: T, f: Field, text: &str) -> String {
    if text.is_empty() {
        return "—".into();
    }
    let items = || text.split(',').map(str::trim).filter(|s| !s.is_empty());
    match form::kind(f) {
        Kind::Number => match text.parse::<u32>() {
            Ok(n) if f.code().contains("weekly") => {
                format!("{n} {} ({})", t.s("pol.minutes"), hours(t, n))
            }
            Ok(n) if f == Field::max_away_percent => format!("{n}%"),
            _ => text.to_string(),
        },
        Kind::Time => text.to_string(),
        Kind::Bool => t
            .s(if text == "true" { "pol.yes" } else { "pol.no" })
            .to_string(),
        Kind::Days => items()
            .filter_map(|d| d.parse::<u8>().ok())
            .map(|d| t.of("wds.", &(d.saturating_sub(1)).to_string()))
            .collect::<Vec<_>>()
            .join(", "),
        Kind::Locations => items()
            .map(|l| t.of("loc.", l))
            .collect::<Vec<_>>()
            .join(", "),
        Kind::TimeModes => items()
            .map(|m| t.of("pol.tm.", m))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn source_text(t: T, s: Option<&Source>) -> String {
    match s {
        None | Some(Source::National) => t.s("pol.src.national").into(),
        Some(Source::Agency) => t.s("pol.src.agency").into(),
        Some(Source::Unit { name, .. }) => name.clone(),
    }
}

fn choices(t: T, f: Field, text: &str) -> Vec<Choice> {
    let on: Vec<&str> = text.split(',').map(str::trim).collect();
    let make = |code: String, label: &'static str| Choice {
        checked: on.contains(&code.as_str()),
        code,
        label,
    };
    match form::kind(f) {
        Kind::Days => (1..=7)
            .map(|d: u8| make(d.to_string(), t.of("wd.", &(d - 1).to_string())))
            .collect(),
        Kind::Locations => WorkLocation::ALL
            .iter()
            .map(|l| make(l.code().into(), t.of("loc.", l.code())))
            .collect(),
        Kind::TimeModes => TimeMode::ALL
            .iter()
            .map(|m| make(m.code().into(), t.of("pol.tm.", m.code())))
            .collect(),
        _ => vec![],
    }
}

/// The rows of a level: `effective` in force, `inherited` what an empty field falls back
/// to, `own` the level's texts (as stored, or as just submitted).
fn rows(
    t: T,
    fields: &[Field],
    effective: &Effective,
    inherited: &Effective,
    own: &BTreeMap<Field, String>,
) -> Vec<Row> {
    let values = form::policy_texts(&effective.policy);
    let fallback = form::policy_texts(&inherited.policy);
    fields
        .iter()
        .map(|f| {
            let text = own.get(f).cloned();
            Row {
                code: f.code(),
                label: t.of("pol.f.", f.code()),
                kind: kind_code(form::kind(*f)),
                value: display(t, *f, &values[f]),
                source: source_text(t, effective.sources.get(f)),
                own: text.is_some(),
                inherits: display(t, *f, &fallback[f]),
                choices: choices(t, *f, text.as_deref().unwrap_or(&values[f])),
                text: text.unwrap_or_default(),
            }
        })
        .collect()
}

fn status_of(errors: &[(String, String)]) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

fn parse_id(id: &str, who: &PageActor) -> Result<i64, WebError> {
    id.parse::<i64>()
        .ok()
        .filter(|i| *i > 0)
        .ok_or(WebError::Page(ServiceError::NotFound, who.actor.locale))
}

fn own_texts(o: &Overrides) -> BTreeMap<Field, String> {
    form::override_texts(o)
}

async fn unit_view(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    id: i64,
    submitted: Option<BTreeMap<Field, String>>,
    errors: Vec<(String, String)>,
    saved: bool,
) -> Result<Response, WebError> {
    let t = T(who.actor.locale);
    let p = policy::of_unit(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let own = submitted.unwrap_or_else(|| own_texts(&p.own));
    let rows = rows(t, Field::ALL, &p.effective, &p.inherited, &own);
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "org");
    Ok(page_with(
        status_of(&errors),
        jar,
        PolicyPage {
            ctx,
            unit: Some(p.unit.name),
            action: format!("/units/{}/policy", p.unit.id),
            rows,
            can_edit: p.can_edit,
            errors,
            saved,
        },
    ))
}

/// The agency level sets only values passed down to units (not one office's seats).
fn agency_fields() -> Vec<Field> {
    Field::ALL
        .iter()
        .copied()
        .filter(|f| f.inherited())
        .collect()
}

async fn agency_view(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    submitted: Option<BTreeMap<Field, String>>,
    errors: Vec<(String, String)>,
    saved: bool,
) -> Result<Response, WebError> {
    let t = T(who.actor.locale);
    let p = policy::of_agency(&s.app, &who.actor)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let own = submitted.unwrap_or_else(|| own_texts(&p.own));
    let national = fleksi_domain::policy::resolve(&[]);
    let rows = rows(t, &agency_fields(), &p.effective, &national, &own);
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "org");
    Ok(page_with(
        status_of(&errors),
        jar,
        PolicyPage {
            ctx,
            unit: None,
            action: "/policy".into(),
            rows,
            can_edit: p.can_edit,
            errors,
            saved,
        },
    ))
}

/// The form's values as the service reads them: a text per field; a list field set to
/// "inherit" is left out, and one set with nothing ticked is `,` (an empty list, which
/// the policy check refuses by name).
fn change_of(f: &[(String, String)], fields: &[Field]) -> (Change, BTreeMap<Field, String>) {
    let value = |name: &str| {
        f.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut values = BTreeMap::new();
    let mut shown = BTreeMap::new();
    for field in fields {
        let code = field.code();
        let text = match form::kind(*field) {
            Kind::Number | Kind::Time | Kind::Bool => value(code),
            Kind::Days | Kind::Locations | Kind::TimeModes => {
                if value(&format!("mode.{code}")) != "set" {
                    String::new()
                } else {
                    let picked: Vec<&str> = f
                        .iter()
                        .filter(|(k, _)| k == code)
                        .map(|(_, v)| v.as_str())
                        .collect();
                    if picked.is_empty() {
                        ",".into()
                    } else {
                        picked.join(",")
                    }
                }
            }
        };
        if !text.is_empty() {
            shown.insert(*field, text.clone());
        }
        values.insert(code.to_string(), text);
    }
    (Change { values }, shown)
}

fn csrf_of(f: &[(String, String)]) -> &str {
    f.iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

async fn show_unit(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, WebError> {
    let id = parse_id(&id, &who)?;
    unit_view(&s, jar, &who, id, None, vec![], q.saved == "1").await
}

async fn save_unit(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, csrf_of(&f), who.actor.locale)?;
    let id = parse_id(&id, &who)?;
    let (change, shown) = change_of(&f, Field::ALL);
    match policy::set_unit(&s.app, &who.actor, id, &change).await {
        Ok(()) => Ok(Redirect::to(&format!("/units/{id}/policy?saved=1")).into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(who.actor.locale));
            unit_view(&s, jar, &who, id, Some(shown), errors, false).await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}

async fn show_agency(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<SavedQuery>,
) -> Result<Response, WebError> {
    agency_view(&s, jar, &who, None, vec![], q.saved == "1").await
}

async fn save_agency(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, csrf_of(&f), who.actor.locale)?;
    let (change, shown) = change_of(&f, &agency_fields());
    match policy::set_agency(&s.app, &who.actor, &change).await {
        Ok(()) => Ok(Redirect::to("/policy?saved=1").into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(who.actor.locale));
            agency_view(&s, jar, &who, Some(shown), errors, false).await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}
