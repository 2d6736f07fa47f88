//! Helpers named for what people do with performance plans.
#![allow(dead_code, unused_imports)]

pub use super::common::*;
pub use reqwest::StatusCode;
pub use serde_json::{json, Value};

pub const HEAD: &str = "kabid.dukcapil";
pub const STAFF: &str = "pegawai.dukcapil";

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
