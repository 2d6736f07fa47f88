//! Evaluations: `/evaluations` (mine and my reports' for a period), `/evaluations/{id}`
//! (actual values with evidence, the supervisor's ratings with the regulation's guidance,
//! 360 feedback in aggregate, the predikat), `/evaluations/{id}/print` (A4),
//! `/feedback` (360 requests to answer) and `/evaluations/distribution` (a unit's spread
//! of predikat against its result, the final step). Plain forms; no JavaScript needed.

use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::fields::{attachment, id_value, read_multipart, value};
use crate::pages::skp::number;
use crate::pages::{id_of, page_with, Ctx};
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::performance::{
    Aspect, CoreValue, Period, PeriodKind, Predikat, Rating, UnitResult,
};
use fleksi_service::evaluation::actuals::{self, ActualInput};
use fleksi_service::evaluation::distribution::{self, Source};
use fleksi_service::evaluation::rate::{self, RatingInput};
use fleksi_service::evaluation::{self as service, feedback, settings, EvaluationView};
use fleksi_service::evidence::MAX_EVIDENCE_BYTES;
use fleksi_service::ServiceError;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evaluations", get(list).post(open))
        .route("/evaluations/distribution", get(spread).post(set_result))
        .route("/evaluations/distribution/finalize", post(finalize))
        .route("/evaluations/settings", post(period_kind))
        .route("/evaluations/{id}", get(detail))
        .route("/evaluations/{id}/print", get(print))
        .route("/evaluations/{id}/actuals", post(actual))
        .route("/evaluations/{id}/rating", post(rating))
        .route("/evaluations/{id}/feedback", post(ask))
        .route("/evaluations/{id}/evidence/{indicator}", get(evidence))
        .route("/performance", get(overview))
        .route("/feedback", get(asked))
        .route("/feedback/{request}", get(answer_form).post(answer))
        .layer(DefaultBodyLimit::max(MAX_EVIDENCE_BYTES * 4))
}

#[derive(Deserialize, Default)]
pub struct Params {
    #[serde(default)]
    period: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    done: String,
}

fn rating_label(t: T, code: Option<&str>) -> String {
    code.and_then(|c| Rating::parse(c).ok())
        .map(|r| r.text().text(t.0))
        .unwrap_or_default()
}

fn predikat_label(code: Option<&str>) -> String {
    code.and_then(|c| Predikat::parse(c).ok())
        .map(|p| p.label().to_string())
        .unwrap_or_default()
}

fn period_label(t: T, code: &str) -> String {
    Period::parse(code)
        .map(|p| p.text().text(t.0))
        .unwrap_or_else(|_| code.to_string())
}

/// One indicator of the page.
pub struct Row {
    pub id: i64,
    pub result: String,
    pub first_of_result: bool,
    pub aspect: String,
    pub text: String,
    pub target: String,
    pub actual: String,
    pub achievement: String,
    pub note: String,
    pub evidence_link: String,
    pub has_file: bool,
}

