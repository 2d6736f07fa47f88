//! Another agency sees and changes none of this one, through the API, the pages and imports.

use super::helpers::*;

#[tokio::test]
async fn another_agency_sees_none_of_nusaraya_through_the_api() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let demo = Demo::load(&t).await;
        let lain = api_token(&t, "admin.lain").await;

        // Units: only their own, even where the codes are the same.
        let (status, units) = get_json(&t, &lain, "/units").await;
        assert_eq!(status, 200);
        let units = units.as_array().unwrap();
        assert_eq!(units.len(), 1, "{engine:?}: {units:?}");
        assert_eq!(units[0]["code"], "DISKOMINFO");
        assert_eq!(units[0]["name"], "Dinas Kominfo Kota Lain");
        assert_eq!(units[0]["total"], 2);
        assert_ne!(units[0]["id"].as_i64(), Some(demo.unit("DISKOMINFO")));

        // The directory: their two people, whatever the search.
        let theirs = all_employees(&t, &lain, "").await;
        let nips: BTreeSet<&str> = theirs.iter().map(|e| e["nip"].as_str().unwrap()).collect();
        assert_eq!(nips, [LAIN_BOSS, LAIN_STAFF].into(), "{engine:?}");
        let demo_ids = ids(&demo.employees);
        assert!(ids(&theirs).is_disjoint(&demo_ids));
        let someone = &demo.employees[17];
        let q = format!("&q={}", someone["nip"].as_str().unwrap());
        assert!(all_employees(&t, &lain, &q).await.is_empty());
        let (status, page) = get_json(&t, &lain, "/employees?q=a&limit=5").await;
        assert_eq!(status, 200);
        for e in page["items"].as_array().unwrap() {
            assert!(!demo_ids.contains(&e["id"].as_i64().unwrap()));
        }

        // Their ids of ours answer exactly like ids that do not exist.
        let first = demo.employees.first().unwrap()["id"].as_i64().unwrap();
        let last = demo.employees.last().unwrap()["id"].as_i64().unwrap();
        for id in [first, last, someone["id"].as_i64().unwrap()] {
            assert_hidden(&t, &lain, "/employees/", id, "admin.lain").await;
        }
        for code in ["DISKOMINFO", "PEMKAB", "DINKES"] {
            assert_hidden(&t, &lain, "/employees?unit=", demo.unit(code), "admin.lain").await;
        }
        let (status, teams) = get_json(&t, &lain, "/teams").await;
        assert_eq!(status, 200);
        assert_eq!(teams, serde_json::json!([]), "{engine:?}");
        for team in demo.teams.keys() {
            assert_hidden(&t, &lain, "/teams/", *team, "admin.lain").await;
        }

        // The audit log: their entries only, and they have some.
        let (status, log) = get_json(&t, &lain, "/audit?limit=200").await;
        assert_eq!(status, 200);
        let log = log.as_array().unwrap();
        assert!(!log.is_empty(), "{engine:?}: KOTA-LAIN has entries");
        let their_ids: BTreeSet<String> = ids(&theirs).iter().map(|i| i.to_string()).collect();
        for entry in log {
            assert_ne!(entry["actor"], "demo", "{engine:?}: {entry}");
            if entry["record_type"] == "employee" {
                assert!(
                    their_ids.contains(entry["record_id"].as_str().unwrap()),
                    "{engine:?}: {entry}"
                );
            }
            if entry["record_type"] == "unit" {
                assert_eq!(
                    entry["record_id"].as_str(),
                    Some(units[0]["id"].to_string().as_str())
                );
            }
        }

        // And the other way round: our admin cannot reach their people either.
        for e in &theirs {
            let id = e["id"].as_i64().unwrap();
            assert_hidden(&t, &demo.token, "/employees/", id, "admin.bkpsdm").await;
        }
        assert!(ids(&demo.employees).is_disjoint(&ids(&theirs)));
    }
}

#[tokio::test]
async fn another_agency_sees_none_of_nusaraya_through_the_pages() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let demo = Demo::load(&t).await;
        let lain = api_token(&t, "admin.lain").await;
        let theirs = ids(&all_employees(&t, &lain, "").await);
        let b = signed_in(&t, "admin.lain").await;

        let (status, org) = page_text(&b, "/org").await;
        assert_eq!(status, 200);
        assert!(org.contains("Dinas Kominfo Kota Lain"), "{engine:?}");
        for name in [
            "Dinas Komunikasi dan Informatika",
            "Dinas Kesehatan",
            "Kecamatan",
        ] {
            assert!(!org.contains(name), "{engine:?}: /org shows {name}");
        }

        let (status, list) = page_text(&b, "/employees").await;
        assert_eq!(status, 200);
        assert_eq!(linked_ids(&list, "/employees/"), theirs, "{engine:?}");
        let (_, search) = page_text(&b, "/employees?q=a").await;
        assert!(linked_ids(&search, "/employees/").is_subset(&theirs));
        for id in ids(&demo.employees).iter().step_by(97) {
            assert_page_hidden(&b, "/employees/", *id, "admin.lain").await;
        }
        let (status, _) =
            page_text(&b, &format!("/employees?unit={}", demo.unit("DISKOMINFO"))).await;
        assert_eq!(status, 404, "{engine:?}: another agency's unit");

        let (status, teams) = page_text(&b, "/teams").await;
        assert_eq!(status, 200);
        assert!(linked_ids(&teams, "/teams/").is_empty(), "{engine:?}");
        for team in demo.teams.keys() {
            assert_page_hidden(&b, "/teams/", *team, "admin.lain").await;
        }

        let (status, audit) = page_text(&b, "/audit").await;
        assert_eq!(status, 200);
        assert!(
            audit.contains("<td>cli"),
            "{engine:?}: their own entries show"
        );
        assert!(!audit.contains("<td>demo"), "{engine:?}: our entries show");

        let (status, import) = page_text(&b, "/import").await;
        assert_eq!(status, 200);
        assert!(import.contains("name=\"kind\" value=\"units\""));
    }
}

