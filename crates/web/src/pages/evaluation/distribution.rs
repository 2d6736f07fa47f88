//! `/evaluations/distribution`: a unit's spread of predikat against its result, setting
//! the result, the period kind, and the final step.

use super::Params;
use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::fields::value;
use crate::pages::{page_with, Ctx};
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::performance::{PeriodKind, Predikat, UnitResult};
use fleksi_service::evaluation::distribution::{self, Source};
use fleksi_service::evaluation::settings;
use fleksi_service::ServiceError;

#[derive(Template)]
#[template(path = "evaluation/distribution.html")]
struct SpreadPage {
    ctx: Ctx,
    unit: String,
    unit_name: String,
    period: String,
    period_label: String,
    /// (result label, set by an admin)
    result: Option<(String, bool)>,
    result_code: String,
    /// (predikat label, people)
    spread: Vec<(String, u32)>,
    total: u32,
    unrated: i64,
    finals: i64,
    breaches: Vec<String>,
    can_manage: bool,
    results: Vec<(&'static str, String)>,
    kinds: Vec<(&'static str, String)>,
    kind: &'static str,
    agency_admin: bool,
    /// Units the reader may pick: (id, name).
    units: Vec<(i64, String)>,
    errors: Vec<(String, String)>,
    done: String,
}

async fn spread_page(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    unit: &str,
    period: &str,
    errors: Vec<(String, String)>,
    done: &str,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let err = WebError::page(locale);
    let units = distribution::units(&s.app, &who.actor)
        .await
        .map_err(&err)?;
    if units.is_empty() {
        return Err(WebError::Page(ServiceError::Forbidden, locale));
    }
    let unit = if unit.trim().is_empty() {
        units
            .first()
            .map(|(id, _)| id.to_string())
            .unwrap_or_default()
    } else {
        unit.to_string()
    };
    let d = distribution::get(&s.app, &who.actor, &unit, period)
        .await
        .map_err(&err)?;
    let kind = settings::get(&s.app, &who.actor).await.map_err(&err)?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let agency_admin = who
        .actor
        .access
        .agency_id
        .is_some_and(|a| who.actor.access.is_agency_admin(a));
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "distribution");
    Ok(page_with(
        status,
        jar,
        SpreadPage {
            unit: d.unit.id.to_string(),
            unit_name: d.unit.name.clone(),
            period: d.period.code(),
            period_label: d.period.text().text(locale),
            result: d
                .result
                .map(|(u, src)| (u.text().text(locale), src == Source::Set)),
            result_code: d
                .result
                .map(|(u, _)| u.code().to_string())
                .unwrap_or_default(),
            spread: Predikat::ALL
                .iter()
                .map(|p| (p.label().to_string(), d.spread.count(*p)))
                .collect(),
            total: d.spread.total(),
            unrated: d.unrated,
            finals: d.finals,
            breaches: d.breaches.iter().map(|b| b.message.text(locale)).collect(),
            can_manage: d.can_manage,
            results: UnitResult::ALL
                .iter()
                .map(|u| (u.code(), u.text().text(locale)))
                .collect(),
            kinds: PeriodKind::ALL
                .iter()
                .map(|k| (k.code(), k.text().text(locale)))
                .collect(),
            kind: kind.code(),
            agency_admin,
            units,
            errors,
            done: done.to_string(),
            ctx,
        },
    ))
}

pub async fn spread(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    spread_page(&s, jar, &who, &q.unit, &q.period, vec![], &q.done).await
}

async fn after_spread(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    fields: &[(String, String)],
    out: Result<(), ServiceError>,
    done: &str,
) -> Result<Response, WebError> {
    let (unit, period) = (value(fields, "unit"), value(fields, "period"));
    match out {
        Ok(()) => Ok(Redirect::to(&format!(
            "/evaluations/distribution?unit={unit}&period={period}&done={done}"
        ))
        .into_response()),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict(_))) => {
            let errors = field_texts(&e, T(who.actor.locale));
            let shown = if errors.iter().any(|(f, _)| f == "period") {
                ""
            } else {
                period.as_str()
            };
            spread_page(s, jar, who, &unit, shown, errors, "").await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}

pub async fn set_result(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let out = distribution::set_result(
        &s.app,
        &who.actor,
        &value(&fields, "unit"),
        &value(&fields, "period"),
        &value(&fields, "result"),
    )
    .await;
    after_spread(&s, jar, &who, &fields, out, "result").await
}

pub async fn finalize(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let out = distribution::finalize(
        &s.app,
        &who.actor,
        &value(&fields, "unit"),
        &value(&fields, "period"),
    )
    .await
    .map(|_| ());
    // A refusal keeps the period asked for: the page shows why it is not final.
    match out {
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(who.actor.locale));
            spread_page(
                &s,
                jar,
                &who,
                &value(&fields, "unit"),
                &value(&fields, "period"),
                errors,
                "",
            )
            .await
        }
        other => after_spread(&s, jar, &who, &fields, other, "final").await,
    }
}

pub async fn period_kind(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let out = settings::set(&s.app, &who.actor, &value(&fields, "period_kind"))
        .await
        .map(|_| ());
    let fields = vec![("unit".to_string(), value(&fields, "unit"))];
    after_spread(&s, jar, &who, &fields, out, "settings").await
}
