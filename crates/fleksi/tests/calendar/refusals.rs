//! Every door refuses those it is not for: other agencies (not found), plain employees and
//! admins of other units (forbidden), and anyone but the system administrator at the
//! national calendar. A refusal changes nothing.

use super::helpers::*;

#[tokio::test]
async fn others_are_refused_at_every_calendar_and_policy_door() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let dinkes = unit_id(&t, "DINKES").await;
        let pkm = unit_id(&t, "PKM-SUKAMAJU").await;
        let kominfo = unit_id(&t, "DISKOMINFO").await;
        let b1 = unit_id(&t, "DISKOMINFO-B1").await;
        let jayapura = unit_id(&t, "KP-JAYAPURA").await;
        // An event of Dinas Kesehatan, to try deleting.
        let bkpsdm = signed_in(&t, "admin.bkpsdm").await;
        let (status, _) = send(
            &bkpsdm,
            "/calendar/events",
            &[
                ("name", "Audit BPK"),
                ("kind", "audit"),
                ("unit_id", &dinkes.to_string()),
                ("first_day", "2026-12-07"),
                ("last_day", "2026-12-11"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let a = agency_id(&t, AGENCY).await;
        let mut c = t.app.db.conn().await.unwrap();
        let event = fleksi_store::calendar::events_between(&mut c, a, "2026-12-01", "2026-12-31")
            .await
            .unwrap()[0]
            .id;
        drop(c);
        let before = snapshot(&t).await;

        // Reading a unit's policy and working days: (login, unit, page/API answer).
        let reads = [
            ("admin.lain", dinkes, 404),
            ("admin.lain", b1, 404),
            ("pegawai", dinkes, 403),
            ("pegawai", jayapura, 403),
            ("pegawai", b1, 200),
            ("pegawai", kominfo, 200),
            ("admin.dinkes", kominfo, 403),
            ("admin.dinkes", pkm, 200),
            ("kepala.diskominfo", b1, 200),
            ("kepala.diskominfo", dinkes, 403),
            ("auditor", pkm, 200),
            ("helpdesk", jayapura, 200),
        ];
        for (login, unit, answer) in reads {
            let b = signed_in(&t, login).await;
            let (status, _) = page(&b, &format!("/units/{unit}/policy")).await;
            assert_eq!(status, answer, "{e}: {login} reads the policy of {unit}");
            let token = api_token(&t, login).await;
            let (status, _) = api(&t, &token, &format!("/units/{unit}/policy")).await;
            assert_eq!(
                status, answer,
                "{e}: {login} reads the policy of {unit} (API)"
            );
            let (status, _) = api(
                &t,
                &token,
                &format!("/calendar/working-days?unit={unit}&from=2026-11-23&to=2026-11-27"),
            )
            .await;
            assert_eq!(
                status, answer,
                "{e}: {login} reads the working days of {unit}"
            );
        }

        // Changing a unit's policy: only admins of its subtree.
        for (login, unit, answer) in [
            ("admin.lain", dinkes, 404),
            ("pegawai", b1, 403),
            ("kepala.diskominfo", b1, 403),
            ("admin.dinkes", kominfo, 403),
            ("admin.dinkes", b1, 403),
            ("auditor", pkm, 403),
            ("helpdesk", pkm, 403),
        ] {
            let b = signed_in(&t, login).await;
            let (status, _) = set_unit_policy(&b, unit, &[("max_flex_days_per_week", "1")]).await;
            assert_eq!(status, answer, "{e}: {login} changes the policy of {unit}");
            if answer == 403 {
                let (_, body) = page(&b, &format!("/units/{unit}/policy")).await;
                assert!(
                    !body.contains("name=\"max_flex_days_per_week\""),
                    "{e}: {login} gets no form"
                );
            }
        }
        // The agency level: anyone in the agency reads it, only agency admins change it.
        for login in ["admin.dinkes", "pegawai", "auditor", "helpdesk"] {
            let b = signed_in(&t, login).await;
            let (status, body) = page(&b, "/policy").await;
            assert_eq!(status, 200, "{e}: {login} reads its agency's policy");
            assert!(
                !body.contains("name=\"max_away_percent\""),
                "{e}: {login} gets no form"
            );
            let (status, _) = send(&b, "/policy", &[("max_away_percent", "10")]).await;
            assert_eq!(status, 403, "{e}: {login} changes the agency level");
        }

        // Another agency's admin changes their own agency's level, never this one's.
        let lain = signed_in(&t, "admin.lain").await;
        let (status, _) = send(&lain, "/policy", &[("max_away_percent", "10")]).await;
        assert_eq!(status, 303, "{e}");
        let (_, body) = page(&lain, "/policy").await;
        assert_eq!(policy_row(&body, "max_away_percent").0, "10%", "{e}");

        // The national calendar: only the system administrator.
        for login in [
            "admin.bkpsdm",
            "admin.dinkes",
            "pegawai",
            "auditor",
            "admin.lain",
        ] {
            let b = signed_in(&t, login).await;
            for (path, fields) in [
                (
                    "/calendar/holidays",
                    vec![
                        ("date", "2026-12-01"),
                        ("name", "Libur"),
                        ("kind", "holiday"),
                    ],
                ),
                (
                    "/calendar/holidays/2026-12-25",
                    vec![("name", "Natal"), ("kind", "holiday")],
                ),
                ("/calendar/holidays/2026-12-25/delete", vec![]),
                ("/calendar/years", vec![("year", "2029")]),
                (
                    "/calendar/ramadan",
                    vec![
                        ("year", "2026"),
                        ("first_day", "2026-02-18"),
                        ("last_day", "2026-03-19"),
                    ],
                ),
                ("/calendar/ramadan/delete", vec![("year", "2026")]),
            ] {
                let (status, _) = send(&b, path, &fields).await;
                assert_eq!(status, 403, "{e}: {login} at {path}");
            }
            let (status, _) = page(&b, "/calendar/holidays/2026-12-25").await;
            assert_eq!(status, 403, "{e}: {login} opens the edit page");
        }

        // Busy periods: agency admins for the agency, unit admins for their subtree.
        for (login, unit, answer) in [
            ("pegawai", String::new(), 403),
            ("pegawai", b1.to_string(), 403),
            ("auditor", String::new(), 403),
            ("admin.dinkes", String::new(), 403),
            ("admin.dinkes", kominfo.to_string(), 403),
            ("admin.lain", String::new(), 303),
        ] {
            let b = signed_in(&t, login).await;
            let (status, _) = send(
                &b,
                "/calendar/events",
                &[
                    ("name", "Musrenbang"),
                    ("kind", "musrenbang"),
                    ("unit_id", &unit),
                    ("first_day", "2026-12-14"),
                    ("last_day", "2026-12-14"),
                ],
            )
            .await;
            assert_eq!(status, answer, "{e}: {login} adds an event for {unit:?}");
        }
        // (the other agency's own event went to its own calendar, not this one)
        let b = signed_in(&t, "admin.lain").await;
        let (_, body) = page(&b, "/calendar?year=2026").await;
        assert!(
            body.contains("Musrenbang") && !body.contains("Audit BPK"),
            "{e}: agencies see their own"
        );
        assert_eq!(
            snapshot(&t).await,
            before,
            "{e}: the refusals changed nothing"
        );
        for (login, answer) in [("admin.lain", 404), ("pegawai", 403), ("admin.dinkes", 303)] {
            let b = signed_in(&t, login).await;
            let (status, _) = send(
                &b,
                &format!("/calendar/events/{event}/delete"),
                &[("year", "2026")],
            )
            .await;
            assert_eq!(status, answer, "{e}: {login} deletes the event");
        }
    }
}
