//! Location plans through the front door, on every engine: an employee submits a week
//! pattern with exceptions, the supervisor (or the acting official, or an admin of the
//! subtree) approves, rejects or asks for changes, one or many at once; approval writes the
//! approved plan days. Every rule refuses with the field named and nothing changed, and
//! everyone else is refused at every door.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod acting;
mod flow;
mod permissions;
mod refusals;
