//! The second factor: enrolment, sign-in with codes, recovery codes, agency policy.

use super::helpers::*;

// ----- the second factor ---------------------------------------------------------------

#[tokio::test]
async fn totp_enrolment_then_sign_in_with_a_code_or_a_recovery_code() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b = signed_in(&t, "pegawai").await;
        let secret = begin_totp_enrolment(&b).await;
        assert!(secret.len() >= 26, "{e}: at least 128 bits");
        let r = b.post("/profile/totp/confirm", &[("code", "12345")]).await;
        assert_eq!(r.status(), 422, "{e}: a malformed code does not confirm");
        assert!(r.text().await.unwrap().contains(INVALID_CODE));
        assert_eq!(account(&t, "pegawai").await.totp_enabled, 0);

        let enrol_code = totp_code(&secret, now_secs(&t));
        let r = b
            .post("/profile/totp/confirm", &[("code", &enrol_code)])
            .await;
        assert_eq!(r.status(), 200, "{e}");
        let recovery = recovery_codes(&r.text().await.unwrap());
        assert_eq!(recovery.len(), 10, "{e}");
        assert_eq!(account(&t, "pegawai").await.totp_enabled, 1);
        assert!(is_signed_in(&b).await, "{e}: enrolling keeps the session");

        // The code that confirmed enrolment cannot also sign in.
        let waiting = password_step(&t, "pegawai").await;
        let r = submit_code(&waiting, &enrol_code).await;
        assert_eq!(r.status(), 401, "{e}: reused enrolment code");
        assert!(alert_of(r).await.contains(INVALID_CODE));
        assert!(waiting.session().is_none());

        next_code_step(&t);
        let code = totp_code(&secret, now_secs(&t));
        let r = submit_code(&waiting, &code).await;
        assert_eq!(r.status(), 303, "{e}: a fresh code signs in");
        assert_eq!(location(&r), "/");
        assert!(is_signed_in(&waiting).await, "{e}");

        let again = password_step(&t, "pegawai").await;
        let r = submit_code(&again, &code).await;
        assert_eq!(r.status(), 401, "{e}: a code works once");
        assert!(!is_signed_in(&again).await);
        assert_eq!(submit_code(&again, "000000x").await.status(), 401);

        let r = submit_code(&again, &recovery[0]).await;
        assert_eq!(r.status(), 303, "{e}: a recovery code signs in");
        assert!(is_signed_in(&again).await, "{e}");
        let once_more = password_step(&t, "pegawai").await;
        assert_eq!(
            submit_code(&once_more, &recovery[0]).await.status(),
            401,
            "{e}: a recovery code works once"
        );
        let typed = recovery[1].to_uppercase().replace('-', " ");
        assert_eq!(
            submit_code(&once_more, &typed).await.status(),
            303,
            "{e}: recovery codes forgive case and separators"
        );
        assert!(is_signed_in(&once_more).await);
    }
}

#[tokio::test]
async fn five_wrong_codes_lock_the_account_like_five_wrong_passwords() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b = signed_in(&t, "pegawai").await;
        let (secret, _) = enrol_totp(&t, &b).await;
        next_code_step(&t);
        let waiting = password_step(&t, "pegawai").await;
        for attempt in 1..=5 {
            let r = submit_code(&waiting, "abcde-fghjk").await;
            assert_eq!(r.status(), 401, "{e}: attempt {attempt}");
        }
        let r = submit_code(&waiting, &totp_code(&secret, now_secs(&t))).await;
        assert_eq!(r.status(), 429, "{e}: locked even with the right code");
        let message = alert_of(r).await;
        assert!(
            message.contains("Terlalu banyak percobaan masuk") && message.contains("15 menit"),
            "{e}: {message}"
        );
        assert!(waiting.session().is_none());
        assert_eq!(
            Browser::new(&t).login("pegawai", PASSWORD).await.status(),
            429,
            "{e}: the password step is locked too"
        );

        t.clock.advance(minutes(15) + SignedDuration::from_secs(1));
        let waiting = password_step(&t, "pegawai").await;
        let r = submit_code(&waiting, &totp_code(&secret, now_secs(&t))).await;
        assert_eq!(r.status(), 303, "{e}: unlocked after the window");
        assert!(is_signed_in(&waiting).await);
    }
}

