//! Every kind of bad file is refused with line, column and reason, and nothing is written.

use super::helpers::*;

#[tokio::test]
async fn every_bad_file_is_refused_through_the_api_with_nothing_changed() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let token = api_token(&t, "admin.bkpsdm").await;
        let (kepala, kabid, pegawai) = existing_chain(&t, &token).await;
        for (case, csv, reasons) in bad_files(&kepala, &kabid, &pegawai) {
            eprintln!("{engine:?}: {case}");
            let reasons: Vec<Reason> = reasons
                .iter()
                .map(|(l, c, m)| (*l, *c, m.as_str()))
                .collect();
            assert_refused_by_api(&t, &token, csv, &reasons).await;
        }
        // A loop through a newcomer and existing people names every NIP on it:
        // kepala → x → pegawai → kabid → kepala.
        let x = fresh_nip(24);
        let csv = file(&[
            row(&x, "Orang Baru", "DISKOMINFO-B1", &pegawai),
            format!("{kepala};Kepala Dinas Baru;PNS;Kepala Dinas;struktural;DISKOMINFO;{x}"),
        ]);
        let before = snapshot(&t).await;
        let r = api_import(&t, &token, "employees", csv).await;
        assert_eq!(r.status(), 422, "{engine:?}");
        let problem: Value = r.json().await.unwrap();
        assert_eq!(problem["rows"].as_array().unwrap().len(), 1);
        assert_eq!(problem["rows"][0]["column"], "nip_atasan");
        let line = problem["rows"][0]["line"].as_u64().unwrap();
        assert!(line == 2 || line == 3, "{engine:?}: line {line}");
        let message = problem["rows"][0]["message"].as_str().unwrap();
        assert_eq!(snapshot(&t).await, before);
        for nip in [&x, &pegawai, &kabid, &kepala] {
            assert!(message.contains(nip.as_str()), "{engine:?}: {message}");
        }
        // Each reason also carries its code, for programs.
        let r = reqwest::Client::new()
            .post(format!("{}/api/v1/import/employees", t.base))
            .bearer_auth(&token)
            .body(file(&[row("123", "Orang", "DISKOMINFO-B1", "")]))
            .send()
            .await
            .unwrap();
        let problem: Value = r.json().await.unwrap();
        assert_eq!(problem["rows"][0]["code"]["code"], "nip_length");
    }
}

#[tokio::test]
async fn a_50_mb_file_is_refused_with_the_size_rule_not_a_crash() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let token = api_token(&t, "admin.bkpsdm").await;
        let mut big = format!("{HEADER}\n").into_bytes();
        let line = format!(
            "{}\n",
            row(&fresh_nip(40), "Orang Besar", "DISKOMINFO-B1", "")
        );
        while big.len() < 50 * 1024 * 1024 {
            big.extend_from_slice(line.as_bytes());
        }
        let reasons = [(0, "file", "berkas terlalu besar (maksimal 20 MB)")];
        assert_refused_by_api(&t, &token, big.clone(), &reasons).await;
        let b = signed_in_admin(&t).await;
        eprintln!("{engine:?}: page upload");
        assert_refused_by_page(&t, &b, big, &reasons).await;
        // The server is fine afterwards.
        assert_eq!(
            b.get("/import").await.status(),
            StatusCode::OK,
            "{engine:?}"
        );
    }
}
