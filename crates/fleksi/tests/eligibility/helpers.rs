//! Helpers named for what people do with eligibility, shared by this suite's tests.
#![allow(dead_code, unused_imports)]

pub use super::common::*;
pub use fleksi_store::eligibility::ActivityRow;
pub use fleksi_store::employee::EmployeeRow;
pub use reqwest::StatusCode;
pub use serde_json::Value;

/// The demo's front office (mapped by the demo), its head and one of its staff.
pub const UNIT: &str = "DISDUKCAPIL-B1";
pub const HEAD: &str = "kabid.dukcapil";
pub const STAFF: &str = "pegawai.dukcapil";
pub const AGENCY: &str = "KAB-NUSARAYA";

/// Everyone of the demo agency placed directly in a unit, by id.
pub async fn people_of(t: &TestApp, code: &str) -> Vec<EmployeeRow> {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    let mut all: Vec<EmployeeRow> = fleksi_store::employee::all_in_agency(&mut c, a)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.unit_code == code)
        .collect();
    all.sort_by_key(|e| e.id);
    all
}

/// The first person of a unit (by id) whose position starts with `position`, other than
/// the demo's named logins (they sign in by NIP).
pub async fn someone(t: &TestApp, code: &str, position: &str, skip: usize) -> EmployeeRow {
    let named = [employee_of(t, STAFF).await, employee_of(t, HEAD).await];
    people_of(t, code)
        .await
        .into_iter()
        .filter(|e| e.position_name.starts_with(position) && !named.contains(&e.id))
        .nth(skip)
        .unwrap_or_else(|| panic!("nobody as {position} in {code}"))
}

/// Sets a person's disciplinary status and start in the position, as the personnel
/// record would after an import.
pub async fn set_record(t: &TestApp, nip: &str, discipline: &str, since: Option<&str>) {
    let a = demo_agency(t).await;
    sqlx::query(
        "UPDATE employees SET discipline = $1, position_since = $2 WHERE agency_id = $3 AND nip = $4",
    )
    .bind(discipline)
    .bind(since)
    .bind(a)
    .bind(nip)
    .execute(t.app.db.pool())
    .await
    .unwrap();
}

/// The activities mapped in a unit, from the store.
pub async fn activities(t: &TestApp, code: &str) -> Vec<ActivityRow> {
    let a = demo_agency(t).await;
    let u = unit(t, code).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::eligibility::of_unit(&mut c, a, u.id)
        .await
        .unwrap()
}

/// Audit entries of the demo agency with this action.
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

/// Everything an activity write could change, to compare before and after a refusal.
pub async fn snapshot(t: &TestApp) -> String {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    let all: Vec<(i64, i64, i64, String, i64, i64)> = sqlx::query_as(
        "SELECT id, unit_id, position_id, activity, outside_office + 2 * no_special_workspace + 4 * ict_possible
            + 8 * minimal_face_to_face + 16 * no_continuous_supervision + 32 * agency_criteria, updated_at
         FROM position_activities WHERE agency_id = $1 ORDER BY id",
    )
    .bind(a)
    .fetch_all(&mut *c)
    .await
    .unwrap();
    drop(c);
    let lain = agency_id(t, "KOTA-LAIN").await;
    format!(
        "{all:?} audit={} audit_lain={}",
        audit_count(t, AGENCY).await,
        audit_count_of(t, lain).await
    )
}

async fn audit_count_of(t: &TestApp, agency: i64) -> usize {
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::audit::list(
        &mut c,
        Some(agency),
        &fleksi_store::audit::Filter::default(),
        None,
        i64::MAX,
    )
    .await
    .unwrap()
    .len()
}

/// The body of a page, with its status.
pub async fn page(b: &Browser, path: &str) -> (StatusCode, String) {
    let r = b.get(path).await;
    let status = r.status();
    (status, r.text().await.unwrap())
}

