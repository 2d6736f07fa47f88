//! Sign-in, throttling, session lifetimes, signing out and CSRF.

use super::helpers::*;

// ----- sign-in -------------------------------------------------------------------------

#[tokio::test]
async fn sign_in_by_username_or_nip_and_every_refusal_looks_the_same() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let by_name = signed_in(&t, "pegawai").await;
        assert!(is_signed_in(&by_name).await, "{e}");

        let nip = nip_of(&t, "pegawai").await;
        assert_eq!(nip.len(), 18);
        let by_nip = signed_in(&t, &nip).await;
        let profile = by_nip.get("/profile").await.text().await.unwrap();
        assert!(
            profile.contains("pegawai"),
            "{e}: NIP signs in the same account"
        );

        let helpdesk = signed_in(&t, "helpdesk").await;
        disable_account(&t, "helpdesk").await;
        assert!(
            !is_signed_in(&helpdesk).await,
            "{e}: a disabled account's session ends"
        );

        let wrong = refused_sign_in(&t, "pegawai", "bukan-kata-sandinya").await;
        assert_eq!(wrong, WRONG_LOGIN, "{e}");
        let unknown = refused_sign_in(&t, "tidak.ada.orangnya", PASSWORD).await;
        assert_eq!(unknown, wrong, "{e}: an unknown login gets the same answer");
        let disabled = refused_sign_in(&t, "helpdesk", PASSWORD).await;
        assert_eq!(
            disabled, wrong,
            "{e}: a disabled login gets the same answer"
        );
        let empty = refused_sign_in(&t, "", "").await;
        assert_eq!(empty, wrong, "{e}");
    }
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_for_fifteen_minutes() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b = Browser::new(&t);
        for attempt in 1..=5 {
            let r = b.login("pegawai", "bukan-kata-sandinya").await;
            assert_eq!(r.status(), 401, "{e}: attempt {attempt}");
        }
        let r = b.login("pegawai", PASSWORD).await;
        assert_eq!(r.status(), 429, "{e}: locked even with the right password");
        assert!(set_cookie(&r, "fleksi_session").is_none());
        let message = alert_of(r).await;
        assert!(
            message.contains("Terlalu banyak percobaan masuk") && message.contains("15 menit"),
            "{e}: {message}"
        );
        let nip = nip_of(&t, "pegawai").await;
        assert_eq!(
            b.login(&nip, PASSWORD).await.status(),
            429,
            "{e}: the account is locked, whatever login names it"
        );
        signed_in(&t, "kepala.diskominfo").await;

        t.clock.advance(minutes(5));
        let message = alert_of(b.login("pegawai", PASSWORD).await).await;
        assert!(message.contains("10 menit"), "{e}: {message}");

        t.clock.advance(minutes(10) + SignedDuration::from_secs(1));
        let b = signed_in(&t, "pegawai").await;
        assert!(is_signed_in(&b).await, "{e}: unlocked after the window");
    }
}

// ----- session lifetimes and signing out -----------------------------------------------

#[tokio::test]
async fn a_session_ends_after_two_idle_hours_and_use_keeps_it_alive() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b = signed_in(&t, "pegawai").await;
        t.clock.advance(minutes(119));
        assert!(is_signed_in(&b).await, "{e}: 1h59 idle is fine");
        t.clock.advance(minutes(119));
        assert!(is_signed_in(&b).await, "{e}: use slid the idle limit");
        t.clock.advance(minutes(121));
        assert!(!is_signed_in(&b).await, "{e}: 2h01 idle ends it");
        assert_eq!(b.get("/").await.status(), 303);
    }
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_sign_in_however_busy() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b = signed_in(&t, "pegawai").await;
        for hour in 1..=11 {
            t.clock.advance(minutes(60));
            assert!(is_signed_in(&b).await, "{e}: hour {hour}");
        }
        t.clock.advance(minutes(59));
        assert!(is_signed_in(&b).await, "{e}: 11h59");
        t.clock.advance(minutes(2));
        assert!(!is_signed_in(&b).await, "{e}: 12h01 ends it");
    }
}

