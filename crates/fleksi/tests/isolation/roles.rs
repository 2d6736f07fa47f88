//! Each role sees its own scope: unit admins their subtree, employees their circle, auditors everything read-only.

use super::helpers::*;

#[tokio::test]
async fn a_unit_admin_sees_and_imports_only_their_subtree() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let demo = Demo::load(&t).await;
        let dinkes = api_token(&t, "admin.dinkes").await;
        let subtree = demo.subtree("DINKES");
        let inside = demo.in_units(&subtree);
        assert!(inside.len() > 50, "the DINKES subtree has people");

        // The directory holds the subtree and nothing else, page after page.
        let seen = all_employees(&t, &dinkes, "").await;
        assert_eq!(ids(&seen), inside, "{engine:?}");
        for e in &seen {
            assert!(subtree.contains(&e["unit_id"].as_i64().unwrap()));
        }
        let bappeda = all_employees(&t, &dinkes, &format!("&unit={}", demo.unit("BAPPEDA"))).await;
        assert!(bappeda.is_empty(), "{engine:?}: BAPPEDA by unit filter");
        let outsider = demo.outsider(my_employee_id(&t, &dinkes).await, "BAPPEDA");
        assert_hidden(&t, &dinkes, "/employees/", outsider, "admin.dinkes").await;
        let insider = *inside.iter().nth(7).unwrap();
        let (status, _) = get_json(&t, &dinkes, &format!("/employees/{insider}")).await;
        assert_eq!(status, 200);

        // The same on the pages.
        let b = signed_in(&t, "admin.dinkes").await;
        let (_, list) = page_text(&b, "/employees").await;
        let listed = linked_ids(&list, "/employees/");
        assert!(
            !listed.is_empty() && listed.is_subset(&inside),
            "{engine:?}"
        );
        assert_page_hidden(&b, "/employees/", outsider, "admin.dinkes").await;
        let (status, _) = page_text(&b, &format!("/employees/{insider}")).await;
        assert_eq!(status, 200);

        // Imports: into the subtree yes, anywhere else no, and nothing half-done.
        let kabid = demo
            .employees
            .iter()
            .find(|e| e["unit_code"] == "DINKES-B1" && e["position_kind"] == "struktural")
            .unwrap();
        let kabid_nip = kabid["nip"].as_str().unwrap();
        let before = (
            employee_count(&t, "KAB-NUSARAYA").await,
            audit_count(&t, "KAB-NUSARAYA").await,
        );
        let outsider_row = demo.employee(outsider);
        let refused = [
            format!(
                "nip;nama;status;jabatan;jenis_jabatan;kode_unit;nip_atasan\n\
                 199203292015011001;Orang Baru;PNS;Perencana;fungsional;DINKES-B1;{kabid_nip}\n\
                 199204292015011001;Orang Lain;PNS;Perencana;fungsional;BAPPEDA-B1;\n"
            ),
            format!(
                "nip;nama;status;jabatan;jenis_jabatan;kode_unit\n{};{};PNS;Perencana;fungsional;DINKES-B1\n",
                outsider_row["nip"].as_str().unwrap(),
                outsider_row["name"].as_str().unwrap()
            ),
        ];
        for (i, csv) in refused.iter().enumerate() {
            let r = api_import(&t, &dinkes, "employees", csv.clone()).await;
            assert_eq!(r.status(), 422, "{engine:?}: case {i}");
            let problem: Value = r.json().await.unwrap();
            let rows = problem["rows"].as_array().unwrap();
            assert_eq!(rows.len(), 1, "{engine:?}: {problem}");
            assert_eq!(rows[0]["line"], if i == 0 { 3 } else { 2 });
            assert_eq!(rows[0]["column"], "kode_unit");
            assert!(
                rows[0]["message"]
                    .as_str()
                    .unwrap()
                    .contains("di luar unit kerja"),
                "{engine:?}: {problem}"
            );
        }
        let r = upload_import(&b, "employees", refused[0].clone()).await;
        assert_eq!(r.status(), 422, "{engine:?}");
        assert!(r
            .text()
            .await
            .unwrap()
            .contains("di luar unit kerja yang Anda kelola"));
        let r = api_import(
            &t,
            &dinkes,
            "units",
            "kode;nama;kode_induk\nX;Unit X;DINKES\n",
        )
        .await;
        assert_eq!(
            r.status(),
            403,
            "{engine:?}: unit admins do not shape the tree"
        );
        let after = (
            employee_count(&t, "KAB-NUSARAYA").await,
            audit_count(&t, "KAB-NUSARAYA").await,
        );
        assert_eq!(
            after, before,
            "{engine:?}: a refused import changed something"
        );

        let ok = format!(
            "nip;nama;status;jabatan;jenis_jabatan;kode_unit;nip_atasan\n\
             199203292015011001;Orang Baru;PNS;Perencana;fungsional;DINKES-B1;{kabid_nip}\n"
        );
        let r = api_import(&t, &dinkes, "employees", ok).await;
        assert_eq!(r.status(), 200, "{engine:?}: {}", r.text().await.unwrap());
        assert_eq!(employee_count(&t, "KAB-NUSARAYA").await, before.0 + 1);

        // The audit log: entries about the subtree only.
        let teams_inside: BTreeSet<String> = demo
            .teams
            .iter()
            .filter(|(_, (_, _, unit))| subtree.contains(unit))
            .map(|(id, _)| id.to_string())
            .collect();
        let units_inside: BTreeSet<String> = subtree.iter().map(|i| i.to_string()).collect();
        let mut people_inside: BTreeSet<String> = inside.iter().map(|i| i.to_string()).collect();
        let (_, created) = get_json(&t, &dinkes, "/employees?q=199203292015011001").await;
        people_inside.insert(created["items"][0]["id"].to_string());
        let (status, log) = get_json(&t, &dinkes, "/audit?limit=200").await;
        assert_eq!(status, 200);
        let log = log.as_array().unwrap();
        assert!(!log.is_empty());
        for entry in log {
            let id = entry["record_id"].as_str().unwrap().to_string();
            let fits = match entry["record_type"].as_str().unwrap() {
                "employee" => people_inside.contains(&id),
                "unit" => units_inside.contains(&id),
                "team" => teams_inside.contains(&id),
                _ => false,
            };
            assert!(fits, "{engine:?}: admin.dinkes reads {entry}");
        }
        let (status, page) = page_text(&b, "/audit").await;
        assert_eq!(status, 200);
        assert!(!page.contains("user.create_many"), "{engine:?}");
    }
}

