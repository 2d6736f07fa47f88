//! Test harness: a real server on port 0 over a fresh database (SQLite, and PostgreSQL
//! when `FLEKSI_TEST_PG_URL` is set), a test clock, and a small browser that keeps
//! cookies and CSRF tokens the way a real one does.
#![allow(dead_code)]

use fleksi_service::{demo, import, user, Actor, App, TestClock};
use fleksi_store::testing::TestDb;
use fleksi_web::WebConfig;
use reqwest::header::{HeaderMap, COOKIE, SET_COOKIE};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

pub const PASSWORD: &str = "kata-sandi-uji-123";

pub struct TestApp {
    pub base: String,
    pub app: App,
    pub clock: Arc<TestClock>,
    pub db: TestDb,
}

/// A server over a fresh database of `db`.
pub async fn spawn_app(db: TestDb) -> TestApp {
    let clock = Arc::new(TestClock::new("2026-11-23T02:00:00Z".parse().unwrap()));
    let app = App::with_clock(db.db.clone(), clock.clone());
    // As `fleksi serve` does after migrating: the national calendar is there.
    fleksi_service::calendar::ensure_builtin(&app.db, app.now())
        .await
        .unwrap();
    // Plain cookie names: reqwest is not a browser and has no secure-context rules; the
    // browser tests in e2e/ run with the `__Host-` cookies.
    let router = fleksi_web::router(
        app.clone(),
        WebConfig {
            secure_cookies: false,
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    TestApp {
        base: format!("http://{addr}"),
        app,
        clock,
        db,
    }
}

/// One server per available engine, each with the demo agency and a second, small agency.
pub async fn spawn_all_seeded() -> Vec<TestApp> {
    let mut apps = Vec::new();
    for db in TestDb::all().await {
        let t = spawn_app(db).await;
        seed(&t).await;
        apps.push(t);
    }
    apps
}

/// The demo agency (every login's password is `PASSWORD`) plus "KOTA-LAIN", a second
/// agency with one unit, two people and an agency admin `admin.lain`.
pub async fn seed(t: &TestApp) {
    demo::seed(&t.app, PASSWORD).await.unwrap();
    let other = user::create_agency(
        &t.app,
        &Actor::cli(None),
        "KOTA-LAIN",
        "Pemerintah Kota Lain",
    )
    .await
    .unwrap();
    let actor = Actor::cli(Some(other));
    import::import_units(
        &t.app,
        &actor,
        b"kode;nama;zona_waktu\nDISKOMINFO;Dinas Kominfo Kota Lain;WITA\n",
    )
    .await
    .unwrap();
    import::import_employees(
        &t.app,
        &actor,
        "nip;nama;status;jabatan;jenis_jabatan;kode_unit;nip_atasan\n\
         197001011995031001;Kepala Lain;PNS;Kepala Dinas;struktural;DISKOMINFO;\n\
         199001012015032001;Staf Lain;PNS;Pranata Komputer;fungsional;DISKOMINFO;197001011995031001\n"
            .as_bytes(),
    )
    .await
    .unwrap();
    let hash = fleksi_service::password::hash(PASSWORD.into())
        .await
        .unwrap();
    let mut tx = t.app.db.begin().await.unwrap();
    let e = fleksi_store::employee::by_nip(&mut tx, other.0, "197001011995031001")
        .await
        .unwrap()
        .unwrap();
    let id = fleksi_store::user::insert(
        &mut tx,
        &fleksi_store::user::NewUser {
            agency_id: Some(other.0),
            employee_id: Some(e.id),
            username: "admin.lain",
            email: None,
            display_name: "Kepala Lain",
            password_hash: &hash,
        },
        0,
    )
    .await
    .unwrap();
    fleksi_store::user::add_grant(&mut tx, id, Some(other.0), "agency_admin", None, 0)
        .await
        .unwrap();
    fleksi_store::commit(tx).await.unwrap();
}

/// A browser: keeps cookies, follows no redirects (tests look at them), knows the CSRF token.
pub struct Browser {
    pub base: String,
    client: reqwest::Client,
    cookies: Mutex<HashMap<String, String>>,
}

impl Browser {
    pub fn new(t: &TestApp) -> Browser {
        Browser {
            base: t.base.clone(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: Mutex::new(HashMap::new()),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&self, headers: &HeaderMap) {
        let mut jar = self.cookies.lock().unwrap();
        for v in headers.get_all(SET_COOKIE) {
            let v = v.to_str().unwrap();
            let pair = v.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            let expired = v.to_ascii_lowercase().contains("max-age=0") || value.is_empty();
            if expired {
                jar.remove(name);
            } else {
                jar.insert(name.to_string(), value.to_string());
            }
        }
    }

    pub fn csrf(&self) -> String {
        self.cookies
            .lock()
            .unwrap()
            .get("fleksi_csrf")
            .cloned()
            .unwrap_or_default()
    }

    pub fn session(&self) -> Option<String> {
        self.cookies.lock().unwrap().get("fleksi_session").cloned()
    }

    pub fn forget(&self, name: &str) {
        self.cookies.lock().unwrap().remove(name);
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .send()
            .await
            .unwrap();
        self.keep(r.headers());
        r
    }

    /// Posts a form, adding the CSRF token unless the test sets `csrf` itself.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut form: Vec<(String, String)> = fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        if !fields.iter().any(|(k, _)| *k == "csrf") {
            form.push(("csrf".into(), self.csrf()));
        }
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .form(&form)
            .send()
            .await
            .unwrap();
        self.keep(r.headers());
        r
    }

    pub async fn post_multipart(
        &self,
        path: &str,
        form: reqwest::multipart::Form,
    ) -> reqwest::Response {
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .multipart(form)
            .send()
            .await
            .unwrap();
        self.keep(r.headers());
        r
    }

    /// Signs in through the sign-in page; returns the response to the form post.
    pub async fn login(&self, login: &str, password: &str) -> reqwest::Response {
        self.get("/login").await;
        self.post("/login", &[("login", login), ("password", password)])
            .await
    }
}

/// Signs in through the API and returns a bearer token.
pub async fn api_token(t: &TestApp, login: &str) -> String {
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/token", t.base))
        .json(&serde_json::json!({"login": login, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "token for {login}");
    r.json::<serde_json::Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string()
}

pub async fn api_get(t: &TestApp, token: &str, path: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("{}/api/v1{path}", t.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

/// The id of an agency, by code.
pub async fn agency_id(t: &TestApp, code: &str) -> i64 {
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::agency::by_code(&mut c, code)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no agency {code}"))
        .id
}

/// How many employees an agency has, read straight from the store.
pub async fn employee_count(t: &TestApp, agency_code: &str) -> i64 {
    let a = agency_id(t, agency_code).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::employee::count(&mut c, a).await.unwrap()
}

/// How many units an agency has.
pub async fn unit_count(t: &TestApp, agency_code: &str) -> usize {
    let a = agency_id(t, agency_code).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::org::list_units(&mut c, a)
        .await
        .unwrap()
        .len()
}

/// How many audit entries an agency has.
pub async fn audit_count(t: &TestApp, agency_code: &str) -> usize {
    let a = agency_id(t, agency_code).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::audit::list(
        &mut c,
        Some(a),
        &fleksi_store::audit::Filter::default(),
        None,
        i64::MAX,
    )
    .await
    .unwrap()
    .len()
}

/// Posts a CSV file to `/api/v1/import/{kind}` (`employees` or `units`).
pub async fn api_import(
    t: &TestApp,
    token: &str,
    kind: &str,
    csv: impl Into<Vec<u8>>,
) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/api/v1/import/{kind}", t.base))
        .bearer_auth(token)
        .header(reqwest::header::CONTENT_TYPE, "text/csv")
        .body(csv.into())
        .send()
        .await
        .unwrap()
}

/// Uploads a CSV file through the import page's form, as a browser does.
pub async fn upload_import(b: &Browser, kind: &str, csv: impl Into<Vec<u8>>) -> reqwest::Response {
    let file = reqwest::multipart::Part::bytes(csv.into())
        .file_name("data.csv")
        .mime_str("text/csv")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("csrf", b.csrf())
        .text("kind", kind.to_string())
        .part("file", file);
    b.post_multipart("/import", form).await
}

/// The people placed directly in the unit with this code (first page), as the API lists them.
pub async fn people_in(t: &TestApp, token: &str, unit_code: &str) -> Vec<serde_json::Value> {
    let units: serde_json::Value = api_get(t, token, "/units").await.json().await.unwrap();
    let unit = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == unit_code)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let page: serde_json::Value = api_get(t, token, &format!("/employees?unit={unit}"))
        .await
        .json()
        .await
        .unwrap();
    page["items"].as_array().unwrap().clone()
}

/// A browser signed in as a demo login (every login's password is `PASSWORD`).
pub async fn signed_in(t: &TestApp, login: &str) -> Browser {
    let b = Browser::new(t);
    let r = b.login(login, PASSWORD).await;
    assert_eq!(r.status(), 303, "sign-in of {login}");
    b
}

/// A unit of the demo agency by its code.
pub async fn unit(t: &TestApp, code: &str) -> fleksi_store::org::UnitRow {
    let a = agency_id(t, "KAB-NUSARAYA").await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::org::by_code(&mut c, a, code)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no unit {code}"))
}

/// The employee id behind a login.
pub async fn employee_of(t: &TestApp, login: &str) -> i64 {
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::user::by_username(&mut c, login)
        .await
        .unwrap()
        .unwrap()
        .employee_id
        .unwrap()
}

/// The engine's name, for assertion messages.
pub fn engine(t: &TestApp) -> String {
    format!("{:?}", t.db.engine())
}

/// The demo agency's id.
pub async fn demo_agency(t: &TestApp) -> i64 {
    agency_id(t, "KAB-NUSARAYA").await
}

/// The fields a problem document (a refusal) names.
pub fn fields(problem: &serde_json::Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["field"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// One number from the database (a count, a sum cast to BIGINT, an id).
pub async fn count(t: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(t.app.db.pool())
        .await
        .unwrap()
}

/// A page as a browser gets it: the status and the HTML.
pub async fn page(b: &Browser, path: &str) -> (reqwest::StatusCode, String) {
    let r = b.get(path).await;
    let status = r.status();
    (status, r.text().await.unwrap())
}

/// Posts a form; the status, the redirect target (or empty) and the body.
pub async fn send(
    b: &Browser,
    path: &str,
    fields: &[(&str, &str)],
) -> (reqwest::StatusCode, String, String) {
    let r = b.post(path, fields).await;
    let status = r.status();
    let to = r
        .headers()
        .get(reqwest::header::LOCATION)
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, to, r.text().await.unwrap())
}

/// An API call with a bearer token and an optional JSON body; the status and the JSON
/// answer (null when there is none).
pub async fn call(
    t: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> (reqwest::StatusCode, serde_json::Value) {
    let mut r = reqwest::Client::new()
        .request(method, format!("{}/api/v1{path}", t.base))
        .bearer_auth(token);
    if let Some(b) = body {
        r = r.json(&b);
    }
    let r = r.send().await.unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(serde_json::Value::Null))
}

/// `call` with POST and a JSON body.
pub async fn post(
    t: &TestApp,
    token: &str,
    path: &str,
    body: serde_json::Value,
) -> (reqwest::StatusCode, serde_json::Value) {
    call(t, token, reqwest::Method::POST, path, Some(body)).await
}

/// `call` with GET.
pub async fn get(t: &TestApp, token: &str, path: &str) -> (reqwest::StatusCode, serde_json::Value) {
    call(t, token, reqwest::Method::GET, path, None).await
}
