//! Only a supervisor of every assignee (or the lead of a team holding them) assigns; only
//! the assigner and the assignees read and move a task. Other units and plain colleagues are
//! forbidden; other agencies do not even see that the task exists.

use super::helpers::*;

#[tokio::test]
async fn everyone_else_is_refused_at_every_task_door() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let staff = employee_of(&t, STAFF).await;
        let (_, peer_login) = colleague(&t).await;
        let head = api_token(&t, HEAD).await;
        let (_, task) = assign(&t, &head, &clear_task(&[staff])).await;
        let id = task["id"].as_i64().unwrap();

        // (login, assigning to the staff member, reading the task, acting on it)
        let cases: Vec<(&str, &[u16], u16, u16)> = vec![
            ("kepala.diskominfo", &[403], 403, 403), // a supervisor of another unit
            (peer_login.as_str(), &[403], 403, 403), // a plain colleague
            ("admin.lain", &[403, 404], 404, 404),   // another agency
        ];
        for (login, assign_status, read_status, act_status) in cases {
            // Signing in is audited, so the snapshot comes after.
            let tok = api_token(&t, login).await;
            let b = signed_in(&t, login).await;
            let before = snapshot(&t).await;
            let (status, body) = assign(&t, &tok, &clear_task(&[staff])).await;
            assert!(
                assign_status.contains(&status.as_u16()),
                "{e}: {login} assigns: {status} {body}"
            );
            let status = api_get(&t, &tok, &format!("/tasks/{id}")).await.status();
            assert_eq!(status.as_u16(), read_status, "{e}: {login} reads");
            for action in ["start", "finish", "accept"] {
                let (status, _) = act(&t, &tok, id, json!({"action": action})).await;
                assert_eq!(status.as_u16(), act_status, "{e}: {login} {action}");
            }
            let (status, _) =
                act(&t, &tok, id, json!({"action": "send_back", "reason": "x"})).await;
            assert_eq!(status.as_u16(), act_status, "{e}: {login} sends back");
            let mine: Value = api_get(&t, &tok, "/tasks?role=assignee")
                .await
                .json()
                .await
                .unwrap_or(Value::Null);
            assert!(
                !mine.to_string().contains(&format!("\"id\":{id},")),
                "{e}: {login} lists it"
            );
            let status = b.get(&format!("/tasks/{id}")).await.status();
            assert_eq!(status.as_u16(), read_status, "{e}: {login} opens the page");
            assert_eq!(snapshot(&t).await, before, "{e}: {login} changed nothing");
        }

        // One assignee outside the head's reports refuses the whole task.
        let outsider = employee_of(&t, "kepala.diskominfo").await;
        let before = snapshot(&t).await;
        let (status, _) = assign(&t, &head, &clear_task(&[staff, outsider])).await;
        assert_eq!(status, 403, "{e}");
        assert_eq!(snapshot(&t).await, before, "{e}");
    }
}

#[tokio::test]
async fn a_team_lead_assigns_to_the_team_from_another_unit() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let staff = employee_of(&t, STAFF).await;
        let lead = employee_of(&t, "kepala.diskominfo").await;
        let tok = api_token(&t, "kepala.diskominfo").await;
        let (status, _) = assign(&t, &tok, &clear_task(&[staff])).await;
        assert_eq!(status, 403, "{e}: not yet in a team of theirs");

        let a = demo_agency(&t).await;
        let u = unit(&t, UNIT).await;
        let mut tx = t.app.db.begin().await.unwrap();
        let team = fleksi_store::team::insert(&mut tx, a, "Tim Satu Data", u.id, lead, 0)
            .await
            .unwrap();
        fleksi_store::team::add_member(&mut tx, a, team, staff, Some("800/12/2026"))
            .await
            .unwrap();
        fleksi_store::commit(tx).await.unwrap();

        let (status, task) = assign(&t, &tok, &clear_task(&[staff])).await;
        assert_eq!(status, 201, "{e}: {task}");
        let me = api_token(&t, STAFF).await;
        let id = task["id"].as_i64().unwrap();
        let (s, v) = act(&t, &me, id, json!({"action": "start"})).await;
        assert_eq!(s, 200, "{e}: {v}");
    }
}
