//! Helpers named for what people do with tasks, shared by this suite's tests.
#![allow(dead_code, unused_imports)]

pub use super::common::*;
pub use reqwest::StatusCode;
pub use serde_json::{json, Value};

/// The demo's front office, its head and a staff login whose supervisor the head is.
pub const UNIT: &str = "DISDUKCAPIL-B1";
pub const HEAD: &str = "kabid.dukcapil";
pub const STAFF: &str = "pegawai.dukcapil";
/// The test clock stands on Monday 2026-11-23, 09:00 WIB.
pub const FRIDAY: &str = "2026-11-27";

pub async fn count(t: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(t.app.db.pool())
        .await
        .unwrap()
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

/// A task with all five checklist points, for `people` (the first is responsible).
pub fn clear_task(people: &[i64]) -> Value {
    json!({
        "title": "Rekap data KTP-el tercetak bulan November",
        "purpose": "Bahan laporan bulanan ke Dirjen Dukcapil",
        "deadline": FRIDAY,
        "expected_output": "Tabel rekap per kecamatan (XLSX) dan ringkasan 1 halaman",
        "responsible_employee_id": people[0],
        "attachments": ["https://intranet.example.go.id/format-rekap", "Surat Edaran 12/2026"],
        "assignees": people,
    })
}

pub async fn assign(t: &TestApp, token: &str, body: &Value) -> (StatusCode, Value) {
    answer(api_post(t, token, "/tasks", body).await).await
}

pub async fn act(t: &TestApp, token: &str, id: i64, body: Value) -> (StatusCode, Value) {
    answer(api_post(t, token, &format!("/tasks/{id}/actions"), &body).await).await
}

/// Rows of tasks, assignees and audit entries, and every task's status and last change:
/// what a refusal must leave unchanged.
pub async fn snapshot(t: &TestApp) -> (i64, i64, i64, Vec<(i64, String, i64)>) {
    (
        count(t, "SELECT COUNT(*) FROM tasks").await,
        count(t, "SELECT COUNT(*) FROM task_assignees").await,
        count(t, "SELECT COUNT(*) FROM audit_log").await,
        sqlx::query_as("SELECT id, status, updated_at FROM tasks ORDER BY id")
            .fetch_all(t.app.db.pool())
            .await
            .unwrap(),
    )
}

pub async fn page(b: &Browser, path: &str) -> (StatusCode, String) {
    let r = b.get(path).await;
    let status = r.status();
    (status, r.text().await.unwrap())
}

/// Posts a form and returns the status, the redirect target and the body.
pub async fn send(
    b: &Browser,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, String) {
    let r = b.post(path, fields).await;
    let status = r.status();
    let to = r
        .headers()
        .get(reqwest::header::LOCATION)
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, to, r.text().await.unwrap())
}
