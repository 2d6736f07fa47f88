//! Changing a draft by hand (each edit re-validated at once, so the page shows what it
//! broke) and publishing it: the roster's days become approved location plans, never
//! overriding a day that was approved before, and every employee is notified.

use super::generate::{check, to_json};
use super::{load, month_of, not_published, Right};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::{Locale, Message};
use fleksi_roster::{Cell, Fixed, Instance, Roster};
use fleksi_store::notification::{self, NewNotification};
use fleksi_store::plan::{self, NewDay};
use fleksi_store::roster::{self as store, RosterRow, Score};
use fleksi_store::{audit as audit_store, commit};
use jiff::civil::Date;

/// The stored instance and cells of a generated draft.
fn draft_of(r: &RosterRow) -> Result<(Instance, Roster)> {
    not_published(r)?;
    let (Some(i), Some(c), "draft") =
        (r.instance.as_deref(), r.cells.as_deref(), r.status.as_str())
    else {
        return Err(ServiceError::field("status", Message::RosterNotGenerated));
    };
    let instance =
        serde_json::from_str(i).map_err(|e| ServiceError::Internal(format!("instance: {e}")))?;
    let roster =
        serde_json::from_str(c).map_err(|e| ServiceError::Internal(format!("cells: {e}")))?;
    Ok((instance, roster))
}

/// Sets one cell of a draft to office (`O`) or remote (`R`) and stores the new score and
/// violations. Away days and days decided by an approved plan cannot be changed.
pub async fn edit_cell(
    app: &App,
    actor: &Actor,
    id: i64,
    employee: &str,
    date: &str,
    to: &str,
) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let (r, _) = load(&mut tx, actor, id, Right::Manage).await?;
    let (instance, mut roster) = draft_of(&r)?;
    let date: Date = date
        .trim()
        .parse()
        .map_err(|_| ServiceError::field("date", Message::InvalidDate))?;
    let month = month_of(&r)?;
    let target = match to.trim() {
        "O" | "o" | "office" => Cell::Office,
        "R" | "r" | "remote" => Cell::Remote,
        _ => {
            return Err(ServiceError::field(
                "cell",
                Message::InvalidChoice {
                    allowed: "O, R".into(),
                },
            ))
        }
    };
    if !month.contains(date) {
        return Err(ServiceError::field(
            "date",
            Message::DateOutsideMonth {
                month: month.code(),
            },
        ));
    }
    let day = instance
        .dates
        .iter()
        .position(|d| *d == date)
        .ok_or_else(|| ServiceError::field("date", Message::NotWorkingDay))?;
    let employee = employee.trim();
    let person = instance
        .employees
        .iter()
        .find(|e| e.id == employee)
        .ok_or_else(|| ServiceError::field("employee", Message::NotInRoster))?;
    let row = roster
        .rows
        .iter_mut()
        .find(|row| row.id == employee)
        .ok_or_else(|| ServiceError::field("employee", Message::NotInRoster))?;
    let mut cells = row
        .cells()
        .ok_or_else(|| ServiceError::Internal("stored roster row".into()))?;
    let before = *cells
        .get(day)
        .ok_or_else(|| ServiceError::Internal("stored roster row length".into()))?;
    match person.fixed.get(&date) {
        Some(Fixed::Absent) => return Err(ServiceError::field("cell", Message::CellAbsent)),
        Some(_) => return Err(ServiceError::field("cell", Message::CellFixed)),
        None if before == Cell::Absent => {
            return Err(ServiceError::field("cell", Message::CellAbsent))
        }
        None => {}
    }
    if before == target {
        return Ok(());
    }
    cells[day] = target;
    *row = fleksi_roster::RosterRow::new(employee, &cells);
    let (report, objective) = check(&instance, &roster)?;
    let report_json = to_json(&report);
    let score = Score {
        objective,
        feasible: report.violations.is_empty(),
        report: &report_json,
    };
    if !store::save_cells(
        &mut tx,
        r.agency_id,
        id,
        &to_json(&roster),
        &score,
        app.now(),
    )
    .await?
    {
        return Err(ServiceError::field("status", Message::RosterNotGenerated));
    }
    let change = |cell: Cell| serde_json::json!({"employee_id": employee, "date": date.to_string(), "cell": cell.letter().to_string()});
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "roster.edit", "roster", id)
            .in_unit(&r.unit_path)
            .before(&change(before))
            .after(&serde_json::json!({
                "employee_id": employee, "date": date.to_string(), "cell": target.letter().to_string(),
                "objective": objective, "violations": report.violations.len(),
            }))],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

/// What publishing wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Published {
    /// Plan days written (days with an approved plan already are kept and not counted).
    pub days: u64,
    pub employees: usize,
}

/// Publishes a draft that breaks no hard rule: in one transaction, an approved plan day for
/// every office or remote cell where the person has no approved plan yet, the roster marked
/// published, and a notification to each person.
pub async fn publish(app: &App, actor: &Actor, id: i64) -> Result<Published> {
    let mut tx = app.db.begin().await?;
    let (r, _) = load(&mut tx, actor, id, Right::Manage).await?;
    let (instance, roster) = draft_of(&r)?;
    let (report, _) = check(&instance, &roster)?;
    if !report.violations.is_empty() {
        return Err(ServiceError::field(
            "roster",
            Message::HardViolations {
                count: report.violations.len(),
            },
        ));
    }
    let now = app.now();
    if !store::mark_published(&mut tx, r.agency_id, id, now).await? {
        return Err(ServiceError::field("status", Message::RosterPublished));
    }
    let month = month_of(&r)?;
    let mut days = Vec::new();
    let mut notes = Vec::new();
    for row in &roster.rows {
        let (Ok(employee_id), Some(cells)) = (row.id.parse::<i64>(), row.cells()) else {
            return Err(ServiceError::Internal("stored roster row".into()));
        };
        let (mut office, mut remote, mut first) = (0, 0, None);
        for (d, cell) in instance.dates.iter().zip(cells) {
            let location = match cell {
                Cell::Office => {
                    office += 1;
                    "office"
                }
                Cell::Remote => {
                    remote += 1;
                    "home"
                }
                Cell::Absent => continue,
            };
            first.get_or_insert(*d);
            days.push(NewDay {
                employee_id,
                date: d.to_string(),
                location: location.into(),
            });
        }
        let link = first
            .or(instance.dates.first().copied())
            .map(|d| format!("/week?date={d}"));
        notes.push(NewNotification {
            employee_id,
            kind: "roster.published".into(),
            text_id: format!(
                "Roster {} telah terbit: {office} hari kantor, {remote} hari WFH",
                month.label(Locale::Id)
            ),
            text_en: format!(
                "The roster for {} is published: {office} office days, {remote} remote days",
                month.label(Locale::En)
            ),
            link,
        });
    }
    let written = plan::approve_unless_decided(
        &mut tx,
        r.agency_id,
        &days,
        "roster",
        Some(id),
        actor.audit_user(),
        now,
    )
    .await?;
    notification::insert_many(&mut tx, r.agency_id, &notes, now).await?;
    let published = Published {
        days: written,
        employees: notes.len(),
    };
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "roster.publish", "roster", id)
            .in_unit(&r.unit_path)
            .before(&serde_json::json!({"status": r.status}))
            .after(&serde_json::json!({
                "status": "published", "plan_days": written, "cells": days.len(),
                "notified": notes.len(),
            }))],
    )
    .await?;
    commit(tx).await?;
    Ok(published)
}
