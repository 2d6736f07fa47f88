//! Daily and weekly reports through the front door, on every engine: an employee reports
//! the day (items linked to a task, a blocked item with what it needs), replaces it, the
//! supervisor sees the team's day with blocked items first and acknowledges; the week is
//! compiled with the reflection; the end of the working day counts who was due and
//! reminds who has not reported; bad input is refused naming the field and changing
//! nothing; everyone else is refused at every door.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod concurrency;
mod flow;
mod permissions;
mod refusals;
mod reminders;
