//! Corrections: the employee asks, the supervisor (or the official acting for them that
//! day) decides; approving rewrites the day and moves the week by the difference, the
//! original punches stay, and nobody else may decide.

use super::helpers::*;

async fn ask(t: &TestApp, token: &str, body: Value) -> (StatusCode, Value) {
    api_post(t, token, "/presence/corrections", &body).await
}

async fn decide(t: &TestApp, token: &str, id: i64, decision: &str, comment: &str) -> StatusCode {
    api_post(
        t,
        token,
        &format!("/presence/corrections/{id}/decision"),
        &json!({"decision": decision, "comment": comment}),
    )
    .await
    .0
}

async fn pending_ids(t: &TestApp, token: &str) -> Vec<i64> {
    let r = api_get(t, token, "/presence/corrections/pending").await;
    assert_eq!(r.status(), 200);
    r.json::<Vec<Value>>()
        .await
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn the_supervisor_approves_a_missed_check_out_and_the_totals_move() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = employee_of(&t, STAFF).await;
        let token = api_token(&t, STAFF).await;
        at(&t, "2026-11-23T00:30:00Z"); // Monday 07:30 WIB
        let (status, first) = check_in(&t, &token, "office", "monday-in-0001").await;
        assert_eq!(status, 201, "{e}");
        at(&t, "2026-11-24T01:00:00Z"); // Tuesday 08:00 WIB

        // Bad requests are named and change nothing.
        let before = snapshot(&t).await;
        for (body, field) in [
            (
                json!({"date": "2026-11-25", "check_out": "16:00", "reason": "x"}),
                "date",
            ),
            (
                json!({"date": "2026-02-30", "check_out": "16:00", "reason": "x"}),
                "date",
            ),
            (
                json!({"date": "2026-11-23", "check_out": "07:00", "reason": "x"}),
                "check_out",
            ),
            (json!({"date": "2026-11-23", "reason": "x"}), "check_in"),
            (
                json!({"date": "2026-11-23", "check_out": "16:00", "reason": " "}),
                "reason",
            ),
            (
                json!({"date": "2026-11-22", "check_out": "16:00", "reason": "x"}),
                "check_in",
            ),
            (
                json!({"date": "2026-11-23", "check_out": "16:00", "reason": "x", "employee_id": 1}),
                "body",
            ),
        ] {
            let (status, p) = ask(&t, &token, body.clone()).await;
            assert_eq!(status, 422, "{e}: {body}: {p}");
            assert_eq!(fields(&p), [field], "{e}: {body}: {p}");
        }
        assert_eq!(snapshot(&t).await, before, "{e}");

        let (status, created) = ask(
            &t,
            &token,
            json!({"date": "2026-11-23", "check_out": "16:00", "reason": "Lupa presensi pulang"}),
        )
        .await;
        assert_eq!(status, 201, "{e}: {created}");
        let id = created["id"].as_i64().unwrap();
        let (status, p) = ask(
            &t,
            &token,
            json!({"date": "2026-11-23", "check_out": "16:30", "reason": "lagi"}),
        )
        .await;
        assert_eq!(
            (status.as_u16(), fields(&p)),
            (422, vec!["date".to_string()]),
            "{e}: one pending per date"
        );
        let head = employee_of(&t, HEAD).await;
        let notes = {
            let a = demo_agency(&t).await;
            let mut c = t.app.db.conn().await.unwrap();
            fleksi_store::notification::latest(&mut c, a, head, 10)
                .await
                .unwrap()
        };
        assert!(
            notes.iter().any(|n| n.text_id.contains("2026-11-23")),
            "{e}: the head is told"
        );

        // Nobody but the supervisor may decide; each refusal changes nothing.
        let my_nip = {
            let mut c = t.app.db.conn().await.unwrap();
            fleksi_store::employee::get(&mut c, demo_agency(&t).await, me)
                .await
                .unwrap()
                .unwrap()
                .nip
        };
        let peer = staff_of(&t, "DISKOMINFO-B1")
            .await
            .into_iter()
            .find(|n| *n != my_nip)
            .unwrap();
        let before = snapshot(&t).await;
        for (login, expected) in [
            (peer.as_str(), 403),
            ("kepala.diskominfo", 403),
            ("admin.bkpsdm", 403),
            (STAFF, 403),
            ("admin.lain", 404),
        ] {
            let other = api_token(&t, login).await;
            let before = snapshot(&t).await;
            assert_eq!(
                decide(&t, &other, id, "approve", "").await,
                expected,
                "{e}: {login}"
            );
            assert_eq!(snapshot(&t).await, before, "{e}: {login}");
            assert!(
                pending_ids(&t, &other).await.is_empty(),
                "{e}: {login} sees none"
            );
        }
        let _ = before;
        let boss = api_token(&t, HEAD).await;
        assert_eq!(pending_ids(&t, &boss).await, [id], "{e}");
        let before = snapshot(&t).await;
        assert_eq!(
            decide(&t, &boss, id, "reject", " ").await,
            422,
            "{e}: a rejection needs a comment"
        );
        assert_eq!(decide(&t, &boss, id, "maybe", "").await, 422, "{e}");
        assert_eq!(snapshot(&t).await, before, "{e}");

        // The supervisor approves on the page.
        let b = signed_in(&t, HEAD).await;
        let (status, html) = page(&b, "/presence/corrections").await;
        assert_eq!(status, 200, "{e}");
        assert!(html.contains("Lupa presensi pulang"), "{e}");
        let (status, _) = send(
            &b,
            &format!("/presence/corrections/{id}"),
            &[("decision", "approve"), ("comment", "Disetujui")],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let day = day_row(&t, me, "2026-11-23").await.unwrap();
        assert_eq!(
            day.effective_minutes, 450,
            "{e}: 07:30–16:00 less the break"
        );
        assert_eq!(day.corrected, 1, "{e}");
        assert!(day.core_hours_met != 0, "{e}");
        let week = week_row(&t, me, "2026-11-23").await.unwrap();
        assert_eq!((week.effective_minutes, week.days_present), (450, 1), "{e}");
        // The original punch is untouched; the correction is an event of its own.
        let events: Vec<(String, i64, String, String)> = sqlx::query_as(
            "SELECT kind, at, source, client_key FROM presence_events WHERE employee_id = $1 ORDER BY id",
        )
        .bind(me)
        .fetch_all(t.app.db.pool())
        .await
        .unwrap();
        assert_eq!(events.len(), 2, "{e}: {events:?}");
        assert_eq!(events[0].2, "api", "{e}");
        assert_eq!(events[0].3, "monday-in-0001", "{e}");
        assert_eq!(
            jiff::Timestamp::from_millisecond(events[0].1)
                .unwrap()
                .to_string(),
            first["event"]["at"].as_str().unwrap(),
            "{e}"
        );
        assert_eq!(
            (events[1].0.as_str(), events[1].2.as_str()),
            ("check_out", "correction"),
            "{e}"
        );
        let audit = audited(&t, "presence.correction_approve").await;
        assert_eq!(audit.len(), 1, "{e}");
        let before_json: Value =
            serde_json::from_str(audit[0].before_json.as_deref().unwrap()).unwrap();
        let after_json: Value =
            serde_json::from_str(audit[0].after_json.as_deref().unwrap()).unwrap();
        assert_eq!(
            before_json["day"]["check_out_at"],
            Value::Null,
            "{e}: the original kept"
        );
        assert_eq!(before_json["day"]["effective_minutes"], 0, "{e}");
        assert_eq!(after_json["day"]["effective_minutes"], 450, "{e}");
        assert_eq!(
            audited(&t, "presence.correction_request").await.len(),
            1,
            "{e}"
        );
        // Decided once.
        assert_eq!(decide(&t, &boss, id, "approve", "").await, 422, "{e}");
        let now = today(&t, &token).await;
        assert_eq!(now["missing_check_outs"], json!([]), "{e}");
        let mine: Vec<Value> = api_get(&t, &token, "/presence/corrections")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(mine[0]["status"], "approved", "{e}");
        let b = signed_in(&t, STAFF).await;
        let (_, html) = page(&b, "/presence").await;
        assert!(html.contains("Disetujui"), "{e}");
    }
}

