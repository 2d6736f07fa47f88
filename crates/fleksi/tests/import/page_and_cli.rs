//! The import page and the command line: the same rules and reports through the other doors.

use super::helpers::*;

#[tokio::test]
async fn the_import_page_creates_reports_and_refuses() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let token = api_token(&t, "admin.bkpsdm").await;
        let head = head_of_diskominfo(&t, &token).await;
        let b = signed_in_admin(&t).await;
        let csv = three_new_people(head["nip"].as_str().unwrap());
        let before = snapshot(&t).await;

        let r = upload_import(&b, "employees", csv.clone()).await;
        assert_eq!(r.status(), 200, "{engine:?}");
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Impor berhasil (employees): 3 baru, 0 diperbarui, 0 tidak berubah."),
            "{engine:?}: {html}"
        );
        assert_eq!(employee_count(&t, AGENCY).await, before.employees + 3);
        let r = upload_import(&b, "employees", csv.clone()).await;
        let html = r.text().await.unwrap();
        assert!(
            html.contains("0 baru, 0 diperbarui, 3 tidak berubah."),
            "{engine:?}"
        );
        let r = upload_import(
            &b,
            "employees",
            csv.replace("Yusuf Maulana", "Yusuf Maulana Putra"),
        )
        .await;
        let html = r.text().await.unwrap();
        assert!(
            html.contains("0 baru, 1 diperbarui, 2 tidak berubah."),
            "{engine:?}"
        );
        assert_eq!(employee_count(&t, AGENCY).await, before.employees + 3);

        // Units through the same page.
        let r = upload_import(
            &b,
            "units",
            "kode;nama;kode_induk\nDISKOMINFO-B4;Bidang Statistik;DISKOMINFO\n",
        )
        .await;
        assert_eq!(r.status(), 200, "{engine:?}");
        assert!(r
            .text()
            .await
            .unwrap()
            .contains("Impor berhasil (units): 1 baru"));

        // Refusals: every row's line, column and reason, and nothing written.
        let (kepala, kabid, pegawai) = existing_chain(&t, &token).await;
        for (case, csv, reasons) in bad_files(&kepala, &kabid, &pegawai) {
            eprintln!("{engine:?}: page, {case}");
            let reasons: Vec<Reason> = reasons
                .iter()
                .map(|(l, c, m)| (*l, *c, m.as_str()))
                .collect();
            assert_refused_by_page(&t, &b, csv, &reasons).await;
        }

        // A form without its CSRF token is refused before anything is read.
        let before = snapshot(&t).await;
        let form = reqwest::multipart::Form::new()
            .text("kind", "employees")
            .part(
                "file",
                reqwest::multipart::Part::bytes(
                    file(&[row(&fresh_nip(50), "Orang", "DISKOMINFO-B1", "")]).into_bytes(),
                )
                .file_name("data.csv"),
            );
        let r = b.post_multipart("/import", form).await;
        assert_eq!(r.status(), 403, "{engine:?}");
        assert_eq!(snapshot(&t).await, before);
    }
}

