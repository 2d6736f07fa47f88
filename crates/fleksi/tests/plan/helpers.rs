//! Helpers named for what people do with location plans, shared by this suite's tests.
#![allow(dead_code, unused_imports)]

pub use super::common::*;
pub use fleksi_store::flex_request::RequestRow;
pub use fleksi_store::plan::PlanDayRow;
pub use reqwest::StatusCode;
pub use serde_json::{json, Value};

/// The demo's front office (Bidang Pelayanan Pendaftaran Penduduk, WIB), its head and the
/// staff login whose supervisor the head is.
pub const UNIT: &str = "DISDUKCAPIL-B1";
pub const HEAD: &str = "kabid.dukcapil";
pub const STAFF: &str = "pegawai.dukcapil";
/// The test clock stands on Monday 2026-11-23: next week runs 30 November – 4 December.
pub const MON: &str = "2026-11-30";
pub const TUE: &str = "2026-12-01";
pub const WED: &str = "2026-12-02";
pub const THU: &str = "2026-12-03";
pub const FRI: &str = "2026-12-04";

pub async fn employee(t: &TestApp, id: i64) -> fleksi_store::employee::EmployeeRow {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::employee::get(&mut c, a, id)
        .await
        .unwrap()
        .unwrap()
}

/// Runs one statement straight on the database (test set-up only).
pub async fn exec(t: &TestApp, sql: &str) {
    sqlx::query(sql).execute(t.app.db.pool()).await.unwrap();
}

pub async fn count(t: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(t.app.db.pool())
        .await
        .unwrap()
}

/// Long in their position and without disciplinary cases: eligible, as far as the person
/// goes (their position's activity mapping decides the rest).
pub async fn settle(t: &TestApp, ids: &[i64]) {
    for id in ids {
        exec(
            t,
            &format!("UPDATE employees SET position_since = '2020-01-01', discipline = 'none' WHERE id = {id}"),
        )
        .await;
    }
}

/// The other database administrators of the front office (hybrid, 2 flexible days a week
/// in the demo's mapping): (employee id, login = NIP), settled as eligible.
pub async fn colleagues(t: &TestApp) -> Vec<(i64, String)> {
    let a = demo_agency(t).await;
    let me = employee_of(t, STAFF).await;
    let u = unit(t, UNIT).await;
    let mut c = t.app.db.conn().await.unwrap();
    let people: Vec<(i64, String)> = fleksi_store::employee::all_in_agency(&mut c, a)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| {
            e.unit_id == u.id && e.id != me && e.position_name.starts_with("Administrator Database")
        })
        .map(|e| (e.id, e.nip))
        .collect();
    drop(c);
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    settle(t, &ids).await;
    assert!(
        people.len() >= 3,
        "the demo unit has 4 database administrators"
    );
    people
}

/// Sets a unit's own policy values (`{"max_away_percent": 20}`), replacing what it set.
pub async fn set_policy(t: &TestApp, unit_code: &str, settings: Value) {
    let a = demo_agency(t).await;
    let u = unit(t, unit_code).await;
    exec(
        t,
        &format!(
            "DELETE FROM unit_policies WHERE agency_id = {a} AND unit_id = {}",
            u.id
        ),
    )
    .await;
    sqlx::query(
        "INSERT INTO unit_policies (agency_id, unit_id, settings, updated_at) VALUES ($1, $2, $3, 0)",
    )
    .bind(a)
    .bind(u.id)
    .bind(settings.to_string())
    .execute(t.app.db.pool())
    .await
    .unwrap();
}

