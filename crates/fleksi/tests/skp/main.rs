//! Performance plans (SKP) through the front door, on every engine: the head's plan and
//! the staff member's that supports it (the cascade), indicators with targets, the head's
//! expectations, submit, return, approve and lock, an explicit revision that keeps the
//! approved version, dialogues; bad input refused naming the field with nothing changed;
//! everyone else refused.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod flow;
mod permissions;
mod refusals;
