//! Everyone but the unit's head and its admins is refused at every roster door, and bad
//! input is named, in the reader's language, and changes nothing.

use super::helpers::*;

#[tokio::test]
async fn others_are_refused_at_every_roster_door() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let id = roster_id(&t, UNIT, MONTH).await.unwrap();
        let unit_id = unit(&t, UNIT).await.id.to_string();
        let head = signed_in(&t, HEAD).await;
        let (status, _) = send(&head, &format!("/rosters/{id}/generate"), &[]).await;
        assert_eq!(status, 303, "{e}");
        let (_, detail) = page(&head, &format!("/rosters/{id}")).await;
        assert!(
            detail.contains("Semua terpenuhi"),
            "{e}: the demo's settings are feasible"
        );
        let fields = settings_fields(&detail);
        let cell = cell_buttons(&detail).remove(0);
        let someone = cell.split('|').next().unwrap().to_string();
        let skills_field = format!("skills.{someone}");

        // (login, answer to reading the roster, answer to every change, may list rosters)
        let cases = [
            ("kepala.diskominfo", 403, 403, true),
            ("admin.dinkes", 403, 403, true),
            (STAFF, 403, 403, false),
            ("pegawai", 403, 403, false),
            ("admin.lain", 404, 404, true),
            ("auditor", 200, 403, true),
        ];
        for (login, read, write, lists) in cases {
            let b = signed_in(&t, login).await;
            let before = snapshot(&t, id).await;
            let (status, body) = page(&b, &format!("/rosters/{id}")).await;
            assert_eq!(status, read, "{e}: {login} reads");
            if status == 200 {
                assert!(
                    cell_buttons(&body).is_empty(),
                    "{e}: {login} gets no buttons"
                );
                assert!(!body.contains("/generate\""), "{e}: {login}");
            }
            for (path, form) in [
                (
                    format!("/rosters/{id}/settings"),
                    with(&fields, &[("anchor", "monday")]),
                ),
                (
                    format!("/rosters/{id}/skills"),
                    vec![(skills_field.as_str(), "loket, arsip")],
                ),
                (format!("/rosters/{id}/generate"), vec![]),
                (
                    format!("/rosters/{id}/cells"),
                    vec![("cell", cell.as_str())],
                ),
                (format!("/rosters/{id}/publish"), vec![]),
            ] {
                let (status, _) = send(&b, &path, &form).await;
                assert_eq!(status, write, "{e}: {login} POST {path}");
            }
            let (status, _) = send(
                &b,
                "/rosters",
                &[("unit_id", &unit_id), ("month", "2027-01")],
            )
            .await;
            let expected = if login == "admin.lain" { 422 } else { 403 };
            assert_eq!(
                status, expected,
                "{e}: {login} opens a roster of another unit"
            );
            let (status, list) = page(&b, "/rosters").await;
            if lists {
                assert_eq!(status, 200, "{e}: {login}");
                let sees = list.contains(&format!("href=\"/rosters/{id}\""));
                assert_eq!(sees, login == "auditor", "{e}: {login} lists the roster");
                assert!(
                    !list.contains(&format!("value=\"{unit_id}\"")),
                    "{e}: {login} may not open it"
                );
            } else {
                assert_eq!(status, 403, "{e}: {login} lists rosters");
            }
            assert_eq!(
                snapshot(&t, id).await,
                before,
                "{e}: {login} changed nothing"
            );
        }

        // Strangers go to the sign-in page; a form without its token is refused.
        let stranger = Browser::new(&t);
        assert_eq!(
            stranger.get(&format!("/rosters/{id}")).await.status(),
            303,
            "{e}"
        );
        assert_eq!(stranger.get("/week").await.status(), 303, "{e}");
        let before = snapshot(&t, id).await;
        let (status, _) = send(
            &head,
            &format!("/rosters/{id}/publish"),
            &[("csrf", "x".repeat(43).as_str())],
        )
        .await;
        assert_eq!(status, 403, "{e}");
        assert_eq!(snapshot(&t, id).await, before, "{e}");

        // The agency admin may open a roster for any unit.
        let admin = signed_in(&t, "admin.bkpsdm").await;
        let (status, _) = send(
            &admin,
            "/rosters",
            &[("unit_id", &unit_id), ("month", "2027-01")],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        assert!(roster_id(&t, UNIT, "2027-01").await.is_some(), "{e}");
    }
}