#[tokio::test]
async fn logout_ends_the_session_and_the_old_cookie_stops_working() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b = signed_in(&t, "pegawai").await;
        let old = b.session().unwrap();
        assert_eq!(status_with_session_cookie(&t, &old, "/profile").await, 200);
        let r = b.post("/logout", &[]).await;
        assert_eq!(r.status(), 303, "{e}");
        assert_eq!(location(&r), "/login");
        assert!(b.session().is_none(), "{e}: the cookie is cleared");
        assert_eq!(
            status_with_session_cookie(&t, &old, "/profile").await,
            303,
            "{e}: a kept copy of the cookie is worthless"
        );
    }
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_session_and_api_token_of_that_user() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let laptop = signed_in(&t, "pegawai").await;
        let phone = signed_in(&t, "pegawai").await;
        let token = api_token(&t, "pegawai").await;
        let colleague = signed_in(&t, "kepala.diskominfo").await;
        let colleague_token = api_token(&t, "kepala.diskominfo").await;
        assert_eq!(api_me_status(&t, &token).await, 200);

        let r = laptop.post("/logout/everywhere", &[]).await;
        assert_eq!(r.status(), 303, "{e}");
        assert_eq!(location(&r), "/login");
        assert!(!is_signed_in(&laptop).await, "{e}");
        assert!(!is_signed_in(&phone).await, "{e}: the other device too");
        assert_eq!(api_me_status(&t, &token).await, 401, "{e}: API token too");
        assert!(is_signed_in(&colleague).await, "{e}: others are untouched");
        assert_eq!(api_me_status(&t, &colleague_token).await, 200);
    }
}

// ----- CSRF ----------------------------------------------------------------------------

#[tokio::test]
async fn forms_without_the_right_csrf_token_are_refused_and_change_nothing() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b = signed_in(&t, "pegawai").await;
        let other = signed_in(&t, "kepala.diskominfo").await;
        let session = b.session().unwrap();
        let csrf = b.csrf();
        assert!(csrf.len() >= 32);

        // No token field at all.
        let r = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .post(format!("{}/profile/locale", t.base))
            .header(
                COOKIE,
                format!("fleksi_session={session}; fleksi_csrf={csrf}"),
            )
            .form(&[("locale", "en")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{e}: no token");
        assert!(r.text().await.unwrap().contains(CSRF_REFUSED));

        let forged = "A".repeat(csrf.len());
        for (why, token) in [
            ("empty", String::new()),
            ("wrong", forged),
            ("another browser's", other.csrf()),
        ] {
            let r = b
                .post("/profile/locale", &[("locale", "en"), ("csrf", &token)])
                .await;
            assert_eq!(r.status(), 403, "{e}: {why} token");
        }
        // The right token, but the cookie it must match is gone.
        b.forget("fleksi_csrf");
        let r = b
            .post("/profile/locale", &[("locale", "en"), ("csrf", &csrf)])
            .await;
        assert_eq!(r.status(), 403, "{e}: token without its cookie");
        assert_eq!(account(&t, "pegawai").await.locale, "id", "{e}: unchanged");

        // Sign-out and sign-in forms are guarded too.
        assert_eq!(b.post("/logout", &[("csrf", "")]).await.status(), 403);
        assert!(
            is_signed_in(&b).await,
            "{e}: a forged sign-out does nothing"
        );
        let fresh = Browser::new(&t);
        fresh.get("/login").await;
        let r = fresh
            .post(
                "/login",
                &[("login", "pegawai"), ("password", PASSWORD), ("csrf", "")],
            )
            .await;
        assert_eq!(r.status(), 403, "{e}: sign-in form without token");
        assert!(fresh.session().is_none());

        // With the token the same change goes through.
        let r = b.post("/profile/locale", &[("locale", "en")]).await;
        assert_eq!(r.status(), 303, "{e}");
        assert_eq!(account(&t, "pegawai").await.locale, "en");
    }
}

#[tokio::test]
async fn housekeeping_forgets_expired_sessions_and_old_failures_only() {
    for t in spawn_all_seeded().await {
        let live = signed_in(&t, "pegawai").await;
        refused_sign_in(&t, "ketua.tim", "salah-sekali").await;
        let count = |table: &'static str| {
            let db = t.app.db.clone();
            async move {
                let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                    .fetch_one(db.pool())
                    .await
                    .unwrap();
                n
            }
        };
        let (sessions, failures) = (count("sessions").await, count("login_failures").await);
        assert!(sessions >= 1 && failures >= 1);
        // Nothing is due yet: the live session and the fresh failure stay.
        assert_eq!(
            fleksi_service::auth::purge_expired(&t.app).await.unwrap(),
            (0, 0)
        );
        assert!(is_signed_in(&live).await);
        t.clock.advance(SignedDuration::from_hours(13));
        let (gone_sessions, gone_failures) =
            fleksi_service::auth::purge_expired(&t.app).await.unwrap();
        assert!(
            gone_sessions >= 1,
            "{}: expired sessions removed",
            engine(&t)
        );
        assert!(gone_failures >= 1);
        assert_eq!(count("login_failures").await, 0);
        assert!(!is_signed_in(&live).await);
    }
}
