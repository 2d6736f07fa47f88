//! The day's report from the employee's side and the supervisor's, and the week.

use super::helpers::*;

#[tokio::test]
async fn a_day_is_reported_replaced_read_by_the_supervisor_and_acknowledged() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let staff = employee_of(&t, STAFF).await;
        let head_tok = api_token(&t, HEAD).await;
        let me = api_token(&t, STAFF).await;
        let u = unit(&t, UNIT).await;

        // A task from the head to report on.
        let (s, task) = answer(
            api_post(
                &t,
                &head_tok,
                "/tasks",
                &json!({"title": "Rekap KTP-el November", "assignees": [staff]}),
            )
            .await,
        )
        .await;
        assert_eq!(s, 201, "{e}: {task}");
        let task_id = task["id"].as_i64().unwrap();

        let mut items = three_items();
        items[0]["task_id"] = json!(task_id);
        let (s, r) = report(&t, &me, &json!({"items": items})).await;
        assert_eq!(s, 201, "{e}: {r}");
        assert_eq!(r["date"], TODAY, "{e}: today by default");
        assert_eq!(r["place"], "office", "{e}: no plan is the office");
        assert_eq!(r["late"], false, "{e}");
        assert_eq!(r["items"].as_array().unwrap().len(), 3, "{e}");
        assert_eq!(r["items"][0]["task_title"], "Rekap KTP-el November", "{e}");
        assert_eq!(r["items"][2]["status"], "blocked", "{e}");
        assert_eq!(r["items"][2]["needs"], "akses SIAK belum aktif", "{e}");
        assert_eq!(
            person_day(&t, staff, TODAY).await,
            Some((0, 1, 3, 1)),
            "{e}"
        );
        assert_eq!(unit_day(&t, u.id, TODAY).await, (0, 0, 1, 3), "{e}");

        // Replaced the same day: one report, the totals moved by the difference.
        let (s, r2) = report(
            &t,
            &me,
            &json!({"date": TODAY, "items": [{"text": "Verifikasi 15 berkas", "status": "done"}]}),
        )
        .await;
        assert_eq!(s, 200, "{e}: {r2}");
        assert_eq!(r2["id"], r["id"], "{e}");
        assert_eq!(
            count(&t, "SELECT COUNT(*) FROM daily_reports").await,
            1,
            "{e}"
        );
        assert_eq!(
            person_day(&t, staff, TODAY).await,
            Some((0, 1, 1, 0)),
            "{e}"
        );
        assert_eq!(unit_day(&t, u.id, TODAY).await, (0, 0, 1, 1), "{e}");
        let (s, mine) = get_json(&t, &me, &format!("/reports?date={TODAY}")).await;
        assert_eq!(
            (s.as_u16(), mine["items"][0]["text"].as_str()),
            (200, Some("Verifikasi 15 berkas")),
            "{e}"
        );

        // A colleague reports a blocked item: the head sees the blocked first, then those
        // who have not reported, then the rest.
        let (_, peer_login) = colleague(&t).await;
        let peer = api_token(&t, &peer_login).await;
        let (s, _) = report(&t, &peer, &json!({"items": three_items()})).await;
        assert_eq!(s, 201, "{e}");
        let (s, day) = get_json(&t, &head_tok, "/reports/team").await;
        assert_eq!(s, 200, "{e}: {day}");
        let people = day["people"].as_array().unwrap();
        assert!(people.len() >= 3, "{e}");
        assert_eq!(people[0]["nip"], peer_login, "{e}: blocked first");
        assert!(people[1]["report"].is_null(), "{e}: then not yet");
        assert_eq!(
            people.last().unwrap()["employee_id"],
            staff,
            "{e}: then the rest"
        );
        assert_eq!(day["reported"], 2, "{e}");

        // The head acknowledges with a comment; the report is now closed to changes.
        let version = r2["version"].as_i64().unwrap();
        let id = r2["id"].as_i64().unwrap();
        let stale = api_post(
            &t,
            &head_tok,
            &format!("/reports/{id}/acknowledge"),
            &json!({"version": version - 1}),
        )
        .await;
        assert_eq!(stale.status(), 409, "{e}: an old version is refused");
        let ok = api_post(
            &t,
            &head_tok,
            &format!("/reports/{id}/acknowledge"),
            &json!({"version": version, "comment": "Bagus, lanjutkan"}),
        )
        .await;
        assert_eq!(ok.status(), 204, "{e}");
        let (_, seen) = get_json(&t, &me, &format!("/reports/{id}")).await;
        assert_eq!(
            (seen["acknowledged"].as_bool(), seen["comment"].as_str()),
            (Some(true), Some("Bagus, lanjutkan")),
            "{e}"
        );
        let before = snapshot(&t).await;
        let (s, refused) = report(&t, &me, &json!({"items": three_items()})).await;
        assert_eq!(s, 422, "{e}: {refused}");
        assert_eq!(fields(&refused), ["date"], "{e}");
        assert_eq!(snapshot(&t).await, before, "{e}");

        // Every write left its audit entry.
        for action in ["report.submit", "report.replace", "report.acknowledge"] {
            let n = count(
                &t,
                &format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"),
            )
            .await;
            assert!(n >= 1, "{e}: {action}");
        }
    }
}

