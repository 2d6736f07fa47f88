//! Who may work flexibly, through the front door, on every engine: employees see whether
//! they are eligible and exactly why not (page and API); admins map each position's
//! activities against the six criteria of Permen PANRB 4/2025 and the classes and summary
//! follow; everyone else is refused, and bad input is named and changes nothing.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod flow;
mod mapping;
mod refusals;
