//! `/board?unit=ID`: today in the unit's zone — counts of the whole unit, then its people
//! grouped by where they are (office, remote, away) with their check-in state.

use crate::extract::PageActor;
use crate::i18n::T;
use crate::pages::{page, Ctx};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::schedule::Whereabouts;
use fleksi_service::schedule::board::{self, Board, BoardPerson};
use fleksi_service::schedule::Mark;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub(super) struct Params {
    #[serde(default)]
    unit: String,
}

pub(super) struct Line {
    pub name: String,
    pub plan: &'static str,
    pub pending: &'static str,
    pub check_in: String,
    pub check_out: String,
    /// (text, is a problem)
    pub state: (&'static str, bool),
    pub late: i64,
}

#[derive(Template)]
#[template(path = "schedule/board.html")]
struct BoardPage {
    ctx: Ctx,
    b: Board,
    today_label: String,
    /// (label, count) of the summary.
    counts: Vec<(&'static str, i64)>,
    /// (group title, id, lines)
    groups: Vec<(&'static str, &'static str, Vec<Line>)>,
    /// (unit id, name, selected)
    choices: Vec<(i64, String, bool)>,
    more: bool,
}

fn line(t: T, p: &BoardPerson) -> Line {
    let state = match p.mark {
        Some(Mark::Late) => (t.s("sched.mark_text.late"), true),
        Some(Mark::Present) => (t.s("sched.mark_text.present"), false),
        Some(Mark::NotYet) => (t.s("sched.mark_text.not_yet"), true),
        Some(Mark::Absent) => (t.s("sched.mark_text.absent"), true),
        None => ("", false),
    };
    Line {
        name: p.person.name.clone(),
        plan: t.of("loc.", p.location.map(|l| l.code()).unwrap_or("office")),
        pending: p
            .day
            .pending
            .as_ref()
            .map(|d| t.of("loc.", &d.location))
            .unwrap_or(""),
        check_in: p.check_in.clone().unwrap_or_default(),
        check_out: p.check_out.clone().unwrap_or_default(),
        state,
        late: p.day.presence.as_ref().map(|d| d.late_minutes).unwrap_or(0),
    }
}

pub(super) async fn show(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(p): Query<Params>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let t = T(locale);
    let b = board::board(&s.app, &who.actor, Some(&p.unit))
        .await
        .map_err(WebError::page(locale))?;
    let c = &b.counts;
    let mut counts = vec![
        (t.s("sched.board.people"), c.people),
        (t.s("sched.board.in_office"), c.office),
    ];
    for (code, n) in c.remote.iter().chain(c.away.iter()) {
        counts.push((t.of("loc.", code), *n));
    }
    counts.extend([
        (t.s("sched.board.checked_in"), c.checked_in),
        (t.s("sched.board.checked_in_office"), c.checked_in_office),
        (t.s("sched.board.not_yet"), c.not_yet),
        (t.s("sched.board.late"), c.late),
    ]);
    let mut groups = vec![
        (t.s("sched.board.in_office"), "office", Vec::new()),
        (t.s("sched.board.remote"), "remote", Vec::new()),
        (t.s("sched.board.away"), "away", Vec::new()),
    ];
    for p in &b.people {
        let i = match p.whereabouts {
            Whereabouts::Office => 0,
            Whereabouts::Flexible => 1,
            Whereabouts::Away => 2,
        };
        groups[i].2.push(line(t, p));
    }
    groups.retain(|g| !g.2.is_empty());
    let choices = b
        .choices
        .iter()
        .map(|u| (u.id, u.name.clone(), u.id == b.unit.id))
        .collect();
    let more = (b.people.len() as i64) < c.people;
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "board");
    Ok(page(
        jar,
        BoardPage {
            ctx,
            today_label: format!(
                "{}, {}",
                t.of(
                    "wd.",
                    &b.today.weekday().to_monday_zero_offset().to_string()
                ),
                b.today
            ),
            counts,
            groups,
            choices,
            more,
            b,
        },
    ))
}
