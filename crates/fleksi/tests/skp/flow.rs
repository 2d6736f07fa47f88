//! A plan's life: drafted in support of the supervisor's, returned, approved and locked,
//! revised with a reason, approved again; dialogues; the cascade; the print sheet.

use super::helpers::*;

#[tokio::test]
async fn a_plan_is_drafted_returned_approved_locked_and_revised() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let head = api_token(&t, HEAD).await;
        let me = api_token(&t, STAFF).await;
        let (head_plan, head_result) = plan_with_result(
            &t,
            &head,
            "Meningkatnya ketepatan waktu layanan administrasi kependudukan",
            None,
        )
        .await;

        // The staff member's result supports the head's.
        let (id, rid) = plan_with_result(
            &t,
            &me,
            "Terverifikasinya berkas KTP-el tepat waktu",
            Some(head_result),
        )
        .await;
        let (s, p) = get(&t, &me, &format!("/skp/{id}")).await;
        assert_eq!(s, 200, "{e}");
        assert_eq!(p["status"], "draft", "{e}");
        assert_eq!(p["role"], "owner", "{e}");
        assert_eq!(p["evaluator_id"], employee_of(&t, HEAD).await, "{e}");
        assert_eq!(p["results"][0]["parent_result_id"], head_result, "{e}");
        assert_eq!(p["results"][0]["indicators"][0]["target"], 120.0, "{e}");
        assert_eq!(p["allowed"], json!(["submit"]), "{e}");

        // The head writes expectations while it is a draft; the owner fills the annex.
        let (s, p) = call(&t, &head, reqwest::Method::PUT, &format!("/skp/{id}/expectations"), Some(json!({"berorientasi_pelayanan": "Menjawab pemohon dalam 1 hari kerja", "akuntabel": "Tidak ada berkas hilang"}))).await;
        assert_eq!(s, 200, "{e}: {p}");
        assert_eq!(p["role"], "evaluator", "{e}");
        assert_eq!(
            p["expectations"]["akuntabel"], "Tidak ada berkas hilang",
            "{e}"
        );
        let (s, _) = call(&t, &me, reqwest::Method::PUT, &format!("/skp/{id}/annex"), Some(json!({"resources": "Akses SIAK", "accountability": "Laporan bulanan", "consequences": "Sesuai ketentuan"}))).await;
        assert_eq!(s, 200, "{e}");

        // Submit; the head returns it with a note; fix and submit again; approve.
        let (s, p) = post(
            &t,
            &me,
            &format!("/skp/{id}/actions"),
            json!({"action": "submit"}),
        )
        .await;
        assert_eq!(
            (s.as_u16(), p["status"].as_str()),
            (200, Some("submitted")),
            "{e}: {p}"
        );
        let (s, p) = post(
            &t,
            &head,
            &format!("/skp/{id}/actions"),
            json!({"action": "return", "note": "Tambahkan indikator waktu"}),
        )
        .await;
        assert_eq!(
            (s.as_u16(), p["status"].as_str()),
            (200, Some("draft")),
            "{e}: {p}"
        );
        assert_eq!(p["return_comment"], "Tambahkan indikator waktu", "{e}");
        let (s, _) = post(&t, &me, &format!("/skp/{id}/results/{rid}/indicators"), json!({"aspect": "waktu", "text": "Rata-rata waktu verifikasi", "target": "2,5", "unit": "hari"})).await;
        assert_eq!(s, 200, "{e}");
        let (s, _) = post(
            &t,
            &me,
            &format!("/skp/{id}/actions"),
            json!({"action": "submit"}),
        )
        .await;
        assert_eq!(s, 200, "{e}");
        let notified = count(
            &t,
            &format!(
                "SELECT COUNT(*) FROM notifications WHERE kind = 'skp.submit' AND employee_id = {}",
                employee_of(&t, HEAD).await
            ),
        )
        .await;
        assert_eq!(notified, 2, "{e}: the head heard of both submissions");
        let (s, p) = post(
            &t,
            &head,
            &format!("/skp/{id}/actions"),
            json!({"action": "approve"}),
        )
        .await;
        assert_eq!(
            (s.as_u16(), p["status"].as_str()),
            (200, Some("approved")),
            "{e}: {p}"
        );

        // Locked: no content change, from the API or the page.
        let b = signed_in(&t, STAFF).await;
        let before = snapshot(&t).await;
        let (s, p) = post(
            &t,
            &me,
            &format!("/skp/{id}/results"),
            json!({"kind": "tambahan", "text": "Tambahan"}),
        )
        .await;
        assert_eq!(s, 422, "{e}: {p}");
        assert_eq!(fields(&p), ["plan"], "{e}");
        assert!(
            p["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("terkunci"),
            "{e}"
        );
        let (s, p) = call(
            &t,
            &me,
            reqwest::Method::DELETE,
            &format!("/skp/{id}/results/{rid}"),
            None,
        )
        .await;
        assert_eq!(
            (s.as_u16(), fields(&p)),
            (422, vec!["plan".to_string()]),
            "{e}"
        );
        let (s, html) = page(&b, &format!("/skp/{id}")).await;
        assert_eq!(s, 200, "{e}");
        assert!(
            !html.contains(&format!("action=\"/skp/{id}/results\"")),
            "{e}: no form to add"
        );
        let (s, _, html) = send(&b, &format!("/skp/{id}/annex"), &[("resources", "x")]).await;
        assert_eq!(s, 422, "{e}");
        assert!(html.contains("<code>plan</code>"), "{e}");
        assert_eq!(snapshot(&t).await, before, "{e}: nothing changed");

        // A revision: explicit, with a reason, keeping the approved version.
        let (s, p) = post(
            &t,
            &me,
            &format!("/skp/{id}/actions"),
            json!({"action": "revise", "note": "Target disesuaikan dengan anggaran perubahan"}),
        )
        .await;
        assert_eq!(s, 200, "{e}: {p}");
        assert_eq!(
            (p["status"].as_str(), p["revision"].as_i64()),
            (Some("draft"), Some(2)),
            "{e}"
        );
        let snap: String = sqlx::query_scalar(
            "SELECT snapshot FROM plan_revisions WHERE plan_id = $1 AND revision = 1",
        )
        .bind(id)
        .fetch_one(t.app.db.pool())
        .await
        .unwrap();
        assert!(
            snap.contains("Rata-rata waktu verifikasi"),
            "{e}: the approved content is kept"
        );
        let iid = p["results"][0]["indicators"][0]["id"].as_i64().unwrap();
        let (s, p) = call(&t, &me, reqwest::Method::PUT, &format!("/skp/{id}/indicators/{iid}"), Some(json!({"aspect": "kuantitas", "text": "Jumlah dokumen kependudukan terbit", "target": 100, "unit": "dokumen"}))).await;
        assert_eq!(s, 200, "{e}: {p}");
        assert_eq!(p["results"][0]["indicators"][0]["target"], 100.0, "{e}");
        post(
            &t,
            &me,
            &format!("/skp/{id}/actions"),
            json!({"action": "submit"}),
        )
        .await;
        let (s, p) = post(
            &t,
            &head,
            &format!("/skp/{id}/actions"),
            json!({"action": "approve"}),
        )
        .await;
        assert_eq!(
            (s.as_u16(), p["status"].as_str()),
            (200, Some("approved")),
            "{e}"
        );
        for action in [
            "skp.open",
            "skp.result.add",
            "skp.indicator.add",
            "skp.expectations",
            "skp.annex",
            "skp.submit",
            "skp.return",
            "skp.approve",
            "skp.revise",
            "skp.indicator.update",
        ] {
            let n = count(
                &t,
                &format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"),
            )
            .await;
            assert!(n >= 1, "{e}: {action} audited");
        }

        // A dialogue, recorded by the head.
        let (s, p) = post(&t, &head, &format!("/skp/{id}/dialogues"), json!({"date": "2026-11-20", "participants": "Kabid, pegawai", "topic": "Target semester II", "agreed": "Fokus pada verifikasi berkas pindah datang"})).await;
        assert_eq!(s, 201, "{e}: {p}");
        assert_eq!(
            p["dialogues"][0]["agreed"], "Fokus pada verifikasi berkas pindah datang",
            "{e}"
        );

        // The cascade from the head: their result with the staff member's below it.
        let (s, c) = get(&t, &head, "/skp/cascade?year=2026").await;
        assert_eq!(s, 200, "{e}: {c}");
        let root = c["roots"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["result_id"] == head_result)
            .expect("the head's result is a root");
        assert_eq!(root["plan_id"], head_plan, "{e}");
        assert_eq!(root["children"][0]["result_id"], rid, "{e}");
        let hb = signed_in(&t, HEAD).await;
        let (s, html) = page(&hb, "/skp/cascade?year=2026").await;
        assert_eq!(s, 200, "{e}");
        assert!(
            html.contains("class=\"d1\""),
            "{e}: the staff result one level down"
        );

        // The print sheet: the plan on A4 with both signatures.
        let (s, html) = page(&b, &format!("/skp/{id}/print")).await;
        assert_eq!(s, 200, "{e}");
        assert!(html.contains("class=\"sheet-table\""), "{e}");
        assert!(
            html.contains("Meningkatnya ketepatan waktu layanan"),
            "{e}: the supported result"
        );
        assert!(html.contains("class=\"signatures\""), "{e}");
        assert!(html.len() < 30_000, "{e}");
    }
}

