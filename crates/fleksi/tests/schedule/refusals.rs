//! Every view refuses plain employees, heads and admins of other units, and other agencies;
//! bad parameters are named and nothing is shown.

use super::helpers::*;

#[tokio::test]
async fn views_refuse_who_may_not_see_them() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let u = unit(&t, UNIT).await;
        let id = u.id;
        let paths = [
            format!("/team-calendar?unit={id}"),
            format!("/board?unit={id}"),
            format!("/units/{id}/recap?month=2026-11"),
            format!("/units/{id}/recap?month=2026-11&format=csv"),
        ];
        // A plain employee: no views at all, not even of their own unit.
        let staff = signed_in(&t, STAFF).await;
        for p in paths
            .iter()
            .map(String::as_str)
            .chain(["/team-calendar", "/board", "/recap"])
        {
            assert_eq!(staff.get(p).await.status(), 403, "{e}: {STAFF} {p}");
        }
        // The head of another OPD, a unit admin of another subtree: forbidden.
        for login in ["kepala.diskominfo", "admin.dinkes"] {
            let b = signed_in(&t, login).await;
            for p in &paths {
                assert_eq!(b.get(p).await.status(), 403, "{e}: {login} {p}");
            }
        }
        // Another agency's admin: the unit does not exist for them.
        let other = signed_in(&t, "admin.lain").await;
        for p in &paths {
            assert_eq!(other.get(p).await.status(), 404, "{e}: admin.lain {p}");
        }
        // The head, the agency admin and the auditor may.
        for login in [HEAD, "admin.bkpsdm", "auditor"] {
            let b = signed_in(&t, login).await;
            for p in &paths {
                assert_eq!(b.get(p).await.status(), 200, "{e}: {login} {p}");
            }
        }
        // The unit admin of Dinkes reads Dinkes.
        let dinkes = unit(&t, "DINKES").await;
        let b = signed_in(&t, "admin.dinkes").await;
        assert_eq!(
            b.get(&format!("/team-calendar?unit={}", dinkes.id))
                .await
                .status(),
            200,
            "{e}"
        );

        // The API answers the same.
        let api = [
            format!("/schedule/team?unit={id}"),
            format!("/schedule/board?unit={id}"),
            format!("/units/{id}/recap?month=2026-11"),
        ];
        for (login, status) in [
            (STAFF, 403),
            ("kepala.diskominfo", 403),
            ("admin.lain", 404),
            ("auditor", 200),
        ] {
            let token = api_token(&t, login).await;
            for p in &api {
                let (got, body) = api_json(&t, &token, p).await;
                assert_eq!(got, status, "{e}: {login} {p}: {body}");
            }
        }
        // Without a session or token.
        let stranger = Browser::new(&t);
        assert_eq!(stranger.get(&paths[0]).await.status(), 303, "{e}");
        let r = reqwest::get(format!("{}/api/v1/schedule/week", t.base))
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{e}");
        // An admin without an employee record has no week of their own.
        let token = api_token(&t, "admin").await;
        let (status, _) = api_json(&t, &token, "/schedule/week").await;
        assert_eq!(status, 403, "{e}");
    }
}

#[tokio::test]
async fn bad_parameters_are_named() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let head = signed_in(&t, HEAD).await;
        for (path, field) in [
            ("/team-calendar?week=2026-02-30", "week"),
            ("/team-calendar?week=23-11-2026", "week"),
            ("/team-calendar?unit=abc", "unit"),
            ("/board?unit=x1", "unit"),
        ] {
            let (status, html) = page(&head, path).await;
            assert_eq!(status, 422, "{e}: {path}");
            assert!(
                html.contains(&format!("<li>{field}: ")),
                "{e}: {path}: {html}"
            );
        }
        assert_eq!(
            head.get("/team-calendar?unit=999999").await.status(),
            404,
            "{e}"
        );
        let token = api_token(&t, STAFF).await;
        let (status, v) = api_json(&t, &token, "/schedule/week?date=2026-02-30").await;
        assert_eq!(status, 422, "{e}");
        assert_eq!(v["errors"][0]["field"], "date", "{e}: {v}");
    }
}
