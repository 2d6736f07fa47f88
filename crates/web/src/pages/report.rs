//! Reports: `/reports` (my day's report: a few rows, each with status, what is needed and
//! a link to a task or SKP result; evidence), `/reports/{id}` (one report, acknowledged by
//! the supervisor), `/reports/team` (the supervisor's day, blocked items first),
//! `/reports/week` (my week compiled, with the reflection) and `/reports/team-week`.
//! Plain forms with the CSRF token; no JavaScript needed.

use crate::error::field_texts;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::fields::{attachment, read_multipart, value};
use crate::pages::{id_of, page_with, Ctx};
use crate::{csrf, AppState, WebError};
use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::performance::report::MAX_ITEMS_PER_DAY;
use fleksi_domain::performance::{ItemInput, ItemStatus, Reflection, WorkPlace};
use fleksi_service::evidence::MAX_EVIDENCE_BYTES;
use fleksi_service::report::submit::{self, ReportInput};
use fleksi_service::report::{self as service, team, weekly, ReportView};
use fleksi_service::ServiceError;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports", get(mine).post(send))
        .route("/reports/team", get(team_day))
        .route("/reports/week", get(my_week).post(send_week))
        .route("/reports/team-week", get(team_week))
        .route("/reports/week/{employee}", get(week_of))
        .route("/reports/weekly/{id}/acknowledge", post(acknowledge_week))
        .route("/reports/{id}", get(detail))
        .route("/reports/{id}/acknowledge", post(acknowledge))
        .route("/reports/{id}/evidence", get(evidence))
        .layer(DefaultBodyLimit::max(MAX_EVIDENCE_BYTES * 4))
}

/// One item with its texts resolved.
pub struct ItemLine {
    pub text: String,
    pub status: String,
    pub status_label: String,
    pub needs: String,
    pub task_id: Option<i64>,
    pub task: String,
    pub result: String,
}

/// One report with its texts resolved.
pub struct Card {
    pub id: i64,
    pub date: String,
    pub version: i64,
    pub late: bool,
    pub place: &'static str,
    pub items: Vec<ItemLine>,
    pub blocked: i64,
    pub evidence_link: String,
    pub has_file: bool,
    pub acknowledged: bool,
    pub comment: String,
}

impl Card {
    pub fn of(t: T, v: &ReportView) -> Card {
        let r = &v.row;
        Card {
            id: r.id,
            date: r.date.clone(),
            version: r.version,
            late: r.late != 0,
            place: match WorkPlace::parse(&r.place) {
                Some(WorkPlace::Remote) => t.s("reports.place.remote"),
                _ => t.s("reports.place.office"),
            },
            items: v
                .items
                .iter()
                .map(|i| ItemLine {
                    text: i.text.clone(),
                    status: i.status.clone(),
                    status_label: ItemStatus::parse(&i.status)
                        .map(|s| s.text().text(t.0))
                        .unwrap_or_default(),
                    needs: i.needs.clone().unwrap_or_default(),
                    task_id: i.task_id,
                    task: i.task_title.clone().unwrap_or_default(),
                    result: i.result_text.clone().unwrap_or_default(),
                })
                .collect(),
            blocked: r.items_blocked,
            evidence_link: r.evidence_link.clone().unwrap_or_default(),
            has_file: r.evidence_file_id.is_some(),
            acknowledged: r.acknowledged_at.is_some(),
            comment: r.comment.clone().unwrap_or_default(),
        }
    }
}

/// A row of the report form, as stored or as sent.
struct FormRow {
    text: String,
    status: String,
    needs: String,
    task_id: String,
    result_id: String,
}

