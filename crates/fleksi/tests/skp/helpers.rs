//! Helpers named for what people do with performance plans.
#![allow(dead_code, unused_imports)]

pub use super::common::*;
pub use reqwest::StatusCode;
pub use serde_json::{json, Value};

pub const HEAD: &str = "kabid.dukcapil";
pub const STAFF: &str = "pegawai.dukcapil";

pub async fn count(t: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(t.app.db.pool())
        .await
        .unwrap()
}

pub async fn call(
    t: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut r = reqwest::Client::new()
        .request(method, format!("{}/api/v1{path}", t.base))
        .bearer_auth(token);
    if let Some(b) = body {
        r = r.json(&b);
    }
    let r = r.send().await.unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

pub async fn post(t: &TestApp, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
    call(t, token, reqwest::Method::POST, path, Some(body)).await
}

pub async fn get(t: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    call(t, token, reqwest::Method::GET, path, None).await
}

/// Opens the caller's plan of 2026 with one main result and one indicator; (plan id,
/// result id).
pub async fn plan_with_result(
    t: &TestApp,
    token: &str,
    text: &str,
    parent: Option<i64>,
) -> (i64, i64) {
    let (s, p) = post(t, token, "/skp", json!({"year": "2026"})).await;
    assert_eq!(s, 200, "{p}");
    let id = p["id"].as_i64().unwrap();
    let (s, p) = post(
        t,
        token,
        &format!("/skp/{id}/results"),
        json!({"kind": "utama", "text": text, "parent_result_id": parent}),
    )
    .await;
    assert_eq!(s, 200, "{p}");
    let rid = p["results"].as_array().unwrap().last().unwrap()["id"]
        .as_i64()
        .unwrap();
    let (s, p) = post(
        t,
        token,
        &format!("/skp/{id}/results/{rid}/indicators"),
        json!({"aspect": "kuantitas", "text": "Jumlah dokumen kependudukan terbit", "target": 120, "unit": "dokumen"}),
    )
    .await;
    assert_eq!(s, 200, "{p}");
    (id, rid)
}

/// Rows of every SKP table and the audit log: what a refusal must leave unchanged.
pub async fn snapshot(t: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM performance_plans",
        "SELECT COUNT(*) FROM planned_results",
        "SELECT COUNT(*) FROM result_indicators",
        "SELECT COUNT(*) FROM behaviour_expectations",
        "SELECT COUNT(*) FROM plan_revisions",
        "SELECT COUNT(*) FROM performance_dialogues",
        "SELECT COUNT(*) FROM audit_log",
        "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM performance_plans",
    ] {
        out.push(count(t, sql).await);
    }
    out
}

pub async fn page(b: &Browser, path: &str) -> (StatusCode, String) {
    let r = b.get(path).await;
    let status = r.status();
    (status, r.text().await.unwrap())
}

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
