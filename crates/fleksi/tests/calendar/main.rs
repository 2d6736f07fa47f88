//! The working calendar and unit policies through the front door, on every engine: the
//! national 2026 list through the API, a unit's working days under an inherited policy
//! (holidays, a six-day service unit, Ramadan, a WIT office), policies with where each
//! value comes from, the calendar page's changes with their audit entries, and every
//! refusal — other agencies, plain employees, admins of other units, bad input.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod api;
mod manage;
mod policy;
mod refusals;
