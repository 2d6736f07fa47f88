//! Rosters: the list with the form to open a month, and one roster with its settings,
//! skills, the generated grid (one button per cell toggles office/remote), and publishing.

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
use fleksi_domain::roster::{Anchor, Month, SettingsForm, SEAT_FIELDS};
use fleksi_service::roster::grid::Grid;
use fleksi_service::roster::{self, generate, publish, Right, RosterView};
use fleksi_service::ServiceError;
use fleksi_store::org::UnitRow;
use fleksi_store::roster::RosterSummary;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rosters", get(list).post(open))
        .route("/rosters/{id}", get(detail))
        .route("/rosters/{id}/settings", post(settings))
        .route("/rosters/{id}/skills", post(skills))
        .route("/rosters/{id}/generate", post(run))
        .route("/rosters/{id}/cells", post(cell))
        .route("/rosters/{id}/publish", post(publish_roster))
}

#[derive(Template)]
#[template(path = "roster/list.html")]
struct ListPage {
    ctx: Ctx,
    rosters: Vec<RosterSummary>,
    units: Vec<UnitRow>,
    unit_id: String,
    month: String,
    errors: Vec<(String, String)>,
}

#[derive(Deserialize, Default)]
struct OpenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    month: String,
}

fn status_of(errors: &[(String, String)]) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

async fn list_view(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    form: OpenForm,
    errors: Vec<(String, String)>,
) -> Result<Response, WebError> {
    let listing = roster::list(&s.app, &who.actor)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let month = if form.month.is_empty() {
        let today = s.app.clock.now().to_zoned(jiff::tz::TimeZone::UTC).date();
        Month::of(today).next().code()
    } else {
        form.month
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "rosters");
    Ok(page_with(
        status_of(&errors),
        jar,
        ListPage {
            ctx,
            rosters: listing.rosters,
            units: listing.units,
            unit_id: form.unit_id,
            month,
            errors,
        },
    ))
}

async fn list(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
) -> Result<Response, WebError> {
    list_view(&s, jar, &who, OpenForm::default(), vec![]).await
}

