//! A plan is read by its owner, the evaluator and the readers of the owner's unit; only
//! the owner drafts and submits, only the evaluator approves. Everyone else is refused;
//! other agencies do not see that the plan exists.

use super::helpers::*;

#[tokio::test]
async fn everyone_else_is_refused_at_every_plan_door() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = api_token(&t, STAFF).await;
        let (id, rid) = plan_with_result(&t, &me, "Hasil saya", None).await;
        post(
            &t,
            &me,
            &format!("/skp/{id}/actions"),
            json!({"action": "submit"}),
        )
        .await;
        let peer = {
            let a = demo_agency(&t).await;
            let staff = employee_of(&t, STAFF).await;
            let head = employee_of(&t, HEAD).await;
            let mut c = t.app.db.conn().await.unwrap();
            fleksi_store::employee::all_in_agency(&mut c, a)
                .await
                .unwrap()
                .into_iter()
                .find(|x| x.id != staff && x.supervisor_id == Some(head))
                .unwrap()
                .nip
        };
        // (login, reading, approving)
        let cases: Vec<(&str, u16, u16)> = vec![
            (peer.as_str(), 403, 403),
            ("kepala.diskominfo", 403, 403),
            ("admin.lain", 404, 404),
        ];
        for (login, read, act) in cases {
            let tok = api_token(&t, login).await;
            let before = snapshot(&t).await;
            let (s, _) = get(&t, &tok, &format!("/skp/{id}")).await;
            assert_eq!(s.as_u16(), read, "{e}: {login} reads");
            let (s, _) = post(
                &t,
                &tok,
                &format!("/skp/{id}/actions"),
                json!({"action": "approve"}),
            )
            .await;
            assert_eq!(s.as_u16(), act, "{e}: {login} approves");
            let (s, _) = post(
                &t,
                &tok,
                &format!("/skp/{id}/results/{rid}/indicators"),
                json!({"aspect": "kuantitas", "text": "x", "target": 1, "unit": "x"}),
            )
            .await;
            assert_eq!(s.as_u16(), act, "{e}: {login} edits");
            let (s, _) = post(
                &t,
                &tok,
                &format!("/skp/{id}/dialogues"),
                json!({"date": "2026-11-20", "participants": "a", "topic": "b", "agreed": "c"}),
            )
            .await;
            assert_eq!(s.as_u16(), act, "{e}: {login} records a dialogue");
            let b = signed_in(&t, login).await;
            assert_eq!(
                b.get(&format!("/skp/{id}")).await.status().as_u16(),
                read,
                "{e}: {login} page"
            );
            assert_eq!(
                b.get(&format!("/skp/{id}/print")).await.status().as_u16(),
                read,
                "{e}: {login} print"
            );
            assert_eq!(
                snapshot(&t).await[..6],
                before[..6],
                "{e}: {login} changed nothing"
            );
        }
        // The agency admin and the auditor read, and act on nothing.
        for login in ["admin.bkpsdm", "auditor"] {
            let tok = api_token(&t, login).await;
            let (s, p) = get(&t, &tok, &format!("/skp/{id}")).await;
            assert_eq!(
                (s.as_u16(), p["role"].as_str()),
                (200, Some("reader")),
                "{e}: {login}: {p}"
            );
            assert_eq!(p["allowed"], json!([]), "{e}");
            let (s, _) = post(
                &t,
                &tok,
                &format!("/skp/{id}/actions"),
                json!({"action": "approve"}),
            )
            .await;
            assert_eq!(s, 403, "{e}: {login}");
        }
    }
}
