//! Work teams through the pages: an admin forms a cross-unit team with assignment letters;
//! mistakes are named and change nothing; other agencies never see it.

mod common;
use common::*;
use serde_json::Value;

/// NIPs of the first `n` people directly in the unit with this code.
async fn nips_in(t: &TestApp, token: &str, unit_code: &str, n: usize) -> Vec<String> {
    let people = people_in(t, token, unit_code).await;
    people
        .iter()
        .take(n)
        .map(|e| e["nip"].as_str().unwrap().to_string())
        .collect()
}

async fn team_count(t: &TestApp, token: &str) -> usize {
    let teams: Value = api_get(t, token, "/teams").await.json().await.unwrap();
    teams.as_array().unwrap().len()
}

#[tokio::test]
async fn an_admin_forms_a_cross_unit_team() {
    for t in spawn_all_seeded().await {
        let token = api_token(&t, "admin.bkpsdm").await;
        let lead = nips_in(&t, &token, "DPUPR-B1", 1).await.remove(0);
        let others = nips_in(&t, &token, "DINSOS-B1", 2).await;
        let lines = format!("{}; 800/12/BKPSDM/2026\n{}\n", others[0], others[1]);
        let admin = Browser::new(&t);
        admin.login("admin.bkpsdm", PASSWORD).await;
        let before = team_count(&t, &token).await;
        let list = admin.get("/teams").await.text().await.unwrap();
        assert!(
            list.contains("<title>Tim kerja · Fleksi</title>"),
            "the form stays out of the title"
        );
        assert_eq!(list.matches("id=\"new-team\"").count(), 1);

        let bad = admin
            .post(
                "/teams",
                &[
                    ("name", "Tim Jalan Desa"),
                    ("unit_code", "DPUPR-B1"),
                    ("lead_nip", "199912312020121999"),
                    ("members", &lines),
                ],
            )
            .await;
        assert_eq!(bad.status(), 422);
        assert!(bad
            .text()
            .await
            .unwrap()
            .contains("lead_nip: pegawai dengan NIP 199912312020121999 tidak ditemukan"));
        assert_eq!(
            team_count(&t, &token).await,
            before,
            "a refused form creates nothing"
        );

        let ok = admin
            .post(
                "/teams",
                &[
                    ("name", "Tim Jalan Desa"),
                    ("unit_code", "DPUPR-B1"),
                    ("lead_nip", &lead),
                    ("members", &lines),
                ],
            )
            .await;
        assert_eq!(ok.status(), 303);
        let page = admin
            .get(ok.headers()["location"].to_str().unwrap())
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("800/12/BKPSDM/2026"),
            "the assignment letter is shown"
        );
        assert!(
            page.contains("lintas unit"),
            "members from other units are marked"
        );
        assert_eq!(team_count(&t, &token).await, before + 1);
        let audit: Value = api_get(&t, &token, "/audit?action=team.create")
            .await
            .json()
            .await
            .unwrap();
        assert!(audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["after"]["name"] == "Tim Jalan Desa"));

        let again = admin
            .post(
                "/teams",
                &[
                    ("name", "Tim Jalan Desa"),
                    ("unit_code", "DPUPR-B1"),
                    ("lead_nip", &lead),
                    ("members", ""),
                ],
            )
            .await;
        assert_eq!(again.status(), 422, "team names are unique in an agency");

        let pegawai = Browser::new(&t);
        pegawai.login("pegawai", PASSWORD).await;
        assert_eq!(
            pegawai
                .post(
                    "/teams",
                    &[
                        ("name", "Tim Liar"),
                        ("unit_code", "DPUPR-B1"),
                        ("lead_nip", &lead),
                        ("members", "")
                    ]
                )
                .await
                .status(),
            403
        );
        let other = api_token(&t, "admin.lain").await;
        let theirs: Value = api_get(&t, &other, "/teams").await.json().await.unwrap();
        assert!(
            theirs.as_array().unwrap().is_empty(),
            "another agency sees none of these teams"
        );
    }
}
