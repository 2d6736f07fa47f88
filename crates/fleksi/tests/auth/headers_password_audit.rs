//! Security headers and cookies, password changes, and the audit of sign-in events.

use super::helpers::*;

// ----- headers and cookies -------------------------------------------------------------

#[tokio::test]
async fn pages_carry_security_headers_and_cookies_are_httponly_and_lax() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b = Browser::new(&t);
        let r = b.get("/login").await;
        assert_security_headers(&r, "/login");
        let csrf = set_cookie(&r, "fleksi_csrf").expect("csrf cookie");
        assert_cookie_flags(&csrf, "csrf cookie");
        assert_no_inline_script(&r.text().await.unwrap(), "/login");

        let r = b.login("pegawai", PASSWORD).await;
        assert_security_headers(&r, "sign-in redirect");
        let session = set_cookie(&r, "fleksi_session").expect("session cookie");
        assert_cookie_flags(&session, &format!("{e}: session cookie"));

        for path in ["/", "/profile", "/employees", "/profile/totp"] {
            let r = b.get(path).await;
            assert_eq!(r.status(), 200, "{e}: {path}");
            assert_security_headers(&r, path);
            assert_no_inline_script(&r.text().await.unwrap(), path);
        }
        let refused = Browser::new(&t).login("pegawai", "salah").await;
        assert_security_headers(&refused, "refused sign-in");
        let forged = b.post("/profile/locale", &[("csrf", "x")]).await;
        assert_security_headers(&forged, "CSRF refusal");
    }
}

// ----- password change -----------------------------------------------------------------

#[tokio::test]
async fn a_password_change_needs_the_current_password_and_ends_other_sessions() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b = signed_in(&t, "pegawai").await;
        let phone = signed_in(&t, "pegawai").await;
        let token = api_token(&t, "pegawai").await;

        let r = b
            .post(
                "/profile/password",
                &[
                    ("current_password", "bukan-kata-sandinya"),
                    ("new_password", NEW_PASSWORD),
                    ("confirm_password", NEW_PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status(), 422, "{e}");
        let page = r.text().await.unwrap();
        assert!(
            page.contains("current_password: kata sandi salah"),
            "{e}: names the field"
        );
        let r = b
            .post(
                "/profile/password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", NEW_PASSWORD),
                    ("confirm_password", "kopi-tubruk-sore-2026"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422, "{e}");
        assert!(r.text().await.unwrap().contains("confirm_password"));
        assert!(is_signed_in(&phone).await, "{e}: nothing changed");
        assert_eq!(api_me_status(&t, &token).await, 200);
        refused_sign_in(&t, "pegawai", NEW_PASSWORD).await;
        signed_in(&t, "pegawai").await;

        let r = b
            .post(
                "/profile/password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", NEW_PASSWORD),
                    ("confirm_password", NEW_PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "{e}");
        assert!(r.text().await.unwrap().contains("Tersimpan."));
        assert!(is_signed_in(&b).await, "{e}: this session stays");
        assert!(!is_signed_in(&phone).await, "{e}: the other one ends");
        assert_eq!(api_me_status(&t, &token).await, 401, "{e}: tokens too");
        refused_sign_in(&t, "pegawai", PASSWORD).await;
        signed_in_with(&t, "pegawai", NEW_PASSWORD).await;
    }
}

#[tokio::test]
async fn a_password_change_does_not_stretch_the_twelve_hour_limit() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b = signed_in(&t, "pegawai").await;
        for _ in 0..11 {
            t.clock.advance(minutes(60));
            assert!(is_signed_in(&b).await, "{e}");
        }
        let r = b
            .post(
                "/profile/password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", NEW_PASSWORD),
                    ("confirm_password", NEW_PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "{e}");
        t.clock.advance(minutes(61));
        assert!(
            !is_signed_in(&b).await,
            "{e}: still 12 hours after the sign-in, not after the change"
        );
    }
}

// ----- audit ---------------------------------------------------------------------------

#[tokio::test]
async fn sign_in_sign_out_and_profile_changes_are_audited() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = account(&t, "pegawai").await.id;
        refused_sign_in(&t, "pegawai", "bukan-kata-sandinya").await;
        let b = signed_in(&t, "pegawai").await;
        assert_eq!(
            b.post("/profile/locale", &[("locale", "en")])
                .await
                .status(),
            303
        );
        let r = b
            .post(
                "/profile/password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", NEW_PASSWORD),
                    ("confirm_password", NEW_PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        enrol_totp(&t, &b).await;
        assert_eq!(b.post("/logout", &[]).await.status(), 303);

        let admin = api_token(&t, "admin.bkpsdm").await;
        for action in [
            "auth.sign_in_failed",
            "auth.sign_in_web",
            "user.locale",
            "user.password_changed",
            "totp.enrolment_started",
            "totp.enabled",
            "auth.sign_out",
        ] {
            let entries = audit_entries(&t, &admin, action).await;
            let mine = entries_by(&entries, me);
            assert_eq!(mine.len(), 1, "{e}: one {action} entry");
            assert_eq!(mine[0]["actor"], "pegawai");
            assert_eq!(mine[0]["address"], "127.0.0.1", "{e}: {action}");
        }
        let locale = audit_entries(&t, &admin, "user.locale").await;
        let locale = entries_by(&locale, me)[0];
        assert_eq!(locale["before"]["locale"], "id");
        assert_eq!(locale["after"]["locale"], "en");
        let api_sign_in = audit_entries(&t, &admin, "auth.sign_in_api").await;
        assert!(
            !entries_by(&api_sign_in, account(&t, "admin.bkpsdm").await.id).is_empty(),
            "{e}: API sign-ins are audited too"
        );
    }
}
