//! The API's front door on every engine: `POST /api/v1/auth/token`, bearer tokens on
//! `GET /api/v1/me`, RFC 9457 problems for every refusal, malformed bodies answered with
//! a clear 4xx, throttling with `Retry-After`, and how long a token lives.

mod common;
use common::*;
use jiff::SignedDuration;
use reqwest::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, RETRY_AFTER};
use reqwest::Response;
use serde_json::{json, Value};

const PROBLEM: &str = "application/problem+json";

fn engine(t: &TestApp) -> String {
    format!("{:?}", t.db.engine())
}

fn token_url(t: &TestApp) -> String {
    format!("{}/api/v1/auth/token", t.base)
}

async fn ask_token(t: &TestApp, login: &str, password: &str) -> Response {
    reqwest::Client::new()
        .post(token_url(t))
        .json(&json!({"login": login, "password": password}))
        .send()
        .await
        .unwrap()
}

/// Posts raw bytes to the token endpoint with the given content type.
async fn post_raw_token_request(t: &TestApp, content_type: &str, body: &'static str) -> Response {
    reqwest::Client::new()
        .post(token_url(t))
        .header(CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

/// Checks the response is an RFC 9457 problem with `status`; returns its body.
async fn problem(r: Response, status: u16, what: &str) -> Value {
    assert_eq!(r.status().as_u16(), status, "{what}");
    assert_eq!(
        r.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()),
        Some(PROBLEM),
        "{what}"
    );
    let body: Value = r.json().await.unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(body["status"], status, "{what}");
    assert!(
        body["title"].as_str().is_some_and(|s| !s.is_empty()),
        "{what}: a title"
    );
    body
}

async fn me_status(t: &TestApp, token: &str) -> u16 {
    api_get(t, token, "/me").await.status().as_u16()
}

async fn nip_of(t: &TestApp, username: &str) -> String {
    let mut c = t.app.db.conn().await.unwrap();
    let u = fleksi_store::user::by_username(&mut c, username)
        .await
        .unwrap()
        .unwrap();
    fleksi_store::employee::get(&mut c, u.agency_id.unwrap(), u.employee_id.unwrap())
        .await
        .unwrap()
        .unwrap()
        .nip
}

#[tokio::test]
async fn a_token_from_login_and_password_opens_me() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let r = ask_token(&t, "pegawai", PASSWORD).await;
        assert_eq!(r.status(), 200, "{e}");
        let body: Value = r.json().await.unwrap();
        let token = body["token"].as_str().expect("token").to_string();
        assert!(token.len() >= 43, "{e}: 256 random bits");
        // The test clock stands at 2026-11-23T02:00:00Z; tokens live 30 days.
        assert_eq!(body["expires_at"], "2026-12-23T02:00:00Z", "{e}");

        let r = api_get(&t, &token, "/me").await;
        assert_eq!(r.status(), 200, "{e}");
        let me: Value = r.json().await.unwrap();
        assert_eq!(me["username"], "pegawai");
        assert_eq!(me["totp_enabled"], false);
        let nip = nip_of(&t, "pegawai").await;
        assert_eq!(me["employee"]["nip"], nip.as_str());

        let r = ask_token(&t, &nip, PASSWORD).await;
        assert_eq!(r.status(), 200, "{e}: by NIP too");
        let other: Value = r.json().await.unwrap();
        assert_ne!(other["token"], body["token"], "{e}: each token is new");
    }
}

#[tokio::test]
async fn me_without_a_valid_bearer_token_is_a_401_problem() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let client = reqwest::Client::new();
        let url = format!("{}/api/v1/me", t.base);
        let r = client.get(&url).send().await.unwrap();
        problem(r, 401, &format!("{e}: no header")).await;
        let r = client
            .get(&url)
            .bearer_auth("bukan-token")
            .send()
            .await
            .unwrap();
        problem(r, 401, &format!("{e}: unknown token")).await;
        let r = client
            .get(&url)
            .basic_auth("pegawai", Some(PASSWORD))
            .send()
            .await
            .unwrap();
        problem(r, 401, &format!("{e}: basic auth is not accepted")).await;
        let r = client
            .get(&url)
            .header(ACCEPT_LANGUAGE, "en")
            .send()
            .await
            .unwrap();
        let body = problem(r, 401, &format!("{e}: English")).await;
        assert_eq!(
            body["title"],
            "Your session has ended. Please sign in again."
        );
    }
}