#[derive(Template)]
#[template(path = "report/mine.html")]
struct MinePage {
    ctx: Ctx,
    date: String,
    today: String,
    rows: Vec<FormRow>,
    evidence_link: String,
    current: Option<Card>,
    recent: Vec<Card>,
    tasks: Vec<(i64, String)>,
    results: Vec<(i64, String)>,
    statuses: Vec<(&'static str, String)>,
    errors: Vec<(String, String)>,
    done: bool,
}

#[derive(Deserialize, Default)]
pub struct DateQuery {
    #[serde(default)]
    date: String,
    #[serde(default)]
    done: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    week: String,
}

/// The rows of the form: the sent ones, else the stored items; then blank rows to three
/// more (a form without JavaScript offers room to add).
fn form_rows(sent: &[(String, String)], current: Option<&ReportView>) -> Vec<FormRow> {
    let mut rows: Vec<FormRow> = if sent.is_empty() {
        current
            .map(|c| {
                c.items
                    .iter()
                    .map(|i| FormRow {
                        text: i.text.clone(),
                        status: i.status.clone(),
                        needs: i.needs.clone().unwrap_or_default(),
                        task_id: i.task_id.map(|t| t.to_string()).unwrap_or_default(),
                        result_id: i.result_id.map(|t| t.to_string()).unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    } else {
        (0..MAX_ITEMS_PER_DAY + 5)
            .map(|i| FormRow {
                text: value(sent, &format!("items[{i}].text")),
                status: value(sent, &format!("items[{i}].status")),
                needs: value(sent, &format!("items[{i}].needs")),
                task_id: value(sent, &format!("items[{i}].task_id")),
                result_id: value(sent, &format!("items[{i}].result_id")),
            })
            .filter(|r| {
                !(r.text.trim().is_empty()
                    && r.status.trim().is_empty()
                    && r.needs.trim().is_empty()
                    && r.task_id.is_empty()
                    && r.result_id.is_empty())
            })
            .collect()
    };
    let blank = 3;
    for _ in 0..blank {
        if rows.len() >= MAX_ITEMS_PER_DAY {
            break;
        }
        rows.push(FormRow {
            text: String::new(),
            status: String::new(),
            needs: String::new(),
            task_id: String::new(),
            result_id: String::new(),
        });
    }
    rows
}

async fn mine_page(
    s: &AppState,
    jar: CookieJar,
    who: &PageActor,
    date: &str,
    sent: &[(String, String)],
    errors: Vec<(String, String)>,
    done: bool,
) -> Result<Response, WebError> {
    let t = T(who.actor.locale);
    let m = service::mine(&s.app, &who.actor, date)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (jar, ctx) = Ctx::for_actor(s, jar, &who.actor, "reports");
    Ok(page_with(
        status,
        jar,
        MinePage {
            ctx,
            date: m.date.to_string(),
            today: m.today.to_string(),
            rows: form_rows(sent, m.current.as_ref()),
            evidence_link: if sent.is_empty() {
                m.current
                    .as_ref()
                    .and_then(|c| c.row.evidence_link.clone())
                    .unwrap_or_default()
            } else {
                value(sent, "evidence_link")
            },
            current: m.current.as_ref().map(|c| Card::of(t, c)),
            recent: m.recent.iter().map(|c| Card::of(t, c)).collect(),
            tasks: m.tasks,
            results: m.results,
            statuses: ItemStatus::ALL
                .iter()
                .map(|s| (s.code(), s.text().text(t.0)))
                .collect(),
            errors,
            done,
        },
    ))
}

pub async fn mine(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<DateQuery>,
) -> Result<Response, WebError> {
    mine_page(&s, jar, &who, &q.date, &[], vec![], q.done == "1").await
}

/// The items of a posted form, by row number as the form named them.
fn items_of(fields: &[(String, String)]) -> Vec<ItemInput> {
    (0..MAX_ITEMS_PER_DAY + 5)
        .map(|i| ItemInput {
            text: value(fields, &format!("items[{i}].text")),
            status: value(fields, &format!("items[{i}].status")),
            needs: value(fields, &format!("items[{i}].needs")),
            task_id: value(fields, &format!("items[{i}].task_id"))
                .trim()
                .parse()
                .ok(),
            result_id: value(fields, &format!("items[{i}].result_id"))
                .trim()
                .parse()
                .ok(),
        })
        .collect()
}

pub async fn send(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    form: Multipart,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let (fields, upload) = read_multipart(form).await;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), locale)?;
    let date = value(&fields, "date");
    let input = ReportInput {
        date: date.clone(),
        items: items_of(&fields),
        evidence_link: value(&fields, "evidence_link"),
        upload,
        evidence_file_id: None,
    };
    match submit::submit(&s.app, &who.actor, input).await {
        Ok(done) => {
            Ok(Redirect::to(&format!("/reports?date={}&done=1", done.date)).into_response())
        }
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict(_))) => {
            let errors = field_texts(&e, T(locale));
            // A refused date falls back to today so the page can still be shown.
            let shown = if errors.iter().any(|(f, _)| f == "date") {
                ""
            } else {
                date.as_str()
            };
            mine_page(&s, jar, &who, shown, &fields, errors, false).await
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}

#[derive(Template)]
#[template(path = "report/detail.html")]
struct DetailPage {
    ctx: Ctx,
    author: String,
    nip: String,
    card: Card,
    can_acknowledge: bool,
    /// Where the acknowledgement returns to.
    back: String,
}

pub async fn detail(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let id = id_of(&id, locale)?;
    let (v, author, can) = service::get(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "reports");
    Ok(page_with(
        StatusCode::OK,
        jar,
        DetailPage {
            card: Card::of(T(locale), &v),
            author: author.name,
            nip: author.nip,
            can_acknowledge: can,
            back: format!("/reports/{id}"),
            ctx,
        },
    ))
}

pub async fn evidence(
    State(s): State<AppState>,
    who: PageActor,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let id = id_of(&id, locale)?;
    let (meta, bytes) = service::evidence(&s.app, &who.actor, id)
        .await
        .map_err(WebError::page(locale))?;
    Ok(attachment(meta, bytes))
}

/// Where an acknowledgement form sends the browser back to: a page of this site only.
fn back_to(fields: &[(String, String)], fallback: &str) -> String {
    let back = value(fields, "back");
    if back.starts_with("/reports") && !back.starts_with("//") {
        back
    } else {
        fallback.to_string()
    }
}

pub async fn acknowledge(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let id = id_of(&id, locale)?;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), locale)?;
    let version = value(&fields, "version").trim().parse().unwrap_or(0);
    team::acknowledge(&s.app, &who.actor, id, version, &value(&fields, "comment"))
        .await
        .map_err(WebError::page(locale))?;
    Ok(Redirect::to(&back_to(&fields, &format!("/reports/{id}"))).into_response())
}

/// One person's line of the team day.
struct TeamLine {
    name: String,
    nip: String,
    unit: String,
    card: Option<Card>,
}

#[derive(Template)]
#[template(path = "report/team.html")]
struct TeamPage {
    ctx: Ctx,
    date: String,
    unit: String,
    unit_name: String,
    lines: Vec<TeamLine>,
    reported: usize,
    can_acknowledge: bool,
    back: String,
}

pub async fn team_day(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<DateQuery>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let t = T(locale);
    let unit = (!q.unit.trim().is_empty()).then_some(q.unit.as_str());
    let d = team::day(&s.app, &who.actor, &q.date, unit)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "reports-team");
    let date = d.date.to_string();
    Ok(page_with(
        StatusCode::OK,
        jar,
        TeamPage {
            ctx,
            back: format!("/reports/team?date={date}"),
            date,
            unit: q.unit.clone(),
            unit_name: d.unit_name.clone().unwrap_or_default(),
            reported: d.reported,
            can_acknowledge: d.can_acknowledge,
            lines: d
                .lines
                .iter()
                .map(|l| TeamLine {
                    name: l.person.name.clone(),
                    nip: l.person.nip.clone(),
                    unit: l.person.unit_name.clone(),
                    card: l.report.as_ref().map(|r| Card::of(t, r)),
                })
                .collect(),
        },
    ))
}