#[tokio::test]
async fn a_pending_second_factor_is_no_session_and_expires() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b = signed_in(&t, "pegawai").await;
        let (secret, _) = enrol_totp(&t, &b).await;

        let waiting = Browser::new(&t);
        let r = waiting.login("pegawai", PASSWORD).await;
        assert_eq!(location(&r), "/login/totp", "{e}");
        let pending = set_cookie(&r, "fleksi_pending").expect("pending cookie");
        assert_cookie_flags(&pending, "pending cookie");
        let pending_token = pending
            .split(';')
            .next()
            .and_then(|p| p.split_once('='))
            .map(|(_, v)| v.to_string())
            .unwrap();
        assert_eq!(
            status_with_session_cookie(&t, &pending_token, "/profile").await,
            303,
            "{e}: a half-done sign-in opens nothing"
        );
        assert_eq!(api_me_status(&t, &pending_token).await, 401, "{e}");
        assert_eq!(waiting.get("/login/totp").await.status(), 200);

        t.clock.advance(minutes(6));
        let code = totp_code(&secret, now_secs(&t));
        let r = submit_code(&waiting, &code).await;
        assert_eq!(r.status(), 303, "{e}");
        assert_eq!(location(&r), "/login", "{e}: five minutes to finish");
        assert!(waiting.session().is_none());

        assert_eq!(
            Browser::new(&t).get("/login/totp").await.status(),
            303,
            "{e}: nothing to finish without a password step"
        );
    }
}

#[tokio::test]
async fn an_api_token_for_an_account_with_totp_needs_a_fresh_code() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b = signed_in(&t, "pegawai").await;
        let (secret, _) = enrol_totp(&t, &b).await;
        let ask = |totp: Option<String>| {
            let mut body = serde_json::json!({"login": "pegawai", "password": PASSWORD});
            if let Some(code) = totp {
                body["totp"] = code.into();
            }
            body
        };
        let (status, _) = request_token(&t, ask(None)).await;
        assert_eq!(status, 401, "{e}: the password alone is not enough");
        let (status, _) = request_token(&t, ask(Some(totp_code(&secret, now_secs(&t))))).await;
        assert_eq!(status, 401, "{e}: the enrolment code was used");

        next_code_step(&t);
        let code = totp_code(&secret, now_secs(&t));
        let (status, body) = request_token(&t, ask(Some(code.clone()))).await;
        assert_eq!(status, 200, "{e}: {body}");
        let token = body["token"].as_str().unwrap();
        let me: Value = api_get(&t, token, "/me").await.json().await.unwrap();
        assert_eq!(me["username"], "pegawai");
        assert_eq!(me["totp_enabled"], true);
        let (status, _) = request_token(&t, ask(Some(code))).await;
        assert_eq!(status, 401, "{e}: the same code twice");
    }
}

#[tokio::test]
async fn an_agency_requiring_totp_sends_its_admins_to_enrol_first() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let admin = account(&t, "admin.bkpsdm").await;
        require_totp_for_admins(&t, admin.agency_id.unwrap()).await;

        let b = signed_in(&t, "admin.bkpsdm").await;
        for path in [
            "/",
            "/employees",
            "/org",
            "/teams",
            "/import",
            "/audit",
            "/profile",
        ] {
            let r = b.get(path).await;
            assert_eq!(r.status(), 303, "{e}: {path}");
            assert_eq!(location(&r), "/profile/totp", "{e}: {path}");
        }
        let page = b.get("/profile/totp").await;
        assert_eq!(page.status(), 200);
        assert!(page
            .text()
            .await
            .unwrap()
            .contains("mewajibkan verifikasi dua langkah"));

        let token = api_token(&t, "admin.bkpsdm").await;
        for path in ["/me", "/audit", "/employees"] {
            let r = api_get(&t, &token, path).await;
            assert_eq!(r.status(), 403, "{e}: API {path}");
            assert_eq!(
                r.headers().get(CONTENT_TYPE).unwrap(),
                "application/problem+json"
            );
        }

        let leaving = signed_in(&t, "admin.bkpsdm").await;
        assert_eq!(leaving.post("/logout", &[]).await.status(), 303);
        assert!(leaving.session().is_none(), "{e}: signing out stays open");

        let staff = signed_in(&t, "pegawai").await;
        assert_eq!(staff.get("/").await.status(), 200, "{e}: not an admin");
        let elsewhere = signed_in(&t, "admin.lain").await;
        assert_eq!(elsewhere.get("/").await.status(), 200, "{e}: other agency");

        let (secret, _) = enrol_totp(&t, &b).await;
        assert_eq!(b.get("/employees").await.status(), 200, "{e}: enrolled");
        assert_eq!(api_me_status(&t, &token).await, 200, "{e}");

        next_code_step(&t);
        let code = totp_code(&secret, now_secs(&t));
        let r = b.post("/profile/totp/disable", &[("code", &code)]).await;
        assert_eq!(r.status(), 403, "{e}: cannot turn off a required factor");
        assert_eq!(account(&t, "admin.bkpsdm").await.totp_enabled, 1);
    }
}