#[tokio::test]
async fn a_plain_employee_sees_only_their_circle() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let demo = Demo::load(&t).await;
        // A member of a cross-unit team (they sign in with their NIP).
        let (_, (lead, members, home)) = demo
            .teams
            .iter()
            .find(|(_, (_, _, home))| *home == demo.unit("DISKOMINFO-B1"))
            .unwrap();
        let member = *members
            .iter()
            .find(|m| demo.employee(**m)["unit_code"] == "BAPPEDA-B3")
            .expect("a BAPPEDA member of the digital team");
        assert_ne!(demo.employee(member)["unit_id"].as_i64(), Some(*home));
        let member_nip = demo.employee(member)["nip"].as_str().unwrap().to_string();

        for login in [
            "pegawai",
            "ketua.tim",
            "kepala.diskominfo",
            member_nip.as_str(),
        ] {
            let token = api_token(&t, login).await;
            let me = my_employee_id(&t, &token).await;
            let circle = demo.circle(me);
            let seen = ids(&all_employees(&t, &token, "").await);
            assert_eq!(seen, circle, "{engine:?}: {login}'s directory");
            for id in circle.iter().step_by(5) {
                let (status, _) = get_json(&t, &token, &format!("/employees/{id}")).await;
                assert_eq!(status, 200, "{engine:?}: {login} opens {id}");
            }
            let outsider = demo.outsider(me, "BAPPEDA");
            assert_hidden(&t, &token, "/employees/", outsider, login).await;
            let (_, teams) = get_json(&t, &token, "/teams").await;
            let team_ids: Ids = teams
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["id"].as_i64().unwrap())
                .collect();
            let expected: Ids = demo
                .teams
                .iter()
                .filter(|(_, (l, m, _))| *l == me || m.contains(&me))
                .map(|(id, _)| *id)
                .collect();
            assert_eq!(team_ids, expected, "{engine:?}: {login}'s teams");
            for other in demo.teams.keys().filter(|id| !expected.contains(id)) {
                assert_hidden(&t, &token, "/teams/", *other, login).await;
            }
        }
        // The circle really is small for a plain employee, and includes teammates for a member.
        let pegawai = api_token(&t, "pegawai").await;
        let me = my_employee_id(&t, &pegawai).await;
        assert!(demo.circle(me).len() < 30, "pegawai's circle is small");
        assert!(demo.circle(member).contains(lead));

        // The pages say the same.
        let b = signed_in(&t, "pegawai").await;
        let (_, list) = page_text(&b, "/employees").await;
        assert_eq!(
            linked_ids(&list, "/employees/"),
            demo.circle(me),
            "{engine:?}"
        );
        let outsider = demo.outsider(me, "BAPPEDA");
        assert_page_hidden(&b, "/employees/", outsider, "pegawai").await;
        let (status, teams) = page_text(&b, "/teams").await;
        assert_eq!(status, 200);
        let (_, api_teams) = get_json(&t, &pegawai, "/teams").await;
        let theirs: Ids = api_teams
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_i64().unwrap())
            .collect();
        assert_eq!(linked_ids(&teams, "/teams/"), theirs, "{engine:?}");
        for team in demo.teams.keys().filter(|id| !theirs.contains(id)) {
            assert_page_hidden(&b, "/teams/", *team, "pegawai").await;
        }
        for team in &theirs {
            assert_eq!(b.get(&format!("/teams/{team}")).await.status(), 200);
        }
        let b = signed_in(&t, &member_nip).await;
        let (_, list) = page_text(&b, "/employees").await;
        let expected: Ids = demo.circle(member);
        let listed = linked_ids(&list, "/employees/");
        assert!(
            listed.is_subset(&expected) && listed.contains(lead),
            "{engine:?}"
        );
    }
}