#[derive(Template)]
#[template(path = "report/week.html")]
struct WeekPage {
    ctx: Ctx,
    monday: String,
    prev: String,
    next: String,
    author: String,
    days: Vec<Card>,
    days_reported: i64,
    items_done: i64,
    items_blocked: i64,
    /// The reflection as stored or sent.
    r: Reflection,
    /// The weekly report's id, version, acknowledgement and comment, once sent.
    sent: Option<(i64, i64, bool, String)>,
    /// Mine (the form is shown) or someone else's.
    own: bool,
    /// Acknowledged: no more changes.
    locked: bool,
    can_acknowledge: bool,
    errors: Vec<(String, String)>,
    done: bool,
}

/// Whose week a page shows and what the reader may do with it.
struct WeekOf {
    author: String,
    own: bool,
    can_acknowledge: bool,
}

/// The reflection form as sent (when refused), its problems, and whether it was saved.
#[derive(Default)]
struct FormState {
    sent: Option<Reflection>,
    errors: Vec<(String, String)>,
    done: bool,
}

fn week_page(ctx: Ctx, w: &weekly::Week, of: WeekOf, form: FormState) -> WeekPage {
    let t = ctx.t;
    let shift = |days: i64| {
        w.monday
            .checked_add(jiff::Span::new().days(days))
            .unwrap_or(w.monday)
            .to_string()
    };
    WeekPage {
        ctx,
        monday: w.monday.to_string(),
        prev: shift(-7),
        next: shift(7),
        author: of.author,
        days: w.days.iter().map(|d| Card::of(t, d)).collect(),
        days_reported: w.days_reported,
        items_done: w.items_done,
        items_blocked: w.items_blocked,
        r: form.sent.unwrap_or_else(|| {
            w.weekly
                .as_ref()
                .map(|x| Reflection {
                    went_well: x.went_well.clone(),
                    to_improve: x.to_improve.clone(),
                    next_week: x.next_week.clone(),
                })
                .unwrap_or_default()
        }),
        sent: w.weekly.as_ref().map(|x| {
            (
                x.id,
                x.version,
                x.acknowledged_at.is_some(),
                x.comment.clone().unwrap_or_default(),
            )
        }),
        own: of.own,
        locked: w
            .weekly
            .as_ref()
            .is_some_and(|x| x.acknowledged_at.is_some()),
        can_acknowledge: of.can_acknowledge,
        errors: form.errors,
        done: form.done,
    }
}

