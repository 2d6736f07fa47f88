//! A report is read by its author, their direct supervisor and the readers of their unit;
//! only the supervisor acknowledges. Colleagues and other units' heads are forbidden;
//! other agencies do not even see that a report exists.

use super::helpers::*;

#[tokio::test]
async fn everyone_else_is_refused_at_every_report_door() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = api_token(&t, STAFF).await;
        let (s, r) = report(&t, &me, &json!({"items": three_items()})).await;
        assert_eq!(s, 201, "{e}");
        let id = r["id"].as_i64().unwrap();
        let (_, peer_login) = colleague(&t).await;

        // (login, reading the report, acknowledging it, the team day)
        let cases: Vec<(&str, u16, u16, u16)> = vec![
            (peer_login.as_str(), 403, 403, 403), // a colleague
            ("kepala.diskominfo", 403, 403, 200), // another unit's head: their own team only
            ("admin.lain", 404, 404, 200),        // another agency: their own team only
        ];
        for (login, read, ack, team) in cases {
            let tok = api_token(&t, login).await;
            let before = snapshot(&t).await;
            let (s, _) = get_json(&t, &tok, &format!("/reports/{id}")).await;
            assert_eq!(s.as_u16(), read, "{e}: {login} reads");
            let s = api_post(
                &t,
                &tok,
                &format!("/reports/{id}/acknowledge"),
                &json!({"version": 1}),
            )
            .await
            .status();
            assert_eq!(s.as_u16(), ack, "{e}: {login} acknowledges");
            let (s, day) = get_json(&t, &tok, "/reports/team").await;
            assert_eq!(s.as_u16(), team, "{e}: {login} team day");
            assert!(
                !day.to_string().contains("akses SIAK belum aktif"),
                "{e}: {login} sees nothing of it"
            );
            let b = signed_in(&t, login).await;
            let status = b.get(&format!("/reports/{id}")).await.status();
            assert_eq!(status.as_u16(), read, "{e}: {login} opens the page");
            assert_eq!(
                snapshot(&t).await[..7],
                before[..7],
                "{e}: {login} changed nothing"
            );
        }
        // Another unit's head may not ask for this unit's day.
        let u = unit(&t, UNIT).await;
        let other_head = api_token(&t, "kepala.diskominfo").await;
        let (s, _) = get_json(&t, &other_head, &format!("/reports/team?unit={}", u.id)).await;
        assert_eq!(s, 403, "{e}");
        // The agency admin reads the unit's day, without acknowledging.
        let admin = api_token(&t, "admin.bkpsdm").await;
        let (s, day) = get_json(&t, &admin, &format!("/reports/team?unit={}", u.id)).await;
        assert_eq!(s, 200, "{e}: {day}");
        assert!(day.to_string().contains("akses SIAK belum aktif"), "{e}");
        let s = api_post(
            &t,
            &admin,
            &format!("/reports/{id}/acknowledge"),
            &json!({"version": 1}),
        )
        .await
        .status();
        assert_eq!(s, 403, "{e}: reading is not acknowledging");
        // Without a token, nothing.
        let s = reqwest::Client::new()
            .get(format!("{}/api/v1/reports/{id}", t.base))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(s, 401, "{e}");
    }
}
