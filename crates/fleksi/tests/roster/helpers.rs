//! Helpers named for what people do with rosters, shared by this suite's tests.
#![allow(dead_code, unused_imports)]

pub use super::common::*;
pub use fleksi_store::plan::PlanDayRow;
pub use reqwest::StatusCode;

/// The demo's rostered unit, its head and one of its staff.
pub const UNIT: &str = "DISDUKCAPIL-B1";
pub const HEAD: &str = "kabid.dukcapil";
pub const STAFF: &str = "pegawai.dukcapil";
/// The demo opens next month's roster; the test clock stands on Monday 2026-11-23.
pub const MONTH: &str = "2026-12";

/// The id of the roster of a unit and month.
pub async fn roster_id(t: &TestApp, unit_code: &str, month: &str) -> Option<i64> {
    let a = demo_agency(t).await;
    let u = unit(t, unit_code).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::roster::by_unit_month(&mut c, a, u.id, month)
        .await
        .unwrap()
}

pub async fn roster_row(t: &TestApp, id: i64) -> fleksi_store::roster::RosterRow {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::roster::get(&mut c, a, id)
        .await
        .unwrap()
        .unwrap()
}

pub async fn roster_count(t: &TestApp) -> usize {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::roster::list(&mut c, a, &fleksi_store::roster::Scope::Agency, 1000)
        .await
        .unwrap()
        .len()
}

pub async fn plans_of(t: &TestApp, employee: i64) -> Vec<PlanDayRow> {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::plan::of_employee(&mut c, a, employee, "2026-01-01", "2027-12-31")
        .await
        .unwrap()
}

/// Every plan day of the people of the demo unit.
pub async fn unit_plans(t: &TestApp) -> Vec<PlanDayRow> {
    let a = demo_agency(t).await;
    let u = unit(t, UNIT).await;
    let mut c = t.app.db.conn().await.unwrap();
    let mut all =
        fleksi_store::plan::approved_below(&mut c, a, &u.path, "2026-01-01", "2027-12-31")
            .await
            .unwrap();
    all.sort_by(|x, y| (x.employee_id, &x.date).cmp(&(y.employee_id, &y.date)));
    all
}

pub async fn wishes_of(t: &TestApp, employee: i64) -> Vec<(String, i64)> {
    let a = demo_agency(t).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::roster::wishes_of(&mut c, a, employee, "2026-01-01", "2027-12-31")
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

/// Everything a roster write could change, to compare before and after a refusal.
pub async fn snapshot(t: &TestApp, id: i64) -> String {
    let r = roster_row(t, id).await;
    let audit = audit_count(t, "KAB-NUSARAYA").await;
    let plans = unit_plans(t).await.len();
    format!(
        "{} {} {:?} {:?} {:?} audit={audit} plans={plans} rosters={}",
        r.status,
        r.settings,
        r.cells,
        r.objective,
        r.updated_at,
        roster_count(t).await
    )
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

/// The values of the cell buttons on a roster page: `employee|date|O` or `…|R`.
pub fn cell_buttons(html: &str) -> Vec<String> {
    let needle = "name=\"cell\" value=\"";
    html.match_indices(needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            Some(rest[..rest.find('"')?].to_string())
        })
        .collect()
}

/// The settings form as the page shows it, to post back with changes.
pub fn settings_fields(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in [
        "seats_mon",
        "seats_tue",
        "seats_wed",
        "seats_thu",
        "seats_fri",
        "max_away_share",
        "max_remote_per_week",
        "min_office_per_month",
        "fairness_weight",
    ] {
        let at = html.find(&format!("name=\"{name}\"")).expect(name);
        let rest = &html[at..];
        let v = &rest[rest.find("value=\"").unwrap() + 7..];
        out.push((name.to_string(), v[..v.find('"').unwrap()].to_string()));
    }
    for name in ["seat_overrides", "non_working", "coverage"] {
        let at = html.find(&format!("name=\"{name}\"")).expect(name);
        let rest = &html[at..];
        let v = &rest[rest.find('>').unwrap() + 1..];
        out.push((
            name.to_string(),
            v[..v.find("</textarea>").unwrap()].to_string(),
        ));
    }
    let at = html.find("name=\"anchor\"").unwrap();
    let rest = &html[at..];
    let sel = &rest[..rest.find("</select>").unwrap()];
    let v = sel
        .split("<option value=\"")
        .skip(1)
        .find(|o| o.contains("selected"))
        .map(|o| o[..o.find('"').unwrap()].to_string())
        .unwrap();
    out.push(("anchor".into(), v));
    out
}

/// `fields` with `changes` applied, as borrowed pairs for `Browser::post`.
pub fn with<'a>(
    fields: &'a [(String, String)],
    changes: &'a [(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| {
            let v = changes
                .iter()
                .find(|(ck, _)| ck == k)
                .map(|(_, cv)| *cv)
                .unwrap_or(v.as_str());
            (k.as_str(), v)
        })
        .collect();
    for (k, v) in changes {
        if !out.iter().any(|(ok, _)| ok == k) {
            out.push((k, v));
        }
    }
    out
}