/// Posts a form and returns the status, the redirect target (if any) and the body.
pub async fn send(b: &Browser, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
    let r = b.post(path, fields).await;
    let status = r.status();
    let location = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string());
    let body = r.text().await.unwrap();
    (status, location.unwrap_or(body))
}

/// `GET /api/v1/eligibility/me` as this login.
pub async fn api_me(t: &TestApp, login: &str) -> (StatusCode, Value) {
    let token = api_token(t, login).await;
    let r = api_get(t, &token, "/eligibility/me").await;
    let status = r.status();
    (status, r.json().await.unwrap())
}

/// The reasons of an API answer, as strings.
pub fn reasons(v: &Value) -> Vec<String> {
    v["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect()
}

/// The text of the `<ul id="reasons">` list on the eligibility page, one item per reason.
pub fn page_reasons(html: &str) -> Vec<String> {
    let Some(at) = html.find("<ul id=\"reasons\">") else {
        return vec![];
    };
    let list = &html[at..at + html[at..].find("</ul>").unwrap()];
    list.split("<li>")
        .skip(1)
        .map(|li| unescape(li.trim_end_matches("</li>")))
        .collect()
}

/// Undoes the HTML escaping askama applies.
pub fn unescape(s: &str) -> String {
    s.replace("&#x2f;", "/")
        .replace("&#47;", "/")
        .replace("&#40;", "(")
        .replace("&#41;", ")")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// All six criteria as form fields (checked boxes).
pub const ALL_SIX: [(&str, &str); 6] = [
    ("outside_office", "1"),
    ("no_special_workspace", "1"),
    ("ict_possible", "1"),
    ("minimal_face_to_face", "1"),
    ("no_continuous_supervision", "1"),
    ("agency_criteria", "1"),
];

/// A form for an activity: position, name, and the criteria given.
pub fn activity_form<'a>(
    position: &'a str,
    name: &'a str,
    criteria: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![("position_id", position), ("activity", name)];
    f.extend_from_slice(criteria);
    f
}

/// The id of the position with this name among a unit's positions.
pub async fn position_id(t: &TestApp, code: &str, name: &str) -> i64 {
    let a = demo_agency(t).await;
    let u = unit(t, code).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::eligibility::positions(&mut c, a, u.id)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name} in {code}"))
        .position_id
}

/// The class tag the mapping page shows for a position.
pub fn class_on_page(html: &str, position: i64) -> String {
    let at = html
        .find(&format!("id=\"p{position}\""))
        .unwrap_or_else(|| panic!("position {position} not on the page"));
    let rest = &html[at..];
    let tag = &rest[rest.find("data-class=\"").unwrap() + 12..];
    tag[..tag.find('"').unwrap()].to_string()
}

/// The size on the wire of a page, gzip-compressed as a browser would ask for it, for a
/// signed-in `login` (DESIGN.md: a later page is at most 10 KB).
pub async fn wire_size(t: &TestApp, login: &str, path: &str) -> usize {
    use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, COOKIE, SET_COOKIE};
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let cookies = |r: &reqwest::Response| -> Vec<String> {
        r.headers()
            .get_all(SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
            .collect()
    };
    let r = client
        .get(format!("{}/login", t.base))
        .send()
        .await
        .unwrap();
    let jar = cookies(&r);
    let csrf = jar
        .iter()
        .find_map(|c| c.strip_prefix("fleksi_csrf="))
        .unwrap()
        .to_string();
    let r = client
        .post(format!("{}/login", t.base))
        .header(COOKIE, jar.join("; "))
        .form(&[("login", login), ("password", PASSWORD), ("csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "sign-in of {login}");
    let mut all = jar.clone();
    all.extend(cookies(&r));
    let r = client
        .get(format!("{}{path}", t.base))
        .header(COOKIE, all.join("; "))
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{path}");
    assert_eq!(
        r.headers()
            .get(CONTENT_ENCODING)
            .map(|v| v.to_str().unwrap()),
        Some("gzip"),
        "{path} compressed"
    );
    r.bytes().await.unwrap().len()
}
