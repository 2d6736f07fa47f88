//! Nobody rates anyone who is not their subordinate, or reads outside their chain; other
//! agencies do not see that an evaluation exists; admins read and decide a unit's result,
//! only for their own subtree.

use super::helpers::*;

#[tokio::test]
async fn nobody_rates_or_reads_outside_their_chain() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let head = api_token(&t, HEAD).await;
        let me = api_token(&t, STAFF).await;
        let (plan, indicator) = approved_plan(&t, &me, &head).await;
        let id = open(&t, &me, plan).await;
        let staff = employee_of(&t, STAFF).await;
        let peer = reports_of(&t, employee_of(&t, HEAD).await)
            .await
            .into_iter()
            .find(|(p, _)| *p != staff)
            .unwrap()
            .1;
        // (login, reading, rating, entering actual values, opening)
        let cases: Vec<(&str, u16, u16, u16, u16)> = vec![
            (peer.as_str(), 403, 403, 403, 403),
            ("kepala.diskominfo", 403, 403, 403, 403),
            ("admin.bkpsdm", 200, 403, 403, 403),
            ("auditor", 200, 403, 403, 403),
            ("admin.lain", 404, 404, 404, 404),
        ];
        for (login, read, rates, enters, opens) in cases {
            let tok = api_token(&t, login).await;
            let before = snapshot(&t).await;
            let (s, _) = get(&t, &tok, &format!("/evaluations/{id}")).await;
            assert_eq!(s.as_u16(), read, "{e}: {login} reads");
            let (s, _) = post(
                &t,
                &tok,
                &format!("/evaluations/{id}/rating"),
                json!({"version": 1, "results_rating": "above", "behaviour_rating": "above"}),
            )
            .await;
            assert_eq!(s.as_u16(), rates, "{e}: {login} rates");
            let (s, _) = post(
                &t,
                &tok,
                &format!("/evaluations/{id}/actuals"),
                json!({"indicator_id": indicator, "actual": 1}),
            )
            .await;
            assert_eq!(s.as_u16(), enters, "{e}: {login} enters");
            let (s, _) = post(
                &t,
                &tok,
                "/evaluations",
                json!({"plan_id": plan, "period": "2026"}),
            )
            .await;
            assert_eq!(s.as_u16(), opens, "{e}: {login} opens");
            let (s, _) = post(
                &t,
                &tok,
                &format!("/evaluations/{id}/feedback-requests"),
                json!({"respondents": [1, 2, 3]}),
            )
            .await;
            assert_eq!(s.as_u16(), rates, "{e}: {login} asks for 360");
            let b = signed_in(&t, login).await;
            assert_eq!(
                b.get(&format!("/evaluations/{id}")).await.status().as_u16(),
                read,
                "{e}: {login} page"
            );
            assert_eq!(
                snapshot(&t).await[..8],
                before[..8],
                "{e}: {login} changed nothing"
            );
        }
        // The staff member does not rate themselves.
        let (s, _) = post(
            &t,
            &me,
            &format!("/evaluations/{id}/rating"),
            json!({"version": 1, "results_rating": "above", "behaviour_rating": "above"}),
        )
        .await;
        assert_eq!(s, 403, "{e}");

        // A unit's distribution: its admins decide; other units' admins and plain staff
        // cannot even read it.
        let u = unit(&t, UNIT).await;
        for (login, read, decide) in [
            ("admin.dinkes", 403, 403),
            (STAFF, 403, 403),
            ("auditor", 200, 403),
            ("admin.lain", 404, 404),
            ("admin.bkpsdm", 200, 200),
        ] {
            let tok = api_token(&t, login).await;
            let (s, _) = get(
                &t,
                &tok,
                &format!("/units/{}/distribution?period={PERIOD}", u.id),
            )
            .await;
            assert_eq!(s.as_u16(), read, "{e}: {login} reads the distribution");
            let (s, _) = call(
                &t,
                &tok,
                reqwest::Method::PUT,
                &format!("/units/{}/result", u.id),
                Some(json!({"period": PERIOD, "result": "baik"})),
            )
            .await;
            assert_eq!(s.as_u16(), decide, "{e}: {login} sets the result");
        }
        let b = signed_in(&t, STAFF).await;
        assert_eq!(
            b.get("/evaluations/distribution").await.status(),
            403,
            "{e}"
        );
        // Only an agency admin chooses the kind of period.
        let b = signed_in(&t, "admin.dinkes").await;
        let (s, _, _) = send(&b, "/evaluations/settings", &[("period_kind", "month")]).await;
        assert_eq!(s, 403, "{e}");
    }
}
