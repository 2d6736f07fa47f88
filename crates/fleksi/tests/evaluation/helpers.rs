//! Helpers named for what people do with evaluations.
#![allow(dead_code, unused_imports)]

pub use super::common::*;
pub use reqwest::StatusCode;
pub use serde_json::{json, Value};

pub const UNIT: &str = "DISDUKCAPIL-B1";
pub const HEAD: &str = "kabid.dukcapil";
pub const STAFF: &str = "pegawai.dukcapil";
/// The test clock stands on Monday 2026-11-23: the fourth quarter.
pub const PERIOD: &str = "2026-Q4";

/// The login (NIP) of an employee.
pub async fn login_of(t: &TestApp, employee: i64) -> String {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::employee::get(&mut c, a, employee)
        .await
        .unwrap()
        .unwrap()
        .nip
}

/// The direct reports of an employee: (id, login).
pub async fn reports_of(t: &TestApp, supervisor: i64) -> Vec<(i64, String)> {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::employee::all_in_agency(&mut c, a)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.supervisor_id == Some(supervisor))
        .map(|e| (e.id, e.nip))
        .collect()
}

/// An approved 2026 plan of `owner` (one result, one indicator of 120 documents),
/// approved by `evaluator`; (plan id, indicator id).
pub async fn approved_plan(t: &TestApp, owner: &str, evaluator: &str) -> (i64, i64) {
    let (s, p) = post(t, owner, "/skp", json!({"year": "2026"})).await;
    assert_eq!(s, 200, "{p}");
    let id = p["id"].as_i64().unwrap();
    let (_, p) = post(
        t,
        owner,
        &format!("/skp/{id}/results"),
        json!({"kind": "utama", "text": "Terlayaninya dokumen kependudukan"}),
    )
    .await;
    let rid = p["results"][0]["id"].as_i64().unwrap();
    let (_, p) = post(
        t,
        owner,
        &format!("/skp/{id}/results/{rid}/indicators"),
        json!({"aspect": "kuantitas", "text": "Dokumen terbit", "target": 120, "unit": "dokumen"}),
    )
    .await;
    let iid = p["results"][0]["indicators"][0]["id"].as_i64().unwrap();
    let (s, p) = post(
        t,
        owner,
        &format!("/skp/{id}/actions"),
        json!({"action": "submit"}),
    )
    .await;
    assert_eq!(s, 200, "{p}");
    let (s, p) = post(
        t,
        evaluator,
        &format!("/skp/{id}/actions"),
        json!({"action": "approve"}),
    )
    .await;
    assert_eq!(s, 200, "{p}");
    (id, iid)
}

/// Opens the evaluation of a plan for `PERIOD`; its id.
pub async fn open(t: &TestApp, token: &str, plan: i64) -> i64 {
    let (s, e) = post(
        t,
        token,
        "/evaluations",
        json!({"plan_id": plan, "period": PERIOD}),
    )
    .await;
    assert_eq!(s, 200, "{e}");
    e["id"].as_i64().unwrap()
}

/// Rates an evaluation; the answer.
pub async fn rate(
    t: &TestApp,
    token: &str,
    id: i64,
    results: &str,
    behaviour: &str,
) -> (StatusCode, Value) {
    let (_, e) = get(t, token, &format!("/evaluations/{id}")).await;
    post(
        t,
        token,
        &format!("/evaluations/{id}/rating"),
        json!({"version": e["version"], "results_rating": results, "behaviour_rating": behaviour, "feedback": "Lanjutkan"}),
    )
    .await
}

/// Rows of every evaluation table and the audit log.
pub async fn snapshot(t: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM evaluations",
        "SELECT COUNT(*) FROM indicator_actuals",
        "SELECT COUNT(*) FROM behaviour_ratings",
        "SELECT COUNT(*) FROM feedback_requests",
        "SELECT COUNT(*) FROM feedback_respondents",
        "SELECT COUNT(*) FROM feedback_answers",
        "SELECT COUNT(*) FROM unit_results",
        "SELECT COUNT(*) FROM evidence_files",
        "SELECT COUNT(*) FROM audit_log",
        "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM evaluations",
    ] {
        out.push(count(t, sql).await);
    }
    out
}

/// Posts a multipart form as a browser does, with an optional evidence file.
pub async fn send_multipart(
    b: &Browser,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> (StatusCode, String) {
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
    let r = b.post_multipart(path, form).await;
    let status = r.status();
    (status, r.text().await.unwrap())
}