#[tokio::test]
async fn a_plain_employee_cannot_read_the_audit_log_or_import() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let before = (
            employee_count(&t, "KAB-NUSARAYA").await,
            unit_count(&t, "KAB-NUSARAYA").await,
            audit_count(&t, "KAB-NUSARAYA").await,
        );
        for login in ["pegawai", "kepala.diskominfo", "ketua.tim", "helpdesk"] {
            let token = api_token(&t, login).await;
            let (status, problem) = get_json(&t, &token, "/audit").await;
            assert_eq!(status, 403, "{engine:?}: {login} reads the audit log");
            assert_eq!(problem["status"], 403);
            let csv = "nip;nama;status;jabatan;jenis_jabatan;kode_unit\n199203292015011001;Orang Baru;PNS;Perencana;fungsional;DISKOMINFO-B1\n";
            let r = api_import(&t, &token, "employees", csv).await;
            assert_eq!(r.status(), 403, "{engine:?}: {login} imports people");
            let r = api_import(&t, &token, "units", "kode;nama\nX;Unit X\n").await;
            assert_eq!(r.status(), 403, "{engine:?}: {login} imports units");

            let b = signed_in(&t, login).await;
            assert_eq!(b.get("/audit").await.status(), 403, "{engine:?}: {login}");
            assert_eq!(b.get("/import").await.status(), 403, "{engine:?}: {login}");
            let r = upload_import(&b, "employees", csv).await;
            assert_eq!(r.status(), 403, "{engine:?}: {login} uploads");
            let home = b.get("/").await.text().await.unwrap();
            assert!(
                !home.contains("href=\"/audit\""),
                "{engine:?}: {login} is offered the log"
            );
            assert!(
                !home.contains("href=\"/import\""),
                "{engine:?}: {login} is offered imports"
            );
        }
        let after = (
            employee_count(&t, "KAB-NUSARAYA").await,
            unit_count(&t, "KAB-NUSARAYA").await,
            audit_count(&t, "KAB-NUSARAYA").await,
        );
        assert_eq!(after.0, before.0, "{engine:?}");
        assert_eq!(after.1, before.1, "{engine:?}");
        // Sign-ins may be logged; imports were not.
        let admin = api_token(&t, "admin.bkpsdm").await;
        let (_, log) = get_json(&t, &admin, "/audit?action=employee.import").await;
        assert_eq!(
            log.as_array().unwrap().len(),
            1,
            "{engine:?}: only the demo's own import"
        );
    }
}

#[tokio::test]
async fn the_auditor_reads_everything_and_imports_nothing() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let demo = Demo::load(&t).await;
        let auditor = api_token(&t, "auditor").await;
        assert_eq!(
            ids(&all_employees(&t, &auditor, "").await),
            ids(&demo.employees)
        );
        let (status, log) = get_json(&t, &auditor, "/audit?limit=50").await;
        assert_eq!(status, 200, "{engine:?}");
        assert_eq!(log.as_array().unwrap().len(), 50);
        let (_, teams) = get_json(&t, &auditor, "/teams").await;
        assert_eq!(teams.as_array().unwrap().len(), 5);

        let before = (
            employee_count(&t, "KAB-NUSARAYA").await,
            unit_count(&t, "KAB-NUSARAYA").await,
        );
        let csv = "nip;nama;status;jabatan;jenis_jabatan;kode_unit\n199203292015011001;Orang Baru;PNS;Perencana;fungsional;INSPEKTORAT-B1\n";
        let r = api_import(&t, &auditor, "employees", csv).await;
        assert_eq!(r.status(), 403, "{engine:?}");
        let r = api_import(&t, &auditor, "units", "kode;nama\nX;Unit X\n").await;
        assert_eq!(r.status(), 403, "{engine:?}");

        let b = signed_in(&t, "auditor").await;
        let (status, page) = page_text(&b, "/audit").await;
        assert_eq!(status, 200);
        assert!(page.contains("employee.create"), "{engine:?}");
        assert_eq!(b.get("/import").await.status(), 403);
        let r = upload_import(&b, "employees", csv).await;
        assert_eq!(r.status(), 403, "{engine:?}");
        let r = upload_import(&b, "units", "kode;nama\nX;Unit X\n").await;
        assert_eq!(r.status(), 403, "{engine:?}");
        let after = (
            employee_count(&t, "KAB-NUSARAYA").await,
            unit_count(&t, "KAB-NUSARAYA").await,
        );
        assert_eq!(after, before, "{engine:?}");
    }
}
