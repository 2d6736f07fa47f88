//! CSRF protection by double submit: a random token in a `__Host-` cookie (which no
//! other site or subdomain can set) must come back in every form. SameSite=Lax session
//! cookies are a second wall.

use crate::WebConfig;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use fleksi_domain::Locale;

pub fn cookie_name(config: &WebConfig) -> &'static str {
    if config.secure_cookies {
        "__Host-fleksi_csrf"
    } else {
        "fleksi_csrf"
    }
}

/// The token for this browser, making one (and its cookie) when there is none yet.
pub fn token(jar: CookieJar, config: &WebConfig) -> (CookieJar, String) {
    if let Some(c) = jar.get(cookie_name(config)) {
        if c.value().len() >= 32 {
            let v = c.value().to_string();
            return (jar, v);
        }
    }
    let v = fleksi_service::auth::new_token();
    let cookie = Cookie::build((cookie_name(config), v.clone()))
        .path("/")
        .http_only(true)
        .secure(config.secure_cookies)
        .same_site(SameSite::Lax)
        .build();
    (jar.add(cookie), v)
}

/// Checks a submitted form token against the cookie in constant time.
pub fn verify(
    jar: &CookieJar,
    config: &WebConfig,
    submitted: &str,
    locale: Locale,
) -> Result<(), crate::WebError> {
    let expected = jar
        .get(cookie_name(config))
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    let same = expected.len() >= 32
        && expected.len() == submitted.len()
        && expected
            .bytes()
            .zip(submitted.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if same {
        Ok(())
    } else {
        Err(crate::WebError::Csrf(locale))
    }
}
