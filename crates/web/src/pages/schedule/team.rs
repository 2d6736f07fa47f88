//! `/team-calendar?week=YYYY-MM-DD&unit=ID&after=ID`: people × days with the head-count
//! rows and the gaps named in words, not by colour alone.

use super::cell;
use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::{page, Ctx};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::schedule::Gap;
use fleksi_service::schedule::add_days;
use fleksi_service::schedule::team::{self, Group, TeamQuery, TeamWeek};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub(super) struct Params {
    #[serde(default)]
    week: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    after: String,
}

pub(super) struct Head {
    pub date: String,
    pub label: String,
    pub off: bool,
    pub holiday: String,
}

pub(super) struct Row {
    pub name: String,
    pub cells: Vec<(&'static str, String)>,
}

/// One head-count cell: its text and whether it is a gap (then the text says so too).
pub(super) struct Count {
    pub text: String,
    pub bad: bool,
}

#[derive(Template)]
#[template(path = "schedule/team.html")]
struct TeamPage {
    ctx: Ctx,
    title: String,
    unit_mode: bool,
    unit_id: i64,
    /// `&unit=ID` when a unit's calendar is shown, for the week links.
    unit_q: String,
    office_label: String,
    /// The unit's minimum on site (0: not set, the row is left out).
    policy_min: u32,
    monday: String,
    prev: String,
    next: String,
    heads: Vec<Head>,
    rows: Vec<Row>,
    total: i64,
    next_after: Option<i64>,
    office: Vec<Count>,
    min: Vec<Count>,
    flexible: Vec<Count>,
    away: Vec<Count>,
    present: Vec<Count>,
    /// (day label, gap texts)
    gaps: Vec<(String, Vec<String>)>,
    /// (unit id, indented name, selected)
    choices: Vec<(i64, String, bool)>,
}

pub(super) async fn show(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(p): Query<Params>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let t = T(locale);
    let q = TeamQuery {
        week: Some(p.week),
        unit: Some(p.unit),
        after: Some(p.after),
    };
    let v = team::team_week(&s.app, &who.actor, &q)
        .await
        .map_err(WebError::page(locale))?;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "team-calendar");
    Ok(page(jar, build(ctx, t, v)))
}

fn day_label(t: T, d: jiff::civil::Date) -> String {
    format!(
        "{} {}",
        t.of("wds.", &d.weekday().to_monday_zero_offset().to_string()),
        d.day()
    )
}

fn build(ctx: Ctx, t: T, v: TeamWeek) -> TeamPage {
    let unit_mode = v.group == Group::Unit;
    let heads = v
        .days
        .iter()
        .map(|d| Head {
            date: d.date.to_string(),
            label: day_label(t, d.date),
            off: !d.working(),
            holiday: d.holiday.clone().unwrap_or_default(),
        })
        .collect();
    let rows = v
        .people
        .iter()
        .map(|p| Row {
            name: p.person.name.clone(),
            cells: p
                .days
                .iter()
                .zip(&v.days)
                .map(|((day, mark), d)| cell(t, day, *mark, d.working()))
                .collect(),
        })
        .collect();
    let off = || Count {
        text: "–".into(),
        bad: false,
    };
    let mut office = Vec::new();
    let mut min = Vec::new();
    let mut flexible = Vec::new();
    let mut away = Vec::new();
    let mut present = Vec::new();
    let mut gaps = Vec::new();
    for d in &v.days {
        if !d.working() {
            for list in [
                &mut office,
                &mut min,
                &mut flexible,
                &mut away,
                &mut present,
            ] {
                list.push(off());
            }
            continue;
        }
        let has = |f: fn(&Gap) -> bool| d.gaps.iter().any(f);
        let over_seats = has(|g| matches!(g, Gap::OverSeats { .. }));
        let below = has(|g| matches!(g, Gap::BelowMinimum { .. }));
        let over_share = has(|g| matches!(g, Gap::OverAwayShare { .. }));
        let c = &d.count;
        let flag = |bad: bool, word: &str| {
            if bad {
                format!(" {word}")
            } else {
                String::new()
            }
        };
        office.push(Count {
            text: match (unit_mode, v.policy.seats) {
                (true, Some(seats)) => format!(
                    "{}/{seats}{}",
                    c.office,
                    flag(over_seats, t.s("sched.over"))
                ),
                _ => c.office.to_string(),
            },
            bad: over_seats,
        });
        min.push(Count {
            text: format!(
                "{}/{}{}",
                c.office,
                v.policy.min_on_site,
                flag(below, t.s("sched.gap"))
            ),
            bad: below,
        });
        flexible.push(Count {
            text: if unit_mode {
                format!(
                    "{}/{}{}",
                    c.flexible,
                    c.away_limit(v.policy.max_away_percent),
                    flag(over_share, t.s("sched.over"))
                )
            } else {
                c.flexible.to_string()
            },
            bad: over_share,
        });
        away.push(Count {
            text: c.away.to_string(),
            bad: false,
        });
        present.push(Count {
            text: d
                .presence
                .map(|(i, o, l)| format!("{i}/{o}/{l}"))
                .unwrap_or_else(|| "–".into()),
            bad: false,
        });
        if !d.gaps.is_empty() {
            gaps.push((
                format!(
                    "{}, {}",
                    t.of("wd.", &d.date.weekday().to_monday_zero_offset().to_string()),
                    d.date
                ),
                d.gaps.iter().map(|g| t.msg(&g.message())).collect(),
            ));
        }
    }
    let title = if unit_mode {
        v.unit.name.clone()
    } else {
        t.s("sched.team.reports").to_string()
    };
    let depth = |path: &str| path.matches('/').count().saturating_sub(2);
    let choices = v
        .choices
        .iter()
        .map(|u| {
            (
                u.id,
                format!("{}{}", "· ".repeat(depth(&u.path)), u.name),
                unit_mode && u.id == v.unit.id,
            )
        })
        .collect();
    let office_label = match (unit_mode, v.policy.seats) {
        (true, Some(_)) => format!("{} / {}", t.s("sched.team.office"), t.s("sched.team.seats")),
        _ => t.s("sched.team.office").to_string(),
    };
    TeamPage {
        ctx,
        title,
        unit_mode,
        unit_id: v.unit.id,
        unit_q: if unit_mode {
            format!("&unit={}", v.unit.id)
        } else {
            String::new()
        },
        office_label,
        policy_min: v.policy.min_on_site,
        monday: v.monday.to_string(),
        prev: add_days(v.monday, -7).to_string(),
        next: add_days(v.monday, 7).to_string(),
        heads,
        rows,
        total: v.total,
        next_after: v.next_after,
        office,
        min,
        flexible,
        away,
        present,
        gaps,
        choices,
    }
}
