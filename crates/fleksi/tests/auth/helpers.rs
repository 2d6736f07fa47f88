//! Helpers named for what a person does, shared by the sign-in tests.
#![allow(dead_code, unused_imports)]

pub use super::common::*;
pub use fleksi_service::Clock;
pub use jiff::SignedDuration;
pub use reqwest::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
pub use reqwest::Response;
pub use serde_json::Value;
pub use totp_rs::{Algorithm, Secret, TOTP};
pub const WRONG_LOGIN: &str = "NIP/nama pengguna atau kata sandi salah.";
pub const INVALID_CODE: &str = "kode verifikasi salah atau kedaluwarsa";
pub const CSRF_REFUSED: &str = "Formulir kedaluwarsa atau tidak sah";
pub const NEW_PASSWORD: &str = "kopi-tubruk-pagi-2026";

pub fn location(r: &Response) -> String {
    r.headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

pub fn minutes(n: i64) -> SignedDuration {
    SignedDuration::from_mins(n)
}

pub fn now_secs(t: &TestApp) -> i64 {
    t.clock.now().as_second()
}

/// The text inside the first element carrying `attr` (e.g. `id="totp-secret"`).
pub fn element_text(html: &str, attr: &str) -> Option<String> {
    let at = html.find(attr)?;
    let rest = &html[at..];
    let rest = &rest[rest.find('>')? + 1..];
    Some(rest[..rest.find('<')?].trim().to_string())
}

/// The page's alert message (wrong password, throttled, wrong code…).
pub async fn alert_of(r: Response) -> String {
    let body = r.text().await.unwrap();
    element_text(&body, r#"role="alert""#).unwrap_or_default()
}

/// The `Set-Cookie` header that sets `name`, if the response has one.
pub fn set_cookie(r: &Response, name: &str) -> Option<String> {
    r.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

/// Signs in through the form and checks it worked.
pub async fn signed_in(t: &TestApp, login: &str) -> Browser {
    signed_in_with(t, login, PASSWORD).await
}

pub async fn signed_in_with(t: &TestApp, login: &str, password: &str) -> Browser {
    let b = Browser::new(t);
    let r = b.login(login, password).await;
    assert_eq!(r.status(), 303, "{}: sign in as {login}", engine(t));
    assert_eq!(location(&r), "/");
    assert!(b.session().is_some(), "a session cookie is set");
    b
}

/// A sign-in that must be refused with 401: no session, and the page's message.
pub async fn refused_sign_in(t: &TestApp, login: &str, password: &str) -> String {
    let b = Browser::new(t);
    let r = b.login(login, password).await;
    assert_eq!(r.status(), 401, "{}: {login} refused", engine(t));
    assert!(set_cookie(&r, "fleksi_session").is_none());
    assert!(set_cookie(&r, "fleksi_pending").is_none());
    assert!(b.session().is_none());
    alert_of(r).await
}

/// Whether the browser still has a live session: a signed-in page opens instead of
/// redirecting to the sign-in page.
pub async fn is_signed_in(b: &Browser) -> bool {
    let r = b.get("/profile").await;
    match r.status().as_u16() {
        200 => true,
        303 => {
            assert_eq!(location(&r), "/login");
            false
        }
        s => panic!("unexpected {s} for /profile"),
    }
}

/// Opens `path` carrying nothing but a session cookie, as a kept or stolen cookie would.
pub async fn status_with_session_cookie(t: &TestApp, session: &str, path: &str) -> u16 {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}{path}", t.base))
        .header(COOKIE, format!("fleksi_session={session}"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

pub async fn api_me_status(t: &TestApp, token: &str) -> u16 {
    api_get(t, token, "/me").await.status().as_u16()
}

pub async fn account(t: &TestApp, username: &str) -> fleksi_store::user::UserRow {
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::user::by_username(&mut c, username)
        .await
        .unwrap()
        .expect("account exists")
}

pub async fn nip_of(t: &TestApp, username: &str) -> String {
    let u = account(t, username).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::employee::get(&mut c, u.agency_id.unwrap(), u.employee_id.unwrap())
        .await
        .unwrap()
        .expect("employee exists")
        .nip
}

/// An administrator switched the account off.
pub async fn disable_account(t: &TestApp, username: &str) {
    sqlx::query("UPDATE users SET disabled = 1 WHERE username = $1")
        .bind(username)
        .execute(t.app.db.pool())
        .await
        .unwrap();
}

pub async fn require_totp_for_admins(t: &TestApp, agency: i64) {
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::agency::set_require_totp(&mut c, agency, true)
        .await
        .unwrap();
}

/// What an authenticator app shows for `secret` at `unix_secs`.
pub fn totp_code(secret: &str, unix_secs: i64) -> String {
    let bytes = Secret::Encoded(secret.to_string())
        .to_bytes()
        .expect("base32 secret");
    TOTP::new(Algorithm::SHA1, 6, 0, 30, bytes)
        .expect("a strong enough secret")
        .generate(unix_secs as u64)
}

/// Moves the clock to the next 30-second step, so a fresh code exists.
pub fn next_code_step(t: &TestApp) {
    t.clock.advance(SignedDuration::from_secs(30));
}

/// Starts enrolment on the profile page and reads the secret it shows.
pub async fn begin_totp_enrolment(b: &Browser) -> String {
    let r = b.post("/profile/totp", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/profile/totp");
    let page = b.get("/profile/totp").await;
    assert_eq!(page.status(), 200);
    element_text(&page.text().await.unwrap(), r#"id="totp-secret""#).expect("secret shown")
}

/// The recovery codes listed in `id="recovery-codes"`.
pub fn recovery_codes(html: &str) -> Vec<String> {
    let Some(at) = html.find(r#"id="recovery-codes""#) else {
        return vec![];
    };
    let list = &html[at..];
    let list = &list[..list.find("</ul>").unwrap_or(list.len())];
    list.split("<code>")
        .skip(1)
        .filter_map(|s| s.split("</code>").next())
        .map(|s| s.trim().to_string())
        .collect()
}

/// Enrols the second factor through the pages: returns the secret and the recovery codes.
pub async fn enrol_totp(t: &TestApp, b: &Browser) -> (String, Vec<String>) {
    let secret = begin_totp_enrolment(b).await;
    let code = totp_code(&secret, now_secs(t));
    let r = b.post("/profile/totp/confirm", &[("code", &code)]).await;
    assert_eq!(r.status(), 200, "{}: confirm enrolment", engine(t));
    let codes = recovery_codes(&r.text().await.unwrap());
    assert_eq!(codes.len(), 10, "ten recovery codes shown once");
    (secret, codes)
}

/// The password step for an account with a second factor: the browser now waits at
/// /login/totp without a session.
pub async fn password_step(t: &TestApp, login: &str) -> Browser {
    let b = Browser::new(t);
    let r = b.login(login, PASSWORD).await;
    assert_eq!(r.status(), 303, "{}: password accepted", engine(t));
    assert_eq!(location(&r), "/login/totp");
    assert!(b.session().is_none(), "no session before the second factor");
    b
}

pub async fn submit_code(b: &Browser, code: &str) -> Response {
    b.post("/login/totp", &[("code", code)]).await
}

/// Asks for an API token; returns the status and the body.
pub async fn request_token(t: &TestApp, body: Value) -> (u16, Value) {
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/token", t.base))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// Audit entries of one action, as the agency admin reads them through the API.
pub async fn audit_entries(t: &TestApp, admin_token: &str, action: &str) -> Vec<Value> {
    let r = api_get(t, admin_token, &format!("/audit?action={action}&limit=200")).await;
    assert_eq!(r.status(), 200, "audit list for {action}");
    r.json().await.unwrap()
}

pub fn entries_by(entries: &[Value], user_id: i64) -> Vec<&Value> {
    entries
        .iter()
        .filter(|e| e["actor_user_id"] == user_id && e["record_type"] == "user")
        .collect()
}

pub fn assert_security_headers(r: &Response, what: &str) {
    let h = |name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("{what}: no {name} header"))
            .to_string()
    };
    let csp = h(CONTENT_SECURITY_POLICY.as_str());
    let directive = |name: &str| {
        csp.split(';')
            .map(str::trim)
            .find(|d| d.starts_with(&format!("{name} ")))
            .map(str::to_string)
    };
    let scripts = directive("script-src")
        .or_else(|| directive("default-src"))
        .unwrap_or_else(|| panic!("{what}: CSP without script-src: {csp}"));
    assert!(!scripts.contains("'unsafe-inline'"), "{what}: {csp}");
    assert!(!scripts.contains("'unsafe-eval'"), "{what}: {csp}");
    assert!(!scripts.contains('*'), "{what}: {csp}");
    assert_eq!(
        directive("frame-ancestors").as_deref(),
        Some("frame-ancestors 'none'")
    );
    assert_eq!(h("x-frame-options"), "DENY", "{what}");
    assert_eq!(h("x-content-type-options"), "nosniff", "{what}");
}

/// A strict CSP only helps if the pages need no inline script to work.
pub fn assert_no_inline_script(html: &str, what: &str) {
    for tag in html.split("<script").skip(1) {
        let open = &tag[..tag.find('>').unwrap_or(tag.len())];
        assert!(open.contains("src="), "{what}: inline <script>");
    }
    for handler in [
        " onclick=",
        " onload=",
        " onsubmit=",
        " onchange=",
        "javascript:",
    ] {
        assert!(!html.contains(handler), "{what}: inline handler {handler}");
    }
}

pub fn assert_cookie_flags(cookie: &str, what: &str) {
    let lower = cookie.to_ascii_lowercase();
    assert!(lower.contains("; httponly"), "{what}: {cookie}");
    assert!(lower.contains("; samesite=lax"), "{what}: {cookie}");
    assert!(lower.contains("; path=/"), "{what}: {cookie}");
}
