//! Output dashboards: `/dashboard` (my direct reports, or `?unit=` for its readers) by week
//! and month, office days beside remote days; `/dashboard/recap.xlsx` (the unit's month
//! per person). Nobody is ranked on the page.

use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::{page_with, Ctx};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::performance::Totals;
use fleksi_service::dashboard::{self as service, recap, Scope, Split};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dashboard", get(show))
        .route("/dashboard/recap.xlsx", get(xlsx))
}

#[derive(Deserialize, Default)]
pub struct Params {
    #[serde(default)]
    unit: String,
    #[serde(default)]
    month: String,
}

/// A figure as shown: a number, or a dash when there is nothing to measure yet.
fn shown(v: Option<f64>, unit: &str) -> String {
    v.map(|x| format!("{x:.0}{unit}"))
        .unwrap_or_else(|| "—".into())
}

/// One column of figures (office, remote or both).
pub struct Figures {
    pub submission: String,
    pub blocked: i64,
    pub tasks_done: i64,
    pub on_time: String,
    pub response: String,
}

impl Figures {
    fn of(t: &Totals) -> Figures {
        Figures {
            submission: shown(t.submission_rate(), "%"),
            blocked: t.items_blocked,
            tasks_done: t.tasks_done,
            on_time: shown(t.on_time_rate(), "%"),
            response: t
                .mean_response_hours()
                .map(|h| format!("{h:.1}"))
                .unwrap_or_else(|| "—".into()),
        }
    }
}

/// (office, remote, all)
fn columns(s: &Split) -> [Figures; 3] {
    [
        Figures::of(&s.office),
        Figures::of(&s.remote),
        Figures::of(&s.all()),
    ]
}

#[derive(Template)]
#[template(path = "dashboard/dashboard.html")]
struct DashboardPage {
    ctx: Ctx,
    title: String,
    unit: String,
    month: String,
    people: i64,
    total: [Figures; 3],
    weeks: Vec<(String, [Figures; 3])>,
    units: Vec<(i64, String)>,
}

pub async fn show(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let t = T(locale);
    let unit = (!q.unit.trim().is_empty()).then_some(q.unit.as_str());
    let d = service::get(&s.app, &who.actor, unit, &q.month)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "dashboard");
    Ok(page_with(
        StatusCode::OK,
        jar,
        DashboardPage {
            title: match &d.scope {
                Scope::Unit(u) => u.name.clone(),
                Scope::Team => t.s("dash.team").to_string(),
            },
            unit: match &d.scope {
                Scope::Unit(u) => u.id.to_string(),
                Scope::Team => String::new(),
            },
            month: d.month.clone(),
            people: d.people,
            total: columns(&d.total),
            weeks: d
                .weeks
                .iter()
                .map(|(monday, split)| (monday.to_string(), columns(split)))
                .collect(),
            units: d.units.clone(),
            ctx,
        },
    ))
}

pub async fn xlsx(
    State(s): State<AppState>,
    who: PageActor,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let err = WebError::page(locale);
    let r = recap::recap(&s.app, &who.actor, &q.unit, &q.month)
        .await
        .map_err(&err)?;
    let bytes = recap::to_xlsx(&r, locale).map_err(&err)?;
    let name = format!("kinerja-{}-{}.xlsx", r.unit.code, r.month.code())
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect::<String>();
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
