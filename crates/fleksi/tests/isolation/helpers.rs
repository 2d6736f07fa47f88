//! Helpers shared by this suite's tests, named for what they do.
#![allow(dead_code, unused_imports)]

pub use super::common::*;
pub use reqwest::StatusCode;
pub use serde_json::Value;
pub use std::collections::{BTreeSet, HashMap};

pub const LAIN_BOSS: &str = "197001011995031001";

pub const LAIN_STAFF: &str = "199001012015032001";

/// An id no row has, for comparing "not yours" with "not there".
pub const MISSING: i64 = 987_654_321;

pub type Ids = BTreeSet<i64>;

pub async fn get_json(t: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    let r = api_get(t, token, path).await;
    let status = r.status();
    let text = r.text().await.unwrap();
    assert_ne!(status, 500, "GET {path}: {text}");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// The status and body of a GET, with the body as text.
pub async fn get_raw(t: &TestApp, token: &str, path: &str) -> (StatusCode, String) {
    let r = api_get(t, token, path).await;
    let status = r.status();
    (status, r.text().await.unwrap())
}

/// Every employee `token` can list, following `next_cursor` to the end.
pub async fn all_employees(t: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut path = format!("/employees?limit=200{query}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let (status, page) = get_json(t, token, &path).await;
        assert_eq!(status, 200, "{path}: {page}");
        out.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => return out,
        }
        assert!(out.len() < 100_000);
    }
}

pub fn ids(rows: &[Value]) -> Ids {
    rows.iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

/// Ids in links like `href="/employees/12"` on a page.
pub fn linked_ids(html: &str, prefix: &str) -> Ids {
    let needle = format!("href=\"{prefix}");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            let end = rest.find('"')?;
            rest[..end].parse().ok()
        })
        .collect()
}

/// The demo agency as its agency admin sees it: the truth the other views are held to.
pub struct Demo {
    pub token: String,
    pub units: Vec<Value>,
    pub employees: Vec<Value>,
    /// Team id → (lead id, member ids, home unit id).
    pub teams: HashMap<i64, (i64, Ids, i64)>,
}

impl Demo {
    pub async fn load(t: &TestApp) -> Demo {
        let token = api_token(t, "admin.bkpsdm").await;
        let (_, units) = get_json(t, &token, "/units").await;
        let employees = all_employees(t, &token, "").await;
        let (_, list) = get_json(t, &token, "/teams").await;
        let mut teams = HashMap::new();
        for team in list.as_array().unwrap() {
            let id = team["id"].as_i64().unwrap();
            let (status, detail) = get_json(t, &token, &format!("/teams/{id}")).await;
            assert_eq!(status, 200);
            let members = detail["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["employee_id"].as_i64().unwrap())
                .collect();
            teams.insert(
                id,
                (
                    team["lead_id"].as_i64().unwrap(),
                    members,
                    team["unit_id"].as_i64().unwrap(),
                ),
            );
        }
        assert_eq!(teams.len(), 5, "the demo has five teams");
        Demo {
            token,
            units: units.as_array().unwrap().clone(),
            employees,
            teams,
        }
    }

    pub fn unit(&self, code: &str) -> i64 {
        self.units
            .iter()
            .find(|u| u["code"] == code)
            .unwrap_or_else(|| panic!("no unit {code}"))["id"]
            .as_i64()
            .unwrap()
    }

    /// The unit and every unit below it.
    pub fn subtree(&self, code: &str) -> Ids {
        let mut set: Ids = [self.unit(code)].into();
        loop {
            let before = set.len();
            for u in &self.units {
                if u["parent_id"].as_i64().is_some_and(|p| set.contains(&p)) {
                    set.insert(u["id"].as_i64().unwrap());
                }
            }
            if set.len() == before {
                return set;
            }
        }
    }

    pub fn employee(&self, id: i64) -> &Value {
        self.employees
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("no employee {id}"))
    }

    pub fn by_nip(&self, nip: &str) -> &Value {
        self.employees
            .iter()
            .find(|e| e["nip"] == nip)
            .unwrap_or_else(|| panic!("no employee {nip}"))
    }