#[tokio::test]
async fn a_report_for_yesterday_is_late_and_a_remote_day_counts_as_remote() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let staff = employee_of(&t, STAFF).await;
        let me = api_token(&t, STAFF).await;
        approved_day(&t, staff, "2026-11-20", "home").await;
        let (s, r) = report(
            &t,
            &me,
            &json!({"date": "2026-11-20", "items": three_items()}),
        )
        .await;
        assert_eq!(s, 201, "{e}: {r}");
        assert_eq!(
            (r["late"].as_bool(), r["place"].as_str()),
            (Some(true), Some("remote")),
            "{e}"
        );
        let u = unit(&t, UNIT).await;
        let remote: i64 = sqlx::query_scalar(
            "SELECT reports FROM output_unit_days WHERE unit_id = $1 AND date = '2026-11-20' AND place = 'remote'",
        )
        .bind(u.id)
        .fetch_one(t.app.db.pool())
        .await
        .unwrap();
        assert_eq!(remote, 1, "{e}");
    }
}

#[tokio::test]
async fn the_week_is_compiled_with_the_reflection_and_acknowledged() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let staff = employee_of(&t, STAFF).await;
        let me = api_token(&t, STAFF).await;
        let head = signed_in(&t, HEAD).await;
        for date in ["2026-11-17", "2026-11-18", "2026-11-19"] {
            let (s, _) = report(&t, &me, &json!({"date": date, "items": three_items()})).await;
            assert_eq!(s, 201, "{e}: {date}");
        }
        let (s, w) = answer(
            api_post(
                &t,
                &me,
                "/reports/week",
                &json!({"week": "2026-11-18", "went_well": "Verifikasi lancar", "to_improve": "Koordinasi data", "next_week": "Rekap bulanan"}),
            )
            .await,
        )
        .await;
        assert_eq!(s, 200, "{e}: {w}");
        assert_eq!(w["week"], "2026-11-16", "{e}: the Monday");
        assert_eq!(w["days_reported"], 3, "{e}");
        assert_eq!(w["items_done"], 3, "{e}");
        assert_eq!(w["items_blocked"], 3, "{e}");
        assert_eq!(w["next_week"], "Rekap bulanan", "{e}");

        // The head reads the team's week and the person's week, and acknowledges.
        let (s, html) = page(&head, "/reports/team-week?week=2026-11-16").await;
        assert_eq!(s, 200, "{e}");
        assert!(
            html.contains(&format!("/reports/week/{staff}?week=2026-11-16")),
            "{e}"
        );
        let (s, html) = page(&head, &format!("/reports/week/{staff}?week=2026-11-16")).await;
        assert_eq!(s, 200, "{e}");
        assert!(html.contains("Rekap bulanan"), "{e}");
        assert!(html.contains("<dd id=\"days-reported\">3</dd>"), "{e}");
        let id: i64 = count(&t, "SELECT id FROM weekly_reports").await;
        let (s, to, _) = send(
            &head,
            &format!("/reports/weekly/{id}/acknowledge"),
            &[
                ("version", "1"),
                ("comment", "Terima kasih"),
                ("back", "/reports/team-week?week=2026-11-16"),
            ],
        )
        .await;
        assert_eq!(
            (s.as_u16(), to.as_str()),
            (303, "/reports/team-week?week=2026-11-16"),
            "{e}"
        );
        // Acknowledged: no more changes.
        let (s, refused) = answer(
            api_post(&t, &me, "/reports/week", &json!({"week": "2026-11-16", "went_well": "a", "to_improve": "b", "next_week": "c"})).await,
        )
        .await;
        assert_eq!(s, 422, "{e}: {refused}");
        assert_eq!(fields(&refused), ["week"], "{e}");
    }
}

