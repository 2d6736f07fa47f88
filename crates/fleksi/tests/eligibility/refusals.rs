//! Only admins of the unit's subtree change a mapping; everyone else is refused at every
//! door (other agencies cannot even tell the unit exists), and bad input is named, in the
//! reader's language, and changes nothing.

use super::helpers::*;

#[tokio::test]
async fn others_are_refused_at_every_mapping_door() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b1 = unit(&t, UNIT).await;
        let base = format!("/units/{}/activities", b1.id);
        let act = activities(&t, UNIT).await.remove(0);
        let pos = act.position_id.to_string();
        let form = activity_form(&pos, "Aktivitas baru", &ALL_SIX);
        // (login, answer to reading, answer to every change)
        let cases = [
            ("admin.lain", 404, 404),        // another agency's admin
            ("admin.dinkes", 403, 403),      // another unit's admin
            ("kepala.diskominfo", 403, 403), // another unit's supervisor
            (STAFF, 403, 403),               // a plain employee of the unit
            ("pegawai", 403, 403),           // a plain employee elsewhere
            ("helpdesk", 403, 403),          // reads the directory, not this
            ("auditor", 200, 403),           // reads, changes nothing
            (HEAD, 200, 403),                // the unit's head reads
        ];
        for (login, read, write) in cases {
            let b = signed_in(&t, login).await;
            let before = snapshot(&t).await;
            let (status, _) = page(&b, &base).await;
            assert_eq!(status, read, "{e}: {login} reads");
            for (path, fields) in [
                (base.clone(), form.clone()),
                (format!("{base}/{}", act.id), form.clone()),
                (format!("{base}/{}/delete", act.id), vec![]),
            ] {
                let (status, _) = send(&b, &path, &fields).await;
                assert_eq!(status, write, "{e}: {login} POST {path}");
            }
            assert_eq!(snapshot(&t).await, before, "{e}: {login} changed nothing");
        }

        // A demo admin cannot reach the other agency's unit either.
        let lain = agency_id(&t, "KOTA-LAIN").await;
        let lain_unit = {
            let mut c = t.app.db.conn().await.unwrap();
            fleksi_store::org::by_code(&mut c, lain, "DISKOMINFO")
                .await
                .unwrap()
                .unwrap()
        };
        let admin = signed_in(&t, "admin.bkpsdm").await;
        let before = snapshot(&t).await;
        let lain_base = format!("/units/{}/activities", lain_unit.id);
        assert_eq!(page(&admin, &lain_base).await.0, 404, "{e}");
        let (status, _) = send(&admin, &lain_base, &form).await;
        assert_eq!(status, 404, "{e}");
        // An activity of one unit cannot be changed through another unit's address.
        let kominfo = unit(&t, "DISKOMINFO-B1").await;
        let (status, _) = send(
            &admin,
            &format!("/units/{}/activities/{}", kominfo.id, act.id),
            &form,
        )
        .await;
        assert_eq!(status, 404, "{e}");
        let (status, _) = send(
            &admin,
            &format!("/units/{}/activities/{}/delete", kominfo.id, act.id),
            &[],
        )
        .await;
        assert_eq!(status, 404, "{e}");
        for path in [
            "/units/abc/activities",
            "/units/0/activities",
            "/units/999999/activities",
        ] {
            assert_eq!(page(&admin, path).await.0, 404, "{e}: {path}");
        }
        // A form without its token is refused.
        let (status, _) = send(
            &admin,
            &base,
            &[
                ("csrf", "x".repeat(43).as_str()),
                ("position_id", &pos),
                ("activity", "Tanpa token"),
            ],
        )
        .await;
        assert_eq!(status, 403, "{e}");
        assert_eq!(snapshot(&t).await, before, "{e}");

        // Strangers go to the sign-in page.
        let stranger = Browser::new(&t);
        assert_eq!(stranger.get(&base).await.status(), 303, "{e}");
    }
}

