//! Punches and what they add up to: local dates and times per zone, late starts, breaks,
//! core hours, week totals, a missing check-out, the plan against the declared location,
//! and the page's no-JavaScript forms.

use super::helpers::*;

#[tokio::test]
async fn a_wit_check_in_at_seven_local_is_on_time_on_the_local_date() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let nip = staff_of(&t, "KP-JAYAPURA").await.remove(0);
        let token = api_token(&t, &nip).await;
        // 22:00 UTC on Monday is 07:00 on Tuesday in Jayapura (UTC+9).
        at(&t, "2026-11-23T22:00:00Z");
        let (status, body) = check_in(&t, &token, "office", "wit-morning-1").await;
        assert_eq!(status, 201, "{e}: {body}");
        assert_eq!(body["day"]["date"], "2026-11-24", "{e}");
        assert_eq!(body["day"]["zone"], "WIT", "{e}");
        assert_eq!(body["day"]["check_in"], "07:00", "{e}");
        assert_eq!(body["event"]["local_time"], "07:00", "{e}");
        assert_eq!(body["event"]["at"], "2026-11-23T22:00:00Z", "{e}");
        assert_eq!(body["day"]["late_minutes"], 0, "{e}: on time");
        assert_eq!(body["week"]["week"], "2026-11-23", "{e}");
        let me = {
            let mut c = t.app.db.conn().await.unwrap();
            fleksi_store::user::by_username(&mut c, &nip)
                .await
                .unwrap()
                .unwrap()
                .employee_id
                .unwrap()
        };
        assert!(day_row(&t, me, "2026-11-24").await.is_some(), "{e}");
        assert!(day_row(&t, me, "2026-11-23").await.is_none(), "{e}");
        // 07:40 WIT is ten minutes late under regular hours.
        let late = staff_of(&t, "KP-JAYAPURA").await.remove(1);
        let token = api_token(&t, &late).await;
        at(&t, "2026-11-23T22:40:00Z");
        let (_, body) = check_in(&t, &token, "office", "wit-morning-2").await;
        assert_eq!(body["day"]["late_minutes"], 10, "{e}");
    }
}

#[tokio::test]
async fn late_under_regular_hours_but_on_time_under_dynamic_hours() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        // 01:10 UTC is 08:10 WIB.
        at(&t, "2026-11-23T01:10:00Z");
        let token = api_token(&t, STAFF).await;
        let (status, body) = check_in(&t, &token, "office", "regular-0810").await;
        assert_eq!(status, 201, "{e}: {body}");
        assert_eq!(body["day"]["check_in"], "08:10", "{e}");
        assert_eq!(body["day"]["late_minutes"], 40, "{e}: 07:30 is the start");

        let other = "pegawai.dukcapil";
        let me = employee_of(&t, other).await;
        plan_day(&t, me, "2026-11-23", "office", "dynamic", None).await;
        let token = api_token(&t, other).await;
        let (status, body) = check_in(&t, &token, "office", "dynamic-0810").await;
        assert_eq!(status, 201, "{e}: {body}");
        assert_eq!(body["day"]["late_minutes"], 0, "{e}: the window ends 08:30");
        let now = today(&t, &token).await;
        assert_eq!(now["time_mode"], "dynamic", "{e}");
        assert_eq!(now["latest_start"], "08:30", "{e}");

        // A shift starting 08:00 is ten minutes late at 08:10.
        let nip = staff_of(&t, "BAPPEDA-B2").await.remove(0);
        let shift = {
            let mut c = t.app.db.conn().await.unwrap();
            fleksi_store::user::by_username(&mut c, &nip)
                .await
                .unwrap()
                .unwrap()
                .employee_id
                .unwrap()
        };
        plan_day(&t, shift, "2026-11-23", "office", "shift", Some("08:00")).await;
        let token = api_token(&t, &nip).await;
        let (_, body) = check_in(&t, &token, "office", "shift-0810").await;
        assert_eq!(
            body["day"]["late_minutes"], 10,
            "{e}: the shift starts 08:00"
        );
    }
}