/// The evaluation with its texts resolved (the page and the print sheet).
pub struct Sheet {
    pub id: i64,
    pub plan_id: i64,
    pub period_label: String,
    pub owner: String,
    pub nip: String,
    pub position: String,
    pub unit: String,
    pub evaluator: String,
    pub evaluator_nip: String,
    pub status: String,
    pub version: i64,
    pub rows: Vec<Row>,
    pub results_rating: String,
    pub results_label: String,
    pub behaviour_rating: String,
    pub behaviour_label: String,
    /// (code, name, rating code, rating label)
    pub values: Vec<(&'static str, String, String, String)>,
    pub predikat: String,
    pub feedback: String,
}

impl Sheet {
    pub fn of(t: T, v: &EvaluationView) -> Sheet {
        let r = &v.row;
        let mut rows = Vec::new();
        for res in &v.results {
            for (i, m) in res.indicators.iter().enumerate() {
                rows.push(Row {
                    id: m.indicator.id,
                    result: res.result.text.clone(),
                    first_of_result: i == 0,
                    aspect: Aspect::parse(&m.indicator.aspect)
                        .map(|a| a.text().text(t.0))
                        .unwrap_or_default(),
                    text: m.indicator.text.clone(),
                    target: format!("{} {}", number(m.indicator.target), m.indicator.unit),
                    actual: m
                        .actual
                        .as_ref()
                        .map(|a| number(a.actual))
                        .unwrap_or_default(),
                    achievement: m
                        .achievement
                        .map(|p| format!("{p:.0}%"))
                        .unwrap_or_default(),
                    note: m
                        .actual
                        .as_ref()
                        .map(|a| a.note.clone())
                        .unwrap_or_default(),
                    evidence_link: m
                        .actual
                        .as_ref()
                        .and_then(|a| a.evidence_link.clone())
                        .unwrap_or_default(),
                    has_file: m
                        .actual
                        .as_ref()
                        .is_some_and(|a| a.evidence_file_id.is_some()),
                });
            }
        }
        Sheet {
            id: r.id,
            plan_id: r.plan_id,
            period_label: period_label(t, &r.period),
            owner: r.employee_name.clone(),
            nip: r.nip.clone(),
            position: r.position_name.clone(),
            unit: r.unit_name.clone(),
            evaluator: r.evaluator_name.clone().unwrap_or_default(),
            evaluator_nip: r.evaluator_nip.clone().unwrap_or_default(),
            status: r.status.clone(),
            version: r.version,
            rows,
            results_rating: r.results_rating.clone().unwrap_or_default(),
            results_label: rating_label(t, r.results_rating.as_deref()),
            behaviour_rating: r.behaviour_rating.clone().unwrap_or_default(),
            behaviour_label: rating_label(t, r.behaviour_rating.as_deref()),
            values: v
                .behaviour
                .iter()
                .map(|(c, r)| {
                    (
                        c.code(),
                        c.text().text(t.0),
                        r.map(|x| x.code().to_string()).unwrap_or_default(),
                        r.map(|x| x.text().text(t.0)).unwrap_or_default(),
                    )
                })
                .collect(),
            predikat: predikat_label(r.predikat.as_deref()),
            feedback: r.feedback.clone(),
        }
    }
}

/// The 360 feedback as the page shows it.
struct F360 {
    asked: i64,
    answered: i64,
    /// Per value: (name, above, as expected, below); empty below three answers.
    tallies: Vec<(String, u32, u32, u32)>,
    comments: Vec<String>,
}

#[derive(Template)]
#[template(path = "evaluation/detail.html")]
struct DetailPage {
    ctx: Ctx,
    s: Sheet,
    can_enter: bool,
    can_rate: bool,
    /// (code, label, guidance)
    ratings: Vec<(&'static str, String, String)>,
    /// (unit result label, required rating code, its label)
    head: Option<(String, String, String)>,
    f360: Option<F360>,
    /// People the evaluator may ask for 360 feedback, when not asked yet: (id, name, NIP).
    candidates: Vec<(i64, String, String)>,
    errors: Vec<(String, String)>,
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
    let locale = who.actor.locale;
    let t = T(locale);
    let v = service::get(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(locale))?;
    let candidates = if v.can_rate && v.feedback360.is_none() {
        feedback::candidates(&s.app, &who.actor, id)
            .await
            .map_err(WebError::page(locale))?
            .into_iter()
            .map(|p| (p.id, p.name, p.nip))
            .collect()
    } else {
        vec![]
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
        DetailPage {
            s: Sheet::of(t, &v),
            can_enter: v.can_enter,
            can_rate: v.can_rate,
            ratings: Rating::ALL
                .iter()
                .map(|r| (r.code(), r.text().text(locale), r.guidance().text(locale)))
                .collect(),
            head: v.head_rating.map(|(u, r)| {
                (
                    u.text().text(locale),
                    r.code().to_string(),
                    r.text().text(locale),
                )
            }),
            f360: v.feedback360.as_ref().map(|f| F360 {
                asked: f.asked,
                answered: f.answered,
                tallies: f
                    .tallies
                    .as_ref()
                    .map(|ts| {
                        ts.iter()
                            .map(|(c, x)| (c.text().text(locale), x.above, x.as_expected, x.below))
                            .collect()
                    })
                    .unwrap_or_default(),
                comments: f.comments.clone(),
            }),
            candidates,
            errors,
            done: done.to_string(),
            ctx,
        },
    ))
}

pub async fn detail(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    detail_page(&s, jar, &who, id, vec![], &q.done).await
}

async fn after(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    id: i64,
    out: Result<(), ServiceError>,
    done: &str,
) -> Result<Response, WebError> {
    match out {
        Ok(()) => Ok(Redirect::to(&format!("/evaluations/{id}?done={done}")).into_response()),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict(_))) => {
            let errors = field_texts(&e, T(who.actor.locale));
            detail_page(s, jar, who, id, errors, "").await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}

pub async fn actual(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    form: Multipart,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    let (fields, upload) = read_multipart(form).await;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let input = ActualInput {
        indicator_id: id_value(&fields, "indicator_id").unwrap_or(0),
        actual: value(&fields, "actual"),
        note: value(&fields, "note"),
        evidence_link: value(&fields, "evidence_link"),
        upload,
        evidence_file_id: None,
    };
    let out = actuals::put(&s.app, &who.actor, id, input).await;
    after(&s, jar, &who, id, out, "actual").await
}

pub async fn rating(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let input = RatingInput {
        version: id_value(&fields, "version").unwrap_or(0),
        results: value(&fields, "results_rating"),
        behaviour: value(&fields, "behaviour_rating"),
        per_value: fields
            .iter()
            .filter_map(|(k, v)| {
                k.strip_prefix("behaviour.")
                    .map(|c| (c.to_string(), v.clone()))
            })
            .collect(),
        feedback: value(&fields, "feedback"),
    };
    let out = rate::rate(&s.app, &who.actor, id, input).await.map(|_| ());
    after(&s, jar, &who, id, out, "rated").await
}

pub async fn ask(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = id_of(&id, who.actor.locale)?;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), who.actor.locale)?;
    let people: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "respondents")
        .filter_map(|(_, v)| v.trim().parse().ok())
        .collect();
    let out = feedback::request(&s.app, &who.actor, id, &people)
        .await
        .map(|_| ());
    after(&s, jar, &who, id, out, "asked").await
}

