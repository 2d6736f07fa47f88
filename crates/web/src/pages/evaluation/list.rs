//! `/evaluations` (mine and my reports' for a period, opening one) and `/performance`
//! (this year's plan, the current evaluation and the history).

use super::sheet::Sheet;
use super::{period_label, predikat_label, Params};
use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::fields::{id_value, value};
use crate::pages::skp::number;
use crate::pages::{page_with, Ctx};
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::CookieJar;
use fleksi_service::evaluation as service;
use fleksi_service::ServiceError;

/// One of my reports with their plan and evaluation of the period.
struct TeamLine {
    name: String,
    nip: String,
    /// The plan's id and whether it is approved.
    plan: Option<(i64, bool)>,
    evaluation: Option<i64>,
    predikat: String,
    status: String,
}

#[derive(Template)]
#[template(path = "evaluation/list.html")]
struct ListPage {
    ctx: Ctx,
    period: String,
    period_label: String,
    /// (id, period label, predikat, status)
    mine: Vec<(i64, String, String, String)>,
    team: Vec<TeamLine>,
    supervisor: bool,
    errors: Vec<(String, String)>,
}

async fn list_page(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    period: &str,
    errors: Vec<(String, String)>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let t = T(locale);
    let err = WebError::page(locale);
    let mine = service::mine(&s.app, &who.actor).await.map_err(&err)?;
    let supervisor = who.actor.access.is_supervisor;
    let (p, team) = if supervisor {
        service::team(&s.app, &who.actor, period)
            .await
            .map_err(&err)?
    } else {
        let p = service::current_period(&s.app, &who.actor)
            .await
            .map_err(&err)?;
        (p, vec![])
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "evaluations");
    Ok(page_with(
        status,
        jar,
        ListPage {
            period: p.code(),
            period_label: p.text().text(locale),
            mine: mine
                .iter()
                .map(|e| {
                    (
                        e.id,
                        period_label(t, &e.period),
                        predikat_label(e.predikat.as_deref()),
                        t.of("eval.status.", &e.status).to_string(),
                    )
                })
                .collect(),
            team: team
                .into_iter()
                .map(|(person, plan, e)| TeamLine {
                    name: person.name,
                    nip: person.nip,
                    plan: plan.map(|p| (p.id, p.status == "approved")),
                    evaluation: e.as_ref().map(|x| x.id),
                    predikat: predikat_label(e.as_ref().and_then(|x| x.predikat.as_deref())),
                    status: e
                        .map(|x| t.of("eval.status.", &x.status).to_string())
                        .unwrap_or_default(),
                })
                .collect(),
            supervisor,
            errors,
            ctx,
        },
    ))
}

pub async fn list(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    list_page(&s, jar, &who, &q.period, vec![]).await
}

pub async fn open(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), locale)?;
    let period = value(&fields, "period");
    let plan = id_value(&fields, "plan_id").unwrap_or(0);
    match service::open(&s.app, &who.actor, plan, &period).await {
        Ok(id) => Ok(Redirect::to(&format!("/evaluations/{id}")).into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(locale));
            list_page(&s, jar, &who, "", errors).await
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}

/// This year's plan as the employee's page shows it: its results with their targets.
struct PlanSummary {
    id: i64,
    year: i64,
    status: String,
    /// (result, [(indicator, target)])
    results: Vec<(String, Vec<(String, String)>)>,
}

#[derive(Template)]
#[template(path = "evaluation/performance.html")]
struct OverviewPage {
    ctx: Ctx,
    period_label: String,
    plan: Option<PlanSummary>,
    current: Option<Sheet>,
    /// (evaluation id, period label, predikat, feedback)
    history: Vec<(i64, String, String, String)>,
}

pub async fn overview(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let t = T(locale);
    let o = service::overview(&s.app, &who.actor)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "performance");
    Ok(page_with(
        StatusCode::OK,
        jar,
        OverviewPage {
            period_label: o.period.text().text(locale),
            plan: o.plan.as_ref().map(|p| PlanSummary {
                id: p.row.id,
                year: p.row.year,
                status: p.status().text().text(locale),
                results: p
                    .results
                    .iter()
                    .map(|r| {
                        (
                            r.row.text.clone(),
                            r.indicators
                                .iter()
                                .map(|i| {
                                    (i.text.clone(), format!("{} {}", number(i.target), i.unit))
                                })
                                .collect(),
                        )
                    })
                    .collect(),
            }),
            current: o.current.as_ref().map(|v| Sheet::of(t, v)),
            history: o
                .history
                .iter()
                .map(|e| {
                    (
                        e.id,
                        period_label(t, &e.period),
                        predikat_label(e.predikat.as_deref()),
                        e.feedback.clone(),
                    )
                })
                .collect(),
            ctx,
        },
    ))
}
