//! Presence through the front door, on every engine: check-in and check-out at the server's
//! time in the unit's zone (a WIT unit's 07:00 is 22:00 UTC the day before), late starts
//! under regular and dynamic hours, breaks, core hours, running week totals, the plan
//! compared with the declared location, client keys that make a retry count once (also
//! concurrently), fifty people at once, every refusal with nothing changed, and
//! corrections decided by the supervisor or the acting official.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod corrections;
mod punches;
mod refusals;
mod retries;