pub async fn evidence(
    State(s): State<AppState>,
    who: PageActor,
    Path((id, indicator)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let (id, indicator) = (id_of(&id, locale)?, id_of(&indicator, locale)?);
    let (meta, bytes) = actuals::evidence(&s.app, &who.actor, id, indicator)
        .await
        .map_err(WebError::page(locale))?;
    Ok(attachment(meta, bytes))
}

#[derive(Template)]
#[template(path = "evaluation/print.html")]
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
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "evaluations");
    Ok(page_with(
        StatusCode::OK,
        jar,
        PrintPage {
            s: Sheet::of(T(locale), &v),
            ctx,
        },
    ))
}

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

#[derive(Template)]
#[template(path = "evaluation/asked.html")]
struct AskedPage {
    ctx: Ctx,
    /// (request id, subject, period label, answered)
    asked: Vec<(i64, String, String, bool)>,
    done: bool,
}

pub async fn asked(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let t = T(locale);
    let list = feedback::asked(&s.app, &who.actor)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "evaluations");
    Ok(page_with(
        StatusCode::OK,
        jar,
        AskedPage {
            asked: list
                .into_iter()
                .map(|a| {
                    (
                        a.request_id,
                        a.subject_name,
                        period_label(t, &a.period),
                        a.answered_at.is_some(),
                    )
                })
                .collect(),
            done: q.done == "1",
            ctx,
        },
    ))
}

#[derive(Template)]
#[template(path = "evaluation/answer.html")]
struct AnswerPage {
    ctx: Ctx,
    request: i64,
    subject: String,
    period: String,
    /// (code, name, indicators)
    values: Vec<(&'static str, String, &'static [&'static str; 3])>,
    ratings: Vec<(&'static str, String)>,
    errors: Vec<(String, String)>,
}

async fn answer_page(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    request: i64,
    errors: Vec<(String, String)>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let t = T(locale);
    let a = feedback::asked_one(&s.app, &who.actor, request)
        .await
        .map_err(WebError::page(locale))?;
    if a.answered_at.is_some() && errors.is_empty() {
        return Ok(Redirect::to("/feedback?done=1").into_response());
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "evaluations");
    Ok(page_with(
        status,
        jar,
        AnswerPage {
            request,
            subject: a.subject_name,
            period: period_label(t, &a.period),
            values: CoreValue::ALL
                .iter()
                .map(|c| (c.code(), c.text().text(locale), c.indicators()))
                .collect(),
            ratings: Rating::ALL
                .iter()
                .map(|r| (r.code(), r.text().text(locale)))
                .collect(),
            errors,
            ctx,
        },
    ))
}

pub async fn answer_form(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(request): Path<String>,
) -> Result<Response, WebError> {
    let request = id_of(&request, who.actor.locale)?;
    answer_page(&s, jar, &who, request, vec![]).await
}

pub async fn answer(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(request): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let request = id_of(&request, locale)?;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), locale)?;
    let ratings: Vec<(String, String)> = fields
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("ratings.")
                .map(|c| (c.to_string(), v.clone()))
        })
        .collect();
    match feedback::answer(
        &s.app,
        &who.actor,
        request,
        &ratings,
        &value(&fields, "comment"),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/feedback?done=1").into_response()),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict(_))) => {
            let errors = field_texts(&e, T(locale));
            answer_page(&s, jar, &who, request, errors).await
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}

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
