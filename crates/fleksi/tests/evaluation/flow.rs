//! An evaluation from actual values to the predikat, on the API and the pages.

use super::helpers::*;

#[tokio::test]
async fn actual_values_ratings_and_the_predikat() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let head = api_token(&t, HEAD).await;
        let me = api_token(&t, STAFF).await;
        let (plan, indicator) = approved_plan(&t, &me, &head).await;
        let id = open(&t, &me, plan).await;
        assert_eq!(
            open(&t, &head, plan).await,
            id,
            "{e}: one evaluation per plan and period"
        );
        let (_, v) = get(&t, &me, &format!("/evaluations/{id}")).await;
        assert_eq!(
            (v["status"].as_str(), v["role"].as_str()),
            (Some("open"), Some("owner")),
            "{e}"
        );

        // The staff member records the actual value with a link as evidence.
        let (s, v) = post(
            &t,
            &me,
            &format!("/evaluations/{id}/actuals"),
            json!({"indicator_id": indicator, "actual": "110", "note": "Oktober–November", "evidence_link": "https://siak.example.go.id/rekap"}),
        )
        .await;
        assert_eq!(s, 200, "{e}: {v}");
        let ind = &v["indicators"][0];
        assert_eq!(ind["actual"], 110.0, "{e}");
        assert!(
            (ind["achievement"].as_f64().unwrap() - 91.666).abs() < 0.01,
            "{e}: {ind}"
        );

        // The head rates: results as expected, behaviour above → Baik.
        let (_, v) = get(&t, &head, &format!("/evaluations/{id}")).await;
        assert_eq!(v["role"], "evaluator", "{e}");
        let (s, v) = post(
            &t,
            &head,
            &format!("/evaluations/{id}/rating"),
            json!({"version": v["version"], "results_rating": "as_expected", "behaviour_rating": "Di atas ekspektasi",
                   "behaviour": {"akuntabel": "above", "kolaboratif": "as_expected"}, "feedback": "Pertahankan ketelitian"}),
        )
        .await;
        assert_eq!(s, 200, "{e}: {v}");
        assert_eq!(
            (v["predikat"].as_str(), v["predikat_label"].as_str()),
            (Some("baik"), Some("Baik")),
            "{e}"
        );
        assert_eq!(v["status"], "rated", "{e}");
        assert_eq!(v["behaviour"]["akuntabel"], "above", "{e}");
        let note = count(&t, &format!("SELECT COUNT(*) FROM notifications WHERE kind = 'evaluation.rated' AND employee_id = {}", employee_of(&t, STAFF).await)).await;
        assert_eq!(note, 1, "{e}: the employee is told");

        // Every cell of the matrix through the front door.
        for (results, behaviour, want) in [
            ("above", "above", "sangat_baik"),
            ("above", "as_expected", "baik"),
            ("above", "below", "kurang_misconduct"),
            ("as_expected", "above", "baik"),
            ("as_expected", "as_expected", "baik"),
            ("as_expected", "below", "kurang_misconduct"),
            ("below", "above", "butuh_perbaikan"),
            ("below", "as_expected", "butuh_perbaikan"),
            ("below", "below", "sangat_kurang"),
        ] {
            let (s, v) = rate(&t, &head, id, results, behaviour).await;
            assert_eq!(
                (s.as_u16(), v["predikat"].as_str()),
                (200, Some(want)),
                "{e}: {results}/{behaviour}"
            );
        }
        rate(&t, &head, id, "as_expected", "above").await;

        // The employee's own page: targets, progress, predikat history.
        let b = signed_in(&t, STAFF).await;
        let (s, html) = page(&b, "/performance").await;
        assert_eq!(s, 200, "{e}");
        assert!(
            html.contains("Dokumen terbit: <strong>120 dokumen</strong>"),
            "{e}: the target"
        );
        assert!(html.contains("92%"), "{e}: the progress");
        assert!(html.contains("<td>Baik</td>"), "{e}: the predikat");
        assert!(
            html.contains("<td>Lanjutkan</td>"),
            "{e}: the latest feedback"
        );
        let (_, hist) = get(&t, &me, "/performance/me").await;
        assert_eq!(hist[0]["predikat"], "baik", "{e}");
        // The evaluation page and its A4 sheet.
        let (s, html) = page(&b, &format!("/evaluations/{id}")).await;
        assert_eq!(s, 200, "{e}");
        assert!(
            html.contains("<strong id=\"predikat\">Baik</strong>"),
            "{e}"
        );
        let (s, html) = page(&b, &format!("/evaluations/{id}/print")).await;
        assert_eq!(s, 200, "{e}");
        assert!(
            html.contains("class=\"signatures\"") && html.contains("Baik"),
            "{e}"
        );
        for action in ["evaluation.open", "evaluation.actual", "evaluation.rate"] {
            assert!(
                count(
                    &t,
                    &format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'")
                )
                .await
                    >= 1,
                "{e}: {action}"
            );
        }
    }
}

#[tokio::test]
async fn the_evaluation_pages_work_as_plain_forms() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let head = api_token(&t, HEAD).await;
        let me = api_token(&t, STAFF).await;
        let (plan, indicator) = approved_plan(&t, &me, &head).await;
        // The head opens it from the team list.
        let hb = signed_in(&t, HEAD).await;
        let (s, html) = page(&hb, "/evaluations").await;
        assert_eq!(s, 200, "{e}");
        assert!(
            html.contains(&format!("name=\"plan_id\" value=\"{plan}\"")),
            "{e}"
        );
        let (s, to, _) = send(
            &hb,
            "/evaluations",
            &[("plan_id", &plan.to_string()), ("period", PERIOD)],
        )
        .await;
        assert_eq!(s, 303, "{e}");
        let id: i64 = to.trim_start_matches("/evaluations/").parse().unwrap();
        // The staff member enters the actual value with a PDF.
        let b = signed_in(&t, STAFF).await;
        let (s, body) = send_multipart(
            &b,
            &format!("/evaluations/{id}/actuals"),
            &[
                ("indicator_id", &indicator.to_string()),
                ("actual", "130"),
                ("note", ""),
            ],
            Some(("bukti.pdf", b"%PDF-1.4 rekap".to_vec())),
        )
        .await;
        assert_eq!(s, 303, "{e}: {body}");
        let (_, html) = page(&b, &format!("/evaluations/{id}")).await;
        assert!(html.contains("108%"), "{e}: 130 of 120");
        let r = b
            .get(&format!("/evaluations/{id}/evidence/{indicator}"))
            .await;
        assert_eq!(r.status(), 200, "{e}");
        // The head rates on the page, with the guidance beside each choice.
        let (_, html) = page(&hb, &format!("/evaluations/{id}")).await;
        assert!(
            html.contains("melampaui ekspektasi yang disepakati"),
            "{e}: the guidance"
        );
        assert!(html.len() < 30_000, "{e}: {} bytes", html.len());
        let version = count(
            &t,
            &format!("SELECT version FROM evaluations WHERE id = {id}"),
        )
        .await
        .to_string();
        let (s, _, _) = send(
            &hb,
            &format!("/evaluations/{id}/rating"),
            &[
                ("version", &version),
                ("results_rating", "above"),
                ("behaviour_rating", "above"),
                ("behaviour.adaptif", "above"),
                ("feedback", "Luar biasa"),
            ],
        )
        .await;
        assert_eq!(s, 303, "{e}");
        let (_, html) = page(&b, &format!("/evaluations/{id}")).await;
        assert!(
            html.contains("<strong id=\"predikat\">Sangat Baik</strong>"),
            "{e}"
        );
    }
}
