//! Tasks through the front door, on every engine: a supervisor gives a task to two people
//! with the clarity checklist, they move it through its statuses, the supervisor sends it
//! back and accepts it, and the measures come out. Bad input is refused with the field
//! named and nothing changed; everyone else is refused at every door.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod flow;
mod pages;
mod permissions;
mod refusals;
