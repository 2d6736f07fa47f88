//! Signing in and staying safe, end to end over HTTP on every engine: username and NIP,
//! refusals that all look alike, throttling, session lifetimes, signing out, CSRF, the
//! second factor (enrolment, codes, recovery codes, the agency rule for admins), security
//! headers, password change and the audit trail these leave.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod headers_password_audit;
mod sign_in_sessions_csrf;
mod totp;
