//! `/skp` (my plan of a year, or the button to open it) and `/skp/review` (the plans I
//! evaluate).

use super::plan::Fields;
use super::Params;
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
use fleksi_domain::performance::PlanStatus;
use fleksi_service::skp::{self as service, edit};

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
