//! Fleksi's use cases. Every call: authorize first, then validate, then write the rows
//! and their audit entries in one transaction.

pub mod account;
pub mod actor;
pub mod audit;
pub mod auth;
pub mod batch;
pub mod calendar;
pub mod clock;
pub mod dashboard;
pub mod demo;
pub mod eligibility;
pub mod employee;
mod error;
pub mod evaluation;
pub mod evidence;
pub mod import;
pub mod jobs;
pub mod loader;
pub mod org;
pub mod password;
pub mod plan;
pub mod policy;
pub mod presence;
pub mod report;
pub mod roster;
pub mod schedule;
pub mod skp;
pub mod task;
pub mod team;
pub mod totp;
pub mod user;

pub use actor::Actor;
pub use clock::{Clock, SystemClock, TestClock};
pub use error::ServiceError;

use fleksi_store::Db;
use std::sync::Arc;

/// What every use case needs: the database and the time.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    /// The presence group-commit writer, started on the first punch (see `presence`).
    pub presence: presence::Writer,
    /// Unit calendars shared by the check-ins of a unit (see `calendar::Cache`).
    pub calendars: calendar::Cache,
    /// The daily-report group-commit writer (see `report::writer`).
    pub reports: report::Writer,
    /// Sessions behind tokens, read together across requests (see `loader`).
    pub sessions: auth::Sessions,
    /// The days a punch checks, read together across punches (see `loader`).
    pub punch_days: presence::PunchDays,
}

impl App {
    pub fn new(db: Db) -> App {
        App::with_clock(db, Arc::new(SystemClock))
    }

    pub fn with_clock(db: Db, clock: Arc<dyn Clock>) -> App {
        App {
            db,
            clock,
            presence: presence::Writer::default(),
            calendars: calendar::Cache::default(),
            reports: report::writer::writer(),
            sessions: auth::sessions(),
            punch_days: presence::punch_days(),
        }
    }

    pub fn now(&self) -> i64 {
        self.clock.now().as_millisecond()
    }
}

pub type Result<T> = std::result::Result<T, ServiceError>;
