//! The whole life of a task given to two people, and its measures.

use super::helpers::*;
use jiff::SignedDuration;

#[tokio::test]
async fn a_task_goes_from_assignment_to_acceptance() {
    let mut engines = Vec::new();
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        engines.push(e.clone());
        let staff = employee_of(&t, STAFF).await;
        let (peer, peer_login) = colleague(&t).await;
        let head = api_token(&t, HEAD).await;
        let me = api_token(&t, STAFF).await;
        let other = api_token(&t, &peer_login).await;

        let (status, task) = assign(&t, &head, &clear_task(&[staff, peer])).await;
        assert_eq!(status, 201, "{e}: {task}");
        assert_eq!(task["clarity"], 5, "{e}");
        assert_eq!(task["missing"], json!([]), "{e}");
        assert_eq!(task["status"], "new", "{e}");
        assert_eq!(task["assignees"].as_array().unwrap().len(), 2, "{e}");
        let id = task["id"].as_i64().unwrap();

        // Both assignees see it in their list; the head sees it among the tasks given.
        for tok in [&me, &other] {
            let list: Value = api_get(&t, tok, "/tasks?role=assignee")
                .await
                .json()
                .await
                .unwrap();
            assert!(
                list.as_array().unwrap().iter().any(|x| x["id"] == id),
                "{e}"
            );
        }
        let given: Value = api_get(&t, &head, "/tasks?role=assigner")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(given[0]["id"], id, "{e}");

        t.clock.advance(SignedDuration::from_mins(30));
        let (s, v) = act(&t, &me, id, json!({"action": "start"})).await;
        assert_eq!(
            (s.as_u16(), v["status"].as_str()),
            (200, Some("in_progress")),
            "{e}: {v}"
        );
        assert_eq!(v["first_response_ms"], 30 * 60 * 1000, "{e}");

        let (s, v) = act(
            &t,
            &other,
            id,
            json!({"action": "block", "needs": "Akses ke SIAK kecamatan"}),
        )
        .await;
        assert_eq!(s, 200, "{e}: {v}");
        assert_eq!(v["status"], "blocked", "{e}");
        assert_eq!(v["needs"], "Akses ke SIAK kecamatan", "{e}");
        // The head sees what is needed.
        let seen: Value = api_get(&t, &head, &format!("/tasks/{id}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(seen["needs"], "Akses ke SIAK kecamatan", "{e}");
        assert!(
            seen["allowed"]
                .as_array()
                .unwrap()
                .contains(&json!("resume")),
            "{e}"
        );

        let (s, v) = act(&t, &me, id, json!({"action": "resume"})).await;
        assert_eq!(
            (s.as_u16(), v["status"].as_str()),
            (200, Some("in_progress")),
            "{e}: {v}"
        );
        assert_eq!(v["needs"], Value::Null, "{e}");

        t.clock.advance(SignedDuration::from_hours(24));
        let (s, v) = act(&t, &me, id, json!({"action": "finish"})).await;
        assert_eq!(
            (s.as_u16(), v["status"].as_str()),
            (200, Some("done")),
            "{e}: {v}"
        );

        let (s, v) = act(
            &t,
            &head,
            id,
            json!({"action": "send_back", "reason": "Kecamatan Timur belum ada"}),
        )
        .await;
        assert_eq!(
            (s.as_u16(), v["status"].as_str()),
            (200, Some("in_progress")),
            "{e}: {v}"
        );
        assert_eq!(v["sent_back_reason"], "Kecamatan Timur belum ada", "{e}");
        assert_eq!(v["done_at"], Value::Null, "{e}");

        // Finished again on Friday afternoon (WIB): still on time.
        t.clock.set("2026-11-27T09:00:00Z".parse().unwrap());
        let (s, v) = act(&t, &other, id, json!({"action": "finish"})).await;
        assert_eq!(
            (s.as_u16(), v["status"].as_str()),
            (200, Some("done")),
            "{e}: {v}"
        );
        let (s, v) = act(&t, &head, id, json!({"action": "accept"})).await;
        assert_eq!(
            (s.as_u16(), v["status"].as_str()),
            (200, Some("accepted")),
            "{e}: {v}"
        );
        assert_eq!(v["on_time"], true, "{e}");
        assert_eq!(v["first_response_ms"], 30 * 60 * 1000, "{e}");
        // From Monday 02:00 UTC to Friday 09:00 UTC.
        assert_eq!(v["done_ms"], (4 * 24 + 7) * 3600 * 1000_i64, "{e}");
        assert!(v["accepted_at"].is_string(), "{e}");
        assert_eq!(v["allowed"], json!([]), "{e}: an accepted task is final");

        // Every move left an audit entry: assign + 7 moves.
        let n = count(
            &t,
            &format!(
                "SELECT COUNT(*) FROM audit_log WHERE record_type = 'task' AND record_id = '{id}'"
            ),
        )
        .await;
        assert_eq!(n, 8, "{e}");
    }
    let expected = if std::env::var("FLEKSI_TEST_PG_URL").is_ok() {
        2
    } else {
        1
    };
    assert_eq!(engines.len(), expected, "ran on {engines:?}");
}

#[tokio::test]
async fn a_task_done_after_its_deadline_day_is_late() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let staff = employee_of(&t, STAFF).await;
        let head = api_token(&t, HEAD).await;
        let me = api_token(&t, STAFF).await;
        let (_, task) = assign(&t, &head, &clear_task(&[staff])).await;
        let id = task["id"].as_i64().unwrap();
        act(&t, &me, id, json!({"action": "start"})).await;
        // Friday 23:30 WIB is still the deadline day; Saturday 00:30 WIB is not.
        t.clock.set("2026-11-27T16:30:00Z".parse().unwrap());
        let (_, v) = act(&t, &me, id, json!({"action": "finish"})).await;
        assert_eq!(v["on_time"], true, "{e}: {v}");
        act(
            &t,
            &head,
            id,
            json!({"action": "send_back", "reason": "Lengkapi"}),
        )
        .await;
        t.clock.set("2026-11-27T17:30:00Z".parse().unwrap());
        let (_, v) = act(&t, &me, id, json!({"action": "finish"})).await;
        assert_eq!(v["on_time"], false, "{e}: {v}");
    }
}

#[tokio::test]
async fn the_clarity_score_names_what_is_missing() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let staff = employee_of(&t, STAFF).await;
        let head = api_token(&t, HEAD).await;
        // Purpose, deadline and output missing: allowed, scored 2.
        let (status, task) = assign(
            &t,
            &head,
            &json!({"title": "Bantu loket", "responsible_employee_id": staff,
                    "attachments": ["SOP loket"], "assignees": [staff]}),
        )
        .await;
        assert_eq!(status, 201, "{e}: {task}");
        assert_eq!(task["clarity"], 2, "{e}");
        let missing: Vec<&str> = task["missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["code"].as_str().unwrap())
            .collect();
        assert_eq!(missing, ["purpose", "deadline", "output"], "{e}");
        assert_eq!(
            task["missing"][0]["label"], "Tujuan",
            "{e}: Indonesian first"
        );
        let id = task["id"].as_i64().unwrap();
        let stored = count(&t, &format!("SELECT clarity FROM tasks WHERE id = {id}")).await;
        assert_eq!(stored, 2, "{e}");
    }
}