#[tokio::test]
async fn bad_activity_input_is_named_and_changes_nothing() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b1 = unit(&t, UNIT).await;
        let base = format!("/units/{}/activities", b1.id);
        let acts = activities(&t, UNIT).await;
        let act = &acts[0];
        let pos = act.position_id.to_string();
        let sibling = acts
            .iter()
            .find(|a| a.position_id == act.position_id && a.id != act.id)
            .unwrap();
        let elsewhere = position_id(&t, "DISKOMINFO-B1", "Pranata Komputer Ahli Pertama")
            .await
            .to_string();
        let admin = signed_in(&t, "admin.bkpsdm").await;
        let long = "x".repeat(201);
        let upper = act.activity.to_uppercase();
        let before = snapshot(&t).await;

        // (path, position, name, what the page says)
        let add_cases: Vec<(String, &str, &str, &str)> = vec![
            (base.clone(), &pos, "", "activity: wajib diisi"),
            (base.clone(), &pos, "   ", "activity: wajib diisi"),
            (
                base.clone(),
                &pos,
                &long,
                "activity: terlalu panjang (maksimal 200 karakter)",
            ),
            (
                base.clone(),
                &pos,
                "Baris satu\nbaris dua",
                "activity: hanya satu baris teks, tanpa karakter kontrol",
            ),
            (
                base.clone(),
                &pos,
                "Nol\0byte",
                "activity: hanya satu baris teks, tanpa karakter kontrol",
            ),
            (base.clone(), &pos, &upper, "activity: sudah ada"),
            (
                base.clone(),
                "",
                "Aktivitas",
                "position_id: jabatan tidak ditemukan di unit ini",
            ),
            (
                base.clone(),
                "abc",
                "Aktivitas",
                "position_id: jabatan tidak ditemukan di unit ini",
            ),
            (
                base.clone(),
                &elsewhere,
                "Aktivitas",
                "position_id: jabatan tidak ditemukan di unit ini",
            ),
            (
                format!("{base}/{}", act.id),
                &pos,
                "",
                "activity: wajib diisi",
            ),
            (
                format!("{base}/{}", act.id),
                &pos,
                &long,
                "activity: terlalu panjang (maksimal 200 karakter)",
            ),
            (
                format!("{base}/{}", act.id),
                &pos,
                &sibling.activity,
                "activity: sudah ada",
            ),
        ];
        for (path, position, name, says) in add_cases {
            let (status, body) =
                send(&admin, &path, &activity_form(position, name, &ALL_SIX)).await;
            assert_eq!(status, 422, "{e}: {path} {name:?}");
            assert!(
                unescape(&body).contains(says),
                "{e}: {path} {name:?} should say {says}"
            );
            assert_eq!(
                snapshot(&t).await,
                before,
                "{e}: {path} {name:?} changed nothing"
            );
        }
        // A refused new activity is shown again with what was typed.
        let (_, body) = send(
            &admin,
            &base,
            &activity_form(&pos, &long, &[("ict_possible", "1")]),
        )
        .await;
        assert!(body.contains(&format!("value=\"{long}\"")), "{e}");
        // The same name is fine after a rename of the activity itself (case changes).
        let (status, _) = send(
            &admin,
            &format!("{base}/{}", act.id),
            &activity_form(&pos, &upper, &ALL_SIX),
        )
        .await;
        assert_eq!(status, 303, "{e}");

        // In English for a reader who chose it.
        let (status, _) = send(&admin, "/lang", &[("lang", "en")]).await;
        assert_eq!(status, 303, "{e}");
        let before = snapshot(&t).await;
        let (status, body) = send(&admin, &base, &activity_form(&pos, "", &ALL_SIX)).await;
        assert_eq!(status, 422, "{e}");
        assert!(body.contains("activity: is required"), "{e}");
        assert_eq!(snapshot(&t).await, before, "{e}");

        // At most 40 activities a position.
        let cap_pos = position_id(&t, UNIT, "Operator Layanan Operasional").await;
        let cap = cap_pos.to_string();
        for i in 0..38 {
            let name = format!("Aktivitas {i}");
            let (status, _) = send(&admin, &base, &activity_form(&cap, &name, &[])).await;
            assert_eq!(status, 303, "{e}: {i}");
        }
        let before = snapshot(&t).await;
        let (status, body) = send(&admin, &base, &activity_form(&cap, "Satu lagi", &[])).await;
        assert_eq!(status, 422, "{e}");
        assert!(
            body.contains("activity: this position already has 40 activities"),
            "{e}"
        );
        assert_eq!(snapshot(&t).await, before, "{e}");
    }
}
