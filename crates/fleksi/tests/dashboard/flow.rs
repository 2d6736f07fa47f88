use super::common::*;
use jiff::SignedDuration;
use serde_json::json;
use std::io::Cursor;

const UNIT: &str = "DISDUKCAPIL-B1";
const HEAD: &str = "kabid.dukcapil";
const STAFF: &str = "pegawai.dukcapil";

#[tokio::test]
async fn output_lands_in_the_dashboards_by_day_and_place() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let a = demo_agency(&t).await;
        let staff = employee_of(&t, STAFF).await;
        let head = api_token(&t, HEAD).await;
        let me = api_token(&t, STAFF).await;
        // Monday the 23rd the staff member works from home.
        let mut c = t.app.db.conn().await.unwrap();
        fleksi_store::plan::put(
            &mut c,
            a,
            staff,
            "2026-11-23",
            "home",
            "approved",
            "request",
            None,
            t.app.now(),
        )
        .await
        .unwrap();
        drop(c);
        let task =
            |title: &str| json!({"title": title, "deadline": "2026-11-23", "assignees": [staff]});
        let (_, one) = post(&t, &head, "/tasks", task("Rekap KTP-el")).await;
        let (_, two) = post(&t, &head, "/tasks", task("Arsip berkas")).await;
        let (one, two) = (one["id"].as_i64().unwrap(), two["id"].as_i64().unwrap());

        // Half an hour later: both started (two first responses), one finished on time.
        t.clock.advance(SignedDuration::from_mins(30));
        for id in [one, two] {
            let (s, _) = post(
                &t,
                &me,
                &format!("/tasks/{id}/actions"),
                json!({"action": "start"}),
            )
            .await;
            assert_eq!(s, 200, "{e}");
        }
        post(
            &t,
            &me,
            &format!("/tasks/{one}/actions"),
            json!({"action": "finish"}),
        )
        .await;
        let (s, _) = post(&t, &me, "/reports", json!({"items": [
            {"text": "Rekap KTP-el", "status": "done", "task_id": one},
            {"text": "Arsip berkas", "status": "blocked", "needs": "kunci lemari arsip", "task_id": two},
        ]}))
        .await;
        assert_eq!(s, 201, "{e}");
        // The next day, in the office: the other one, late.
        t.clock.advance(SignedDuration::from_hours(24));
        post(
            &t,
            &me,
            &format!("/tasks/{two}/actions"),
            json!({"action": "finish"}),
        )
        .await;
        fleksi_service::jobs::close_days::run(&t.app).await.unwrap();

        let (s, d) = get(&t, &head, "/dashboard?month=2026-11").await;
        assert_eq!(s, 200, "{e}: {d}");
        let all = &d["month_total"]["all"];
        assert_eq!(
            (
                all["tasks_done"].as_i64(),
                all["tasks_on_time"].as_i64(),
                all["tasks_late"].as_i64()
            ),
            (Some(2), Some(1), Some(1)),
            "{e}: {all}"
        );
        assert_eq!(all["on_time_rate"], 50.0, "{e}");
        assert_eq!(all["mean_response_hours"], 0.5, "{e}");
        assert_eq!(
            d["month_total"]["remote"]["tasks_done"], 1,
            "{e}: finished at home"
        );
        assert_eq!(
            d["month_total"]["office"]["tasks_done"], 1,
            "{e}: finished in the office"
        );
        assert_eq!(d["month_total"]["remote"]["items_blocked"], 1, "{e}");
        assert_eq!(d["month_total"]["remote"]["reports"], 1, "{e}");
        let week = d["weeks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["week"] == "2026-11-23")
            .unwrap();
        assert_eq!(week["figures"]["all"]["tasks_done"], 2, "{e}");
        // Monday was closed: everyone of the head's team in the unit was due; one reported.
        assert!(all["due"].as_i64().unwrap() >= 1, "{e}");
        assert_eq!(all["due_reported"], 1, "{e}");

        // The unit, for its admin: the same figures (and the head's own days).
        let u = unit(&t, UNIT).await;
        let admin = api_token(&t, "admin.bkpsdm").await;
        let (s, ud) = get(
            &t,
            &admin,
            &format!("/dashboard?unit={}&month=2026-11", u.id),
        )
        .await;
        assert_eq!(s, 200, "{e}: {ud}");
        assert_eq!(ud["month_total"]["all"]["tasks_done"], 2, "{e}");
        assert!(ud["people"].as_i64().unwrap() >= 2, "{e}");

        // Sent back: the late finish no longer counts.
        post(
            &t,
            &head,
            &format!("/tasks/{two}/actions"),
            json!({"action": "send_back", "reason": "Lengkapi daftar"}),
        )
        .await;
        let (_, d) = get(&t, &head, "/dashboard?month=2026-11").await;
        assert_eq!(d["month_total"]["all"]["tasks_done"], 1, "{e}");
        assert_eq!(d["month_total"]["all"]["tasks_late"], 0, "{e}");

        // The pages and the workbook.
        let b = signed_in(&t, "admin.bkpsdm").await;
        let r = b
            .get(&format!("/dashboard?unit={}&month=2026-11", u.id))
            .await;
        assert_eq!(r.status(), 200, "{e}");
        let html = r.text().await.unwrap();
        assert!(
            html.contains("id=\"weeks\"") && html.contains("recap.xlsx"),
            "{e}"
        );
        assert!(html.len() < 30_000, "{e}");
        let r = b
            .get(&format!(
                "/dashboard/recap.xlsx?unit={}&month=2026-11",
                u.id
            ))
            .await;
        assert_eq!(r.status(), 200, "{e}");
        let bytes = r.bytes().await.unwrap().to_vec();
        use calamine::{Data, Reader, Xlsx};
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("an XLSX workbook");
        assert_eq!(
            book.sheet_names(),
            vec!["Kinerja 2026-11".to_string()],
            "{e}"
        );
        let sheet = book.worksheet_range("Kinerja 2026-11").unwrap();
        let nip = {
            let mut c = t.app.db.conn().await.unwrap();
            fleksi_store::employee::get(&mut c, a, staff)
                .await
                .unwrap()
                .unwrap()
                .nip
        };
        let row = sheet
            .rows()
            .find(|r| r[0] == Data::String(nip.clone()))
            .expect("the staff member's row, NIP as text");
        assert_eq!(row[8], Data::Float(1.0), "{e}: one task done");
        assert_eq!(row[7], Data::Float(1.0), "{e}: one blocked item");
    }
}

