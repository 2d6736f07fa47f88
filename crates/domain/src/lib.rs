//! Fleksi's vocabulary and rules. Pure: no IO, no async, no database, no HTTP.
//!
//! Each module is one feature of the product with the same name in every layer
//! (see `DESIGN.md`): `org` here, `store::org`, `service::org`, `web::pages::org`.

pub mod calendar;
pub mod eligibility;
pub mod ids;
pub mod import;
pub mod locale;
pub mod message;
pub mod nip;
pub mod org;
pub mod password;
pub mod performance;
pub mod plan;
pub mod policy;
pub mod presence;
pub mod role;
pub mod roster;
pub mod schedule;
pub mod supervisor;
pub mod timezone;

pub use ids::*;
pub use locale::Locale;
pub use message::{FieldError, Message};
pub use nip::{EmploymentStatus, Nip};
