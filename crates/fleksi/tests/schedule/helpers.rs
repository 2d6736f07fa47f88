//! Helpers named for what people do with plans, presence and the views over them.
#![allow(dead_code, unused_imports)]

pub use super::common::*;
pub use reqwest::StatusCode;
pub use serde_json::{json, Value};

/// The demo's front office (Disdukcapil, Bidang Pelayanan Pendaftaran Penduduk), its head
/// and one of its staff.
pub const UNIT: &str = "DISDUKCAPIL-B1";
pub const HEAD: &str = "kabid.dukcapil";
pub const STAFF: &str = "pegawai.dukcapil";

/// Sets the server's clock, e.g. `at(&t, "2026-11-23T01:10:00Z")`.
pub fn at(t: &TestApp, instant: &str) {
    t.clock.set(instant.parse().unwrap());
}

pub async fn employee(t: &TestApp, id: i64) -> fleksi_store::employee::EmployeeRow {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::employee::get(&mut c, a, id)
        .await
        .unwrap()
        .unwrap()
}

/// Everyone at or below a unit, by name (as the views list them).
pub async fn people_of(t: &TestApp, code: &str) -> Vec<fleksi_store::schedule::PersonRow> {
    let a = demo_agency(t).await;
    let u = unit(t, code).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::schedule::people_below(&mut c, a, &u.path, None, 1000)
        .await
        .unwrap()
}

/// The people of the unit other than its head and `STAFF`, by name.
pub async fn others_of(t: &TestApp) -> Vec<fleksi_store::schedule::PersonRow> {
    let skip = [employee_of(t, HEAD).await, employee_of(t, STAFF).await];
    people_of(t, UNIT)
        .await
        .into_iter()
        .filter(|p| !skip.contains(&p.id))
        .collect()
}

/// An approved plan day, as an approval or leave writes it (the store's own writer).
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

/// Sets a unit's own policy values as an agency admin does (`seats`, `min_on_site`, …).
pub async fn set_policy(t: &TestApp, code: &str, values: &[(&str, &str)]) {
    let a = demo_agency(t).await;
    let u = unit(t, code).await;
    let change = fleksi_service::policy::Change {
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    fleksi_service::policy::set_unit(
        &t.app,
        &fleksi_service::Actor::cli(Some(fleksi_domain::AgencyId(a))),
        u.id,
        &change,
    )
    .await
    .unwrap();
}

/// The actor behind a login, for calling a service as that person.
pub async fn actor_of(t: &TestApp, login: &str) -> fleksi_service::Actor {
    let mut c = t.app.db.conn().await.unwrap();
    let u = fleksi_store::user::by_username(&mut c, login)
        .await
        .unwrap()
        .unwrap();
    drop(c);
    fleksi_service::Actor::load(&t.app, u.id).await.unwrap()
}

/// Submits a location-plan request as `login` through the plan service; its id.
pub async fn submit_request(t: &TestApp, login: &str, body: Value) -> i64 {
    let input: fleksi_domain::plan::RequestInput = serde_json::from_value(body).unwrap();
    let actor = actor_of(t, login).await;
    fleksi_service::plan::submit::submit(&t.app, &actor, &input, None)
        .await
        .unwrap_or_else(|e| panic!("request of {login}: {e:?}"))
        .id
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
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// A check-in or check-out through the presence API, at the server's clock.
pub async fn punch(t: &TestApp, token: &str, kind: &str, location: &str, key: &str) {
    let (status, body) = api_post(
        t,
        token,
        &format!("/presence/{kind}"),
        &json!({"location": location, "client_key": key}),
    )
    .await;
    assert!(status.is_success(), "{kind}: {status} {body}");
}

pub async fn api_json(t: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    let r = api_get(t, token, path).await;
    let status = r.status();
    let text = r.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// The body of a page, with its status.
pub async fn page(b: &Browser, path: &str) -> (StatusCode, String) {
    let r = b.get(path).await;
    let status = r.status();
    (status, r.text().await.unwrap())
}

/// The text of the element with this id (up to its closing tag), for assertions on one
/// part of a page.
pub fn part<'a>(html: &'a str, id: &str, close: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in {html}"));
    let rest = &html[start..];
    &rest[..rest.find(close).unwrap_or(rest.len())]
}

/// The cells (`<td …>text</td>`) of a row, as (class, text).
pub fn cells(row: &str) -> Vec<(String, String)> {
    row.split("<td")
        .skip(1)
        .map(|c| {
            let class = c
                .split_once("class=\"")
                .filter(|(before, _)| !before.contains('>'))
                .map(|(_, after)| after[..after.find('"').unwrap()].to_string())
                .unwrap_or_default();
            let text = &c[c.find('>').unwrap() + 1..c.find("</td>").unwrap()];
            (class, text.to_string())
        })
        .collect()
}

/// The row of the team calendar's table for a person (by name).
pub fn person_row<'a>(html: &'a str, name: &str) -> &'a str {
    let start = html
        .find(&format!("<th scope=\"row\">{}</th>", esc(name)))
        .unwrap_or_else(|| panic!("no row for {name}"));
    let rest = &html[start..];
    &rest[..rest.find("</tr>").unwrap()]
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

/// A text as the pages escape it.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
