//! Policies down the tree: the agency level, a dinas and its Puskesmas, with where each
//! value comes from on the page and in the API; clearing a value goes back to inheriting;
//! a change that would leave the unit or a unit below it inconsistent is refused by name
//! and changes nothing; every change is audited.

use super::helpers::*;

#[tokio::test]
async fn values_are_inherited_with_their_sources_and_cleared_back() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let agency = agency_id(&t, AGENCY).await;
        let bkpsdm = signed_in(&t, "admin.bkpsdm").await;
        let dinkes_admin = signed_in(&t, "admin.dinkes").await;
        let dinkes = unit(&t, "DINKES").await;
        let pkm = unit_id(&t, "PKM-SUKAMAJU").await;

        // The agency allows at most 30 % away on a day.
        let (status, _) = send(&bkpsdm, "/policy", &[("max_away_percent", "30")]).await;
        assert_eq!(status, 303, "{e}");
        let (status, body) = page(&bkpsdm, "/policy?saved=1").await;
        assert_eq!(status, 200, "{e}");
        assert!(body.contains("Kebijakan tersimpan."));
        assert_eq!(
            policy_row(&body, "max_away_percent"),
            ("30%".into(), "Instansi".into())
        );
        assert!(!body.contains("name=\"seats\""), "{e}: seats are per unit");

        // Dinas Kesehatan works six days with its own seats; the Puskesmas sets its core
        // hours and its minimum on site.
        let (status, _) = set_unit_policy(
            &dinkes_admin,
            dinkes.id,
            &[
                ("mode.work_days", "set"),
                ("work_days", "1"),
                ("work_days", "2"),
                ("work_days", "3"),
                ("work_days", "4"),
                ("work_days", "5"),
                ("work_days", "6"),
                ("seats", "40"),
                ("plans_need_approval", "true"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let (status, _) = set_unit_policy(
            &dinkes_admin,
            pkm,
            &[
                ("core_start", "08.30"),
                ("core_end", "14:00"),
                ("min_on_site", "5"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{e}");

        // The page says where each value comes from, in Indonesian.
        let (status, body) = page(&dinkes_admin, &format!("/units/{pkm}/policy")).await;
        assert_eq!(status, 200, "{e}");
        assert_eq!(
            policy_row(&body, "day_start"),
            ("07:30".into(), "Nasional".into())
        );
        assert_eq!(
            policy_row(&body, "max_away_percent"),
            ("30%".into(), "Instansi".into())
        );
        assert_eq!(
            policy_row(&body, "work_days"),
            ("Sn, Sl, Rb, Km, Jm, Sb".into(), dinkes.name.clone())
        );
        assert_eq!(
            policy_row(&body, "core_start"),
            ("08:30".into(), "UPT Puskesmas Sukamaju".into())
        );
        assert_eq!(
            policy_row(&body, "weekly_minutes"),
            ("2250 menit (37 j 30 m)".into(), "Nasional".into())
        );
        // Seats belong to the dinas's own office, not to the Puskesmas.
        assert_eq!(policy_row(&body, "seats").0, "—");
        assert_eq!(
            policy_row(&body, "min_on_site"),
            ("5".into(), "UPT Puskesmas Sukamaju".into())
        );
        assert!(body.contains("name=\"core_start\" type=\"text\" size=\"5\" aria-labelledby=\"l-core_start\" value=\"08:30\""), "{e}: the form shows what the unit sets");

        // The API gives the same, with the sources as data.
        let token = api_token(&t, "admin.dinkes").await;
        let (status, p) = api(&t, &token, &format!("/units/{pkm}/policy")).await;
        assert_eq!(status, 200, "{e}: {p}");
        assert_eq!(p["unit"]["code"], "PKM-SUKAMAJU");
        assert_eq!(
            p["policy"]["work_days"],
            serde_json::json!([1, 2, 3, 4, 5, 6])
        );
        assert_eq!(p["policy"]["core_start"], "08:30");
        assert_eq!(p["policy"]["max_away_percent"], 30);
        assert_eq!(p["policy"]["seats"], Value::Null);
        assert_eq!(
            p["sources"]["day_start"],
            serde_json::json!({"level": "national"})
        );
        assert_eq!(
            p["sources"]["max_away_percent"],
            serde_json::json!({"level": "agency"})
        );
        assert_eq!(
            p["sources"]["work_days"],
            serde_json::json!({"level": "unit", "id": dinkes.id, "name": dinkes.name})
        );
        assert_eq!(
            p["own"],
            serde_json::json!({"core_start": "08:30", "core_end": "14:00", "min_on_site": 5})
        );
        let (_, d) = api(&t, &token, &format!("/units/{}/policy", dinkes.id)).await;
        assert_eq!(d["policy"]["seats"], 40, "{e}: the dinas's own seats");

        // Clearing: the dinas goes back to five days; the Puskesmas follows.
        let (status, _) = set_unit_policy(
            &dinkes_admin,
            dinkes.id,
            &[
                ("mode.work_days", "inherit"),
                ("work_days", "6"),
                ("seats", "40"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        let (_, p) = api(&t, &token, &format!("/units/{pkm}/policy")).await;
        assert_eq!(p["policy"]["work_days"], serde_json::json!([1, 2, 3, 4, 5]));
        assert_eq!(
            p["sources"]["work_days"],
            serde_json::json!({"level": "national"})
        );
        assert_eq!(
            stored_policy(&t, Some(dinkes.id)).await.unwrap(),
            "{\"seats\":40}"
        );

        // Every change was audited, with what the level set before and after.
        let entries = audited(&t, Some(agency), "policy.set").await;
        assert_eq!(entries.len(), 4, "{e}");
        let last = &entries[0];
        assert_eq!(last.record_type, "unit_policy");
        assert_eq!(last.record_id, dinkes.id.to_string());
        assert_eq!(last.unit_path.as_deref(), Some(dinkes.path.as_str()));
        assert!(last
            .before_json
            .as_deref()
            .unwrap()
            .contains("\"work_days\":[1,2,3,4,5,6]"));
        assert_eq!(last.after_json.as_deref(), Some("{\"seats\":40}"));
        assert!(entries.iter().any(|x| x.record_type == "agency_policy"));

        // Saving the same values again writes nothing.
        let (status, _) = set_unit_policy(&dinkes_admin, dinkes.id, &[("seats", "40")]).await;
        assert_eq!(status, 303, "{e}");
        assert_eq!(
            audited(&t, Some(agency), "policy.set").await.len(),
            4,
            "{e}"
        );
    }
}

#[tokio::test]
async fn inconsistent_policies_are_refused_by_name_and_change_nothing() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let bkpsdm = signed_in(&t, "admin.bkpsdm").await;
        let dinkes_admin = signed_in(&t, "admin.dinkes").await;
        let dinkes = unit_id(&t, "DINKES").await;
        let (status, _) = set_unit_policy(&dinkes_admin, dinkes, &[("core_start", "09:00")]).await;
        assert_eq!(status, 303, "{e}");
        let before = snapshot(&t).await;

        for (fields, named_field, text) in [
            (
                vec![("weekly_minutes", "tiga puluh")],
                "weekly_minutes",
                "harus berupa angka",
            ),
            (vec![("day_start", "25:00")], "day_start", "jam tidak valid"),
            (
                vec![("core_start", "15:00"), ("core_end", "09:00")],
                "core_end",
                "jam inti harus berakhir setelah dimulai",
            ),
            (
                vec![("max_away_percent", "120")],
                "max_away_percent",
                "persentase harus antara 0 dan 100",
            ),
            (
                vec![("mode.work_days", "set")],
                "work_days",
                "pilih setidaknya satu hari kerja",
            ),
            (
                vec![
                    ("mode.allowed_locations", "set"),
                    ("allowed_locations", "home"),
                ],
                "allowed_locations",
                "kantor sendiri selalu diizinkan",
            ),
            (
                vec![
                    ("mode.allowed_locations", "set"),
                    ("allowed_locations", "pantai"),
                ],
                "allowed_locations",
                "nilai tidak dikenal",
            ),
            (
                vec![("plans_need_approval", "mungkin")],
                "plans_need_approval",
                "nilai tidak dikenal",
            ),
            (
                vec![("plan_due_days", "100")],
                "plan_due_days",
                "tenggat rencana harus lebih pendek",
            ),
        ] {
            let (status, body) = set_unit_policy(&dinkes_admin, dinkes, &fields).await;
            assert_eq!(status, 422, "{e}: {fields:?}");
            assert!(body.contains(text), "{e}: {fields:?} says {text}");
            let label = match named_field {
                "weekly_minutes" => "Jam kerja per minggu (menit)",
                "day_start" => "Jam masuk",
                "core_end" => "Jam inti selesai",
                "max_away_percent" => "Pegawai di luar kantor per hari, paling banyak (%)",
                "work_days" => "Hari kerja",
                "allowed_locations" => "Lokasi kerja yang diizinkan",
                "plans_need_approval" => "Rencana perlu persetujuan atasan",
                _ => "Rencana diajukan paling lambat (hari sebelumnya)",
            };
            assert!(
                body.contains(&format!("<li>{label}: ")),
                "{e}: {fields:?} names {label}"
            );
            assert_eq!(
                snapshot(&t).await,
                before,
                "{e}: {fields:?} changed nothing"
            );
        }

        // Valid for the agency alone, but Dinas Kesehatan's core hours begin at 09:00:
        // a flexible start until 09:30 would run into them there.
        let (status, body) = send(
            &bkpsdm,
            "/policy",
            &[("flex_start_latest", "09:30"), ("core_start", "10:00")],
        )
        .await;
        assert_eq!(status, 422, "{e}");
        assert!(body.contains("mulai kerja fleksibel paling lambat harus sebelum jam inti (berlaku untuk Dinas Kesehatan)"), "{e}");
        assert_eq!(snapshot(&t).await, before, "{e}");

        // Unit-only values cannot be set for the whole agency, whatever is posted.
        let actor =
            fleksi_service::Actor::cli(Some(fleksi_domain::AgencyId(agency_id(&t, AGENCY).await)));
        let mut change = fleksi_service::policy::Change::default();
        change.values.insert("seats".into(), "10".into());
        let refused = fleksi_service::policy::set_agency(&t.app, &actor, &change).await;
        match refused {
            Err(fleksi_service::ServiceError::Invalid(errors)) => {
                assert_eq!(errors[0].field, "seats")
            }
            other => panic!("{e}: {other:?}"),
        }
        assert_eq!(snapshot(&t).await, before, "{e}");
    }
}