/// A request for next week (30 Nov – 4 Dec): office, and home on the days given.
pub fn week(home: &[&str]) -> Value {
    let mut pattern = serde_json::Map::new();
    for d in ["monday", "tuesday", "wednesday", "thursday", "friday"] {
        let loc = if home.contains(&d) { "home" } else { "office" };
        pattern.insert(d.into(), json!({"location": loc}));
    }
    json!({
        "first_day": MON,
        "last_day": FRI,
        "pattern": pattern,
        "time_mode": "regular",
        "reason": "Menyelesaikan pemutakhiran data kependudukan tanpa gangguan layanan",
        "work_plan": "Selasa: validasi 300 rekaman SIAK; Kamis: laporan konsolidasi bulanan 1 dokumen",
    })
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

/// Submits through the API; returns the status and the JSON answer.
pub async fn submit(t: &TestApp, token: &str, body: &Value) -> (StatusCode, Value) {
    let r = api_post(t, token, "/plans", body).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// Decides through the API; returns the status and the JSON answer.
pub async fn decide(
    t: &TestApp,
    token: &str,
    ids: &[i64],
    decision: &str,
    comment: &str,
) -> (StatusCode, Value) {
    let r = api_post(
        t,
        token,
        "/plans/decisions",
        &json!({"ids": ids, "decision": decision, "comment": comment}),
    )
    .await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

pub fn messages(problem: &Value) -> String {
    problem["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["message"].as_str().unwrap_or("").to_string())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .unwrap_or_default()
}

pub async fn request(t: &TestApp, id: i64) -> RequestRow {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::flex_request::get(&mut c, a, id)
        .await
        .unwrap()
        .unwrap()
}

/// The plan days of an employee from 2026 to 2027, with the request and time columns.
pub async fn plan_days(
    t: &TestApp,
    employee: i64,
) -> Vec<(String, String, String, String, Option<i64>, Option<String>)> {
    sqlx::query_as(
        "SELECT date, location, status, source, request_id, time_mode FROM plan_days
         WHERE employee_id = $1 ORDER BY date",
    )
    .bind(employee)
    .fetch_all(t.app.db.pool())
    .await
    .unwrap()
}

pub async fn notifications_of(t: &TestApp, employee: i64) -> Vec<String> {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::notification::latest(&mut c, a, employee, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.text_id)
        .collect()
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

/// Everything a plan write could change, to compare before and after a refusal.
pub async fn snapshot(t: &TestApp) -> String {
    let mut out = Vec::new();
    for table in [
        "flex_requests",
        "flex_request_days",
        "plan_days",
        "notifications",
        "evidence_files",
        "acting_officials",
    ] {
        out.push(format!(
            "{table}={}",
            count(t, &format!("SELECT COUNT(*) FROM {table}")).await
        ));
    }
    // Signing in is audited too; what matters here is the plans' entries.
    out.push(format!(
        "audit={}",
        count(
            t,
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'plan.%' OR action LIKE 'acting.%'"
        )
        .await
    ));
    let statuses: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM flex_requests ORDER BY id")
            .fetch_all(t.app.db.pool())
            .await
            .unwrap();
    out.push(format!("{statuses:?}"));
    out.join(" ")
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

/// Posts the request form as a browser does (multipart, with the CSRF token and an
/// optional evidence file).
pub async fn send_form(
    b: &Browser,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> (StatusCode, String, Option<String>) {
    let mut form = reqwest::multipart::Form::new().text("csrf", b.csrf());
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    let part = match file {
        Some((name, bytes)) => reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        // What a browser sends when no file was chosen.
        None => reqwest::multipart::Part::bytes(Vec::new()).file_name(""),
    };
    form = form.part("evidence_file", part);
    let r = b.post_multipart(path, form).await;
    let status = r.status();
    let location = r
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string());
    (status, r.text().await.unwrap(), location)
}

/// The page form for next week: office, home on the weekdays given.
pub fn week_form(home: &[&'static str]) -> Vec<(&'static str, &'static str)> {
    let mut f = vec![
        ("first_day", MON),
        ("last_day", FRI),
        ("time_mode", "regular"),
    ];
    for (name, day) in [
        ("pattern.monday", "monday"),
        ("pattern.tuesday", "tuesday"),
        ("pattern.wednesday", "wednesday"),
        ("pattern.thursday", "thursday"),
        ("pattern.friday", "friday"),
    ] {
        f.push((
            name,
            if home.contains(&day) {
                "home"
            } else {
                "office"
            },
        ));
    }
    f.push((
        "reason",
        "Fokus menyusun laporan konsolidasi data kependudukan",
    ));
    f.push((
        "work_plan",
        "Selasa: validasi 300 rekaman SIAK; Kamis: 1 laporan konsolidasi",
    ));
    f
}

/// The id at the end of a `/plans/{id}` link in a page.
pub fn ids_in(html: &str, prefix: &str) -> Vec<i64> {
    html.match_indices(prefix)
        .filter_map(|(i, _)| {
            let rest = &html[i + prefix.len()..];
            let end = rest.find(|c: char| !c.is_ascii_digit())?;
            rest[..end].parse().ok()
        })
        .collect()
}

/// The newest request of an employee.
pub async fn last_request_of(t: &TestApp, employee: i64) -> RequestRow {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::flex_request::of_employee(&mut c, a, employee, None, 1)
        .await
        .unwrap()
        .remove(0)
}
