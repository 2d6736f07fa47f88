//! The store contract: the same assertions on every engine available to the run
//! (SQLite always, PostgreSQL when `FLEKSI_TEST_PG_URL` is set), so the two backends
//! cannot drift apart. Also the plan test: the hot queries use their indexes.

mod helpers;

mod calendar;
mod integrity;
mod output;
mod presence;
mod roster;
mod rows;
mod schedule;
mod session;
mod task;