#[tokio::test]
async fn breaks_core_hours_and_the_week_add_up() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let token = api_token(&t, STAFF).await;
        let me = employee_of(&t, STAFF).await;
        // (date, in UTC, out UTC, effective, core hours met): WIB = UTC+7.
        let days = [
            // Monday 07:30–16:00: 8 h 30 less the 60-minute break.
            ("2026-11-23", "00:30", "09:00", 450, true),
            // Tuesday 09:30–15:30: late for the core band; 6 h less 60.
            ("2026-11-24", "02:30", "08:30", 300, false),
            // Wednesday 13:00–17:00: after the break.
            ("2026-11-25", "06:00", "10:00", 240, false),
            // Friday 07:30–16:30: Friday's break is 90 minutes.
            ("2026-11-27", "00:30", "09:30", 450, true),
        ];
        let mut sum = 0;
        for (i, (date, tin, tout, effective, core)) in days.iter().enumerate() {
            at(&t, &format!("{date}T{tin}:00Z"));
            let (status, body) = check_in(&t, &token, "office", &format!("week-in-{i}")).await;
            assert_eq!(status, 201, "{e}: {body}");
            assert_eq!(body["day"]["open"], true, "{e}");
            assert_eq!(
                body["day"]["effective_minutes"], 0,
                "{e}: counted at check-out"
            );
            at(&t, &format!("{date}T{tout}:00Z"));
            let (status, body) = check_out(&t, &token, "office", &format!("week-out-{i}")).await;
            assert_eq!(status, 201, "{e}: {body}");
            assert_eq!(body["day"]["effective_minutes"], *effective, "{e}: {date}");
            assert_eq!(body["day"]["core_hours_met"], *core, "{e}: {date}");
            sum += effective;
            assert_eq!(body["week"]["effective_minutes"], sum, "{e}: running total");
        }
        let week = week_row(&t, me, "2026-11-23").await.unwrap();
        assert_eq!(week.effective_minutes, sum, "{e}");
        assert_eq!(week.days_present, 4, "{e}");
        assert_eq!(week.required_minutes, 5 * 450, "{e}: 37 h 30");
        let mut from_days = 0;
        for (date, ..) in days {
            from_days += day_row(&t, me, date).await.unwrap().effective_minutes;
        }
        assert_eq!(from_days, sum, "{e}: the week equals the sum of its days");

        // A later check-out replaces the earlier one; the week moves by the difference.
        at(&t, "2026-11-27T10:30:00Z");
        let (status, body) = check_out(&t, &token, "office", "week-out-late").await;
        assert_eq!(status, 201, "{e}: {body}");
        assert_eq!(body["day"]["effective_minutes"], 510, "{e}");
        assert_eq!(body["week"]["effective_minutes"], sum + 60, "{e}");
        assert_eq!(body["week"]["days_present"], 4, "{e}");
        let now = today(&t, &token).await;
        assert_eq!(now["week"]["effective_minutes"], sum + 60, "{e}");
        assert_eq!(now["week"]["required_minutes"], 2250, "{e}");
    }
}

#[tokio::test]
async fn a_missing_check_out_is_shown_the_next_day() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let token = api_token(&t, STAFF).await;
        at(&t, "2026-11-23T00:30:00Z");
        let (status, _) = check_in(&t, &token, "office", "forgot-out-1").await;
        assert_eq!(status, 201, "{e}");
        let now = today(&t, &token).await;
        assert_eq!(
            now["missing_check_outs"],
            json!([]),
            "{e}: today is still open"
        );
        assert_eq!(now["day"]["open"], true, "{e}");
        at(&t, "2026-11-23T04:30:00Z");
        let now = today(&t, &token).await;
        assert_eq!(
            now["minutes_so_far"], 240,
            "{e}: 07:30–11:30, before the break"
        );
        // The next morning, yesterday's open day is pointed out.
        at(&t, "2026-11-24T01:00:00Z");
        let now = today(&t, &token).await;
        assert_eq!(now["missing_check_outs"], json!(["2026-11-23"]), "{e}");
        assert_eq!(now["day"], Value::Null, "{e}: nothing yet today");
        let b = signed_in(&t, STAFF).await;
        let (status, html) = page(&b, "/presence").await;
        assert_eq!(status, 200, "{e}");
        assert!(html.contains("id=\"missing\""), "{e}");
        assert!(html.contains("2026-11-23"), "{e}");
        // A check-out now does not close yesterday's office day (no shift).
        let (status, body) = check_out(&t, &token, "office", "forgot-out-2").await;
        assert_eq!(status, 422, "{e}: {body}");
        assert_eq!(fields(&body), ["check_out"], "{e}");
    }
}

