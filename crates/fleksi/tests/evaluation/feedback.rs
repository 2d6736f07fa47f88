//! 360 feedback: asked of at least three colleagues, answered once each, stored apart from
//! who answered, and shown only as a tally from three answers.

use super::helpers::*;

#[tokio::test]
async fn answers_stay_hidden_until_three_and_are_never_traced() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let head = api_token(&t, HEAD).await;
        let me = api_token(&t, STAFF).await;
        let staff = employee_of(&t, STAFF).await;
        let (plan, _) = approved_plan(&t, &me, &head).await;
        let id = open(&t, &me, plan).await;
        let peers: Vec<(i64, String)> = reports_of(&t, employee_of(&t, HEAD).await)
            .await
            .into_iter()
            .filter(|(p, _)| *p != staff)
            .take(3)
            .collect();
        let ids: Vec<i64> = peers.iter().map(|(p, _)| *p).collect();

        // Too few, or the person rated: refused.
        for (what, who) in [
            ("two people", vec![ids[0], ids[1]]),
            ("the person rated", vec![ids[0], ids[1], staff]),
        ] {
            let before = snapshot(&t).await;
            let (s, p) = post(
                &t,
                &head,
                &format!("/evaluations/{id}/feedback-requests"),
                json!({"respondents": who}),
            )
            .await;
            assert_eq!(
                (s.as_u16(), fields(&p)),
                (422, vec!["respondents".to_string()]),
                "{e}: {what}: {p}"
            );
            assert_eq!(snapshot(&t).await, before, "{e}: {what}");
        }
        // The employee may not ask about themselves.
        let (s, _) = post(
            &t,
            &me,
            &format!("/evaluations/{id}/feedback-requests"),
            json!({"respondents": ids}),
        )
        .await;
        assert_eq!(s, 403, "{e}");
        let (s, v) = post(
            &t,
            &head,
            &format!("/evaluations/{id}/feedback-requests"),
            json!({"respondents": ids}),
        )
        .await;
        assert_eq!(s, 201, "{e}: {v}");
        assert_eq!(
            (
                v["feedback360"]["asked"].as_i64(),
                v["feedback360"]["answered"].as_i64()
            ),
            (Some(3), Some(0)),
            "{e}"
        );

        let ratings = ["above", "as_expected", "above"];
        for (n, (_, login)) in peers.iter().enumerate() {
            let tok = api_token(&t, login).await;
            let (_, asked) = get(&t, &tok, "/feedback").await;
            let req = asked[0]["request_id"].as_i64().unwrap();
            assert_eq!(asked[0]["answered"], false, "{e}");
            let r = reqwest::Client::new()
                .post(format!("{}/api/v1/feedback/{req}", t.base))
                .bearer_auth(&tok)
                .json(&json!({"ratings": {"kolaboratif": ratings[n], "adaptif": "as_expected"}, "comment": format!("komentar {n}")}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 204, "{e}");
            let (_, v) = get(&t, &head, &format!("/evaluations/{id}")).await;
            if n < 2 {
                assert!(
                    v["feedback360"]["tallies"].is_null(),
                    "{e}: hidden with {} answers",
                    n + 1
                );
                assert_eq!(v["feedback360"]["comments"], json!([]), "{e}");
            } else {
                assert_eq!(
                    v["feedback360"]["tallies"]["kolaboratif"],
                    json!([2, 1, 0]),
                    "{e}: {v}"
                );
                assert_eq!(
                    v["feedback360"]["tallies"]["adaptif"],
                    json!([0, 3, 0]),
                    "{e}"
                );
                assert_eq!(
                    v["feedback360"]["comments"].as_array().unwrap().len(),
                    3,
                    "{e}"
                );
            }
            // Once only.
            let again = reqwest::Client::new()
                .post(format!("{}/api/v1/feedback/{req}", t.base))
                .bearer_auth(&tok)
                .json(&json!({"ratings": {"kolaboratif": "below"}}))
                .send()
                .await
                .unwrap();
            assert_eq!(again.status(), 409, "{e}");
        }
        // Someone not asked: not found. The employee sees the tally too, never a name.
        let outsider = api_token(&t, "pegawai").await;
        let req = count(&t, "SELECT id FROM feedback_requests").await;
        let r = reqwest::Client::new()
            .post(format!("{}/api/v1/feedback/{req}", t.base))
            .bearer_auth(&outsider)
            .json(&json!({"ratings": {"kolaboratif": "below"}}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{e}");
        let (_, v) = get(&t, &me, &format!("/evaluations/{id}")).await;
        assert_eq!(v["feedback360"]["answered"], 3, "{e}");
        // The answers are stored without who gave them; the audit says only that they answered.
        let after: Vec<String> =
            sqlx::query_scalar("SELECT after_json FROM audit_log WHERE action = 'feedback.answer'")
                .fetch_all(t.app.db.pool())
                .await
                .unwrap();
        assert_eq!(after.len(), 3, "{e}");
        assert!(
            after.iter().all(|a| a == "{\"answered\":true}"),
            "{e}: {after:?}"
        );
        let stored: Vec<String> = sqlx::query_scalar("SELECT ratings FROM feedback_answers")
            .fetch_all(t.app.db.pool())
            .await
            .unwrap();
        assert!(
            stored
                .iter()
                .all(|s| !ids.iter().any(|i| s.contains(&i.to_string()))),
            "{e}"
        );
        // An admin reading the evaluation does not see the feedback at all.
        let admin = api_token(&t, "admin.bkpsdm").await;
        let (_, v) = get(&t, &admin, &format!("/evaluations/{id}")).await;
        assert!(v["feedback360"].is_null(), "{e}");
    }
}
