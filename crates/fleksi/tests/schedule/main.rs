//! The views over plans and presence through the front door, on every engine: the team
//! calendar's head-counts and named gaps, the unit board of today, my week, the private
//! iCalendar feed (content, renewal, revocation), the monthly recap as CSV and XLSX, and
//! the refusals of every view for other units, other agencies and plain employees.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod board;
mod feed;
mod recap;
mod refusals;
mod team;
mod week;