#[tokio::test]
async fn imports_by_another_agency_touch_only_that_agency() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let demo = Demo::load(&t).await;
        let lain = api_token(&t, "admin.lain").await;
        let ours_before = employee_count(&t, "KAB-NUSARAYA").await;
        let our_units = unit_count(&t, "KAB-NUSARAYA").await;
        let pegawai = api_token(&t, "pegawai").await;
        let our_log = audit_count(&t, "KAB-NUSARAYA").await;
        let me = demo.employee(my_employee_id(&t, &pegawai).await).clone();
        let nip = me["nip"].as_str().unwrap();

        // The same NIP and unit code as ours: a new person of their own.
        let r = api_import(
            &t,
            &lain,
            "employees",
            lain_csv(nip, "Nama Milik Kota Lain", "DISKOMINFO", LAIN_BOSS),
        )
        .await;
        assert_eq!(r.status(), 200, "{engine:?}: {}", r.text().await.unwrap());
        let summary: Value = r.json().await.unwrap();
        assert_eq!(summary["created"], 1, "{engine:?}");
        let (_, ours_now) = get_json(&t, &demo.token, &format!("/employees/{}", me["id"])).await;
        assert_eq!(ours_now, me, "{engine:?}: our employee changed");
        assert_eq!(employee_count(&t, "KAB-NUSARAYA").await, ours_before);
        assert_eq!(employee_count(&t, "KOTA-LAIN").await, 3);

        // Our units and our people are not theirs to point at.
        let kepala = demo.by_nip(
            demo.employee(me["supervisor_id"].as_i64().unwrap())["nip"]
                .as_str()
                .unwrap(),
        );
        for (csv, column) in [
            (
                lain_csv("199203292015011001", "Orang Baru", "BAPPEDA", ""),
                "kode_unit",
            ),
            (
                lain_csv(
                    "199203292015011001",
                    "Orang Baru",
                    "DISKOMINFO",
                    kepala["nip"].as_str().unwrap(),
                ),
                "nip_atasan",
            ),
        ] {
            let r = api_import(&t, &lain, "employees", csv).await;
            assert_eq!(r.status(), 422, "{engine:?}");
            let problem: Value = r.json().await.unwrap();
            assert_eq!(
                problem["rows"][0]["column"], column,
                "{engine:?}: {problem}"
            );
        }

        // Units: a code we also use becomes a unit of theirs; our tree is not a parent.
        let r = api_import(
            &t,
            &lain,
            "units",
            "kode;nama\nDINKES;Dinas Kesehatan Kota Lain\n",
        )
        .await;
        assert_eq!(r.status(), 200, "{engine:?}");
        assert_eq!(r.json::<Value>().await.unwrap()["created"], 1);
        let r = api_import(
            &t,
            &lain,
            "units",
            "kode;nama;kode_induk\nUPT;UPT Lain;PEMKAB\n",
        )
        .await;
        assert_eq!(r.status(), 422, "{engine:?}");
        let (_, units) = get_json(&t, &demo.token, "/units").await;
        let dinkes = units
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["code"] == "DINKES")
            .unwrap();
        assert_eq!(dinkes["name"], "Dinas Kesehatan");
        assert_eq!(unit_count(&t, "KAB-NUSARAYA").await, our_units);
        assert_eq!(unit_count(&t, "KOTA-LAIN").await, 2);

        // Through their import page, too.
        let b = signed_in(&t, "admin.lain").await;
        let r = upload_import(
            &b,
            "employees",
            lain_csv(nip, "Nama Diubah Lewat Halaman", "DINKES", LAIN_BOSS),
        )
        .await;
        assert_eq!(r.status(), 200, "{engine:?}");
        let (_, ours_now) = get_json(&t, &demo.token, &format!("/employees/{}", me["id"])).await;
        assert_eq!(
            ours_now, me,
            "{engine:?}: our employee changed through the page"
        );
        let (_, theirs) = get_json(&t, &lain, &format!("/employees?q={nip}")).await;
        assert_eq!(theirs["items"][0]["name"], "Nama Diubah Lewat Halaman");
        assert_eq!(theirs["items"][0]["unit_code"], "DINKES");

        // Our log holds nothing of theirs.
        assert_eq!(audit_count(&t, "KAB-NUSARAYA").await, our_log, "{engine:?}");
        assert_eq!(employee_count(&t, "KAB-NUSARAYA").await, ours_before);
    }
}
