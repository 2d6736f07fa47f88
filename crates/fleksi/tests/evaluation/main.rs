//! Evaluations through the front door, on every engine: actual values with evidence, the
//! supervisor's ratings and the predikat from the official matrix, 360 feedback shown only
//! in aggregate, a unit's distribution checked against SE MenPANRB 3/2023 before the
//! ratings become final; bad input refused naming the field with nothing changed; nobody
//! rates or reads outside their chain.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod distribution;
mod feedback;
mod flow;
mod permissions;
mod refusals;