#[tokio::test]
async fn bad_input_is_named_and_changes_nothing() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let id = roster_id(&t, UNIT, MONTH).await.unwrap();
        let unit_id = unit(&t, UNIT).await.id.to_string();
        let elsewhere = unit(&t, "DISKOMINFO").await.id.to_string();
        let head = signed_in(&t, HEAD).await;
        let staff = signed_in(&t, STAFF).await;
        let me = employee_of(&t, STAFF).await;
        let outsider = employee_of(&t, "pegawai").await;
        let other = signed_in(&t, "pegawai").await;
        let (_, detail) = page(&head, &format!("/rosters/{id}")).await;
        let fields = settings_fields(&detail);
        let before = snapshot(&t, id).await;

        for (unit, month, status, says) in [
            (unit_id.as_str(), "2026-13", 422, "month: bulan tidak valid"),
            (
                unit_id.as_str(),
                "Desember",
                422,
                "month: bulan tidak valid",
            ),
            ("abc", "2027-01", 422, "unit_id: tidak ditemukan"),
            ("987654321", "2027-01", 422, "unit_id: tidak ditemukan"),
            (unit_id.as_str(), MONTH, 422, "month: sudah ada"),
            (elsewhere.as_str(), "2027-01", 403, ""),
        ] {
            let (got, body) = send(&head, "/rosters", &[("unit_id", unit), ("month", month)]).await;
            assert_eq!(got, status, "{e}: open {unit} {month}");
            assert!(body.contains(says), "{e}: {says}\n{body}");
        }

        for (field, value, says) in [
            ("seats_mon", "-1", "seats_mon: harus antara 0 dan 10000"),
            ("seats_fri", "banyak", "seats_fri: harus berupa angka"),
            (
                "max_away_share",
                "1.5",
                "max_away_share: harus antara 0 dan 1",
            ),
            (
                "max_remote_per_week",
                "9",
                "max_remote_per_week: harus antara 0 dan 5",
            ),
            ("coverage", "Loket 2", "coverage: nama keahlian tidak sah"),
            ("coverage", "loket -2", "coverage: harus antara 0 dan 10000"),
            (
                "non_working",
                "2027-01-01",
                "non_working: tanggal di luar bulan roster (2026-12)",
            ),
            (
                "non_working",
                "2026-12-32",
                "non_working: tanggal tidak valid",
            ),
            (
                "seat_overrides",
                "2026-12-31 -4",
                "seat_overrides: harus antara 0 dan 10000",
            ),
            ("anchor", "sabtu", "anchor: nilai tidak dikenal"),
        ] {
            let (status, body) = send(
                &head,
                &format!("/rosters/{id}/settings"),
                &with(&fields, &[(field, value)]),
            )
            .await;
            assert_eq!(status, 422, "{e}: {field}={value}");
            assert!(body.contains(says), "{e}: {says}\n{body}");
            if field != "anchor" {
                let kept = body.contains(&format!(">{value}<"))
                    || body.contains(&format!("value=\"{value}\""));
                assert!(kept, "{e}: the form keeps {value}");
            }
        }
        let mine = format!("skills.{me}");
        let theirs = format!("skills.{outsider}");
        for (field, value, says) in [
            (mine.as_str(), "Loket!", "nama keahlian tidak sah"),
            (mine.as_str(), "loket, 2arsip", "nama keahlian tidak sah"),
            (theirs.as_str(), "loket", "tidak termasuk dalam roster ini"),
        ] {
            let (status, body) =
                send(&head, &format!("/rosters/{id}/skills"), &[(field, value)]).await;
            assert_eq!(status, 422, "{e}: {field}={value}");
            assert!(body.contains(says), "{e}: {says}");
        }
        for path in ["cells", "publish"] {
            let cell = format!("{me}|2026-12-14|R");
            let (status, body) = send(
                &head,
                &format!("/rosters/{id}/{path}"),
                &[("cell", cell.as_str())],
            )
            .await;
            assert_eq!(status, 422, "{e}: {path} before generating");
            assert!(body.contains("roster belum dibuat"), "{e}");
        }
        for (weight_of, value, says) in [
            ("wish.2026-11-20", "3", "tanggal sudah lewat"),
            ("wish.2027-02-01", "3", "tidak ada roster unit Anda"),
            ("wish.2026-12-25", "1", "tidak ada roster unit Anda"),
            ("wish.2026-12-07", "2", "nilai tidak dikenal"),
            ("wish.7 Desember", "1", "tanggal tidak valid"),
        ] {
            let (status, body) = send(
                &staff,
                "/week/wishes",
                &[(weight_of, value), ("wish.2026-12-08", "1")],
            )
            .await;
            assert_eq!(status, 422, "{e}: {weight_of}={value}");
            assert!(body.contains(says), "{e}: {says}\n{body}");
        }
        assert!(
            wishes_of(&t, me).await.is_empty(),
            "{e}: a refused wish form writes none"
        );
        let (status, _) = send(&other, "/week/wishes", &[("wish.2026-12-07", "3")]).await;
        assert_eq!(
            status, 422,
            "{e}: another unit's roster takes no wishes from outside"
        );
        assert_eq!(snapshot(&t, id).await, before, "{e}: nothing changed");

        // Cells of a generated roster.
        let (status, _) = send(&head, &format!("/rosters/{id}/generate"), &[]).await;
        assert_eq!(status, 303, "{e}");
        let leave = unit_plans(&t).await;
        let away = format!("{}|{}|O", leave[0].employee_id, leave[0].date);
        let before = snapshot(&t, id).await;
        for (cell, says) in [
            ("x".to_string(), "tanggal tidak valid"),
            (
                format!("{me}|2027-01-04|O"),
                "tanggal di luar bulan roster (2026-12)",
            ),
            (
                format!("{me}|2026-12-25|O"),
                "bukan hari kerja dalam roster ini",
            ),
            (format!("{me}|2026-12-14|X"), "nilai tidak dikenal"),
            (
                format!("{outsider}|2026-12-14|O"),
                "tidak termasuk dalam roster ini",
            ),
            (away, "tidak masuk pada tanggal ini"),
        ] {
            let (status, body) = send(
                &head,
                &format!("/rosters/{id}/cells"),
                &[("cell", cell.as_str())],
            )
            .await;
            assert_eq!(status, 422, "{e}: {cell}");
            assert!(body.contains(says), "{e}: {says}\n{body}");
        }
        assert_eq!(snapshot(&t, id).await, before, "{e}: nothing changed");

        // The same refusal in English for a reader who chose it.
        let (status, _) = send(&head, "/lang", &[("lang", "en")]).await;
        assert!(status.is_redirection(), "{e}");
        let before = snapshot(&t, id).await;
        let (status, body) = send(
            &head,
            &format!("/rosters/{id}/settings"),
            &with(&fields, &[("max_away_share", "2")]),
        )
        .await;
        assert_eq!(status, 422, "{e}");
        assert!(
            body.contains("max_away_share: must be between 0 and 1"),
            "{e}: {body}"
        );
        assert_eq!(snapshot(&t, id).await, before, "{e}");
    }
}
