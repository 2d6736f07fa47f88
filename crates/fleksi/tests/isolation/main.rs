//! Who may see and change what, through every door: each API endpoint and page of the
//! org, directory, teams, import and audit features, on every engine. Another agency's
//! ids answer exactly like missing ones; lists never hold another agency's rows; a unit
//! admin stays in their subtree; a plain employee sees their circle only.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod another_agency;
mod at_the_door;
mod every_path;
mod roles;
