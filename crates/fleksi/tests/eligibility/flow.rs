//! Every employee sees whether they may work flexibly and exactly why not: the demo's
//! staff are eligible (hybrid, 2 days), and a disciplinary case, a newly placed person, an
//! on-site position and an unmapped position each get their own reasons, on the page and
//! through the API alike.

use super::helpers::*;

#[tokio::test]
async fn the_demo_staff_are_eligible_for_two_flexible_days() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        for login in [STAFF, "pegawai", HEAD] {
            let b = signed_in(&t, login).await;
            let (status, html) = page(&b, "/eligibility").await;
            assert_eq!(status, 200, "{e}: {login}");
            assert!(
                html.contains("Anda memenuhi syarat kerja fleksibel."),
                "{e}: {login}: {html}"
            );
            assert!(html.contains("id=\"max-days\">2<"), "{e}: {login}");
            assert!(html.contains("id=\"class\">Hibrida<"), "{e}: {login}");
            assert!(page_reasons(&html).is_empty(), "{e}: {login}");

            let (status, v) = api_me(&t, login).await;
            assert_eq!(status, 200, "{e}: {login}");
            assert_eq!(v["eligible"], true, "{e}: {login}: {v}");
            assert_eq!(v["class"], "hybrid", "{e}: {login}");
            assert_eq!(v["max_flex_days"], 2, "{e}: {login}");
            assert_eq!(v["policy_max_flex_days"], 2, "{e}: {login}");
            assert_eq!(v["min_months_in_position"], 6, "{e}: {login}");
            assert!(reasons(&v).is_empty(), "{e}: {login}");
            assert_eq!(v["date"], "2026-11-23", "{e}: {login}");
        }
        // pegawai.dukcapil's activities: three of five qualify (3/5 × 5 days = 3, capped at 2).
        let (_, v) = api_me(&t, STAFF).await;
        let acts = v["activities"].as_array().unwrap();
        assert_eq!(acts.len(), 5, "{e}");
        assert_eq!(
            acts.iter().filter(|a| a["qualifies"] == true).count(),
            3,
            "{e}"
        );
        let biometric = acts
            .iter()
            .find(|a| a["activity"] == "Melayani perekaman biometrik KTP-el")
            .unwrap();
        assert_eq!(
            biometric["meets"],
            serde_json::json!([
                "ict_possible",
                "no_continuous_supervision",
                "agency_criteria"
            ]),
            "{e}"
        );
        // The API describes it.
        let doc = reqwest::get(format!("{}/api/v1/openapi.json", t.base))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(doc.contains("\"/api/v1/eligibility/me\""), "{e}");
        // The home page links to it.
        let b = signed_in(&t, STAFF).await;
        let (_, home) = page(&b, "/").await;
        assert!(home.contains("href=\"/eligibility\""), "{e}");
    }
}

#[tokio::test]
async fn each_reason_not_to_be_eligible_is_given() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let serving = someone(&t, UNIT, "Administrator Database", 0).await;
        set_record(&t, &serving.nip, "serving", Some("2019-01-01")).await;
        let in_process = someone(&t, UNIT, "Administrator Database", 1).await;
        set_record(&t, &in_process.nip, "in_process", Some("2026-10-15")).await;
        let newly = someone(&t, UNIT, "Administrator Database", 2).await;
        set_record(&t, &newly.nip, "none", Some("2026-09-01")).await;
        let unrecorded = someone(&t, UNIT, "Analis Kebijakan", 0).await;
        set_record(&t, &unrecorded.nip, "none", None).await;
        let counter = someone(&t, UNIT, "Penata Layanan Operasional", 0).await;
        set_record(&t, &counter.nip, "none", Some("2019-01-01")).await;
        let kepala = employee_of(&t, "kepala.diskominfo").await;
        let kepala_nip = people_of(&t, "DISKOMINFO")
            .await
            .into_iter()
            .find(|p| p.id == kepala)
            .unwrap()
            .nip;
        set_record(&t, &kepala_nip, "none", Some("2019-01-01")).await;

        // (login, class, reasons in Indonesian)
        let cases: Vec<(&str, &str, Vec<&str>)> = vec![
            (&serving.nip, "hybrid", vec!["sedang menjalani hukuman disiplin"]),
            (
                &in_process.nip,
                "hybrid",
                vec![
                    "sedang dalam proses penjatuhan hukuman disiplin",
                    "baru 1 bulan pada jabatan ini (TMT 2026-10-15); minimal 6 bulan, memenuhi syarat mulai 2027-04-15",
                ],
            ),
            (
                &newly.nip,
                "hybrid",
                vec!["baru 2 bulan pada jabatan ini (TMT 2026-09-01); minimal 6 bulan, memenuhi syarat mulai 2027-03-01"],
            ),
            (
                &unrecorded.nip,
                "hybrid",
                vec!["TMT jabatan belum tercatat, sehingga masa kerja pada jabatan tidak dapat diperiksa; minta admin kepegawaian melengkapinya"],
            ),
            (
                &counter.nip,
                "on_site",
                vec!["tidak ada aktivitas jabatan Penata Layanan Operasional yang memenuhi keenam kriteria tugas; jabatan ini dikerjakan di kantor"],
            ),
            (
                "kepala.diskominfo",
                "unmapped",
                vec!["aktivitas jabatan Kepala Dinas di Dinas Komunikasi dan Informatika belum dipetakan terhadap kriteria tugas (belum dipetakan)"],
            ),
        ];
        for (login, class, expected) in cases {
            let (status, v) = api_me(&t, login).await;
            assert_eq!(status, 200, "{e}: {login}");
            assert_eq!(v["eligible"], false, "{e}: {login}: {v}");
            assert_eq!(v["class"], class, "{e}: {login}");
            assert_eq!(v["max_flex_days"], 0, "{e}: {login}");
            assert_eq!(reasons(&v), expected, "{e}: {login}");

            let b = signed_in(&t, login).await;
            let (status, html) = page(&b, "/eligibility").await;
            assert_eq!(status, 200, "{e}: {login}");
            assert!(
                html.contains("Anda belum memenuhi syarat kerja fleksibel."),
                "{e}: {login}"
            );
            assert_eq!(page_reasons(&html), expected, "{e}: {login} on the page");
        }

        // The same reasons in English for a reader who switched language.
        let b = signed_in(&t, &newly.nip).await;
        let (status, _) = send(&b, "/lang", &[("lang", "en")]).await;
        assert_eq!(status, 303, "{e}");
        let (_, html) = page(&b, "/eligibility").await;
        assert!(
            html.contains("You are not eligible for flexible work yet."),
            "{e}"
        );
        assert_eq!(
            page_reasons(&html),
            ["only 2 months in this position (since 2026-09-01); at least 6 months are needed, eligible from 2027-03-01"],
            "{e}"
        );

        // Exactly six months in the position is no longer newly placed.
        set_record(&t, &newly.nip, "none", Some("2026-05-23")).await;
        let (_, v) = api_me(&t, &newly.nip).await;
        assert_eq!(v["eligible"], true, "{e}: {v}");
        assert_eq!(v["max_flex_days"], 2, "{e}");
    }
}

