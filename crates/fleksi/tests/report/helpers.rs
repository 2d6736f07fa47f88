//! Helpers named for what people do with reports, shared by this suite's tests.
#![allow(dead_code, unused_imports)]

pub use super::common::*;
pub use reqwest::StatusCode;
pub use serde_json::{json, Value};

/// The demo's front office, its head and a staff login whose supervisor the head is.
pub const UNIT: &str = "DISDUKCAPIL-B1";
pub const HEAD: &str = "kabid.dukcapil";
pub const STAFF: &str = "pegawai.dukcapil";
/// The test clock stands on Monday 2026-11-23, 09:00 WIB.
pub const TODAY: &str = "2026-11-23";

pub async fn api_post(t: &TestApp, token: &str, path: &str, body: &Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/api/v1{path}", t.base))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// Answers with the status and the JSON body.
pub async fn answer(r: reqwest::Response) -> (StatusCode, Value) {
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

pub async fn report(t: &TestApp, token: &str, body: &Value) -> (StatusCode, Value) {
    answer(api_post(t, token, "/reports", body).await).await
}

pub async fn get_json(t: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    answer(api_get(t, token, path).await).await
}

/// A day of three items in the seed's format: done, in progress, blocked with its need.
pub fn three_items() -> Value {
    json!([
        {"text": "Verifikasi 12 berkas KTP-el", "status": "selesai"},
        {"text": "Rekap data kependudukan kecamatan", "status": "berjalan", "needs": "data dari kecamatan Timur"},
        {"text": "Input data ke SIAK", "status": "terhambat", "needs": "akses SIAK belum aktif"},
    ])
}

/// Another direct report of the head in the same unit: (employee id, login = NIP).
pub async fn colleague(t: &TestApp) -> (i64, String) {
    let a = demo_agency(t).await;
    let me = employee_of(t, STAFF).await;
    let head = employee_of(t, HEAD).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::employee::all_in_agency(&mut c, a)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.id != me && e.supervisor_id == Some(head))
        .map(|e| (e.id, e.nip))
        .expect("the head has another direct report")
}

/// Rows of reports, items, weekly reports, output totals and audit entries: what a
/// refusal must leave unchanged.
pub async fn snapshot(t: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM daily_reports",
        "SELECT COUNT(*) FROM daily_report_items",
        "SELECT COUNT(*) FROM weekly_reports",
        "SELECT COUNT(*) FROM output_person_days",
        "SELECT CAST(COALESCE(SUM(reports), 0) AS BIGINT) FROM output_unit_days",
        "SELECT CAST(COALESCE(SUM(items), 0) AS BIGINT) FROM output_unit_days",
        "SELECT COUNT(*) FROM evidence_files",
        "SELECT COUNT(*) FROM audit_log",
        "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM daily_reports",
    ] {
        out.push(count(t, sql).await);
    }
    out
}

/// Posts the report form as a browser does (multipart, with an optional file).
pub async fn send_report_form(
    b: &Browser,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> (StatusCode, String, String) {
    let mut form = reqwest::multipart::Form::new().text("csrf", b.csrf());
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some((name, bytes)) = file {
        form = form.part(
            "evidence_file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    }
    let r = b.post_multipart("/reports", form).await;
    let status = r.status();
    let to = r
        .headers()
        .get(reqwest::header::LOCATION)
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, to, r.text().await.unwrap())
}

/// The person-day totals of one employee: (due, reported, items, items_blocked).
pub async fn person_day(t: &TestApp, employee: i64, date: &str) -> Option<(i64, i64, i64, i64)> {
    sqlx::query_as(
        "SELECT due, reported, items, items_blocked FROM output_person_days WHERE employee_id = $1 AND date = $2",
    )
    .bind(employee)
    .bind(date)
    .fetch_optional(t.app.db.pool())
    .await
    .unwrap()
}

/// The unit-day totals over both places: (due, due_reported, reports, items).
pub async fn unit_day(t: &TestApp, unit_id: i64, date: &str) -> (i64, i64, i64, i64) {
    sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(due), 0) AS BIGINT), CAST(COALESCE(SUM(due_reported), 0) AS BIGINT),
                CAST(COALESCE(SUM(reports), 0) AS BIGINT), CAST(COALESCE(SUM(items), 0) AS BIGINT)
         FROM output_unit_days WHERE unit_id = $1 AND date = $2",
    )
    .bind(unit_id)
    .bind(date)
    .fetch_one(t.app.db.pool())
    .await
    .unwrap()
}

/// An approved plan day, as an approval or leave writes it.
pub async fn approved_day(t: &TestApp, employee: i64, date: &str, location: &str) {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    let source = if location == "leave" {
        "leave"
    } else {
        "request"
    };
    fleksi_store::plan::put(
        &mut c,
        a,
        employee,
        date,
        location,
        "approved",
        source,
        None,
        t.app.now(),
    )
    .await
    .unwrap();
}
