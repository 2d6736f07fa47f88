//! Bad evaluations are refused with the field named and nothing changed.

use super::helpers::*;

#[tokio::test]
async fn bad_evaluations_are_refused_naming_the_field() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let head = api_token(&t, HEAD).await;
        let me = api_token(&t, STAFF).await;
        let (plan, indicator) = approved_plan(&t, &me, &head).await;
        // A plan that is only a draft, and an indicator of someone else's plan.
        let other = api_token(&t, "pegawai").await;
        let (_, draft) = post(&t, &other, "/skp", json!({"year": "2026"})).await;
        let draft = draft["id"].as_i64().unwrap();
        let id = open(&t, &me, plan).await;
        let (_, v) = get(&t, &head, &format!("/evaluations/{id}")).await;
        let version = v["version"].clone();
        let rating = |results: &str, behaviour: &str| json!({"version": version, "results_rating": results, "behaviour_rating": behaviour});
        let cases: Vec<(&str, &str, String, Value, Vec<&str>)> = vec![
            (
                "a period of another kind",
                STAFF,
                "/evaluations".into(),
                json!({"plan_id": plan, "period": "2026-M11"}),
                vec!["period"],
            ),
            (
                "a period of another year",
                STAFF,
                "/evaluations".into(),
                json!({"plan_id": plan, "period": "2027-Q1"}),
                vec!["period"],
            ),
            (
                "no such period",
                STAFF,
                "/evaluations".into(),
                json!({"plan_id": plan, "period": "2026-Q5"}),
                vec!["period"],
            ),
            (
                "an actual that is not a number",
                STAFF,
                format!("/evaluations/{id}/actuals"),
                json!({"indicator_id": indicator, "actual": "banyak"}),
                vec!["actual"],
            ),
            (
                "an actual left out",
                STAFF,
                format!("/evaluations/{id}/actuals"),
                json!({"indicator_id": indicator}),
                vec!["actual"],
            ),
            (
                "an indicator of another plan",
                STAFF,
                format!("/evaluations/{id}/actuals"),
                json!({"indicator_id": 999999, "actual": 3}),
                vec!["indicator_id"],
            ),
            (
                "evidence over plain http",
                STAFF,
                format!("/evaluations/{id}/actuals"),
                json!({"indicator_id": indicator, "actual": 3, "evidence_link": "http://x.example"}),
                vec!["evidence_link"],
            ),
            (
                "a rating outside the scale",
                HEAD,
                format!("/evaluations/{id}/rating"),
                rating("luar biasa", "above"),
                vec!["results_rating"],
            ),
            (
                "no rating of behaviour",
                HEAD,
                format!("/evaluations/{id}/rating"),
                rating("above", ""),
                vec!["behaviour_rating"],
            ),
            (
                "an unknown value",
                HEAD,
                format!("/evaluations/{id}/rating"),
                json!({"version": version, "results_rating": "above", "behaviour_rating": "above", "behaviour": {"jujur": "above"}}),
                vec!["behaviour.jujur"],
            ),
        ];
        for (what, who, path, body, want) in cases {
            let tok = if who == HEAD { &head } else { &me };
            let before = snapshot(&t).await;
            let (s, p) = post(&t, tok, &path, body).await;
            assert_eq!(s, 422, "{e}: {what}: {p}");
            assert_eq!(fields(&p), want, "{e}: {what}: {p}");
            assert_eq!(snapshot(&t).await, before, "{e}: {what} changed nothing");
        }
        // A plan not approved yet cannot be evaluated.
        let (s, p) = post(
            &t,
            &other,
            "/evaluations",
            json!({"plan_id": draft, "period": PERIOD}),
        )
        .await;
        assert_eq!(
            (s.as_u16(), fields(&p)),
            (422, vec!["plan_id".to_string()]),
            "{e}: {p}"
        );
        // An old version is refused, not written over.
        let (s, _) = post(
            &t,
            &head,
            &format!("/evaluations/{id}/rating"),
            json!({"version": 0, "results_rating": "above", "behaviour_rating": "above"}),
        )
        .await;
        assert_eq!(s, 409, "{e}");

        // Evidence files: too large, or not what their name says.
        let b = signed_in(&t, STAFF).await;
        b.get(&format!("/evaluations/{id}")).await;
        let ind = indicator.to_string();
        for (what, name, bytes) in [
            ("too large", "rekap.pdf", {
                let mut v = b"%PDF-1.4".to_vec();
                v.resize(2 * 1024 * 1024 + 1, b'x');
                v
            }),
            ("a program", "rekap.pdf", b"MZ\x90\x00program".to_vec()),
            (
                "a web page",
                "rekap.jpg",
                b"<html><script>x</script>".to_vec(),
            ),
        ] {
            let before = snapshot(&t).await;
            let (s, html) = send_multipart(
                &b,
                &format!("/evaluations/{id}/actuals"),
                &[("indicator_id", &ind), ("actual", "5")],
                Some((name, bytes)),
            )
            .await;
            assert_eq!(s, 422, "{e}: {what}");
            assert!(html.contains("<code>evidence_file</code>"), "{e}: {what}");
            assert_eq!(snapshot(&t).await, before, "{e}: {what} changed nothing");
        }
    }
}