#[tokio::test]
async fn wrong_unknown_or_disabled_logins_get_the_same_401_problem() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        sqlx::query("UPDATE users SET disabled = 1 WHERE username = $1")
            .bind("helpdesk")
            .execute(t.app.db.pool())
            .await
            .unwrap();
        let wrong = problem(
            ask_token(&t, "pegawai", "bukan-kata-sandinya").await,
            401,
            &e,
        )
        .await;
        assert_eq!(wrong["title"], "NIP/nama pengguna atau kata sandi salah.");
        let unknown = problem(ask_token(&t, "tidak.ada", PASSWORD).await, 401, &e).await;
        let disabled = problem(ask_token(&t, "helpdesk", PASSWORD).await, 401, &e).await;
        assert_eq!(unknown, wrong, "{e}");
        assert_eq!(disabled, wrong, "{e}");

        let r = reqwest::Client::new()
            .post(token_url(&t))
            .header(ACCEPT_LANGUAGE, "en-US,en;q=0.9")
            .json(&json!({"login": "pegawai", "password": "bukan-kata-sandinya"}))
            .send()
            .await
            .unwrap();
        let english = problem(r, 401, &e).await;
        assert_eq!(english["title"], "Wrong NIP/username or password.");
    }
}

#[tokio::test]
async fn malformed_token_requests_get_a_clear_4xx_never_a_500() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let cases: [(&str, &str, &'static str); 8] = [
            (
                "truncated JSON",
                "application/json",
                r#"{"login": "pegawai""#,
            ),
            ("not JSON", "application/json", "login=pegawai&password=x"),
            ("a JSON array", "application/json", "[]"),
            ("no password", "application/json", r#"{"login": "pegawai"}"#),
            (
                "a number for login",
                "application/json",
                r#"{"login": 5, "password": "x"}"#,
            ),
            ("an empty body", "application/json", ""),
            (
                "no JSON content type",
                "text/plain",
                r#"{"login": "pegawai", "password": "x"}"#,
            ),
            (
                "invalid UTF-8 escape",
                "application/json",
                r#"{"login": "\ud800", "password": "x"}"#,
            ),
        ];
        for (what, content_type, body) in cases {
            let r = post_raw_token_request(&t, content_type, body).await;
            let status = r.status().as_u16();
            assert!((400..500).contains(&status), "{e}: {what} gave {status}");
            let p = problem(r, status, &format!("{e}: {what}")).await;
            assert_eq!(p["errors"][0]["field"], "body", "{e}: {what}");
        }
        // None of that counted as a failed sign-in.
        assert_eq!(ask_token(&t, "pegawai", PASSWORD).await.status(), 200);
    }
}

#[tokio::test]
async fn api_sign_in_is_throttled_with_retry_after() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        for attempt in 1..=5 {
            let r = ask_token(&t, "pegawai", "bukan-kata-sandinya").await;
            assert_eq!(r.status(), 401, "{e}: attempt {attempt}");
        }
        let r = ask_token(&t, "pegawai", PASSWORD).await;
        let retry: i64 = r
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .expect("Retry-After seconds");
        assert_eq!(retry, 15 * 60, "{e}");
        let p = problem(r, 429, &e).await;
        let title = p["title"].as_str().unwrap();
        assert!(title.contains("15 menit"), "{e}: {title}");
        assert_eq!(
            ask_token(&t, "kepala.diskominfo", PASSWORD).await.status(),
            200,
            "{e}: only that account is locked"
        );
        t.clock
            .advance(SignedDuration::from_mins(15) + SignedDuration::from_secs(1));
        assert_eq!(
            ask_token(&t, "pegawai", PASSWORD).await.status(),
            200,
            "{e}"
        );
    }
}

#[tokio::test]
async fn an_api_token_outlives_idle_hours_but_not_thirty_days() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let token = api_token(&t, "pegawai").await;
        t.clock.advance(SignedDuration::from_hours(13));
        assert_eq!(me_status(&t, &token).await, 200, "{e}: no idle limit");
        t.clock.advance(SignedDuration::from_hours(30 * 24 - 13));
        assert_eq!(me_status(&t, &token).await, 401, "{e}: expired");
    }
}

/// A token works only where it was issued: a browser session is no API key, and an API
/// token placed in a cookie opens no page.
#[tokio::test]
async fn session_cookies_and_api_tokens_are_not_interchangeable() {
    for t in spawn_all_seeded().await {
        let b = Browser::new(&t);
        b.login("pegawai", PASSWORD).await;
        let session = b.session().expect("signed in");
        assert_eq!(
            api_get(&t, &session, "/me").await.status(),
            401,
            "session cookie used as bearer"
        );
        let token = api_token(&t, "pegawai").await;
        let r = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .get(format!("{}/", t.base))
            .header("cookie", format!("fleksi_session={token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "API token used as session cookie");
        assert_eq!(api_get(&t, &token, "/me").await.status(), 200);
    }
}