#[tokio::test]
async fn accounts_without_an_employee_have_no_eligibility() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let (status, v) = api_me(&t, "admin").await;
        assert_eq!(
            status, 403,
            "{e}: the system admin belongs to no agency: {v}"
        );
        let b = signed_in(&t, "admin").await;
        let (status, _) = page(&b, "/eligibility").await;
        assert_eq!(status, 403, "{e}");
        // Without a token the API answers 401.
        let r = reqwest::Client::new()
            .get(format!("{}/api/v1/eligibility/me", t.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{e}");
        let stranger = Browser::new(&t);
        assert_eq!(stranger.get("/eligibility").await.status(), 303, "{e}");
    }
}

#[tokio::test]
async fn the_units_policy_sets_the_numbers() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let agency = fleksi_domain::AgencyId(demo_agency(&t).await);
        let admin = fleksi_service::Actor::cli(Some(agency));
        let set = |pairs: &[(&str, &str)]| fleksi_service::policy::Change {
            values: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        };
        let newly = someone(&t, UNIT, "Administrator Database", 0).await;
        set_record(&t, &newly.nip, "none", Some("2026-09-01")).await;
        let (_, v) = api_me(&t, &newly.nip).await;
        assert_eq!(v["eligible"], false, "{e}");

        // The agency counts two months as settled in a position.
        fleksi_service::policy::set_agency(
            &t.app,
            &admin,
            &set(&[("min_months_in_position", "2")]),
        )
        .await
        .unwrap();
        let (_, v) = api_me(&t, &newly.nip).await;
        assert_eq!(v["eligible"], true, "{e}: {v}");
        assert_eq!(v["min_months_in_position"], 2, "{e}");

        // The dinas (the parent of the bidang) allows one flexible day: inherited below.
        let dinas = unit(&t, "DISDUKCAPIL").await;
        fleksi_service::policy::set_unit(
            &t.app,
            &admin,
            dinas.id,
            &set(&[("max_flex_days_per_week", "1")]),
        )
        .await
        .unwrap();
        let (_, v) = api_me(&t, STAFF).await;
        assert_eq!(
            (
                v["max_flex_days"].clone(),
                v["policy_max_flex_days"].clone()
            ),
            (1.into(), 1.into()),
            "{e}"
        );

        // A six-day service unit allowing four: 3 of 5 activities × 6 days = 3.6 → 3.
        let b1 = unit(&t, UNIT).await;
        fleksi_service::policy::set_unit(
            &t.app,
            &admin,
            b1.id,
            &set(&[
                ("max_flex_days_per_week", "4"),
                ("work_days", "1,2,3,4,5,6"),
            ]),
        )
        .await
        .unwrap();
        let (_, v) = api_me(&t, STAFF).await;
        assert_eq!(v["max_flex_days"], 3, "{e}: {v}");
        let head = signed_in(&t, HEAD).await;
        let (_, html) = page(&head, &format!("/units/{}/activities", b1.id)).await;
        assert!(
            html.contains("4 hari per minggu · 6 hari kerja per minggu"),
            "{e}"
        );

        // No flexible days at all: nobody is eligible, and the page says why.
        fleksi_service::policy::set_unit(
            &t.app,
            &admin,
            b1.id,
            &set(&[("max_flex_days_per_week", "0")]),
        )
        .await
        .unwrap();
        let (_, v) = api_me(&t, STAFF).await;
        assert_eq!(v["eligible"], false, "{e}");
        assert_eq!(
            reasons(&v),
            ["kebijakan unit tidak memberi hari kerja fleksibel (paling banyak 0 hari per minggu)"],
            "{e}"
        );
    }
}