#[tokio::test]
async fn nobody_else_sees_a_dashboard() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let u = unit(&t, UNIT).await;
        let staff = api_token(&t, STAFF).await;
        let (s, _) = get(&t, &staff, "/dashboard").await;
        assert_eq!(s, 403, "{e}: a plain employee has no team");
        for (login, want) in [
            ("kepala.diskominfo", 403),
            ("admin.dinkes", 403),
            ("admin.lain", 404),
            (STAFF, 403),
        ] {
            let tok = api_token(&t, login).await;
            let (s, _) = get(&t, &tok, &format!("/dashboard?unit={}", u.id)).await;
            assert_eq!(s.as_u16(), want, "{e}: {login}");
            let b = signed_in(&t, login).await;
            let s = b
                .get(&format!("/dashboard/recap.xlsx?unit={}", u.id))
                .await
                .status();
            assert_eq!(s.as_u16(), want, "{e}: {login} workbook");
        }
        let head = api_token(&t, HEAD).await;
        let (s, p) = get(&t, &head, "/dashboard?month=2026-13").await;
        assert_eq!(
            (s.as_u16(), fields(&p)),
            (422, vec!["month".to_string()]),
            "{e}"
        );
        let (s, p) = get(&t, &head, "/dashboard?month=2027-01").await;
        assert_eq!(
            (s.as_u16(), fields(&p)),
            (422, vec!["month".to_string()]),
            "{e}: not begun"
        );
    }
}
