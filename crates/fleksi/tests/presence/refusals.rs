//! Every refusal names its field in the reader's language and changes nothing; only
//! oneself is punched; the doors are closed to those without a token or an employee.

use super::helpers::*;

/// A punch that must be refused on `field`, leaving every presence row and the audit log
/// as they were.
async fn refused(t: &TestApp, token: &str, path: &str, body: Value, field: &str) -> Value {
    let e = engine(t);
    let before = snapshot(t).await;
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/presence/{path}", t.base))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let problem: Value = r.json().await.unwrap();
    assert_eq!(status, 422, "{e}: {path} {body}: {problem}");
    assert!(
        fields(&problem).contains(&field.to_string()),
        "{e}: {path} {body} names {field}: {problem}"
    );
    assert!(!message_of(&problem, field).is_empty(), "{e}");
    assert_eq!(
        snapshot(t).await,
        before,
        "{e}: {path} {body} changed nothing"
    );
    problem
}

#[tokio::test]
async fn bad_punches_are_refused_by_field_and_change_nothing() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let token = api_token(&t, STAFF).await;
        at(&t, "2026-11-23T00:30:00Z"); // 07:30 WIB
        let ok = |k: &str| json!({"location": "office", "client_key": k});

        // A check-out without a check-in.
        let p = refused(&t, &token, "check-out", ok("no-check-in-1"), "check_out").await;
        assert!(
            message_of(&p, "check_out").contains("belum ada presensi masuk"),
            "{e}: {p}"
        );

        // Input: location unknown or missing, keys too short, too long, missing, with spaces.
        refused(
            &t,
            &token,
            "check-in",
            json!({"location": "beach", "client_key": "abcdefgh1"}),
            "location",
        )
        .await;
        refused(
            &t,
            &token,
            "check-in",
            json!({"client_key": "abcdefgh2"}),
            "location",
        )
        .await;
        refused(&t, &token, "check-in", ok("short"), "client_key").await;
        refused(&t, &token, "check-in", ok(&"k".repeat(65)), "client_key").await;
        refused(
            &t,
            &token,
            "check-in",
            json!({"location": "office"}),
            "client_key",
        )
        .await;
        refused(&t, &token, "check-in", ok("has a space"), "client_key").await;
        refused(
            &t,
            &token,
            "check-in",
            json!({"location": "office", "client_key": "abcdefgh3", "note": "x".repeat(501)}),
            "note",
        )
        .await;
        refused(
            &t,
            &token,
            "check-in",
            json!({"location": 5, "client_key": "abcdefgh4"}),
            "location",
        )
        .await;

        // Naming another person, in any form, is refused: one checks in only oneself.
        let other = employee_of(&t, "pegawai.dukcapil").await;
        for (field, value) in [
            ("employee_id", json!(other)),
            ("nip", json!("199001012015032001")),
        ] {
            let mut body = ok("someone-else-1");
            body[field] = value;
            let p = refused(&t, &token, "check-in", body, field).await;
            assert!(message_of(&p, field).contains("diri sendiri"), "{e}: {p}");
        }
        refused(
            &t,
            &token,
            "check-in",
            json!({"location": "office", "client_key": "abcdefgh5", "when": "07:00"}),
            "when",
        )
        .await;

        // Not JSON at all.
        let before = snapshot(&t).await;
        let r = reqwest::Client::new()
            .post(format!("{}/api/v1/presence/check-in", t.base))
            .bearer_auth(&token)
            .body("location=office")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{e}");
        let p: Value = r.json().await.unwrap();
        assert_eq!(fields(&p), ["body"], "{e}");
        assert_eq!(snapshot(&t).await, before, "{e}");

        // The first check-in lands; a second one with a new key says when the first was.
        let (status, _) = check_in(&t, &token, "office", "first-check-in").await;
        assert_eq!(status, 201, "{e}");
        at(&t, "2026-11-23T01:00:00Z");
        let p = refused(&t, &token, "check-in", ok("second-check-in"), "check_in").await;
        assert!(message_of(&p, "check_in").contains("07:30"), "{e}: {p}");

        // A check-out before the check-in (a clock set back) is refused.
        at(&t, "2026-11-23T00:10:00Z");
        let p = refused(&t, &token, "check-out", ok("too-early-out"), "check_out").await;
        assert!(message_of(&p, "check_out").contains("07:30"), "{e}: {p}");

        // In the account's language (Indonesian unless the profile says otherwise).
        let p = refused(&t, &token, "check-in", ok("x"), "client_key").await;
        assert!(
            message_of(&p, "client_key").contains("karakter"),
            "{e}: {p}"
        );
    }
}

#[tokio::test]
async fn a_location_the_policy_does_not_allow_is_refused() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        unit_policy(
            &t,
            "DISKOMINFO",
            r#"{"allowed_locations":["office","other_office"]}"#,
        )
        .await;
        let token = api_token(&t, STAFF).await;
        at(&t, "2026-11-23T00:30:00Z");
        let p = refused(
            &t,
            &token,
            "check-in",
            json!({"location": "home", "client_key": "policy-home-1"}),
            "location",
        )
        .await;
        assert!(
            message_of(&p, "location").contains("office, other_office"),
            "{e}: {p}"
        );
        let now = today(&t, &token).await;
        assert_eq!(
            now["allowed_locations"],
            json!(["office", "other_office"]),
            "{e}"
        );
        let (status, _) = check_in(&t, &token, "other_office", "policy-other-1").await;
        assert_eq!(status, 201, "{e}");
    }
}

#[tokio::test]
async fn only_employees_with_a_token_reach_presence() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        at(&t, "2026-11-23T00:30:00Z");
        // No token.
        let r = reqwest::Client::new()
            .post(format!("{}/api/v1/presence/check-in", t.base))
            .json(&json!({"location": "office", "client_key": "no-token-1"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{e}");
        // An account in the agency without an employee record.
        let a = demo_agency(&t).await;
        let hash = fleksi_service::password::hash(PASSWORD.into())
            .await
            .unwrap();
        let mut c = t.app.db.conn().await.unwrap();
        fleksi_store::user::insert(
            &mut c,
            &fleksi_store::user::NewUser {
                agency_id: Some(a),
                employee_id: None,
                username: "operator.tanpa.pegawai",
                email: None,
                display_name: "Operator",
                password_hash: &hash,
            },
            0,
        )
        .await
        .unwrap();
        drop(c);
        let token = api_token(&t, "operator.tanpa.pegawai").await;
        let before = snapshot(&t).await;
        let (status, p) = check_in(&t, &token, "office", "no-employee-1").await;
        assert_eq!(status, 422, "{e}: {p}");
        assert_eq!(fields(&p), ["account"], "{e}");
        let r = api_get(&t, &token, "/presence/today").await;
        assert_eq!(r.status(), 422, "{e}");
        assert_eq!(snapshot(&t).await, before, "{e}");
        // The system administrator belongs to no agency.
        let token = api_token(&t, "admin").await;
        let (status, _) = check_in(&t, &token, "office", "sysadmin-1").await;
        assert_eq!(status, 403, "{e}");
        // Pages send strangers to sign in.
        let b = Browser::new(&t);
        assert_eq!(b.get("/presence").await.status(), 303, "{e}");
    }
}
