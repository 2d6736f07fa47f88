//! The views over plans and presence: the team calendar (`/team-calendar`), the unit board
//! (`/board`), the monthly recap (`/recap`, `/units/{id}/recap` as a page, CSV or XLSX)
//! and the private calendar feed (`/feeds`, `/feeds/{token}.ics`); plus what the week page
//! (pages/week.rs) shows of them.

mod board;
mod feed;
mod recap;
mod team;
pub mod week;

use crate::i18n::T;
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use fleksi_domain::roster::PlanLocation;
use fleksi_service::schedule::{DayPlan, Mark};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/team-calendar", get(team::show))
        .route("/board", get(board::show))
        .route("/recap", get(recap::form))
        .route("/units/{id}/recap", get(recap::show))
        .route("/feeds", post(feed::create))
        .route("/feeds/revoke", post(feed::revoke))
        .route("/feeds/{file}", get(feed::calendar))
}

/// `7 j 30 m`
pub(crate) fn duration(t: T, minutes: i64) -> String {
    let sign = if minutes < 0 { "−" } else { "" };
    let m = minutes.abs();
    format!(
        "{sign}{} {} {} {}",
        m / 60,
        t.s("sched.h"),
        m % 60,
        t.s("sched.m")
    )
}

/// The short code of a location in the team calendar's cells.
fn letter(t: T, location: &str) -> &'static str {
    t.of("sched.l.", location)
}

/// A cell of a person's day: its class (`o` office, `d` no plan, `r` flexible, `a` away,
/// `x` not a working day) and its text (location letter, a pending request, presence).
pub(crate) fn cell(
    t: T,
    day: &DayPlan,
    mark: Option<Mark>,
    working: bool,
) -> (&'static str, String) {
    if !working {
        return ("x", String::new());
    }
    let approved = day.approved();
    let class = match approved {
        None => "d",
        Some(PlanLocation::Office) => "o",
        Some(PlanLocation::OtherOffice | PlanLocation::Home | PlanLocation::Other) => "r",
        Some(_) => "a",
    };
    let mut text = letter(t, approved.map(|l| l.code()).unwrap_or("office")).to_string();
    // A plan still waiting (a roster's pending day or a request) is shown after a `?`.
    let waiting = day
        .pending
        .as_ref()
        .map(|p| p.location.as_str())
        .or_else(|| {
            day.plan
                .as_ref()
                .filter(|p| p.status == "pending")
                .map(|p| p.location.as_str())
        });
    if let Some(w) = waiting {
        text.push('?');
        text.push_str(letter(t, w));
    }
    if let Some(m) = mark {
        text.push_str(t.of("sched.mark.", m.code()));
    }
    (class, text)
}
