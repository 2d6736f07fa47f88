//! The calendar API: the national 2026 list, and working days of units under their
//! policies — a holiday, a six-day service unit inheriting from its dinas, Ramadan hours,
//! a WIT office's zone — with every parameter's bad input named.

use super::helpers::*;

#[tokio::test]
async fn the_2026_calendar_and_working_days_through_the_api() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let token = api_token(&t, "pegawai").await;

        // SKB 2026: 17 national holidays and 8 cuti bersama, with their names and kinds.
        let (status, list) = api(&t, &token, "/calendar/holidays?year=2026").await;
        assert_eq!(status, 200, "{e}");
        let list = list.as_array().unwrap().clone();
        let count = |kind: &str| list.iter().filter(|h| h["kind"] == kind).count();
        assert_eq!((count("holiday"), count("joint_leave")), (17, 8), "{e}");
        let on = |date: &str| list.iter().find(|h| h["date"] == date).cloned().unwrap();
        assert_eq!(on("2026-08-17")["kind"], "holiday");
        assert!(on("2026-08-17")["name"]
            .as_str()
            .unwrap()
            .contains("Kemerdekaan"));
        assert_eq!(
            on("2026-03-19")["name"],
            "Hari Suci Nyepi (Tahun Baru Saka 1948)"
        );
        assert_eq!(on("2026-12-24")["kind"], "joint_leave");
        assert_eq!(on("2026-12-25")["name_en"], "Christmas Day");
        assert_eq!(on("2026-01-01")["estimate"], false);
        let dates: Vec<&str> = list.iter().map(|h| h["date"].as_str().unwrap()).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted, "{e}: by date");
        // 2027's Islamic dates wait for the decree.
        let (_, y2027) = api(&t, &token, "/calendar/holidays?year=2027").await;
        assert!(y2027
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["estimate"] == true));
        // A year not shipped is empty, not an error.
        let (status, y2040) = api(&t, &token, "/calendar/holidays?year=2040").await;
        assert_eq!((status, y2040), (StatusCode::OK, serde_json::json!([])));

        // A default unit in Ramadan: 32 h 30 over five days, from 08:00.
        let b1 = unit_id(&t, "DISKOMINFO-B1").await;
        let (status, w) = api(
            &t,
            &token,
            &format!("/calendar/working-days?unit={b1}&from=2026-03-02&to=2026-03-08"),
        )
        .await;
        assert_eq!(status, 200, "{e}: {w}");
        assert_eq!(w["zone"], "WIB");
        let days = w["days"].as_array().unwrap();
        assert_eq!(days.len(), 7);
        let minutes: i64 = days
            .iter()
            .map(|d| d["expected_minutes"].as_i64().unwrap())
            .sum();
        assert_eq!(minutes, 1950, "{e}: Ramadan week");
        assert_eq!(days[0]["start"], "08:00");
        assert_eq!(days[0]["ramadan"], true);
        assert_eq!(days[0]["break_minutes"], 30);
        assert_eq!(days[4]["break_minutes"], 60, "{e}: Friday");
        assert_eq!(
            (days[5]["working"].clone(), days[5]["reason"].clone()),
            (false.into(), "weekend".into())
        );
        // The week after Ramadan is the usual 37 h 30 from 07:30.
        let (_, w) = api(
            &t,
            &token,
            &format!("/calendar/working-days?unit={b1}&from=2026-11-23&to=2026-11-27"),
        )
        .await;
        let days = w["days"].as_array().unwrap();
        assert_eq!(
            days.iter()
                .map(|d| d["expected_minutes"].as_i64().unwrap())
                .sum::<i64>(),
            2250
        );
        assert_eq!(
            (days[0]["start"].clone(), days[0]["end"].clone()),
            ("07:30".into(), "16:00".into())
        );
        assert_eq!(days[4]["end"], "16:30", "{e}: Friday's longer break");
        assert_eq!(days[0]["ramadan"], false);

        // The Puskesmas inherits a six-day week from Dinas Kesehatan: Saturday is worked,
        // the week's 37 h 30 is spread over six days, and 17 August stays a holiday.
        let admin = signed_in(&t, "admin.dinkes").await;
        let dinkes = unit_id(&t, "DINKES").await;
        let pkm = unit_id(&t, "PKM-SUKAMAJU").await;
        let (status, _) = set_unit_policy(
            &admin,
            dinkes,
            &[
                ("mode.work_days", "set"),
                ("work_days", "1"),
                ("work_days", "2"),
                ("work_days", "3"),
                ("work_days", "4"),
                ("work_days", "5"),
                ("work_days", "6"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let admin_token = api_token(&t, "admin.dinkes").await;
        let (status, w) = api(
            &t,
            &admin_token,
            &format!("/calendar/working-days?unit={pkm}&from=2026-08-17&to=2026-08-23"),
        )
        .await;
        assert_eq!(status, 200, "{e}: {w}");
        assert_eq!(w["unit"]["code"], "PKM-SUKAMAJU");
        let days = w["days"].as_array().unwrap();
        let monday = &days[0];
        assert_eq!(monday["date"], "2026-08-17");
        assert_eq!(monday["working"], false);
        assert_eq!(monday["reason"], "holiday");
        assert!(monday["holiday"].as_str().unwrap().contains("Kemerdekaan"));
        assert_eq!(monday["expected_minutes"], 0);
        assert_eq!(monday["start"], Value::Null);
        for d in &days[1..6] {
            assert_eq!(d["working"], true, "{e}: {d}");
            assert_eq!(d["expected_minutes"], 375, "{e}: {d}");
        }
        assert_eq!(days[5]["weekday"], 6);
        assert_eq!(days[6]["reason"], "weekend", "{e}: Sunday");
        // The dinas's other sections are not touched by a sibling's policy.
        let (_, w) = api(
            &t,
            &token,
            &format!("/calendar/working-days?unit={b1}&from=2026-08-22&to=2026-08-22"),
        )
        .await;
        assert_eq!(
            w["days"][0]["working"], false,
            "{e}: Saturday at Diskominfo"
        );

        // A liaison office in Papua answers in its own zone.
        let bkpsdm = api_token(&t, "admin.bkpsdm").await;
        let jayapura = unit_id(&t, "KP-JAYAPURA").await;
        let (status, w) = api(
            &t,
            &bkpsdm,
            &format!("/calendar/working-days?unit={jayapura}&from=2026-11-23&to=2026-11-23"),
        )
        .await;
        assert_eq!(status, 200, "{e}");
        assert_eq!(w["zone"], "WIT");
        assert_eq!(w["days"][0]["start"], "07:30", "{e}: local time");
    }
}

#[tokio::test]
async fn bad_parameters_are_named_and_answered_400() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let token = api_token(&t, "admin.bkpsdm").await;
        for (query, field) in [
            ("", "year"),
            ("?year=", "year"),
            ("?year=dua-ribu", "year"),
            ("?year=1999", "year"),
            ("?year=99999", "year"),
            ("?year=2026.5", "year"),
        ] {
            let (status, p) = api(&t, &token, &format!("/calendar/holidays{query}")).await;
            assert_eq!(status, 400, "{e}: {query}");
            assert_eq!(named(&p), vec![field], "{e}: {query}");
            assert_eq!(p["status"], 400);
        }
        let b1 = unit_id(&t, "DISKOMINFO-B1").await;
        let ok = format!("unit={b1}&from=2026-11-23&to=2026-11-27");
        let (status, _) = api(&t, &token, &format!("/calendar/working-days?{ok}")).await;
        assert_eq!(status, 200, "{e}");
        for (query, fields) in [
            ("from=2026-11-23&to=2026-11-27".to_string(), vec!["unit"]),
            (
                "unit=abc&from=2026-11-23&to=2026-11-27".to_string(),
                vec!["unit"],
            ),
            (
                "unit=-4&from=2026-11-23&to=2026-11-27".to_string(),
                vec!["unit"],
            ),
            (format!("unit={b1}&to=2026-11-27"), vec!["from"]),
            (
                format!("unit={b1}&from=2026-02-30&to=2026-03-02"),
                vec!["from"],
            ),
            (
                format!("unit={b1}&from=2026-11-23&to=2026-13-01"),
                vec!["to"],
            ),
            (
                format!("unit={b1}&from=23-11-2026&to=2026-11-27"),
                vec!["from"],
            ),
            (
                format!("unit={b1}&from=2026-11-27&to=2026-11-23"),
                vec!["to"],
            ),
            (
                format!("unit={b1}&from=2026-01-01&to=2027-01-02"),
                vec!["to"],
            ),
            (
                "unit=x&from=2026-02-30&to=nope".to_string(),
                vec!["unit", "from", "to"],
            ),
        ] {
            let (status, p) = api(&t, &token, &format!("/calendar/working-days?{query}")).await;
            assert_eq!(status, 400, "{e}: {query}: {p}");
            assert_eq!(named(&p), fields, "{e}: {query}");
        }
        // A whole leap year is allowed; a unit nobody has is not found.
        let (status, w) = api(
            &t,
            &token,
            &format!("/calendar/working-days?unit={b1}&from=2028-01-01&to=2028-12-31"),
        )
        .await;
        assert_eq!(status, 200, "{e}");
        assert_eq!(w["days"].as_array().unwrap().len(), 366);
        let (status, _) = api(
            &t,
            &token,
            "/calendar/working-days?unit=987654&from=2026-11-23&to=2026-11-27",
        )
        .await;
        assert_eq!(status, 404, "{e}");
        // Without a token: 401.
        let r = reqwest::Client::new()
            .get(format!("{}/api/v1/calendar/holidays?year=2026", t.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{e}");
    }
}
