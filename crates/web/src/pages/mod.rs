//! Server-rendered pages. Each module owns its routes; this one merges them and holds
//! what every page shares (`Ctx`: language, CSRF token, navigation).

mod account;
mod audit;
mod auth;
mod calendar;
mod dashboard;
mod eligibility;
mod employee;
mod evaluation;
pub(crate) mod fields;
mod home;
mod import;
mod org;
mod plan;
mod policy;
mod presence;
mod profile;
mod report;
mod roster;
mod schedule;
mod skp;
mod task;
mod team;
mod week;

use crate::error::html;
use crate::i18n::T;
use crate::{csrf, AppState};
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::Locale;
use fleksi_service::Actor;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(account::router())
        .merge(auth::router())
        .merge(home::router())
        .merge(org::router())
        .merge(calendar::router())
        .merge(policy::router())
        .merge(employee::router())
        .merge(team::router())
        .merge(import::router())
        .merge(audit::router())
        .merge(profile::router())
        .merge(roster::router())
        .merge(week::router())
        .merge(plan::router())
        .merge(task::router())
        .merge(report::router())
        .merge(skp::router())
        .merge(evaluation::router())
        .merge(dashboard::router())
        .merge(schedule::router())
        .merge(presence::router())
        .merge(eligibility::router())
}

/// The signed-in person as the navigation shows them.
pub struct NavUser {
    pub name: String,
    pub can_import: bool,
    pub can_audit: bool,
    pub system_admin: bool,
    pub agency_admin: bool,
    /// Manages or reads rosters: admins, supervisors (unit heads), auditors.
    pub can_roster: bool,
    /// Linked to an employee, so has a week of their own.
    pub employee: bool,
    /// Decides location-plan requests: supervisors and admins (acting officials find the
    /// page through the notification of their appointment).
    pub can_approve: bool,
    /// Reads units' distribution of predikat: admins and auditors (heads reach it too).
    pub can_distribution: bool,
}

/// What the layout needs on every page.
pub struct Ctx {
    pub t: T,
    pub csrf: String,
    pub user: Option<NavUser>,
    /// The current section, to mark it in the navigation.
    pub section: &'static str,
}

impl Ctx {
    pub fn new(
        state: &AppState,
        jar: CookieJar,
        actor: Option<&Actor>,
        locale: Locale,
        section: &'static str,
    ) -> (CookieJar, Ctx) {
        let (jar, csrf) = csrf::token(jar, &state.config);
        let user = actor.map(|a| {
            let agency = a.access.agency_id;
            NavUser {
                name: a.display_name.clone(),
                can_import: agency.is_some_and(|ag| a.access.administers_any(ag)),
                can_audit: agency.is_some_and(|ag| a.access.can_read_audit(ag)),
                system_admin: a.access.is_system_admin(),
                agency_admin: agency.is_some_and(|ag| a.access.is_agency_admin(ag)),
                can_roster: agency.is_some_and(|ag| {
                    a.access.administers_any(ag)
                        || a.access.is_supervisor
                        || a.access.has_role(fleksi_domain::role::GrantedRole::Auditor)
                }),
                employee: a.access.employee_id.is_some(),
                can_approve: agency
                    .is_some_and(|ag| a.access.is_supervisor || a.access.administers_any(ag)),
                can_distribution: agency.is_some_and(|ag| {
                    a.access.administers_any(ag)
                        || a.access.has_role(fleksi_domain::role::GrantedRole::Auditor)
                }),
            }
        });
        (
            jar,
            Ctx {
                t: T(locale),
                csrf,
                user,
                section,
            },
        )
    }

    pub fn for_actor(
        state: &AppState,
        jar: CookieJar,
        actor: &Actor,
        section: &'static str,
    ) -> (CookieJar, Ctx) {
        Ctx::new(state, jar, Some(actor), actor.locale, section)
    }

    /// `aria-current` for a navigation link.
    pub fn current(&self, section: &str) -> &'static str {
        if self.section == section {
            "page"
        } else {
            "false"
        }
    }
}

pub fn page<P: Template>(jar: CookieJar, p: P) -> Response {
    (jar, html(StatusCode::OK, p)).into_response()
}

pub fn page_with<P: Template>(status: StatusCode, jar: CookieJar, p: P) -> Response {
    (jar, html(status, p)).into_response()
}

/// A record id from the path; anything that is not a number is a page not found.
pub(crate) fn id_of(id: &str, locale: fleksi_domain::Locale) -> Result<i64, crate::WebError> {
    id.parse()
        .map_err(|_| crate::WebError::Page(fleksi_service::ServiceError::NotFound, locale))
}
