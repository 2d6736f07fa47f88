//! Helpers named for what people do with presence, shared by this suite's tests.
#![allow(dead_code, unused_imports)]

pub use super::common::*;
pub use reqwest::StatusCode;
pub use serde_json::{json, Value};

/// The demo's staff member of Diskominfo (Bidang 1) and their head of bidang.
pub const STAFF: &str = "pegawai";
pub const HEAD: &str = "ketua.tim";

/// Sets the server's clock, e.g. `at(&t, "2026-11-23T01:10:00Z")`.
pub fn at(t: &TestApp, instant: &str) {
    t.clock.set(instant.parse().unwrap());
}

/// Logins (NIPs) of the non-structural people of a unit, in id order.
pub async fn staff_of(t: &TestApp, unit_code: &str) -> Vec<String> {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    let mut people: Vec<_> = fleksi_store::employee::all_in_agency(&mut c, a)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.unit_code == unit_code && e.position_kind != "struktural")
        .collect();
    people.sort_by_key(|e| e.id);
    people.into_iter().map(|e| e.nip).collect()
}

/// The head (struktural) of a unit, by NIP.
pub async fn head_of(t: &TestApp, unit_code: &str) -> String {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::employee::all_in_agency(&mut c, a)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.unit_code == unit_code && e.position_kind == "struktural")
        .unwrap()
        .nip
}

/// Posts a JSON body to `/api/v1{path}` with a bearer token.
pub async fn api_post(t: &TestApp, token: &str, path: &str, body: &Value) -> (StatusCode, Value) {
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1{path}", t.base))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

pub async fn check_in(t: &TestApp, token: &str, location: &str, key: &str) -> (StatusCode, Value) {
    api_post(
        t,
        token,
        "/presence/check-in",
        &json!({"location": location, "client_key": key}),
    )
    .await
}

pub async fn check_out(t: &TestApp, token: &str, location: &str, key: &str) -> (StatusCode, Value) {
    api_post(
        t,
        token,
        "/presence/check-out",
        &json!({"location": location, "client_key": key}),
    )
    .await
}

pub async fn today(t: &TestApp, token: &str) -> Value {
    let r = api_get(t, token, "/presence/today").await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

pub fn message_of(problem: &Value, field: &str) -> String {
    problem["errors"]
        .as_array()
        .and_then(|a| a.iter().find(|e| e["field"] == field))
        .map(|e| e["message"].as_str().unwrap_or("").to_string())
        .unwrap_or_default()
}

pub async fn day_row(
    t: &TestApp,
    employee: i64,
    date: &str,
) -> Option<fleksi_store::presence::DayRow> {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::presence::days(&mut c, a, employee, date, date)
        .await
        .unwrap()
        .pop()
}

pub async fn week_row(
    t: &TestApp,
    employee: i64,
    week: &str,
) -> Option<fleksi_store::presence::WeekRow> {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::presence::week(&mut c, a, employee, week)
        .await
        .unwrap()
}

/// How many rows a table holds (all agencies).
pub async fn count(t: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(t.app.db.pool())
        .await
        .unwrap()
}

/// (employee, date, in, out, effective minutes, updated at) of a stored day.
type DaySnapshot = (i64, String, Option<i64>, Option<i64>, i64, i64);

/// Everything a punch or a correction could change, to compare before and after a refusal.
pub async fn snapshot(t: &TestApp) -> String {
    let mut out = String::new();
    for table in [
        "presence_events",
        "presence_days",
        "presence_weeks",
        "presence_corrections",
        "audit_log",
    ] {
        out.push_str(&format!("{table}={} ", count(t, table).await));
    }
    let days: Vec<DaySnapshot> = sqlx::query_as(
        "SELECT employee_id, date, check_in_at, check_out_at, effective_minutes, updated_at FROM presence_days ORDER BY employee_id, date",
    )
    .fetch_all(t.app.db.pool())
    .await
    .unwrap();
    let weeks: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT employee_id, week, effective_minutes, days_present FROM presence_weeks ORDER BY employee_id, week",
    )
    .fetch_all(t.app.db.pool())
    .await
    .unwrap();
    format!("{out}{days:?}{weeks:?}")
}

/// Sets the approved plan of a day, as the plan feature writes it on approval.
pub async fn plan_day(
    t: &TestApp,
    employee: i64,
    date: &str,
    location: &str,
    time_mode: &str,
    start_time: Option<&str>,
) {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::plan::put(
        &mut c, a, employee, date, location, "approved", "request", None, 0,
    )
    .await
    .unwrap();
    sqlx::query(
        "UPDATE plan_days SET time_mode = $1, start_time = $2 WHERE employee_id = $3 AND date = $4",
    )
    .bind(time_mode)
    .bind(start_time)
    .bind(employee)
    .bind(date)
    .execute(&mut *c)
    .await
    .unwrap();
}

/// Sets a unit's own policy values (JSON of `Overrides`), as its admin would.
pub async fn unit_policy(t: &TestApp, unit_code: &str, settings: &str) {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    let unit = fleksi_store::org::by_code(&mut c, a, unit_code)
        .await
        .unwrap()
        .unwrap();
    sqlx::query(
        "INSERT INTO unit_policies (agency_id, unit_id, settings, updated_at) VALUES ($1, $2, $3, 0)",
    )
    .bind(a)
    .bind(unit.id)
    .bind(settings)
    .execute(&mut *c)
    .await
    .unwrap();
}

/// Audit entries of the demo agency with this action, newest first.
pub async fn audited(t: &TestApp, action: &str) -> Vec<fleksi_store::audit::AuditRow> {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::audit::list(
        &mut c,
        Some(a),
        &fleksi_store::audit::Filter {
            action: Some(action.into()),
            ..Default::default()
        },
        None,
        10_000,
    )
    .await
    .unwrap()
}

/// The body of a page, with its status.
pub async fn page(b: &Browser, path: &str) -> (StatusCode, String) {
    let r = b.get(path).await;
    let status = r.status();
    (status, r.text().await.unwrap())
}

/// Posts a form and returns the status and body.
pub async fn send(b: &Browser, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
    let r = b.post(path, fields).await;
    let status = r.status();
    (status, r.text().await.unwrap())
}

/// The value of a hidden input on a page.
pub fn hidden(html: &str, name: &str) -> String {
    let at = html
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no field {name}"));
    let rest = &html[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()].to_string()
}
