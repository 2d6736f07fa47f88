//! The hybrid-roster problem of Fleksi: who is in the office and who works remotely on each
//! working day, so that every service stays covered, the seats suffice, policy limits hold and
//! the employees' wishes are met as fairly as possible.
//!
//! Pure: no IO, no async. The input and output formats are documented as a JSON schema in
//! `bench/roster/README.md` so that other tools (the CP-SAT reference) read the same files.
//!
//! - [`instance`]: the input, its parsing and its checks (bad input is refused with the path of
//!   the offending field).
//! - [`solve`]: the solver (deterministic for a seed, anytime) and its explanations.
//! - [`validate`]: an independent validator that shares no logic with the solver; it only reads
//!   the same input types.

pub mod instance;
pub mod output;
pub mod solve;
pub mod text;
pub mod validate;

pub use instance::{AnchorDay, Employee, Fixed, InputError, Instance, PerDay, Team, Unit};
pub use output::{Cell, Roster, RosterRow};
pub use text::Text;
