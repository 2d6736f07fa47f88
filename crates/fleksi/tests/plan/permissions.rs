//! Only the requester's direct supervisor, the official acting for them, or an admin of the
//! requester's subtree decides; nobody decides their own request; other units are
//! forbidden and other agencies do not even see that the request exists.

use super::helpers::*;

#[tokio::test]
async fn everyone_else_is_refused_at_every_plan_door() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = employee_of(&t, STAFF).await;
        settle(&t, &[me]).await;
        let peer = colleagues(&t).await.remove(0);
        let token = api_token(&t, STAFF).await;
        let (status, body) = submit(&t, &token, &week(&["tuesday"])).await;
        assert_eq!(status, 201, "{e}: {body}");
        let id = body["id"].as_i64().unwrap();
        let sid = id.to_string();

        // (login, deciding through the API, the request's page, the queue page)
        let cases: Vec<(&str, u16, u16, u16)> = vec![
            (STAFF, 403, 200, 403),           // the requester decides nothing of their own
            (peer.1.as_str(), 403, 403, 403), // a colleague of the same unit
            ("kepala.diskominfo", 403, 403, 200), // a supervisor of another unit
            ("admin.dinkes", 403, 403, 200),  // the admin of another subtree
            ("pegawai", 403, 403, 403),       // a plain employee elsewhere
            ("auditor", 403, 403, 403),       // reads the audit log, decides nothing
            ("admin.lain", 404, 404, 200),    // another agency's admin: not found
        ];
        for (login, decide_status, page_status, queue_status) in cases {
            let before = snapshot(&t).await;
            let tok = api_token(&t, login).await;
            for decision in ["approve", "reject", "changes"] {
                let (status, _) = decide(&t, &tok, &[id], decision, "catatan").await;
                assert_eq!(status.as_u16(), decide_status, "{e}: {login} {decision}s");
            }
            let b = signed_in(&t, login).await;
            let (status, _) =
                send(&b, "/approvals", &[("ids", &sid), ("decision", "approve")]).await;
            assert_eq!(status.as_u16(), decide_status, "{e}: {login} on the page");
            let (status, _) = page(&b, &format!("/plans/{id}")).await;
            assert_eq!(
                status.as_u16(),
                page_status,
                "{e}: {login} reads the request"
            );
            let (status, queue) = page(&b, "/approvals").await;
            assert_eq!(
                status.as_u16(),
                queue_status,
                "{e}: {login} opens the queue"
            );
            assert!(
                !queue.contains(&format!("id=\"q{id}\"")),
                "{e}: {login} does not see it"
            );
            let (status, _) = page(&b, &format!("/plans/{id}/evidence")).await;
            assert!(
                matches!(status.as_u16(), 403 | 404),
                "{e}: {login} evidence"
            );
            if login != STAFF {
                let r = api_post(&t, &tok, &format!("/plans/{id}/withdraw"), &json!({})).await;
                assert!(
                    matches!(r.status().as_u16(), 403 | 404),
                    "{e}: {login} withdraws another's request"
                );
            }
            assert_eq!(snapshot(&t).await, before, "{e}: {login} changed something");
        }
        // A plain employee has no queue through the API either; nobody without a token has
        // anything.
        let plain = api_token(&t, "pegawai").await;
        assert_eq!(
            api_get(&t, &plain, "/plans/queue").await.status(),
            403,
            "{e}"
        );
        let anon = reqwest::Client::new()
            .post(format!("{}/api/v1/plans", t.base))
            .json(&week(&["tuesday"]))
            .send()
            .await
            .unwrap();
        assert_eq!(anon.status(), 401, "{e}");
        let anon = Browser::new(&t).get("/plans").await;
        assert!(
            anon.status().is_redirection(),
            "{e}: pages send strangers to sign in"
        );
        // The page without a CSRF token changes nothing.
        let head = signed_in(&t, HEAD).await;
        let before = snapshot(&t).await;
        let (status, _) = send(
            &head,
            "/approvals",
            &[("csrf", "x"), ("ids", &sid), ("decision", "approve")],
        )
        .await;
        assert_eq!(status, 403, "{e}");
        assert_eq!(snapshot(&t).await, before, "{e}");

        // The agency admin (the whole agency is their subtree) may decide it.
        let (_, queue) = page(&signed_in(&t, "admin.bkpsdm").await, "/approvals?all=1").await;
        assert!(
            queue.contains(&format!("id=\"q{id}\"")),
            "{e}: the admin lists the subtree"
        );
        let admin = api_token(&t, "admin.bkpsdm").await;
        let (status, _) = decide(&t, &admin, &[id], "changes", "Lengkapi bukti dukung").await;
        assert_eq!(status, 200, "{e}");
        assert_eq!(request(&t, id).await.status, "changes_requested", "{e}");
    }
}

#[tokio::test]
async fn an_admin_or_supervisor_cannot_approve_their_own_request() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        // The head is eligible in the demo's mapping; the head's own supervisor decides.
        let head_id = employee_of(&t, HEAD).await;
        settle(&t, &[head_id]).await;
        let head = api_token(&t, HEAD).await;
        let (status, body) = submit(&t, &head, &week(&["monday"])).await;
        assert_eq!(status, 201, "{e}: {body}");
        let id = body["id"].as_i64().unwrap();
        let before = snapshot(&t).await;
        let (status, _) = decide(&t, &head, &[id], "approve", "").await;
        assert_eq!(status, 403, "{e}");
        let queue: Value = api_get(&t, &head, "/plans/queue")
            .await
            .json()
            .await
            .unwrap();
        assert!(
            queue.as_array().unwrap().iter().all(|p| p["id"] != id),
            "{e}"
        );
        assert_eq!(snapshot(&t).await, before, "{e}");
        // An agency admin's own request is not theirs to decide either.
        let admin_id = employee_of(&t, "admin.bkpsdm").await;
        let admin = api_token(&t, "admin.bkpsdm").await;
        // Whether or not the admin's position is mapped, their own decision is refused
        // before any rule: make a request row for them directly.
        let a = demo_agency(&t).await;
        let admin_row = employee(&t, admin_id).await;
        let mut tx = t.app.db.begin().await.unwrap();
        let own = fleksi_store::flex_request::insert(
            &mut tx,
            a,
            &fleksi_store::flex_request::NewRequest {
                employee_id: admin_id,
                unit_id: admin_row.unit_id,
                first_day: MON.into(),
                last_day: FRI.into(),
                pattern: None,
                time_mode: "regular".into(),
                shift_start: None,
                reason: "Rapat".into(),
                evidence_link: None,
                evidence_file_id: None,
                work_plan: "Target".into(),
                flags: None,
            },
            1,
        )
        .await
        .unwrap();
        fleksi_store::commit(tx).await.unwrap();
        let before = snapshot(&t).await;
        assert_eq!(
            decide(&t, &admin, &[own], "approve", "").await.0,
            403,
            "{e}"
        );
        assert_eq!(snapshot(&t).await, before, "{e}");
        // …while the head's request is the agency admin's to decide.
        assert_eq!(decide(&t, &admin, &[id], "approve", "").await.0, 200, "{e}");
    }
}