    pub fn in_units(&self, units: &Ids) -> Ids {
        self.employees
            .iter()
            .filter(|e| units.contains(&e["unit_id"].as_i64().unwrap()))
            .map(|e| e["id"].as_i64().unwrap())
            .collect()
    }

    /// Who `me` may see: self, their supervisor, everyone below them, and the leads and
    /// members of their teams.
    pub fn circle(&self, me: i64) -> Ids {
        let mut set: Ids = [me].into();
        if let Some(s) = self.employee(me)["supervisor_id"].as_i64() {
            set.insert(s);
        }
        let mut below: Ids = [me].into();
        loop {
            let before = below.len();
            for e in &self.employees {
                if e["supervisor_id"]
                    .as_i64()
                    .is_some_and(|s| below.contains(&s))
                {
                    below.insert(e["id"].as_i64().unwrap());
                }
            }
            if below.len() == before {
                break;
            }
        }
        set.extend(below);
        for (lead, members, _) in self.teams.values() {
            if *lead == me || members.contains(&me) {
                set.insert(*lead);
                set.extend(members.iter().copied());
            }
        }
        set
    }

    /// Someone in `unit_code` whom `me` may not see.
    pub fn outsider(&self, me: i64, unit_code: &str) -> i64 {
        let circle = self.circle(me);
        *self
            .in_units(&self.subtree(unit_code))
            .iter()
            .find(|id| !circle.contains(id))
            .expect("an outsider")
    }
}

pub async fn my_employee_id(t: &TestApp, token: &str) -> i64 {
    let (status, me) = get_json(t, token, "/me").await;
    assert_eq!(status, 200);
    me["employee_id"].as_i64().unwrap()
}

/// The answer to an id that does not exist, to compare "not yours" with.
pub async fn missing_answer(t: &TestApp, token: &str, path_prefix: &str) -> (StatusCode, String) {
    let answer = get_raw(t, token, &format!("{path_prefix}{MISSING}")).await;
    assert_eq!(answer.0, 404);
    answer
}

/// Asserts that `path` answers exactly as a missing id does.
pub async fn assert_hidden(t: &TestApp, token: &str, path_prefix: &str, id: i64, who: &str) {
    let missing = missing_answer(t, token, path_prefix).await;
    let got = get_raw(t, token, &format!("{path_prefix}{id}")).await;
    assert_eq!(
        got, missing,
        "{who}: {path_prefix}{id} must answer like a missing id"
    );
}

/// Asserts that a page answers 404, like the page of a missing id.
pub async fn assert_page_hidden(b: &Browser, path_prefix: &str, id: i64, who: &str) {
    let missing = b.get(&format!("{path_prefix}{MISSING}")).await;
    assert_eq!(missing.status(), 404);
    let missing = missing.text().await.unwrap();
    let got = b.get(&format!("{path_prefix}{id}")).await;
    assert_eq!(got.status(), 404, "{who}: page {path_prefix}{id}");
    assert_eq!(
        got.text().await.unwrap(),
        missing,
        "{who}: {path_prefix}{id}"
    );
}

pub async fn signed_in(t: &TestApp, login: &str) -> Browser {
    let b = Browser::new(t);
    let r = b.login(login, PASSWORD).await;
    assert_eq!(r.status(), 303, "login {login}");
    b
}

pub async fn page_text(b: &Browser, path: &str) -> (StatusCode, String) {
    let r = b.get(path).await;
    let status = r.status();
    let text = r.text().await.unwrap();
    assert_ne!(status, 500, "{path}: {text}");
    (status, text)
}

pub fn lain_csv(nip: &str, name: &str, unit: &str, supervisor: &str) -> String {
    format!(
        "nip;nama;status;jabatan;jenis_jabatan;kode_unit;nip_atasan\n\
         {nip};{name};PNS;Pranata Komputer;fungsional;{unit};{supervisor}\n"
    )
}

/// URL-safe base64 without padding, as the API's cursors are written.
pub fn cursor_of(raw: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in raw.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..=chunk.len() {
            out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}
