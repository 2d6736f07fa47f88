//! Bad plans are refused with the field named and nothing changed.

use super::helpers::*;

#[tokio::test]
async fn bad_plans_are_refused_naming_the_field() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let head = api_token(&t, HEAD).await;
        let me = api_token(&t, STAFF).await;
        let other = api_token(&t, "pegawai").await;
        let (_, head_result) = plan_with_result(&t, &head, "Hasil kepala bidang", None).await;
        let (_, foreign) = plan_with_result(&t, &other, "Hasil pegawai Diskominfo", None).await;
        let (s, p) = post(&t, &me, "/skp", json!({"year": "2026"})).await;
        assert_eq!(s, 200, "{e}");
        let id = p["id"].as_i64().unwrap();
        let (_, p) = post(
            &t,
            &me,
            &format!("/skp/{id}/results"),
            json!({"kind": "utama", "text": "Hasil saya", "parent_result_id": head_result}),
        )
        .await;
        let rid = p["results"][0]["id"].as_i64().unwrap();
        let ind = |target: Value| json!({"aspect": "kuantitas", "text": "Jumlah", "target": target, "unit": "dokumen"});
        let cases: Vec<(&str, &str, String, Value, Vec<&str>)> = vec![
            (
                "an indicator without a target",
                "POST",
                format!("/skp/{id}/results/{rid}/indicators"),
                ind(Value::Null),
                vec!["target"],
            ),
            (
                "a target that is not a number",
                "POST",
                format!("/skp/{id}/results/{rid}/indicators"),
                ind(json!("banyak")),
                vec!["target"],
            ),
            (
                "a target of zero",
                "POST",
                format!("/skp/{id}/results/{rid}/indicators"),
                ind(json!(0)),
                vec!["target"],
            ),
            (
                "an unknown aspect",
                "POST",
                format!("/skp/{id}/results/{rid}/indicators"),
                json!({"aspect": "rasa", "text": "x", "target": 1, "unit": "x"}),
                vec!["aspect"],
            ),
            (
                "an unknown kind",
                "POST",
                format!("/skp/{id}/results"),
                json!({"kind": "lain", "text": "x"}),
                vec!["kind"],
            ),
            (
                "a result without text",
                "POST",
                format!("/skp/{id}/results"),
                json!({"kind": "utama", "text": " "}),
                vec!["text"],
            ),
            (
                "supporting someone else's result",
                "POST",
                format!("/skp/{id}/results"),
                json!({"kind": "utama", "text": "x", "parent_result_id": foreign}),
                vec!["parent_result_id"],
            ),
            (
                "submitting without indicators",
                "POST",
                format!("/skp/{id}/actions"),
                json!({"action": "submit"}),
                vec!["results"],
            ),
            (
                "an unknown action",
                "POST",
                format!("/skp/{id}/actions"),
                json!({"action": "hapus"}),
                vec!["action"],
            ),
            (
                "approving one's own plan",
                "POST",
                format!("/skp/{id}/actions"),
                json!({"action": "approve"}),
                vec!["action"],
            ),
            (
                "an unknown core value",
                "PUT",
                format!("/skp/{id}/expectations"),
                json!({"jujur": "x"}),
                vec!["expectations.jujur"],
            ),
            (
                "a dialogue in the future",
                "POST",
                format!("/skp/{id}/dialogues"),
                json!({"date": "2026-12-01", "participants": "a", "topic": "b", "agreed": "c"}),
                vec!["date"],
            ),
            (
                "a dialogue agreeing nothing",
                "POST",
                format!("/skp/{id}/dialogues"),
                json!({"date": "2026-11-20", "participants": "a", "topic": "b", "agreed": ""}),
                vec!["agreed"],
            ),
            (
                "a year far away",
                "POST",
                "/skp".to_string(),
                json!({"year": "2030"}),
                vec!["year"],
            ),
        ];
        for (what, method, path, body, want) in cases {
            let before = snapshot(&t).await;
            let m = if method == "PUT" {
                reqwest::Method::PUT
            } else {
                reqwest::Method::POST
            };
            let (s, p) = call(&t, &me, m, &path, Some(body)).await;
            assert_eq!(s, 422, "{e}: {what}: {p}");
            assert_eq!(fields(&p), want, "{e}: {what}: {p}");
            assert_eq!(snapshot(&t).await, before, "{e}: {what} changed nothing");
        }
        // The head's result is in use by the staff member's: not removed.
        let before = snapshot(&t).await;
        let (_, hp) = get(&t, &head, "/skp?year=2026").await;
        let head_plan = hp["id"].as_i64().unwrap();
        let (s, p) = call(
            &t,
            &head,
            reqwest::Method::DELETE,
            &format!("/skp/{head_plan}/results/{head_result}"),
            None,
        )
        .await;
        assert_eq!(
            (s.as_u16(), fields(&p)),
            (422, vec!["result".to_string()]),
            "{e}: {p}"
        );
        assert_eq!(snapshot(&t).await, before, "{e}");
        // Returning without saying what to change.
        post(
            &t,
            &me,
            &format!("/skp/{id}/results/{rid}/indicators"),
            ind(json!(5)),
        )
        .await;
        post(
            &t,
            &me,
            &format!("/skp/{id}/actions"),
            json!({"action": "submit"}),
        )
        .await;
        let before = snapshot(&t).await;
        let (s, p) = post(
            &t,
            &head,
            &format!("/skp/{id}/actions"),
            json!({"action": "return", "note": ""}),
        )
        .await;
        assert_eq!(
            (s.as_u16(), fields(&p)),
            (422, vec!["note".to_string()]),
            "{e}: {p}"
        );
        assert_eq!(snapshot(&t).await, before, "{e}");
    }
}
