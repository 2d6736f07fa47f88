//! A unit's spread of predikat against its result (SE MenPANRB 3/2023): an admin sees which
//! rule is broken and by how many people, cannot make the ratings final until everyone is
//! rated and the spread is allowed, and then nothing changes any more. A unit head's
//! rating of results follows the unit's result, and without a set result the unit's result
//! is read from its head's rating.

use super::helpers::*;

/// Five of the head's reports with approved plans and open evaluations: (id, token).
async fn five_evaluated(t: &TestApp, head: &str) -> Vec<(i64, String)> {
    let head_id = employee_of(t, HEAD).await;
    let mut out = Vec::new();
    for (_, login) in reports_of(t, head_id).await.into_iter().take(5) {
        let tok = api_token(t, &login).await;
        let (plan, _) = approved_plan(t, &tok, head).await;
        out.push((open(t, &tok, plan).await, tok));
    }
    out
}

#[tokio::test]
async fn the_spread_is_checked_before_the_ratings_become_final() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let head = api_token(&t, HEAD).await;
        let admin = api_token(&t, "admin.bkpsdm").await;
        let u = unit(&t, UNIT).await;
        let people = five_evaluated(&t, &head).await;
        assert_eq!(people.len(), 5, "{e}");
        for (i, (id, _)) in people.iter().enumerate() {
            let (results, behaviour) = if i == 0 {
                ("above", "above")
            } else {
                ("as_expected", "as_expected")
            };
            let (s, v) = rate(&t, &head, *id, results, behaviour).await;
            assert_eq!(s, 200, "{e}: {v}");
        }
        let path = format!("/units/{}/distribution?period={PERIOD}", u.id);
        let (s, d) = get(&t, &admin, &path).await;
        assert_eq!(s, 200, "{e}: {d}");
        assert_eq!(d["spread"]["sangat_baik"], 1, "{e}");
        assert_eq!(d["spread"]["baik"], 4, "{e}");
        assert!(
            d["unit_result"].is_null(),
            "{e}: not set, and the head is not rated"
        );

        // Unit result Baik: at most 70% Baik (3 of 5) and some below Baik are required.
        let (s, d) = call(
            &t,
            &admin,
            reqwest::Method::PUT,
            &format!("/units/{}/result", u.id),
            Some(json!({"period": PERIOD, "result": "baik"})),
        )
        .await;
        assert_eq!(s, 200, "{e}: {d}");
        assert_eq!(
            (d["unit_result"].as_str(), d["result_source"].as_str()),
            (Some("baik"), Some("set")),
            "{e}"
        );
        assert_eq!(d["allowed"], false, "{e}");
        let rules: Vec<(&str, &str, u64)> = d["breaches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                (
                    b["rule"].as_str().unwrap(),
                    b["direction"].as_str().unwrap(),
                    b["people"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            rules,
            [
                ("baik_max_baik", "too_many", 1),
                ("baik_some_below_baik", "too_few", 1)
            ],
            "{e}"
        );

        // Not final while a rule is broken: every broken rule is named.
        let before = snapshot(&t).await;
        let (s, p) = post(
            &t,
            &admin,
            &format!("/units/{}/finalize", u.id),
            json!({"period": PERIOD}),
        )
        .await;
        assert_eq!(s, 422, "{e}: {p}");
        assert_eq!(fields(&p), ["distribution", "distribution"], "{e}");
        assert!(
            p["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("1 orang terlalu banyak"),
            "{e}: {p}"
        );
        assert_eq!(snapshot(&t).await, before, "{e}");

        // The admin's page says the same, and offers the final step.
        let b = signed_in(&t, "admin.bkpsdm").await;
        let (s, html) = page(
            &b,
            &format!("/evaluations/distribution?unit={}&period={PERIOD}", u.id),
        )
        .await;
        assert_eq!(s, 200, "{e}");
        assert!(html.contains("id=\"breaches\""), "{e}");
        assert!(html.contains("paling banyak 70% Baik"), "{e}");

        // One person rated below expectations: 3 Baik, 1 Sangat Baik, 1 Butuh Perbaikan.
        let (s, v) = rate(&t, &head, people[4].0, "below", "as_expected").await;
        assert_eq!(
            (s.as_u16(), v["predikat"].as_str()),
            (200, Some("butuh_perbaikan")),
            "{e}"
        );
        let (_, d) = get(&t, &admin, &path).await;
        assert_eq!(d["allowed"], true, "{e}: {d}");
        let (s, html) = page(
            &b,
            &format!("/evaluations/distribution?unit={}&period={PERIOD}", u.id),
        )
        .await;
        assert_eq!(s, 200, "{e}");
        assert!(html.contains("id=\"allowed\""), "{e}");
        let (s, to, _) = send(
            &b,
            "/evaluations/distribution/finalize",
            &[("unit", &u.id.to_string()), ("period", PERIOD)],
        )
        .await;
        assert_eq!(s, 303, "{e}: {to}");
        assert_eq!(
            count(
                &t,
                "SELECT COUNT(*) FROM evaluations WHERE status = 'final'"
            )
            .await,
            5,
            "{e}"
        );

        // Final: no rating, no actual value changes any more.
        let before = snapshot(&t).await;
        let (s, p) = rate(&t, &head, people[0].0, "below", "below").await;
        assert_eq!(
            (s.as_u16(), fields(&p)),
            (422, vec!["status".to_string()]),
            "{e}: {p}"
        );
        let (_, v) = get(&t, &people[0].1, &format!("/evaluations/{}", people[0].0)).await;
        let ind = v["indicators"][0]["indicator_id"].as_i64().unwrap();
        let (s, p) = post(
            &t,
            &people[0].1,
            &format!("/evaluations/{}/actuals", people[0].0),
            json!({"indicator_id": ind, "actual": 5}),
        )
        .await;
        assert_eq!(
            (s.as_u16(), fields(&p)),
            (422, vec!["status".to_string()]),
            "{e}: {p}"
        );
        assert_eq!(snapshot(&t).await, before, "{e}");
    }
}

