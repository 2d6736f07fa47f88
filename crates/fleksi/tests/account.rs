//! Administering accounts through the pages: the system administrator creates an agency
//! and its admin; an agency admin issues an employee's first password and grants roles;
//! nobody outside the agency or below admin can do either.

mod common;
use common::*;

fn between<'a>(body: &'a str, start: &str, end: &str) -> &'a str {
    let from = body
        .find(start)
        .unwrap_or_else(|| panic!("{start} not in page"))
        + start.len();
    &body[from..from + body[from..].find(end).unwrap()]
}

/// Someone placed directly in the unit with this code.
async fn someone_in(t: &TestApp, token: &str, unit_code: &str) -> i64 {
    people_in(t, token, unit_code).await[0]["id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn system_admin_creates_an_agency_and_its_admin_who_can_sign_in() {
    for t in spawn_all_seeded().await {
        let root = Browser::new(&t);
        assert_eq!(root.login("admin", PASSWORD).await.status(), 303);
        let r = root
            .post(
                "/agencies",
                &[
                    ("code", "prov-contoh"),
                    ("name", "Pemerintah Provinsi Contoh"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        let body = root.get("/agencies").await.text().await.unwrap();
        assert!(body.contains("PROV-CONTOH"));
        let agency_id = between(&body, "<option value=\"", "\"").to_string();
        // A short password is refused, naming the field, and creates nothing.
        let r = root
            .post(
                "/agencies/admins",
                &[
                    ("agency_id", &agency_id),
                    ("username", "admin.prov"),
                    ("display_name", "Admin Provinsi"),
                    ("password", "pendek"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        assert!(r
            .text()
            .await
            .unwrap()
            .contains("password: kata sandi minimal 10 karakter"));
        let r = root
            .post(
                "/agencies/admins",
                &[
                    ("agency_id", &agency_id),
                    ("username", "admin.prov"),
                    ("display_name", "Admin Provinsi"),
                    ("password", "sandi-provinsi-2026"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        let prov = Browser::new(&t);
        assert_eq!(
            prov.login("admin.prov", "sandi-provinsi-2026")
                .await
                .status(),
            303
        );
        assert_eq!(
            prov.get("/import").await.status(),
            200,
            "the new admin may import into the new agency"
        );
        // Agency admins cannot reach the deployment's agency list.
        let admin = Browser::new(&t);
        admin.login("admin.bkpsdm", PASSWORD).await;
        assert_eq!(admin.get("/agencies").await.status(), 403);
    }
}

#[tokio::test]
async fn agency_admin_issues_a_password_and_grants_a_role() {
    for t in spawn_all_seeded().await {
        let token = api_token(&t, "admin.bkpsdm").await;
        let id = someone_in(&t, &token, "KEC-MEKARSARI-B2").await;
        let admin = Browser::new(&t);
        admin.login("admin.bkpsdm", PASSWORD).await;
        let page = admin
            .post(&format!("/employees/{id}/account/password"), &[])
            .await
            .text()
            .await
            .unwrap();
        let temporary = between(&page, "<code id=\"issued-password\">", "</code>").to_string();
        let nip: serde_json::Value = api_get(&t, &token, &format!("/employees/{id}"))
            .await
            .json()
            .await
            .unwrap();
        let nip = nip["nip"].as_str().unwrap().to_string();
        let person = Browser::new(&t);
        assert_eq!(
            person.login(&nip, &temporary).await.status(),
            303,
            "signs in by NIP with the issued password"
        );
        assert_eq!(person.get("/audit").await.status(), 403);
        let r = admin
            .post(
                &format!("/employees/{id}/account/grants"),
                &[("role", "auditor"), ("unit_code", "")],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert_eq!(
            person.get("/audit").await.status(),
            200,
            "the granted auditor role applies at once"
        );
        let r = admin
            .post(
                &format!("/employees/{id}/account/grants"),
                &[("role", "unit_admin"), ("unit_code", "NOPE")],
            )
            .await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("NOPE"));
        let audit: serde_json::Value = api_get(&t, &token, "/audit?action=grant.create")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(audit.as_array().unwrap().len(), 1);
    }
}

#[tokio::test]
async fn accounts_are_refused_outside_the_agency_and_below_admin() {
    for t in spawn_all_seeded().await {
        let token = api_token(&t, "admin.bkpsdm").await;
        let id = someone_in(&t, &token, "BAPPEDA-B1").await;
        let other = Browser::new(&t);
        other.login("admin.lain", PASSWORD).await;
        assert_eq!(
            other
                .get(&format!("/employees/{id}/account"))
                .await
                .status(),
            404
        );
        assert_eq!(
            other
                .post(&format!("/employees/{id}/account/password"), &[])
                .await
                .status(),
            404
        );
        let unit_admin = Browser::new(&t);
        unit_admin.login("admin.dinkes", PASSWORD).await;
        assert_eq!(
            unit_admin
                .get(&format!("/employees/{id}/account"))
                .await
                .status(),
            403,
            "BAPPEDA is outside DINKES"
        );
        let pegawai = Browser::new(&t);
        pegawai.login("pegawai", PASSWORD).await;
        assert!(matches!(
            pegawai
                .post(&format!("/employees/{id}/account/password"), &[])
                .await
                .status()
                .as_u16(),
            403 | 404
        ));
        assert_eq!(pegawai.get("/agency").await.status(), 403);
        let before: serde_json::Value = api_get(&t, &token, "/audit?action=user.password_issued")
            .await
            .json()
            .await
            .unwrap();
        assert!(
            before.as_array().unwrap().is_empty(),
            "no refused request left a trace of a change"
        );
    }
}
