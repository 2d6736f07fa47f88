//! Admins map a unit's positions against the six criteria; the classes, the flexible days
//! and the unit's summary follow at once, every change is audited, and supervisors and
//! auditors of the unit read the mapping without forms.

use super::helpers::*;

const PKM: &str = "PKM-SUKAMAJU";

#[tokio::test]
async fn a_unit_admin_maps_activities_and_eligibility_follows() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let pkm = unit(&t, PKM).await;
        let base = format!("/units/{}/activities", pkm.id);
        let admin = signed_in(&t, "admin.dinkes").await;
        let clerk_pos = position_id(&t, PKM, "Pengadministrasi Perkantoran").await;
        let doctor_pos = position_id(&t, PKM, "Dokter Ahli Pertama").await;
        let clerk = someone(&t, PKM, "Pengadministrasi Perkantoran", 0).await;
        set_record(&t, &clerk.nip, "none", Some("2020-02-01")).await;
        let doctor = someone(&t, PKM, "Dokter Ahli Pertama", 0).await;
        set_record(&t, &doctor.nip, "none", Some("2020-02-01")).await;

        // The org tree links the unit's mapping for admins.
        let (_, tree) = page(&admin, "/org").await;
        assert!(tree.contains(&format!("href=\"{base}\"")), "{e}");

        // Nothing is mapped yet: every position and person is "not mapped".
        let (status, html) = page(&admin, &base).await;
        assert_eq!(status, 200, "{e}");
        assert_eq!(class_on_page(&html, clerk_pos), "unmapped", "{e}");
        assert!(html.contains("<strong>0%</strong> (0/0"), "{e}");
        assert!(
            html.contains(&format!("action=\"{base}\"")),
            "{e}: add forms"
        );
        let (_, v) = api_me(&t, &clerk.nip).await;
        assert_eq!(v["class"], "unmapped", "{e}");
        assert_eq!(v["eligible"], false, "{e}");

        // One activity that qualifies and one that needs the counter.
        let p = clerk_pos.to_string();
        let (status, to) = send(
            &admin,
            &base,
            &activity_form(&p, "Menyusun laporan bulanan puskesmas", &ALL_SIX),
        )
        .await;
        assert_eq!(status, 303, "{e}: {to}");
        assert_eq!(to, format!("{base}?done=added#p{clerk_pos}"), "{e}");
        let (status, _) = send(
            &admin,
            &base,
            &activity_form(
                &p,
                "Melayani pendaftaran pasien di loket",
                &[
                    ("ict_possible", "1"),
                    ("no_continuous_supervision", "1"),
                    ("agency_criteria", "1"),
                ],
            ),
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let stored = activities(&t, PKM).await;
        assert_eq!(stored.len(), 2, "{e}");
        assert_eq!(stored[0].criteria(), [true; 6], "{e}");
        assert_eq!(
            stored[1].criteria(),
            [false, false, true, false, true, true],
            "{e}"
        );
        let (_, html) = page(&admin, &format!("{base}?done=added")).await;
        assert!(html.contains("Aktivitas ditambahkan."), "{e}");
        assert_eq!(class_on_page(&html, clerk_pos), "hybrid", "{e}");
        assert!(html.contains("<strong>50%</strong> (1/2"), "{e}");
        // Hybrid: 1 of 2 activities × 5 working days = 2.5 → 2 days.
        let (_, v) = api_me(&t, &clerk.nip).await;
        assert_eq!(
            (
                v["eligible"].clone(),
                v["class"].clone(),
                v["max_flex_days"].clone()
            ),
            (true.into(), "hybrid".into(), 2.into()),
            "{e}: {v}"
        );

        // The counter work moves online: renamed, all six met → remote-capable.
        let second = stored[1].id;
        let (status, _) = send(
            &admin,
            &format!("{base}/{second}"),
            &activity_form(&p, "Melayani pendaftaran pasien daring", &ALL_SIX),
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let (_, v) = api_me(&t, &clerk.nip).await;
        assert_eq!(v["class"], "remote_capable", "{e}");
        assert_eq!(v["max_flex_days"], 2, "{e}: the policy's maximum");

        // A doctor's activity fails the first criterion: on site.
        let d = doctor_pos.to_string();
        let mut no_a = ALL_SIX.to_vec();
        no_a.remove(0);
        let (status, _) = send(
            &admin,
            &base,
            &activity_form(&d, "Memeriksa pasien di poli umum", &no_a),
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let (_, v) = api_me(&t, &doctor.nip).await;
        assert_eq!(
            (v["class"].as_str(), v["eligible"].as_bool()),
            (Some("on_site"), Some(false)),
            "{e}"
        );

        // Deleting the first clerk activity leaves the renamed one.
        let first = stored[0].id;
        let (status, _) = send(
            &admin,
            &format!("{base}/{first}/delete"),
            &[("position_id", &p)],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let left: Vec<String> = activities(&t, PKM)
            .await
            .into_iter()
            .map(|a| a.activity)
            .collect();
        assert_eq!(
            left,
            [
                "Melayani pendaftaran pasien daring",
                "Memeriksa pasien di poli umum"
            ],
            "{e}"
        );
        let (_, html) = page(&admin, &base).await;
        assert_eq!(class_on_page(&html, clerk_pos), "remote_capable", "{e}");
        assert_eq!(class_on_page(&html, doctor_pos), "on_site", "{e}");
        // 1 of 2 activities; 1 person remote-capable, 2 doctors on site, the rest unmapped.
        assert!(html.contains("<strong>50%</strong> (1/2"), "{e}");

        // Every change is audited in the unit, with the state before and after.
        let adds = audited(&t, "eligibility.activity_add").await;
        assert_eq!(adds.len(), 3, "{e}");
        assert!(
            adds.iter().all(|a| a.record_type == "position_activity"
                && a.unit_path.as_deref() == Some(pkm.path.as_str())
                && a.actor_label == "admin.dinkes"),
            "{e}"
        );
        let updates = audited(&t, "eligibility.activity_update").await;
        assert_eq!(updates.len(), 1, "{e}");
        assert_eq!(updates[0].record_id, second.to_string(), "{e}");
        let before: Value =
            serde_json::from_str(updates[0].before_json.as_deref().unwrap()).unwrap();
        let after: Value = serde_json::from_str(updates[0].after_json.as_deref().unwrap()).unwrap();
        assert_eq!(
            before["activity"], "Melayani pendaftaran pasien di loket",
            "{e}"
        );
        assert_eq!(before["qualifies"], false, "{e}");
        assert_eq!(before["criteria"]["outside_office"], false, "{e}");
        assert_eq!(
            after["activity"], "Melayani pendaftaran pasien daring",
            "{e}"
        );
        assert_eq!(after["qualifies"], true, "{e}");
        assert_eq!(after["position"], "Pengadministrasi Perkantoran", "{e}");
        let deletes = audited(&t, "eligibility.activity_delete").await;
        assert_eq!(deletes.len(), 1, "{e}");
        assert_eq!(deletes[0].record_id, first.to_string(), "{e}");
        assert!(deletes[0].after_json.is_none(), "{e}");
        assert!(
            deletes[0]
                .before_json
                .as_deref()
                .unwrap()
                .contains("Menyusun laporan bulanan puskesmas"),
            "{e}"
        );

        // The agency admin maps any unit.
        let agency_admin = signed_in(&t, "admin.bkpsdm").await;
        let b1 = unit(&t, UNIT).await;
        let arsip = position_id(&t, UNIT, "Arsiparis Terampil")
            .await
            .to_string();
        let (status, _) = send(
            &agency_admin,
            &format!("/units/{}/activities", b1.id),
            &activity_form(&arsip, "Menyusun jadwal retensi arsip", &ALL_SIX),
        )
        .await;
        assert_eq!(status, 303, "{e}");
        assert_eq!(activities(&t, UNIT).await.len(), 25, "{e}");
    }
}

#[tokio::test]
async fn supervisors_and_auditors_read_the_summary() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b1 = unit(&t, UNIT).await;
        let path = format!("/units/{}/activities", b1.id);
        let admin_db =
            position_id(&t, UNIT, "Administrator Database Kependudukan Ahli Pertama").await;
        let counter = position_id(&t, UNIT, "Penata Layanan Operasional").await;
        let kadis = people_of(&t, "DISDUKCAPIL")
            .await
            .into_iter()
            .find(|p| p.position_name == "Kepala Dinas")
            .unwrap();
        for login in [HEAD, "auditor", kadis.nip.as_str()] {
            let b = signed_in(&t, login).await;
            let (status, html) = page(&b, &path).await;
            assert_eq!(status, 200, "{e}: {login}");
            assert_eq!(class_on_page(&html, admin_db), "hybrid", "{e}: {login}");
            assert_eq!(class_on_page(&html, counter), "on_site", "{e}: {login}");
            // The demo maps 24 activities of 8 positions; 10 qualify. Eight people hold
            // hybrid positions, three the counter positions.
            let summary = &html[html.find("id=\"unit-summary\"").unwrap()..];
            let summary = &summary[..summary.find("</dl>").unwrap()];
            assert!(
                summary.contains("<strong>41%</strong> (10/24"),
                "{e}: {login}: {summary}"
            );
            let counts: Vec<&str> = summary
                .split("<dd>")
                .skip(1)
                .map(|d| d.split(' ').next().unwrap())
                .collect();
            assert_eq!(
                &counts[1..5],
                ["0", "8", "3", "0"],
                "{e}: {login}: {summary}"
            );
            assert!(
                !html.contains("method=\"post\" action=\"/units/"),
                "{e}: {login} gets no forms"
            );
            assert!(!html.contains("type=\"checkbox\""), "{e}: {login}");
        }
        // The staff's own page links to the mapping only for those who may read it.
        let head = signed_in(&t, HEAD).await;
        let (_, html) = page(&head, "/eligibility").await;
        assert!(html.contains(&format!("href=\"{path}\"")), "{e}");
        let staff = signed_in(&t, STAFF).await;
        let (_, html) = page(&staff, "/eligibility").await;
        assert!(!html.contains(&format!("href=\"{path}\"")), "{e}");
    }
}

#[tokio::test]
async fn the_pages_stay_light() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b1 = unit(&t, UNIT).await;
        // The busiest: an admin's editable mapping of the demo's front office.
        for (login, path) in [
            ("admin.bkpsdm", format!("/units/{}/activities", b1.id)),
            (HEAD, format!("/units/{}/activities", b1.id)),
            (STAFF, "/eligibility".to_string()),
        ] {
            let size = wire_size(&t, login, &path).await;
            assert!(
                size <= 10_000,
                "{e}: {path} for {login} is {size} B on the wire"
            );
        }
    }
}
