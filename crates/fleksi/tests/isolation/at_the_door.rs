//! Limits, cursors, odd ids and strangers are stopped at the door, never with a 500.

use super::helpers::*;

#[tokio::test]
async fn limits_cursors_and_ids_are_checked_at_the_door() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let admin = api_token(&t, "admin.bkpsdm").await;

        // Page sizes: capped at 200, at least 1.
        for (limit, expected) in [
            ("1000000", 200),
            ("200", 200),
            ("0", 1),
            ("-3", 1),
            ("7", 7),
        ] {
            let (status, page) = get_json(&t, &admin, &format!("/employees?limit={limit}")).await;
            assert_eq!(status, 200, "{engine:?}: limit={limit}");
            assert_eq!(
                page["items"].as_array().unwrap().len(),
                expected,
                "limit={limit}"
            );
            assert!(page["next_cursor"].is_string());
        }
        let (status, log) = get_json(&t, &admin, "/audit?limit=1000000").await;
        assert_eq!(status, 200);
        assert_eq!(
            log.as_array().unwrap().len(),
            200,
            "{engine:?}: audit limit cap"
        );

        // A cursor from a page works; anything else is a 422 problem naming the cursor.
        let (_, first) = get_json(&t, &admin, "/employees?limit=3").await;
        let good = first["next_cursor"].as_str().unwrap();
        let (status, _) = get_json(&t, &admin, &format!("/employees?limit=3&cursor={good}")).await;
        assert_eq!(status, 200);
        let bad_cursors = [
            "tidak-valid!!".to_string(),
            "x".to_string(),
            cursor_of(b"abc\0Budi"),
            cursor_of(b"12 Budi"),
            cursor_of(b"99999999999999999999999\0Budi"),
            cursor_of(&[0xff, 0xfe, 0, b'1']),
            cursor_of(b"5\0Bu\0di"),
        ];
        for c in &bad_cursors {
            let r = api_get(&t, &admin, &format!("/employees?cursor={c}")).await;
            assert_eq!(r.status(), 422, "{engine:?}: cursor {c}");
            let kind = r.headers()[reqwest::header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .to_string();
            assert_eq!(kind, "application/problem+json");
            let problem: Value = r.json().await.unwrap();
            assert_eq!(problem["status"], 422);
            assert_eq!(problem["errors"][0]["field"], "cursor", "{problem}");
        }
        for query in ["limit=banyak", "unit=abc", "unit=1.5"] {
            let (status, problem) = get_json(&t, &admin, &format!("/employees?{query}")).await;
            assert_eq!(status, 422, "{engine:?}: {query}");
            assert_eq!(problem["status"], 422);
        }
        let (status, _) = get_json(&t, &admin, "/audit?before=kemarin").await;
        assert_eq!(status, 422, "{engine:?}");

        // Ids that are not numbers, or too large, are simply not found.
        let odd_ids = [
            "abc",
            "1.5",
            "-1",
            "0",
            "99999999999999999999999",
            "1e3",
            "%20",
            "12abc",
        ];
        for id in odd_ids {
            for prefix in ["/employees/", "/teams/"] {
                let (status, body) = get_raw(&t, &admin, &format!("{prefix}{id}")).await;
                assert_eq!(status, 404, "{engine:?}: API {prefix}{id}: {body}");
            }
        }
        let b = signed_in(&t, "admin.bkpsdm").await;
        for id in odd_ids {
            for prefix in ["/employees/", "/teams/"] {
                let (status, _) = page_text(&b, &format!("{prefix}{id}")).await;
                assert_eq!(status, 404, "{engine:?}: page {prefix}{id}");
            }
        }

        // Odd text (a NUL byte, wildcards) is searched for, never a server error.
        for q in ["%00", "%25", "_", "a%00b", "%27%3B--"] {
            let (status, _) = get_json(&t, &admin, &format!("/employees?q={q}")).await;
            assert_eq!(status, 200, "{engine:?}: q={q}");
            let (status, _) = page_text(&b, &format!("/employees?q={q}")).await;
            assert_eq!(status, 200, "{engine:?}: page q={q}");
            let (status, _) =
                get_json(&t, &admin, &format!("/audit?action={q}&record_id={q}")).await;
            assert_eq!(status, 200, "{engine:?}: audit action={q}");
            let (status, _) = page_text(&b, &format!("/audit?action={q}&record_type={q}")).await;
            assert_eq!(status, 200, "{engine:?}: audit page action={q}");
        }
        let (_, none) = get_json(&t, &admin, "/employees?q=%25").await;
        assert_eq!(
            none["items"],
            serde_json::json!([]),
            "{engine:?}: % is not a wildcard"
        );
        for query in [
            "after_id=abc&after_name=x",
            "after_id=5&after_name=a%00b",
            "unit=abc",
            "before=x",
        ] {
            let (status, _) = page_text(&b, &format!("/employees?{query}")).await;
            assert_eq!(status, 200, "{engine:?}: page {query}");
        }
        let (status, _) = page_text(&b, "/audit?before=kemarin").await;
        assert_eq!(status, 200);
    }
}

#[tokio::test]
async fn strangers_get_nothing() {
    for t in spawn_all_seeded().await {
        let engine = t.db.engine();
        let demo = Demo::load(&t).await;
        let emp = demo.employees[3]["id"].as_i64().unwrap();
        let team = *demo.teams.keys().next().unwrap();
        let paths = [
            "/units".to_string(),
            "/employees".to_string(),
            format!("/employees/{emp}"),
            "/teams".to_string(),
            format!("/teams/{team}"),
            "/audit".to_string(),
        ];
        for token in ["", "bukan-token", "Bearer"] {
            for p in &paths {
                let r = api_get(&t, token, p).await;
                assert_eq!(r.status(), 401, "{engine:?}: {p} with {token:?}");
                let body: Value = r.json().await.unwrap();
                assert_eq!(body["status"], 401);
            }
            for kind in ["employees", "units"] {
                let r = api_import(&t, token, kind, "kode;nama\nX;Y\n").await;
                assert_eq!(r.status(), 401, "{engine:?}: import {kind}");
            }
        }
        let b = Browser::new(&t);
        for p in [
            "/org",
            "/employees",
            &format!("/employees/{emp}"),
            "/teams",
            &format!("/teams/{team}"),
            "/import",
            "/audit",
        ] {
            let r = b.get(p).await;
            assert_eq!(r.status(), 303, "{engine:?}: page {p}");
            assert_eq!(r.headers()["location"], "/login");
        }
        let r = upload_import(&b, "units", "kode;nama\nX;Y\n").await;
        assert!(
            r.status() == 303 || r.status() == 403,
            "{engine:?}: {}",
            r.status()
        );
        assert_eq!(unit_count(&t, "KAB-NUSARAYA").await, demo.units.len());

        // The API description is public and holds no data.
        let r = reqwest::get(format!("{}/api/v1/openapi.json", t.base))
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let doc = r.text().await.unwrap();
        for path in [
            "/api/v1/units",
            "/api/v1/employees/{id}",
            "/api/v1/teams/{id}",
            "/api/v1/import/employees",
            "/api/v1/import/units",
            "/api/v1/audit",
        ] {
            assert!(doc.contains(&format!("\"{path}\"")), "openapi lacks {path}");
        }
        assert!(!doc.contains(demo.employees[0]["nip"].as_str().unwrap()));
    }
}
