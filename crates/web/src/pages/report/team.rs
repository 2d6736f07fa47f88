//! `/reports/team` (the supervisor's day, blocked items first) and `/reports/team-week`.

use super::card::Card;
use super::DateQuery;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::{page_with, Ctx};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::cookie::CookieJar;
use fleksi_service::report::{team, weekly};

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
