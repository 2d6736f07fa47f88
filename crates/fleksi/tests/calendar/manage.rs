//! The calendar page: everyone reads a year; the system administrator corrects the national
//! list (add, change, delete, a new year, Ramadan) — each change audited, and never undone
//! by the built-in lists loading again; agency and unit admins keep busy periods.

use super::helpers::*;

#[tokio::test]
async fn the_system_administrator_keeps_the_national_calendar() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        // Everyone signed in reads the year, with the counts of the SKB.
        let pegawai = signed_in(&t, "pegawai").await;
        let (status, body) = page(&pegawai, "/calendar?year=2026").await;
        assert_eq!(status, 200, "{e}");
        assert!(body.contains("17 libur nasional · 8 cuti bersama"), "{e}");
        assert!(body.contains("2026-02-19 – 2026-03-20"), "{e}: Ramadan");
        assert!(
            !body.contains("/calendar/holidays/2026-01-01\""),
            "{e}: no edit links"
        );
        assert!(
            !body.contains("action=\"/calendar/holidays\""),
            "{e}: no add form"
        );
        let (status, body) = page(&pegawai, "/calendar").await;
        assert_eq!(status, 200, "{e}: this year by default");
        assert!(body.contains("Kalender kerja 2026"), "{e}");

        let admin = signed_in(&t, "admin").await;
        let (status, body) = page(&admin, "/calendar?year=2026").await;
        assert_eq!(status, 200, "{e}");
        assert!(
            body.contains("href=\"/calendar/holidays/2026-01-01\""),
            "{e}"
        );

        // Add a regional-election holiday, estimate first; change it; delete it.
        let (status, _) = send(
            &admin,
            "/calendar/holidays",
            &[
                ("date", "2026-11-25"),
                ("name", "Pemungutan suara pilkada"),
                ("kind", "holiday"),
                ("estimate", "1"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let added = holidays(&t, 2026).await;
        let h = added.iter().find(|h| h.date == "2026-11-25").unwrap();
        assert_eq!(
            (h.name.as_str(), h.name_en.as_str(), h.estimate),
            ("Pemungutan suara pilkada", "Pemungutan suara pilkada", 1)
        );
        // A unit's working days see it at once.
        let token = api_token(&t, "pegawai").await;
        let b1 = unit_id(&t, "DISKOMINFO-B1").await;
        let (_, w) = api(
            &t,
            &token,
            &format!("/calendar/working-days?unit={b1}&from=2026-11-25&to=2026-11-25"),
        )
        .await;
        assert_eq!(
            (
                w["days"][0]["reason"].clone(),
                w["days"][0]["holiday"].clone()
            ),
            ("holiday".into(), "Pemungutan suara pilkada".into()),
            "{e}"
        );

        let (status, body) = page(&admin, "/calendar/holidays/2026-11-25").await;
        assert_eq!(status, 200, "{e}");
        assert!(body.contains("value=\"Pemungutan suara pilkada\""));
        let (status, _) = send(
            &admin,
            "/calendar/holidays/2026-11-25",
            &[
                ("name", "Pilkada serentak"),
                ("name_en", "Regional elections"),
                ("kind", "joint_leave"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let changed = holidays(&t, 2026).await;
        let h = changed.iter().find(|h| h.date == "2026-11-25").unwrap();
        assert_eq!(
            (h.name.as_str(), h.kind.as_str(), h.estimate),
            ("Pilkada serentak", "joint_leave", 0),
            "{e}"
        );
        let (status, _) = send(&admin, "/calendar/holidays/2026-11-25/delete", &[]).await;
        assert_eq!(status, 303, "{e}");
        assert!(holidays(&t, 2026)
            .await
            .iter()
            .all(|h| h.date != "2026-11-25"));

        // Bad input is named, in Indonesian, and changes nothing.
        let before = snapshot(&t).await;
        for (fields, text) in [
            (
                vec![("date", "2026-02-30"), ("name", "X"), ("kind", "holiday")],
                "date: tanggal tidak valid",
            ),
            (
                vec![("date", "2026-12-01"), ("name", " "), ("kind", "holiday")],
                "name: wajib diisi",
            ),
            (
                vec![("date", "2026-12-01"), ("name", "X"), ("kind", "libur")],
                "kind: nilai tidak dikenal",
            ),
            (
                vec![
                    ("date", "2026-12-25"),
                    ("name", "Natal lagi"),
                    ("kind", "holiday"),
                ],
                "date: sudah ada",
            ),
            (
                vec![("date", "1945-08-17"), ("name", "X"), ("kind", "holiday")],
                "date: ",
            ),
        ] {
            let (status, body) = send(&admin, "/calendar/holidays", &fields).await;
            assert_eq!(status, 422, "{e}: {fields:?}");
            assert!(body.contains(text), "{e}: {fields:?} says {text}");
            assert_eq!(snapshot(&t).await, before, "{e}: {fields:?}");
        }
        let (status, _) = send(&admin, "/calendar/holidays/2026-06-02/delete", &[]).await;
        assert_eq!(status, 404, "{e}: no holiday there");
        for (year, first, last, text) in [
            (
                "2026",
                "2026-02-19",
                "2026-04-19",
                "last_day: Ramadan berlangsung 1 sampai 31 hari",
            ),
            (
                "2026",
                "2027-02-08",
                "2027-03-09",
                "first_day: hari pertama harus dalam tahun",
            ),
            (
                "2026",
                "2026-02-30",
                "2026-03-20",
                "first_day: tanggal tidak valid",
            ),
        ] {
            let (status, body) = send(
                &admin,
                "/calendar/ramadan",
                &[("year", year), ("first_day", first), ("last_day", last)],
            )
            .await;
            assert_eq!(status, 422, "{e}: {first}..{last}");
            assert!(body.contains(text), "{e}: {text}");
        }
        let (status, body) = send(&admin, "/calendar/years", &[("year", "2026")]).await;
        assert_eq!(status, 422, "{e}");
        assert!(body.contains("year: sudah ada"), "{e}");
        assert_eq!(snapshot(&t).await, before, "{e}");

        // A new year starts with its fixed-date holidays; its Ramadan is entered, then removed.
        let (status, _) = send(&admin, "/calendar/years", &[("year", "2028")]).await;
        assert_eq!(status, 303, "{e}");
        let y2028 = holidays(&t, 2028).await;
        let dates: Vec<&str> = y2028.iter().map(|h| h.date.as_str()).collect();
        assert_eq!(
            dates,
            [
                "2028-01-01",
                "2028-05-01",
                "2028-06-01",
                "2028-08-17",
                "2028-12-25"
            ],
            "{e}"
        );
        let (status, _) = send(
            &admin,
            "/calendar/ramadan",
            &[
                ("year", "2028"),
                ("first_day", "2028-01-17"),
                ("last_day", "2028-02-15"),
                ("estimate", "1"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let (_, body) = page(&pegawai, "/calendar?year=2028").await;
        assert!(body.contains("2028-01-17 – 2028-02-15"), "{e}");
        assert!(body.contains("5 libur nasional · 0 cuti bersama"), "{e}");
        let (_, w) = api(
            &t,
            &token,
            &format!("/calendar/working-days?unit={b1}&from=2028-01-17&to=2028-01-17"),
        )
        .await;
        assert_eq!(
            (
                w["days"][0]["ramadan"].clone(),
                w["days"][0]["start"].clone()
            ),
            (true.into(), "08:00".into()),
            "{e}"
        );
        let (status, _) = send(&admin, "/calendar/ramadan/delete", &[("year", "2028")]).await;
        assert_eq!(status, 303, "{e}");

        // Corrections to a built-in year stay when the lists load again (every start).
        let (status, _) = send(&admin, "/calendar/holidays/2027-03-10/delete", &[]).await;
        assert_eq!(status, 303, "{e}: an estimated Idul Fitri date moves");
        fleksi_service::calendar::ensure_builtin(&t.app.db, t.app.now())
            .await
            .unwrap();
        assert!(
            holidays(&t, 2027)
                .await
                .iter()
                .all(|h| h.date != "2027-03-10"),
            "{e}"
        );

        // Every change is in the audit log (national: no agency), with before and after.
        for (action, n) in [
            ("holiday.create", 1),
            ("holiday.update", 1),
            ("holiday.delete", 2),
            ("calendar_year.create", 1),
            ("ramadan.set", 1),
            ("ramadan.delete", 1),
        ] {
            let rows = audited(&t, None, action).await;
            assert_eq!(rows.len(), n, "{e}: {action}");
            assert!(
                rows.iter().all(|r| r.actor_label == "admin"),
                "{e}: {action}"
            );
        }
        let update = &audited(&t, None, "holiday.update").await[0];
        assert_eq!(update.record_id, "2026-11-25");
        assert!(update
            .before_json
            .as_deref()
            .unwrap()
            .contains("Pemungutan suara pilkada"));
        assert!(update
            .after_json
            .as_deref()
            .unwrap()
            .contains("Pilkada serentak"));
    }
}

#[tokio::test]
async fn admins_keep_the_agency_busy_periods() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let agency = agency_id(&t, AGENCY).await;
        let bkpsdm = signed_in(&t, "admin.bkpsdm").await;
        let dinkes_admin = signed_in(&t, "admin.dinkes").await;
        let pkm = unit(&t, "PKM-SUKAMAJU").await;

        let (status, _) = send(
            &bkpsdm,
            "/calendar/events",
            &[
                ("name", "Penyusunan LKjIP"),
                ("kind", "reporting"),
                ("unit_id", ""),
                ("first_day", "2026-12-01"),
                ("last_day", "2026-12-15"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let (status, _) = send(
            &dinkes_admin,
            "/calendar/events",
            &[
                ("name", "Bulan imunisasi anak sekolah"),
                ("kind", "field_campaign"),
                ("unit_id", &pkm.id.to_string()),
                ("first_day", "2026-11-30"),
                ("last_day", "2026-12-04"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{e}");

        // Everyone in the agency sees both; only their admins may remove them.
        let pegawai = signed_in(&t, "pegawai").await;
        let (_, body) = page(&pegawai, "/calendar?year=2026").await;
        assert!(
            body.contains("Penyusunan LKjIP") && body.contains("Seluruh instansi"),
            "{e}"
        );
        assert!(
            body.contains("Bulan imunisasi anak sekolah")
                && body.contains("UPT Puskesmas Sukamaju"),
            "{e}"
        );
        assert!(
            !body.contains("/calendar/events/"),
            "{e}: no delete buttons"
        );
        assert!(
            !body.contains("action=\"/calendar/events\""),
            "{e}: no add form"
        );
        let (_, body) = page(&dinkes_admin, "/calendar?year=2026").await;
        assert_eq!(
            body.matches("/delete\"").count(),
            1,
            "{e}: only the Puskesmas's event"
        );

        // Bad input is named and changes nothing.
        let before = snapshot(&t).await;
        for (fields, text) in [
            (
                vec![
                    ("name", ""),
                    ("kind", "audit"),
                    ("first_day", "2026-12-01"),
                    ("last_day", "2026-12-02"),
                ],
                "name: wajib diisi",
            ),
            (
                vec![
                    ("name", "X"),
                    ("kind", "pesta"),
                    ("first_day", "2026-12-01"),
                    ("last_day", "2026-12-02"),
                ],
                "kind: nilai tidak dikenal",
            ),
            (
                vec![
                    ("name", "X"),
                    ("kind", "audit"),
                    ("first_day", "2026-02-30"),
                    ("last_day", "2026-12-02"),
                ],
                "first_day: tanggal tidak valid",
            ),
            (
                vec![
                    ("name", "X"),
                    ("kind", "audit"),
                    ("first_day", "2026-12-05"),
                    ("last_day", "2026-12-02"),
                ],
                "last_day: hari terakhir harus pada atau setelah hari pertama",
            ),
            (
                vec![
                    ("name", "X"),
                    ("kind", "audit"),
                    ("first_day", "2026-01-01"),
                    ("last_day", "2026-12-31"),
                ],
                "last_day: ",
            ),
            (
                vec![
                    ("name", "X"),
                    ("kind", "audit"),
                    ("unit_id", "987654"),
                    ("first_day", "2026-12-01"),
                    ("last_day", "2026-12-02"),
                ],
                "unit_id: ",
            ),
        ] {
            let (status, body) = send(&bkpsdm, "/calendar/events", &fields).await;
            assert_eq!(status, 422, "{e}: {fields:?}");
            assert!(body.contains(text), "{e}: {fields:?} says {text}");
            assert_eq!(snapshot(&t).await, before, "{e}: {fields:?}");
        }

        // Removing, audited in the unit so its admins and auditors see it.
        let a = agency;
        let mut c = t.app.db.conn().await.unwrap();
        let events = fleksi_store::calendar::events_between(&mut c, a, "2026-01-01", "2026-12-31")
            .await
            .unwrap();
        drop(c);
        let campaign = events.iter().find(|x| x.unit_id == Some(pkm.id)).unwrap();
        let (status, _) = send(
            &dinkes_admin,
            &format!("/calendar/events/{}/delete", campaign.id),
            &[("year", "2026")],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let created = audited(&t, Some(agency), "agency_event.create").await;
        assert_eq!(created.len(), 2, "{e}");
        let deleted = audited(&t, Some(agency), "agency_event.delete").await;
        assert_eq!(deleted.len(), 1, "{e}");
        assert_eq!(deleted[0].unit_path.as_deref(), Some(pkm.path.as_str()));
        assert!(deleted[0]
            .before_json
            .as_deref()
            .unwrap()
            .contains("Bulan imunisasi"));
    }
}
