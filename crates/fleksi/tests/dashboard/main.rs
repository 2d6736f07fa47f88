//! Output dashboards through the front door, on every engine: tasks finished on time and
//! late, first responses, daily reports and blocked items land in the running totals on
//! the day and at the place they happened; a supervisor sees the team, a unit's readers
//! the unit, by week and month, office beside remote; the unit's month downloads as XLSX;
//! nobody else sees any of it.

#[path = "../common/mod.rs"]
mod common;

mod flow;