#[tokio::test]
async fn a_night_shift_checks_out_the_next_morning() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let nip = staff_of(&t, "PKM-SUKAMAJU").await.remove(0);
        let me = {
            let mut c = t.app.db.conn().await.unwrap();
            fleksi_store::user::by_username(&mut c, &nip)
                .await
                .unwrap()
                .unwrap()
                .employee_id
                .unwrap()
        };
        plan_day(&t, me, "2026-11-23", "office", "shift", Some("21:00")).await;
        let token = api_token(&t, &nip).await;
        at(&t, "2026-11-23T14:00:00Z"); // 21:00 WIB
        let (status, _) = check_in(&t, &token, "office", "night-in-1").await;
        assert_eq!(status, 201, "{e}");
        at(&t, "2026-11-23T23:30:00Z"); // 06:30 WIB on Tuesday
        let (status, body) = check_out(&t, &token, "office", "night-out-1").await;
        assert_eq!(status, 201, "{e}: {body}");
        assert_eq!(body["day"]["date"], "2026-11-23", "{e}");
        assert_eq!(body["day"]["check_out"], "06:30 (+1)", "{e}");
        // 9 h 30, the day's 12:00 break lies outside the shift
        assert_eq!(body["day"]["effective_minutes"], 570, "{e}");
    }
}

#[tokio::test]
async fn a_location_other_than_the_plan_is_flagged_not_refused() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = employee_of(&t, STAFF).await;
        plan_day(&t, me, "2026-11-23", "home", "regular", None).await;
        let token = api_token(&t, STAFF).await;
        at(&t, "2026-11-23T00:20:00Z");
        let (status, body) = check_in(&t, &token, "office", "mismatch-1").await;
        assert_eq!(status, 201, "{e}: {body}");
        assert_eq!(body["day"]["planned_location"], "home", "{e}");
        assert_eq!(body["day"]["mismatch"], true, "{e}");
        assert_eq!(
            day_row(&t, me, "2026-11-23").await.unwrap().mismatch,
            1,
            "{e}"
        );

        // Without a plan the office is expected: the office matches, home does not.
        let token = api_token(&t, "pegawai.dukcapil").await;
        let (_, body) = check_in(&t, &token, "office", "mismatch-2").await;
        assert_eq!(
            (
                body["day"]["planned_location"].clone(),
                body["day"]["mismatch"].clone()
            ),
            (json!("office"), json!(false)),
            "{e}"
        );
        let nip = staff_of(&t, "DINKES-B1").await.remove(0);
        let token = api_token(&t, &nip).await;
        let (_, body) = check_in(&t, &token, "home", "mismatch-3").await;
        assert_eq!(body["day"]["mismatch"], true, "{e}");
        // A check-out elsewhere flags a day that began as planned.
        let token = api_token(&t, "pegawai.dukcapil").await;
        at(&t, "2026-11-23T09:00:00Z");
        let (_, body) = check_out(&t, &token, "other", "mismatch-4").await;
        assert_eq!(body["day"]["mismatch"], true, "{e}");
    }
}

