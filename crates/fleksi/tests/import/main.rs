//! Importing people from CSV through all three doors — the API, the import page and the
//! command line — on every engine: what a good file creates, that a second run changes
//! nothing, that a changed row is an update with its before and after in the audit log,
//! and that every kind of bad file is refused with its line, column and reason in
//! Indonesian while nothing at all is written.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod api_and_formats;
mod page_and_cli;
mod refusals;
