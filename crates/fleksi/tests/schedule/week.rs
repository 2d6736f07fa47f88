//! My week: the plan with its time mode and a request still waiting, presence per day,
//! holidays by name, the week's hours against the required, what still waits.

use super::helpers::*;

#[tokio::test]
async fn my_week_shows_plan_presence_hours_and_what_waits() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = employee_of(&t, STAFF).await;
        approved_day(&t, me, "2026-11-25", "home").await;
        // Monday: in at 09:00 WIB (late), out at 16:30.
        let token = api_token(&t, STAFF).await;
        punch(&t, &token, "check-in", "office", "minggu-masuk-001").await;
        at(&t, "2026-11-23T09:30:00Z");
        punch(&t, &token, "check-out", "office", "minggu-pulang-01").await;
        // A request for next week, still pending; a correction asked for last Friday.
        submit_request(
            &t,
            STAFF,
            json!({
                "first_day": "2026-12-01", "last_day": "2026-12-01",
                "exceptions": [{"date": "2026-12-01", "location": "home"}],
                "time_mode": "dynamic",
                "reason": "Konsolidasi data kependudukan",
                "work_plan": "Membersihkan 300 data ganda"
            }),
        )
        .await;
        let (status, body) = api_post(
            &t,
            &token,
            "/presence/corrections",
            &json!({"date": "2026-11-20", "check_in": "07:30", "check_out": "16:00", "location": "office", "reason": "Lupa presensi"}),
        )
        .await;
        assert!(status.is_success(), "{e}: {status} {body}");

        let b = signed_in(&t, STAFF).await;
        let (status, html) = page(&b, "/week").await;
        assert_eq!(status, 200, "{e}: {html}");
        let monday = part(&html, "d2026-11-23", "</tr>");
        assert!(monday.contains("09:00–16:30"), "{e}: {monday}");
        assert!(monday.contains("terlambat 90 menit"), "{e}: {monday}");
        assert!(
            part(&html, "d2026-11-25", "</tr>").contains("Rumah (WFH)"),
            "{e}"
        );
        let hours = part(&html, "hours", "</p>");
        assert!(hours.contains("dari wajib 37 j 30 m"), "{e}: {hours}");
        assert!(hours.contains("1 hari hadir"), "{e}: {hours}");
        let waiting = part(&html, "waiting", "</section>");
        assert!(
            waiting.contains("2026-12-01 – 2026-12-01"),
            "{e}: {waiting}"
        );
        assert!(waiting.contains("Menunggu persetujuan"), "{e}");
        assert!(waiting.contains("2026-11-20"), "{e}: the correction");

        // Next week: the pending request with its time mode.
        let (_, html) = page(&b, "/week?date=2026-12-01").await;
        let tuesday = part(&html, "d2026-12-01", "</tr>");
        assert!(
            tuesday.contains("Menunggu persetujuan: Rumah (WFH)"),
            "{e}: {tuesday}"
        );
        assert!(tuesday.contains("Jam dinamis"), "{e}: {tuesday}");

        // Christmas week: the days off are named.
        let (_, html) = page(&b, "/week?date=2026-12-24").await;
        let thursday = part(&html, "d2026-12-24", "</tr>");
        assert!(thursday.contains("class=\"x\""), "{e}");
        assert!(
            thursday.contains("Cuti bersama Kelahiran Yesus Kristus"),
            "{e}"
        );
        assert!(
            part(&html, "hours", "</p>").contains("dari wajib 22 j 30 m"),
            "{e}: three working days"
        );

        // The API.
        let (status, v) = api_json(&t, &token, "/schedule/week").await;
        assert_eq!(status, 200, "{e}: {v}");
        assert_eq!(v["monday"], "2026-11-23", "{e}");
        assert_eq!(v["days"][0]["check_in"], "09:00", "{e}");
        assert_eq!(v["days"][0]["late_minutes"], 90, "{e}");
        assert_eq!(v["days"][0]["mark"], "late", "{e}");
        assert_eq!(v["days"][2]["location"], "home", "{e}");
        assert_eq!(v["days"][5]["working"], false, "{e}: Saturday");
        assert_eq!(v["required_minutes"], 2250, "{e}");
        assert_eq!(v["pending_requests"].as_array().unwrap().len(), 1, "{e}");
        assert_eq!(v["pending_corrections"].as_array().unwrap().len(), 1, "{e}");
    }
}