#[tokio::test]
async fn the_page_checks_in_and_out_without_javascript_and_a_double_submit_counts_once() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = employee_of(&t, STAFF).await;
        at(&t, "2026-11-23T00:25:00Z"); // 07:25 WIB
        let b = signed_in(&t, STAFF).await;
        let (status, html) = page(&b, "/presence").await;
        assert_eq!(status, 200, "{e}");
        assert!(html.contains("action=\"/presence/check-in\""), "{e}");
        assert!(
            html.contains("href=\"/presence\""),
            "{e}: in the navigation"
        );
        let key = hidden(&html, "client_key");
        assert!(key.len() >= 32, "{e}");
        let form = [
            ("location", "office"),
            ("client_key", key.as_str()),
            ("note", ""),
        ];
        let (first, _) = send(&b, "/presence/check-in", &form).await;
        let (second, _) = send(&b, "/presence/check-in", &form).await;
        assert_eq!(
            (first, second),
            (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER),
            "{e}"
        );
        assert_eq!(count(&t, "presence_events").await, 1, "{e}: counted once");
        let (_, html) = page(&b, "/presence?done=in").await;
        assert!(html.contains("Presensi masuk tercatat"), "{e}");
        assert!(html.contains("07:25"), "{e}");
        assert!(html.contains("action=\"/presence/check-out\""), "{e}");
        // A new key from the page the second time is a second check-in: refused, named.
        let key2 = hidden(&html, "client_key");
        assert_ne!(key, key2, "{e}: a fresh key each time");
        let (status, html2) = send(
            &b,
            "/presence/check-in",
            &[("location", "office"), ("client_key", key2.as_str())],
        )
        .await;
        assert_eq!(status, 422, "{e}");
        assert!(
            html2.contains("sudah presensi masuk hari ini pukul 07:25"),
            "{e}"
        );
        // Sessions end after two idle hours: sign in again in the afternoon.
        at(&t, "2026-11-23T09:05:00Z");
        let b = signed_in(&t, STAFF).await;
        let (status, body) = send(
            &b,
            "/presence/check-out",
            &[("location", "office"), ("client_key", key2.as_str())],
        )
        .await;
        assert_eq!(status, 303, "{e}: {body}");
        let day = day_row(&t, me, "2026-11-23").await.unwrap();
        assert_eq!(
            day.effective_minutes, 460,
            "{e}: 07:25–16:05 less the break"
        );
        let (_, html) = page(&b, "/presence").await;
        assert!(
            html.contains("id=\"week-total\"><strong>7:40</strong> / 37:30"),
            "{e}"
        );
        // Without the CSRF token nothing happens.
        let (status, _) = send(
            &b,
            "/presence/check-out",
            &[
                ("location", "office"),
                ("client_key", "another-key-1"),
                ("csrf", "x"),
            ],
        )
        .await;
        assert_eq!(status, 403, "{e}");
        assert_eq!(count(&t, "presence_events").await, 2, "{e}");
        assert_eq!(audited(&t, "presence.check_in").await.len(), 1, "{e}");
        assert_eq!(audited(&t, "presence.check_out").await.len(), 1, "{e}");
    }
}

#[tokio::test]
async fn holidays_and_ramadan_set_the_day_and_the_week() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        // Christmas 2026 (a Friday) is a holiday, the 24th cuti bersama: that week requires
        // three days' hours, and work on the holiday is counted but never late.
        at(&t, "2026-12-25T02:00:00Z"); // 09:00 WIB
        let token = api_token(&t, STAFF).await; // API tokens last 30 days
        let now = today(&t, &token).await;
        assert_eq!(now["working_day"], false, "{e}");
        assert_eq!(now["day_off"], "holiday", "{e}");
        assert!(
            now["holiday"].as_str().is_some_and(|n| !n.is_empty()),
            "{e}: {now}"
        );
        assert_eq!(now["week"]["required_minutes"], 3 * 450, "{e}");
        let (status, body) = check_in(&t, &token, "home", "christmas-in-1").await;
        assert_eq!(status, 201, "{e}: {body}");
        assert_eq!(body["day"]["late_minutes"], 0, "{e}");
        assert_eq!(body["day"]["expected_minutes"], 0, "{e}");
        assert_eq!(body["week"]["required_minutes"], 3 * 450, "{e}");
        at(&t, "2026-12-25T05:00:00Z");
        let (_, body) = check_out(&t, &token, "home", "christmas-out-1").await;
        assert_eq!(
            body["day"]["effective_minutes"], 150,
            "{e}: 09:00–12:00 less the break from 11:30"
        );
        assert_eq!(body["day"]["core_hours_met"], false, "{e}");

        // In Ramadan the day starts at 08:00 and the week is 32 h 30.
        at(&t, "2026-03-02T01:10:00Z"); // Monday 08:10 WIB
        let token = api_token(&t, STAFF).await;
        let (status, body) = check_in(&t, &token, "office", "ramadan-in-1").await;
        assert_eq!(status, 201, "{e}: {body}");
        assert_eq!(body["day"]["late_minutes"], 10, "{e}");
        assert_eq!(body["day"]["expected_minutes"], 390, "{e}");
        assert_eq!(body["week"]["required_minutes"], 5 * 390, "{e}");
    }
}
