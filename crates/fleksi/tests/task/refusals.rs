//! Bad input is refused with the field named, and nothing changes.

use super::helpers::*;

#[tokio::test]
async fn bad_input_is_refused_naming_the_field() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let staff = employee_of(&t, STAFF).await;
        let head = api_token(&t, HEAD).await;
        let me = api_token(&t, STAFF).await;

        let mut no_title = clear_task(&[staff]);
        no_title["title"] = json!("  ");
        let mut past = clear_task(&[staff]);
        past["deadline"] = json!("2026-11-20");
        let mut long = clear_task(&[staff]);
        long["title"] = json!("x".repeat(201));
        let mut nobody = clear_task(&[staff]);
        nobody["assignees"] = json!([]);
        for (body, field) in [
            (no_title, "title"),
            (past, "deadline"),
            (long, "title"),
            (nobody, "assignees"),
        ] {
            let before = snapshot(&t).await;
            let (status, problem) = assign(&t, &head, &body).await;
            assert_eq!(status, 422, "{e}: {field}: {problem}");
            assert!(
                fields(&problem).contains(&field.to_string()),
                "{e}: {problem}"
            );
            assert_eq!(snapshot(&t).await, before, "{e}: nothing changed");
        }

        let (_, task) = assign(&t, &head, &clear_task(&[staff])).await;
        let id = task["id"].as_i64().unwrap();
        let (s, _) = act(&t, &me, id, json!({"action": "start"})).await;
        assert_eq!(s, 200, "{e}");
        let cases = [
            (&me, json!({"action": "block", "needs": " "}), "needs"),
            (&me, json!({"action": "accept"}), "action"),
            (&me, json!({"action": "fly"}), "action"),
            (&head, json!({"action": "start"}), "action"),
        ];
        for (tok, body, field) in cases {
            let before = snapshot(&t).await;
            let (status, problem) = act(&t, tok, id, body.clone()).await;
            assert_eq!(status, 422, "{e}: {body}: {problem}");
            assert_eq!(fields(&problem), [field], "{e}: {body}");
            assert_eq!(snapshot(&t).await, before, "{e}: nothing changed");
        }
        act(&t, &me, id, json!({"action": "finish"})).await;
        for (tok, body, field) in [
            (&head, json!({"action": "send_back"}), "reason"),
            (&me, json!({"action": "accept"}), "action"),
            (
                &me,
                json!({"action": "send_back", "reason": "saya sendiri"}),
                "action",
            ),
        ] {
            let before = snapshot(&t).await;
            let (status, problem) = act(&t, tok, id, body.clone()).await;
            assert_eq!(status, 422, "{e}: {body}: {problem}");
            assert_eq!(fields(&problem), [field], "{e}: {body}");
            assert_eq!(snapshot(&t).await, before, "{e}: nothing changed");
        }
        let v: Value = api_get(&t, &head, &format!("/tasks/{id}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(v["status"], "done", "{e}");
    }
}