#[tokio::test]
async fn the_acting_official_decides_only_within_the_acting_period() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = employee_of(&t, STAFF).await;
        let head = employee_of(&t, HEAD).await;
        let token = api_token(&t, STAFF).await;
        let stand_in = head_of(&t, "DISKOMINFO-B2").await;
        let stand_in_id = {
            let mut c = t.app.db.conn().await.unwrap();
            fleksi_store::employee::by_nip(&mut c, demo_agency(&t).await, &stand_in)
                .await
                .unwrap()
                .unwrap()
                .id
        };
        sqlx::query(
            "INSERT INTO acting_officials (agency_id, holder_id, acting_id, kind, first_day, last_day, created_at)
             VALUES ($1, $2, $3, 'plh', '2026-11-24', '2026-11-24', 0)",
        )
        .bind(demo_agency(&t).await)
        .bind(head)
        .bind(stand_in_id)
        .execute(t.app.db.pool())
        .await
        .unwrap();
        // Monday was missed entirely: worked from home 07:30–16:00.
        at(&t, "2026-11-24T01:00:00Z");
        let (status, c1) = ask(
            &t,
            &token,
            json!({"date": "2026-11-23", "check_in": "07:30", "check_out": "16:00", "location": "home", "reason": "Aplikasi tidak bisa dibuka"}),
        )
        .await;
        assert_eq!(status, 201, "{e}: {c1}");
        let (status, c2) = ask(
            &t,
            &token,
            json!({"date": "2026-11-24", "check_in": "07:30", "reason": "Lupa presensi masuk"}),
        )
        .await;
        assert_eq!(status, 201, "{e}: {c2}");
        let acting = api_token(&t, &stand_in).await;
        assert_eq!(pending_ids(&t, &acting).await.len(), 2, "{e}");
        assert_eq!(
            decide(&t, &acting, c1["id"].as_i64().unwrap(), "approve", "").await,
            204,
            "{e}"
        );
        let day = day_row(&t, me, "2026-11-23").await.unwrap();
        assert_eq!(day.effective_minutes, 450, "{e}");
        assert_eq!(day.check_in_location.as_deref(), Some("home"), "{e}");
        assert_eq!(day.mismatch, 1, "{e}: home on an office day is flagged");
        let week = week_row(&t, me, "2026-11-23").await.unwrap();
        assert_eq!((week.effective_minutes, week.days_present), (450, 1), "{e}");

        // The next day the stand-in is no longer acting.
        at(&t, "2026-11-25T01:00:00Z");
        let id2 = c2["id"].as_i64().unwrap();
        let before = snapshot(&t).await;
        assert!(pending_ids(&t, &acting).await.is_empty(), "{e}");
        assert_eq!(decide(&t, &acting, id2, "approve", "").await, 403, "{e}");
        assert_eq!(snapshot(&t).await, before, "{e}");
        // The supervisor, back, rejects it with a reason; the day stays as it was.
        let boss = api_token(&t, HEAD).await;
        assert_eq!(
            decide(&t, &boss, id2, "reject", "Tidak ada bukti kehadiran").await,
            204,
            "{e}"
        );
        assert!(day_row(&t, me, "2026-11-24").await.is_none(), "{e}");
        let mine: Vec<Value> = api_get(&t, &token, "/presence/corrections")
            .await
            .json()
            .await
            .unwrap();
        let rejected = mine.iter().find(|c| c["id"] == id2).unwrap();
        assert_eq!(rejected["status"], "rejected", "{e}");
        assert_eq!(
            rejected["decision_comment"], "Tidak ada bukti kehadiran",
            "{e}"
        );
        assert_eq!(
            audited(&t, "presence.correction_reject").await.len(),
            1,
            "{e}"
        );
    }
}