#[tokio::test]
async fn the_command_line_imports_and_reports_refusals_on_stderr() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let token = api_token(&t, "admin.bkpsdm").await;
        let head = head_of_diskominfo(&t, &token).await;
        let csv = three_new_people(head["nip"].as_str().unwrap());
        let before = snapshot(&t).await;

        let (code, out, err) = cli_import(&t, csv.as_bytes()).await;
        assert_eq!(code, 0, "{engine:?}: {err}");
        assert!(
            out.contains("3 created, 0 updated, 0 unchanged"),
            "{engine:?}: {out}"
        );
        assert_eq!(employee_count(&t, AGENCY).await, before.employees + 3);
        let sari = employee_by_nip(&t, &token, &fresh_nip(1)).await;
        assert_eq!(sari["name"], "Sari Wulandari");
        let (code, out, _) = cli_import(&t, csv.as_bytes()).await;
        assert_eq!(code, 0);
        assert!(
            out.contains("0 created, 0 updated, 3 unchanged"),
            "{engine:?}: {out}"
        );
        let (kepala, kabid, pegawai) = existing_chain(&t, &token).await;
        let log = snapshot(&t).await;
        for (case, bytes, reasons) in bad_files(&kepala, &kabid, &pegawai) {
            let (code, out, err) = cli_import(&t, &bytes).await;
            assert_eq!(code, 2, "{engine:?}: {case}: {out} {err}");
            assert!(
                err.contains("Impor ditolak; tidak ada data yang diubah:\n"),
                "{engine:?}: {case}: {err}"
            );
            for (line, column, message) in &reasons {
                let expected = format!("  line {line}, {column}: {message}");
                assert!(err.contains(&expected), "{engine:?}: {case}: {err}");
            }
            assert!(out.is_empty(), "{engine:?}: {case}: {out}");
            assert_eq!(snapshot(&t).await, log, "{engine:?}: {case} changed data");
        }
        let (code, _, err) = fleksi(vec![
            "--database-url".into(),
            t.db.url.clone(),
            "import".into(),
            "employees".into(),
            "/tidak/ada.csv".into(),
            "--agency".into(),
            AGENCY.into(),
        ])
        .await;
        assert_ne!(code, 0);
        assert!(err.contains("/tidak/ada.csv"), "{err}");
    }
}

#[tokio::test]
async fn two_thousand_people_import_on_every_engine() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let token = api_token(&t, "admin.bkpsdm").await;
        let head = head_of_diskominfo(&t, &token).await;
        let head_nip = head["nip"].as_str().unwrap().to_string();
        let units = [
            "DISKOMINFO-B1",
            "DISKOMINFO-B2",
            "DISKOMINFO-B3",
            "PKM-CIBENDA",
        ];
        // Twenty leads under the head of the office, everyone else under one of them;
        // the file lists people before their leads, as exports often do.
        let mut rows: Vec<String> = (100..2100)
            .rev()
            .map(|i| {
                let supervisor = if i < 120 {
                    head_nip.clone()
                } else {
                    fresh_nip(100 + i % 20)
                };
                row(
                    &fresh_nip(i),
                    &format!("Pegawai Uji {i:04}"),
                    units[i % units.len()],
                    &supervisor,
                )
            })
            .collect();
        rows.rotate_left(7);
        let csv = file(&rows);
        let before = snapshot(&t).await;

        let got = summary_of(api_import(&t, &token, "employees", csv.clone()).await).await;
        assert_eq!(got, (2000, 0, 0), "{engine:?}");
        let after = snapshot(&t).await;
        assert_eq!(after.employees, before.employees + 2000);
        assert_eq!(
            after.audit,
            before.audit + 2001,
            "one entry a person, one for the file"
        );
        let someone = employee_by_nip(&t, &token, &fresh_nip(1234)).await;
        assert_eq!(someone["name"], "Pegawai Uji 1234");
        let lead = employee_by_nip(&t, &token, &fresh_nip(100 + 1234 % 20)).await;
        assert_eq!(someone["supervisor_id"], lead["id"], "{engine:?}");
        assert_eq!(lead["supervisor_id"], head["id"]);

        let got = summary_of(api_import(&t, &token, "employees", csv).await).await;
        assert_eq!(got, (0, 0, 2000), "{engine:?}");
        assert_eq!(employee_count(&t, AGENCY).await, after.employees);

        // Every one of them is listed exactly once.
        let mut seen = std::collections::BTreeSet::new();
        let mut cursor = String::new();
        loop {
            let r = api_get(
                &t,
                &token,
                &format!("/employees?q=Pegawai%20Uji&limit=200{cursor}"),
            )
            .await;
            let page: Value = r.json().await.unwrap();
            for e in page["items"].as_array().unwrap() {
                assert!(
                    seen.insert(e["id"].as_i64().unwrap()),
                    "{engine:?}: listed twice"
                );
            }
            match page["next_cursor"].as_str() {
                Some(c) => cursor = format!("&cursor={c}"),
                None => break,
            }
        }
        assert_eq!(seen.len(), 2000, "{engine:?}");
    }
}
