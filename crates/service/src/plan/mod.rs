//! Location plans and their approval (Permen PANRB 4/2025): an employee requests a weekly
//! pattern and single-date exceptions for a span of dates, with the time arrangement, the
//! reason, evidence and a work plan; the direct supervisor, the official acting for them
//! (Plt/Plh) or an admin of the unit's subtree approves, rejects or asks for changes.
//! Approval writes the approved plan days.
//!
//! Who may do what: everyone requests only for themselves; deciding is for the requester's
//! direct supervisor, whoever acts for that supervisor today, and admins whose subtree holds
//! the requester's unit — never the requester. Auditors read nothing here beyond the audit
//! log; other units and agencies are refused (another agency's request is "not found").
//!
//! - [`check`]: loads the facts a request is judged on and runs the domain rules.
//! - [`submit`]: submit, resubmit after changes, withdraw, evidence files, one's own list.
//! - [`decide`]: the approver's queue and decisions, one or many at once.
//! - [`acting`]: Plt/Plh assignments, set by admins of the holder's subtree.

pub mod acting;
mod apply;
pub mod check;
pub mod decide;
pub mod submit;

use crate::{Actor, Result, ServiceError};
use fleksi_domain::plan::{Day, Flag, Place};
use fleksi_domain::timezone::Zone;
use fleksi_domain::AgencyId;
use fleksi_store::employee::{self, EmployeeRow};
use fleksi_store::flex_request::{self as store, DayRow, RequestRow};
use fleksi_store::Conn;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// A request with its days and flags read back, as pages and the API show it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RequestView {
    pub row: RequestRow,
    pub pattern: BTreeMap<Day, Place>,
    pub days: Vec<DayRow>,
    pub flags: Vec<Flag>,
}

impl RequestView {
    /// Days away from the office (another office, home, another location).
    pub fn flexible_days(&self) -> usize {
        self.days.iter().filter(|d| d.location != "office").count()
    }

    /// Still open: the employee may withdraw it.
    pub fn open(&self) -> bool {
        matches!(self.row.status.as_str(), "pending" | "changes_requested")
    }
}

pub(crate) fn flags_of(row: &RequestRow) -> Vec<Flag> {
    row.flags
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default()
}

pub(crate) fn pattern_of(row: &RequestRow) -> BTreeMap<Day, Place> {
    row.pattern
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default()
}

/// Rows with their days, read in one query for the page.
pub(crate) async fn views(
    c: &mut Conn,
    agency: i64,
    rows: Vec<RequestRow>,
) -> Result<Vec<RequestView>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut days: BTreeMap<i64, Vec<DayRow>> = BTreeMap::new();
    for d in store::days_of_many(c, agency, &ids).await? {
        days.entry(d.request_id).or_default().push(d);
    }
    Ok(rows
        .into_iter()
        .map(|row| RequestView {
            pattern: pattern_of(&row),
            flags: flags_of(&row),
            days: days.remove(&row.id).unwrap_or_default(),
            row,
        })
        .collect())
}

/// The actor's own employee record; accounts without one have no plans.
pub(crate) async fn me(c: &mut Conn, actor: &Actor) -> Result<(AgencyId, EmployeeRow)> {
    let agency = actor.agency()?;
    let me = actor.access.employee_id.ok_or(ServiceError::Forbidden)?;
    let e = employee::get(c, agency.0, me.0)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    Ok((agency, e))
}

/// Today in a unit's time zone.
pub(crate) fn today_in(app: &crate::App, time_zone: &str) -> Date {
    let zone = Zone::parse(time_zone).unwrap_or_default();
    app.clock.now().to_zoned(zone.tz()).date()
}

pub(crate) fn stored_date(s: &str) -> Result<Date> {
    s.parse::<Date>()
        .map_err(|_| ServiceError::Internal(format!("stored date {s}")))
}