#[tokio::test]
async fn the_plan_pages_work_as_plain_forms() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let b = signed_in(&t, STAFF).await;
        let (s, html) = page(&b, "/skp?year=2026").await;
        assert_eq!(s, 200, "{e}");
        assert!(
            html.contains("action=\"/skp\""),
            "{e}: the button to open it"
        );
        let (s, to, _) = send(&b, "/skp", &[("year", "2026")]).await;
        assert_eq!(s, 303, "{e}");
        let id: i64 = to
            .trim_start_matches("/skp/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let (s, to, _) = send(
            &b,
            &format!("/skp/{id}/results"),
            &[
                ("kind", "utama"),
                ("text", "Tersusunnya rekap data penduduk"),
            ],
        )
        .await;
        assert_eq!(
            (s.as_u16(), to.as_str()),
            (303, format!("/skp/{id}?done=result").as_str()),
            "{e}"
        );
        let rid = count(&t, "SELECT id FROM planned_results").await;
        // An indicator without a target: refused on the page, naming it.
        let (s, _, html) = send(
            &b,
            &format!("/skp/{id}/results/{rid}/indicators"),
            &[
                ("aspect", "kuantitas"),
                ("text", "Jumlah rekap"),
                ("target", ""),
                ("unit", "dokumen"),
            ],
        )
        .await;
        assert_eq!(s, 422, "{e}");
        assert!(html.contains("<code>target</code>"), "{e}");
        let (s, _, _) = send(
            &b,
            &format!("/skp/{id}/results/{rid}/indicators"),
            &[
                ("aspect", "kuantitas"),
                ("text", "Jumlah rekap"),
                ("target", "12"),
                ("unit", "dokumen"),
            ],
        )
        .await;
        assert_eq!(s, 303, "{e}");
        let (s, _, _) = send(&b, &format!("/skp/{id}/actions"), &[("action", "submit")]).await;
        assert_eq!(s, 303, "{e}");
        let (_, html) = page(&b, &format!("/skp/{id}")).await;
        assert!(html.contains("id=\"status\">Diajukan<"), "{e}");
        assert!(html.len() < 30_000, "{e}: {} bytes", html.len());
        // The head finds it in the review list and approves from the page.
        let h = signed_in(&t, HEAD).await;
        let (_, html) = page(&h, "/skp/review?year=2026").await;
        assert!(html.contains(&format!("href=\"/skp/{id}\"")), "{e}");
        let (s, _, _) = send(&h, &format!("/skp/{id}/actions"), &[("action", "approve")]).await;
        assert_eq!(s, 303, "{e}");
        let (_, html) = page(&b, &format!("/skp/{id}")).await;
        assert!(html.contains("Disetujui (terkunci)"), "{e}");
    }
}