async fn open(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(f): Form<OpenForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    match roster::open(&s.app, &who.actor, &f.unit_id, &f.month).await {
        Ok(id) => Ok(Redirect::to(&format!("/rosters/{id}")).into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(who.actor.locale));
            list_view(&s, jar, &who, f, errors).await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}

/// A day's column head: the date, its day of the month, weekday key, and whether the
/// validator found a violation on it.
struct DayHead {
    date: String,
    day: i8,
    weekday: &'static str,
    bad: bool,
}

#[derive(Template)]
#[template(path = "roster/detail.html")]
struct DetailPage {
    ctx: Ctx,
    v: RosterView,
    month_label: String,
    /// May change it now (manages it, and it is not published).
    manage: bool,
    form: SettingsForm,
    /// (field name, label key, value)
    seats: Vec<(&'static str, String, String)>,
    anchors: Vec<(&'static str, bool)>,
    /// (employee id, name, unit name, skills)
    people: Vec<(i64, String, String, String)>,
    heads: Vec<DayHead>,
    /// The validator's violations and the solver's relaxations, in the reader's language.
    violations: Vec<String>,
    relaxed: Vec<(String, String)>,
    errors: Vec<(String, String)>,
    done: &'static str,
    letters: [&'static str; 3],
}

impl DetailPage {
    fn grid(&self) -> Option<&Grid> {
        self.v.grid.as_ref()
    }
}

#[derive(Deserialize, Default)]
struct DetailQuery {
    #[serde(default)]
    done: String,
}

fn parse_id(id: &str, who: &PageActor) -> Result<i64, WebError> {
    id.parse::<i64>()
        .ok()
        .filter(|i| *i > 0)
        .ok_or(WebError::Page(ServiceError::NotFound, who.actor.locale))
}

async fn detail_view(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    id: i64,
    form: Option<SettingsForm>,
    errors: Vec<(String, String)>,
    done: &str,
) -> Result<Response, WebError> {
    let t = T(who.actor.locale);
    let v = roster::get(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let lang = t.lang();
    let form = form.unwrap_or_else(|| SettingsForm::from_settings(&v.settings));
    let seats = SEAT_FIELDS
        .iter()
        .enumerate()
        .map(|(i, f)| {
            (
                *f,
                t.of("wd.", &i.to_string()).to_string(),
                form.seats[i].clone(),
            )
        })
        .collect();
    let anchors = Anchor::ALL
        .iter()
        .map(|a| (a.code(), a.code() == form.anchor))
        .collect();
    let people = v
        .people
        .iter()
        .map(|p| {
            let skills = v
                .skills
                .get(&p.id)
                .map(|s| s.join(", "))
                .unwrap_or_default();
            (p.id, p.name.clone(), p.unit_name.clone(), skills)
        })
        .collect();
    let heads = v
        .grid
        .as_ref()
        .map(|g| {
            g.dates
                .iter()
                .map(|d| DayHead {
                    date: d.date.clone(),
                    day: d.day,
                    weekday: t.of("wds.", &d.weekday.to_string()),
                    bad: d.bad,
                })
                .collect()
        })
        .unwrap_or_default();
    let violations = v
        .report
        .as_ref()
        .map(|r| {
            r.violations
                .iter()
                .map(|x| x.text(lang).to_string())
                .collect()
        })
        .unwrap_or_default();
    let relaxed = v
        .relaxed
        .iter()
        .map(|x| (x.text(lang).to_string(), x.fix(lang).to_string()))
        .collect();
    let done = match done {
        "opened" | "settings" | "skills" | "generated" | "edited" | "published" => {
            t.of("roster.done.", done)
        }
        _ => "",
    };
    let manage = v.right == Right::Manage && v.roster.status != "published";
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "rosters");
    Ok(page_with(
        status_of(&errors),
        jar,
        DetailPage {
            ctx,
            month_label: v.month.label(who.actor.locale),
            manage,
            form,
            seats,
            anchors,
            people,
            heads,
            violations,
            relaxed,
            errors,
            done,
            letters: [
                t.s("roster.letter.o"),
                t.s("roster.letter.r"),
                t.s("roster.letter.a"),
            ],
            v,
        },
    ))
}

async fn detail(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Query(q): Query<DetailQuery>,
) -> Result<Response, WebError> {
    let id = parse_id(&id, &who)?;
    detail_view(&s, jar, &who, id, None, vec![], &q.done).await
}

/// After a write: back to the roster with a note, or the page again with the errors.
async fn after(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    id: i64,
    result: Result<(), ServiceError>,
    done: &str,
    form: Option<SettingsForm>,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/rosters/{id}?done={done}")).into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let errors = field_texts(&e, T(who.actor.locale));
            detail_view(s, jar, who, id, form, errors, "").await
        }
        Err(e) => Err(WebError::Page(e, who.actor.locale)),
    }
}

/// The fields of a form as pairs, with the CSRF token checked.
fn fields(
    s: &AppState,
    jar: &CookieJar,
    who: &PageActor,
    form: &[(String, String)],
) -> Result<(), WebError> {
    let token = form
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    csrf::verify(jar, &s.config, token, who.actor.locale)
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

async fn settings(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    fields(&s, &jar, &who, &f)?;
    let id = parse_id(&id, &who)?;
    let form = SettingsForm {
        seats: SEAT_FIELDS.map(|n| field(&f, n).to_string()),
        seat_overrides: field(&f, "seat_overrides").into(),
        non_working: field(&f, "non_working").into(),
        coverage: field(&f, "coverage").into(),
        anchor: field(&f, "anchor").into(),
        max_away_share: field(&f, "max_away_share").into(),
        fairness_weight: field(&f, "fairness_weight").into(),
        max_remote_per_week: field(&f, "max_remote_per_week").into(),
        min_office_per_month: field(&f, "min_office_per_month").into(),
    };
    let result = roster::save_settings(&s.app, &who.actor, id, &form).await;
    after(&s, jar, &who, id, result, "settings", Some(form)).await
}

async fn skills(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    fields(&s, &jar, &who, &f)?;
    let id = parse_id(&id, &who)?;
    let entries: Vec<(String, String)> = f
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("skills.")?.to_string(), v.clone())))
        .collect();
    let result = roster::set_skills(&s.app, &who.actor, id, &entries)
        .await
        .map(|_| ());
    after(&s, jar, &who, id, result, "skills", None).await
}

#[derive(Deserialize)]
struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

async fn run(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let id = parse_id(&id, &who)?;
    let result = generate::generate(&s.app, &who.actor, id).await;
    after(&s, jar, &who, id, result, "generated#grid", None).await
}

#[derive(Deserialize)]
struct CellForm {
    #[serde(default)]
    csrf: String,
    /// `employee id|YYYY-MM-DD|O` (or `R`): the cell and what it becomes.
    #[serde(default)]
    cell: String,
}

async fn cell(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(f): Form<CellForm>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let id = parse_id(&id, &who)?;
    let mut parts = f.cell.splitn(3, '|');
    let (employee, date, to) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let result = publish::edit_cell(&s.app, &who.actor, id, employee, date, to).await;
    after(&s, jar, &who, id, result, "edited#grid", None).await
}

async fn publish_roster(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    csrf::verify(&jar, &s.config, &f.csrf, who.actor.locale)?;
    let id = parse_id(&id, &who)?;
    let result = publish::publish(&s.app, &who.actor, id).await.map(|_| ());
    after(&s, jar, &who, id, result, "published", None).await
}