#[tokio::test]
async fn everyone_must_be_rated_before_the_final_step() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let head = api_token(&t, HEAD).await;
        let admin = api_token(&t, "admin.bkpsdm").await;
        let u = unit(&t, UNIT).await;
        let people = five_evaluated(&t, &head).await;
        for (id, _) in people.iter().take(3) {
            rate(&t, &head, *id, "as_expected", "as_expected").await;
        }
        call(
            &t,
            &admin,
            reqwest::Method::PUT,
            &format!("/units/{}/result", u.id),
            Some(json!({"period": PERIOD, "result": "istimewa"})),
        )
        .await;
        let (s, p) = post(
            &t,
            &admin,
            &format!("/units/{}/finalize", u.id),
            json!({"period": PERIOD}),
        )
        .await;
        assert_eq!(
            (s.as_u16(), fields(&p)),
            (422, vec!["period".to_string()]),
            "{e}: {p}"
        );
        assert!(
            p["errors"][0]["message"]
                .as_str()
                .unwrap()
                .starts_with("2 pegawai belum dinilai"),
            "{e}: {p}"
        );
    }
}

#[tokio::test]
async fn a_unit_heads_results_follow_the_units_result() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        // The head of Diskominfo, rated by their own supervisor.
        let head_id = employee_of(&t, "kepala.diskominfo").await;
        let a = demo_agency(&t).await;
        let boss_id = {
            let mut c = t.app.db.conn().await.unwrap();
            fleksi_store::employee::get(&mut c, a, head_id)
                .await
                .unwrap()
                .unwrap()
                .supervisor_id
                .expect("the head has a supervisor")
        };
        let boss = api_token(&t, &login_of(&t, boss_id).await).await;
        let head = api_token(&t, "kepala.diskominfo").await;
        let admin = api_token(&t, "admin.bkpsdm").await;
        let (plan, _) = approved_plan(&t, &head, &boss).await;
        let id = open(&t, &head, plan).await;
        let unit_id = {
            let mut c = t.app.db.conn().await.unwrap();
            fleksi_store::employee::get(&mut c, a, head_id)
                .await
                .unwrap()
                .unwrap()
                .unit_id
        };

        // No unit result set: the head's rating of results gives it.
        let (s, _) = rate(&t, &boss, id, "above", "as_expected").await;
        assert_eq!(s, 200, "{e}");
        let (_, d) = get(
            &t,
            &admin,
            &format!("/units/{unit_id}/distribution?period={PERIOD}"),
        )
        .await;
        assert_eq!(
            (d["unit_result"].as_str(), d["result_source"].as_str()),
            (Some("istimewa"), Some("head")),
            "{e}: {d}"
        );

        // A set result of Kurang: the head's rating of results must be below expectations.
        call(
            &t,
            &admin,
            reqwest::Method::PUT,
            &format!("/units/{unit_id}/result"),
            Some(json!({"period": PERIOD, "result": "kurang"})),
        )
        .await;
        let before = snapshot(&t).await;
        let (s, p) = rate(&t, &boss, id, "above", "as_expected").await;
        assert_eq!(
            (s.as_u16(), fields(&p)),
            (422, vec!["results_rating".to_string()]),
            "{e}: {p}"
        );
        assert!(
            p["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("«Di bawah ekspektasi»"),
            "{e}: {p}"
        );
        assert_eq!(snapshot(&t).await, before, "{e}");
        let (s, v) = rate(&t, &boss, id, "below", "as_expected").await;
        assert_eq!(
            (s.as_u16(), v["predikat"].as_str()),
            (200, Some("butuh_perbaikan")),
            "{e}: {v}"
        );
    }
}
