//! Good files through the API: created, then unchanged, then updated with audit; every CSV dialect read.

use super::helpers::*;

#[tokio::test]
async fn an_api_import_creates_then_changes_nothing_then_updates_with_audit() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let token = api_token(&t, "admin.bkpsdm").await;
        let head = head_of_diskominfo(&t, &token).await;
        let head_nip = head["nip"].as_str().unwrap();
        let before = snapshot(&t).await;
        let csv = three_new_people(head_nip);

        let got = summary_of(api_import(&t, &token, "employees", csv.clone()).await).await;
        assert_eq!(got, (3, 0, 0), "{engine:?}");
        assert_eq!(employee_count(&t, AGENCY).await, before.employees + 3);
        let lead = employee_by_nip(&t, &token, &fresh_nip(0)).await;
        assert_eq!(lead["supervisor_id"], head["id"], "{engine:?}");
        assert_eq!(lead["unit_code"], "DISKOMINFO-B2");
        let sari = employee_by_nip(&t, &token, &fresh_nip(1)).await;
        assert_eq!(sari["supervisor_id"], lead["id"]);
        assert_eq!(sari["name"], "Sari Wulandari");

        // The same file again: nothing new, nothing doubled.
        let got = summary_of(api_import(&t, &token, "employees", csv.clone()).await).await;
        assert_eq!(got, (0, 0, 3), "{engine:?}");
        assert_eq!(employee_count(&t, AGENCY).await, before.employees + 3);
        for i in 0..3 {
            employee_by_nip(&t, &token, &fresh_nip(i)).await;
        }

        // One name changed: one update, and its before and after in the audit log.
        let changed = csv.replace("Sari Wulandari", "Sari Wulandari, S.Kom.");
        let got = summary_of(api_import(&t, &token, "employees", changed).await).await;
        assert_eq!(got, (0, 1, 2), "{engine:?}");
        let sari_now = employee_by_nip(&t, &token, &fresh_nip(1)).await;
        assert_eq!(sari_now["name"], "Sari Wulandari, S.Kom.");
        assert_eq!(sari_now["id"], sari["id"]);
        let r = api_get(
            &t,
            &token,
            &format!("/audit?action=employee.update&record_id={}", sari["id"]),
        )
        .await;
        let log: Value = r.json().await.unwrap();
        let log = log.as_array().unwrap();
        assert_eq!(log.len(), 1, "{engine:?}: {log:?}");
        assert_eq!(log[0]["actor"], "admin.bkpsdm");
        assert_eq!(log[0]["record_type"], "employee");
        assert_eq!(log[0]["before"]["name"], "Sari Wulandari");
        assert_eq!(log[0]["after"]["name"], "Sari Wulandari, S.Kom.");
        assert_eq!(log[0]["after"]["supervisor_nip"], fresh_nip(0));
        let r = api_get(&t, &token, "/audit?action=employee.create&limit=3").await;
        let created: Value = r.json().await.unwrap();
        let created = created.as_array().unwrap();
        assert_eq!(created.len(), 3);
        assert!(created.iter().all(|e| e["before"].is_null()));
        assert_eq!(employee_count(&t, AGENCY).await, before.employees + 3);
    }
}

#[tokio::test]
async fn semicolons_commas_a_bom_and_windows_line_ends_are_all_read() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let token = api_token(&t, "admin.bkpsdm").await;
        let head = head_of_diskominfo(&t, &token).await;
        let head_nip = head["nip"].as_str().unwrap();
        // As a spreadsheet saves "CSV UTF-8" in an Indonesian locale: BOM, semicolons,
        // headers as people write them, CRLF, a blank line, a NIP with spaces.
        let spaced = {
            let n = fresh_nip(10);
            format!("{} {} {} {}", &n[0..8], &n[8..14], &n[14..15], &n[15..18])
        };
        let semicolons = format!(
            "\u{FEFF}NIP;Nama;Status;Jabatan;Jenis Jabatan;Kode Unit;NIP Atasan\r\n\
             {spaced};Dewi Lestari;PNS;Analis Kebijakan Ahli Muda;fungsional;DISKOMINFO-B3;{head_nip}\r\n\
             \r\n\
             {};Agus Salim;pns;Pengelola Keuangan;pelaksana;DISKOMINFO-B3;\r\n",
            fresh_nip(11)
        );
        let got = summary_of(api_import(&t, &token, "employees", semicolons).await).await;
        assert_eq!(got, (2, 0, 0), "{engine:?}");
        let dewi = employee_by_nip(&t, &token, &fresh_nip(10)).await;
        assert_eq!(dewi["name"], "Dewi Lestari");
        assert_eq!(dewi["supervisor_id"], head["id"]);
        assert_eq!(dewi["position_kind"], "fungsional");

        // Commas, English headers in another order, a quoted name holding a comma.
        let commas = format!(
            "unit_code,name,nip,status,position,position_kind\n\
             DISKOMINFO-B3,\"Nur Aini, S.E.\",{},PNS,Pengelola Keuangan,pelaksana\n",
            fresh_nip(12)
        );
        let got = summary_of(api_import(&t, &token, "employees", commas).await).await;
        assert_eq!(got, (1, 0, 0), "{engine:?}");
        let nur = employee_by_nip(&t, &token, &fresh_nip(12)).await;
        assert_eq!(nur["name"], "Nur Aini, S.E.");
        assert_eq!(nur["unit_code"], "DISKOMINFO-B3");
    }
}
