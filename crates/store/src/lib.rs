//! Fleksi's storage: one `Db` over SQLite or PostgreSQL, one module per aggregate.
//!
//! Queries are written once, in SQL both engines accept (`$1` placeholders, `RETURNING`,
//! `ON CONFLICT`), and run through sqlx's `Any` driver on whichever pool is in use. Code
//! branches on `Engine` only where the engines truly differ, and says why.

pub mod acting;
pub mod agency;
pub mod audit;
pub mod calendar;
pub mod dashboard;
mod db;
pub mod eligibility;
pub mod employee;
mod error;
pub mod evaluation;
pub mod flex_request;
pub mod jobs;
pub mod native;
pub mod notification;
pub mod org;
pub mod plan;
pub mod policy;
pub mod presence;
pub mod report;
pub mod roster;
pub mod schedule;
pub mod session;
pub mod skp;
pub mod sql;
pub mod task;
pub mod team;
pub mod testing;
pub mod user;

pub use db::{commit, Conn, Db, Engine, Tx, WriteTx};
pub use error::StoreError;

/// Milliseconds since the epoch, UTC: how every instant is stored.
pub type Millis = i64;

/// Key-based pagination: at most this many rows per page, whatever a caller asks for.
pub const MAX_PAGE: i64 = 200;

pub fn clamp_page(limit: Option<i64>) -> i64 {
    limit.unwrap_or(50).clamp(1, MAX_PAGE)
}