pub async fn my_week(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<DateQuery>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let w = weekly::mine(&s.app, &who.actor, &q.week)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "reports");
    let of = WeekOf {
        author: who.actor.display_name.clone(),
        own: true,
        can_acknowledge: false,
    };
    let form = FormState {
        done: q.done == "1",
        ..FormState::default()
    };
    let page = week_page(ctx, &w, of, form);
    Ok(page_with(StatusCode::OK, jar, page))
}

pub async fn send_week(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), locale)?;
    let week = value(&fields, "week");
    let r = Reflection {
        went_well: value(&fields, "went_well"),
        to_improve: value(&fields, "to_improve"),
        next_week: value(&fields, "next_week"),
    };
    match weekly::submit(&s.app, &who.actor, &week, &r).await {
        Ok(_) => Ok(Redirect::to(&format!("/reports/week?week={week}&done=1")).into_response()),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict(_))) => {
            let errors = field_texts(&e, T(locale));
            let shown = if errors.iter().any(|(f, _)| f == "week") {
                ""
            } else {
                week.as_str()
            };
            let w = weekly::mine(&s.app, &who.actor, shown)
                .await
                .map_err(WebError::page(locale))?;
            let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "reports");
            let of = WeekOf {
                author: who.actor.display_name.clone(),
                own: true,
                can_acknowledge: false,
            };
            let form = FormState {
                sent: Some(r),
                errors,
                done: false,
            };
            let page = week_page(ctx, &w, of, form);
            Ok(page_with(StatusCode::UNPROCESSABLE_ENTITY, jar, page))
        }
        Err(e) => Err(WebError::Page(e, locale)),
    }
}

pub async fn week_of(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(employee): Path<String>,
    Query(q): Query<DateQuery>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let employee = id_of(&employee, locale)?;
    let (person, w, can) = weekly::of(&s.app, &who.actor, employee, &q.week)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "reports-team");
    let own = who.actor.access.employee_id.map(|e| e.0) == Some(person.id);
    let of = WeekOf {
        author: person.name,
        own,
        can_acknowledge: can,
    };
    let page = week_page(ctx, &w, of, FormState::default());
    Ok(page_with(StatusCode::OK, jar, page))
}

pub async fn acknowledge_week(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let id = id_of(&id, locale)?;
    csrf::verify(&jar, &s.config, &value(&fields, "csrf"), locale)?;
    let version = value(&fields, "version").trim().parse().unwrap_or(0);
    weekly::acknowledge(&s.app, &who.actor, id, version, &value(&fields, "comment"))
        .await
        .map_err(WebError::page(locale))?;
    Ok(Redirect::to(&back_to(&fields, "/reports/team-week")).into_response())
}

#[derive(Template)]
#[template(path = "report/team_week.html")]
struct TeamWeekPage {
    ctx: Ctx,
    monday: String,
    /// (employee id, name, NIP, days reported, blocked, sent, acknowledged)
    lines: Vec<(i64, String, String, i64, i64, bool, bool)>,
}

pub async fn team_week(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<DateQuery>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let (monday, lines) = weekly::team(&s.app, &who.actor, &q.week)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "reports-team");
    Ok(page_with(
        StatusCode::OK,
        jar,
        TeamWeekPage {
            ctx,
            monday: monday.to_string(),
            lines: lines
                .into_iter()
                .map(|(p, w)| {
                    let (days, blocked, sent, ack) = match &w {
                        Some(w) => (
                            w.days_reported,
                            w.items_blocked,
                            true,
                            w.acknowledged_at.is_some(),
                        ),
                        None => (0, 0, false, false),
                    };
                    (p.id, p.name, p.nip, days, blocked, sent, ack)
                })
                .collect(),
        },
    ))
}