#[tokio::test]
async fn the_report_page_works_as_a_plain_form() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b = signed_in(&t, STAFF).await;
        let (s, html) = page(&b, "/reports").await;
        assert_eq!(s, 200, "{e}");
        assert!(html.contains("name=\"items[0].text\""), "{e}");
        assert!(html.contains("enctype=\"multipart/form-data\""), "{e}");
        assert!(
            html.len() < 30_000,
            "{e}: a light page ({} bytes)",
            html.len()
        );
        // A PDF as evidence, typed as people do.
        let (s, to, body) = send_report_form(
            &b,
            &[
                ("date", TODAY),
                ("items[0].text", "Menyusun notula rapat"),
                ("items[0].status", "done"),
                ("items[1].text", ""),
                ("items[2].text", "Input SIAK"),
                ("items[2].status", "blocked"),
                ("items[2].needs", "akses"),
                ("evidence_link", "https://drive.example.go.id/notula"),
            ],
            Some(("notula.pdf", b"%PDF-1.4 notula".to_vec())),
        )
        .await;
        assert_eq!(
            (s.as_u16(), to.as_str()),
            (303, "/reports?date=2026-11-23&done=1"),
            "{e}: {body}"
        );
        let (_, html) = page(&b, &to).await;
        assert!(html.contains("Laporan harian tersimpan."), "{e}");
        assert!(
            html.contains("value=\"Menyusun notula rapat\""),
            "{e}: the form holds the report"
        );
        let id = count(&t, "SELECT id FROM daily_reports").await;
        let r = b.get(&format!("/reports/{id}/evidence")).await;
        assert_eq!(r.status(), 200, "{e}");
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment"),
            "{e}"
        );

        // The head's team page shows it with the acknowledgement form.
        let head = signed_in(&t, HEAD).await;
        let (s, html) = page(&head, "/reports/team").await;
        assert_eq!(s, 200, "{e}");
        assert!(html.contains("Menyusun notula rapat"), "{e}");
        assert!(
            html.contains(&format!("action=\"/reports/{id}/acknowledge\"")),
            "{e}"
        );
        let (s, to, _) = send(
            &head,
            &format!("/reports/{id}/acknowledge"),
            &[("version", "1"), ("back", "/reports/team?date=2026-11-23")],
        )
        .await;
        assert_eq!(
            (s.as_u16(), to.as_str()),
            (303, "/reports/team?date=2026-11-23"),
            "{e}"
        );

        // Without the CSRF token, nothing.
        let before = snapshot(&t).await;
        let r = b
            .post_multipart(
                "/reports",
                reqwest::multipart::Form::new()
                    .text("items[0].text", "x")
                    .text("items[0].status", "done"),
            )
            .await;
        assert_eq!(r.status(), 403, "{e}");
        assert_eq!(snapshot(&t).await, before, "{e}");
    }
}
