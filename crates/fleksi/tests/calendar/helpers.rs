//! Helpers named for what people do with the calendar and policies.
#![allow(dead_code, unused_imports)]

pub use super::common::*;
pub use reqwest::StatusCode;
pub use serde_json::Value;

pub const AGENCY: &str = "KAB-NUSARAYA";

pub async fn unit_id(t: &TestApp, code: &str) -> i64 {
    unit(t, code).await.id
}

/// A GET to the API: status and JSON body (a problem document on errors).
pub async fn api(t: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    let r = api_get(t, token, path).await;
    let status = r.status();
    let body = r.json::<Value>().await.unwrap_or(Value::Null);
    (status, body)
}

/// The fields a problem document names.
pub fn named(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["field"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
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

/// Audit entries with this action: of the demo agency, or national ones (`None`).
pub async fn audited(
    t: &TestApp,
    agency: Option<i64>,
    action: &str,
) -> Vec<fleksi_store::audit::AuditRow> {
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::audit::list(
        &mut c,
        agency,
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

/// Every holiday of a year, straight from the store.
pub async fn holidays(t: &TestApp, year: i32) -> Vec<fleksi_store::calendar::HolidayRow> {
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::calendar::holidays_between(
        &mut c,
        &format!("{year}-01-01"),
        &format!("{year}-12-31"),
    )
    .await
    .unwrap()
}

/// The stored overrides of a unit (or the agency level), as JSON text.
pub async fn stored_policy(t: &TestApp, unit: Option<i64>) -> Option<String> {
    let a = agency_id(t, AGENCY).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::policy::get(&mut c, a, unit).await.unwrap()
}

/// Everything the calendar and policy features store, to compare before and after a
/// refusal: holidays, Ramadan, events, policies, and the audit log's length.
pub async fn snapshot(t: &TestApp) -> String {
    let a = agency_id(t, AGENCY).await;
    let mut c = t.app.db.conn().await.unwrap();
    let h = fleksi_store::calendar::holidays_between(&mut c, "2000-01-01", "2100-12-31")
        .await
        .unwrap();
    let r = fleksi_store::calendar::ramadan_overlapping(&mut c, "2000-01-01", "2100-12-31")
        .await
        .unwrap();
    let e = fleksi_store::calendar::events_between(&mut c, a, "2000-01-01", "2100-12-31")
        .await
        .unwrap();
    let units: Vec<i64> = fleksi_store::org::list_units(&mut c, a)
        .await
        .unwrap()
        .iter()
        .map(|u| u.id)
        .collect();
    let p = fleksi_store::policy::levels(&mut c, a, &units)
        .await
        .unwrap();
    drop(c);
    let (agency, national) = (
        audited_count(t, Some(a)).await,
        audited_count(t, None).await,
    );
    format!("{h:?}\n{r:?}\n{e:?}\n{p:?}\naudit={agency} national={national}")
}

/// Audit entries other than sign-ins (which the tests' own sign-ins write).
async fn audited_count(t: &TestApp, agency: Option<i64>) -> usize {
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::audit::list(
        &mut c,
        agency,
        &fleksi_store::audit::Filter::default(),
        None,
        i64::MAX,
    )
    .await
    .unwrap()
    .iter()
    .filter(|r| !r.action.starts_with("auth."))
    .count()
}

/// Sets a unit's policy through its page as `b`, replacing what the unit set.
pub async fn set_unit_policy(
    b: &Browser,
    unit: i64,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    send(b, &format!("/units/{unit}/policy"), fields).await
}

/// The row of one policy value on the page: (value in force, where it comes from).
pub fn policy_row(html: &str, field: &str) -> (String, String) {
    let at = html
        .find(&format!("<tr id=\"f-{field}\">"))
        .unwrap_or_else(|| panic!("no row {field}"));
    let row = &html[at..];
    let row = &row[..row.find("</tr>").unwrap()];
    let cell = |class: &str| {
        let s = &row[row.find(&format!("class=\"{class}\">")).unwrap() + class.len() + 9..];
        let s = &s[..s.find("</td>").unwrap()];
        s.replace("<strong>", "").replace("</strong>", "")
    };
    (cell("value"), cell("source"))
}
