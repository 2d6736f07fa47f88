//! Rosters through the front door, on every engine: a unit head opens a month, sets skills
//! and settings, employees give wishes, the roster is generated, edited (each edit checked
//! again at once) and published as approved location plans; employees see it on their week.
//! Everyone else is refused at every door, and bad input is named and changes nothing.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod flow;
mod refusals;
