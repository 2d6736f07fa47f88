//! Bad reports are refused with the field named, in the reader's language, and nothing
//! changes: no report, no item, no total, no file, no audit entry.

use super::helpers::*;

#[tokio::test]
async fn bad_reports_are_refused_naming_the_field() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let head = api_token(&t, HEAD).await;
        let me = api_token(&t, STAFF).await;
        let (peer, peer_login) = colleague(&t).await;
        // A task of the colleague's, not mine.
        let (_, task) = answer(
            api_post(
                &t,
                &head,
                "/tasks",
                &json!({"title": "Arsip", "assignees": [peer]}),
            )
            .await,
        )
        .await;
        let not_mine = task["id"].as_i64().unwrap();
        let _ = peer_login;
        let ok = |s: &str| json!([{"text": s, "status": "done"}]);
        let many: Vec<Value> = (0..21)
            .map(|i| json!({"text": format!("r{i}"), "status": "done"}))
            .collect();
        let cases: Vec<(&str, Value, Vec<&str>)> = vec![
            (
                "a future date",
                json!({"date": "2026-11-24", "items": ok("a")}),
                vec!["date"],
            ),
            (
                "more than a week back",
                json!({"date": "2026-11-15", "items": ok("a")}),
                vec!["date"],
            ),
            (
                "no such date",
                json!({"date": "2026-02-30", "items": ok("a")}),
                vec!["date"],
            ),
            ("nothing reported", json!({"items": []}), vec!["items"]),
            (
                "only blank rows",
                json!({"items": [{"text": " "}]}),
                vec!["items"],
            ),
            (
                "blocked without a need",
                json!({"items": [{"text": "a", "status": "done"}, {"text": "SIAK", "status": "terhambat"}]}),
                vec!["items[1].needs"],
            ),
            (
                "an unknown status",
                json!({"items": [{"text": "a", "status": "macet"}]}),
                vec!["items[0].status"],
            ),
            (
                "someone else's task",
                json!({"items": [{"text": "a", "status": "done", "task_id": not_mine}]}),
                vec!["items[0].task_id"],
            ),
            (
                "a result not in my SKP",
                json!({"items": [{"text": "a", "status": "done", "result_id": 999999}]}),
                vec!["items[0].result_id"],
            ),
            (
                "a link that is not https",
                json!({"items": ok("a"), "evidence_link": "http://x.example"}),
                vec!["evidence_link"],
            ),
            (
                "someone else's file",
                json!({"items": ok("a"), "evidence_file_id": 999999}),
                vec!["evidence_file_id"],
            ),
            ("21 items", json!({"items": many}), vec!["items"]),
        ];
        for (what, body, want) in cases {
            let before = snapshot(&t).await;
            let (s, p) = report(&t, &me, &body).await;
            assert_eq!(s, 422, "{e}: {what}: {p}");
            assert_eq!(fields(&p), want, "{e}: {what}: {p}");
            assert_eq!(snapshot(&t).await, before, "{e}: {what} changed nothing");
        }
        // An unknown field is refused too (the body is named).
        let (s, p) = report(&t, &me, &json!({"items": ok("a"), "employee_id": peer})).await;
        assert_eq!(
            (s.as_u16(), fields(&p)),
            (422, vec!["body".to_string()]),
            "{e}: {p}"
        );

        // Files: too large, or not a PDF/PNG/JPEG by content, whatever the name says.
        let b = signed_in(&t, STAFF).await;
        b.get("/reports").await;
        let fields_ok = [
            ("date", TODAY),
            ("items[0].text", "Notula"),
            ("items[0].status", "done"),
        ];
        for (what, name, bytes) in [
            ("too large", "besar.pdf", {
                let mut v = b"%PDF-1.4".to_vec();
                v.resize(2 * 1024 * 1024 + 10, b'x');
                v
            }),
            (
                "a program named .pdf",
                "bukti.pdf",
                b"MZ\x90\x00\x03 this is an exe".to_vec(),
            ),
            (
                "a script",
                "bukti.html",
                b"<script>alert(1)</script>".to_vec(),
            ),
        ] {
            let before = snapshot(&t).await;
            let (s, _, html) = send_report_form(&b, &fields_ok, Some((name, bytes))).await;
            assert_eq!(s, 422, "{e}: {what}");
            assert!(html.contains("<code>evidence_file</code>"), "{e}: {what}");
            assert!(
                html.contains("value=\"Notula\""),
                "{e}: {what}: what was typed is kept"
            );
            assert_eq!(snapshot(&t).await, before, "{e}: {what} changed nothing");
        }

        // In English when the reader chose it.
        let (s, _, _) = send(&b, "/lang", &[("lang", "en")]).await;
        assert_eq!(s, 303, "{e}");
        let (s, _, html) = send_report_form(
            &b,
            &[("items[0].text", "SIAK"), ("items[0].status", "blocked")],
            None,
        )
        .await;
        assert_eq!(s, 422, "{e}");
        assert!(
            html.contains("<code>items[0].needs</code>: a blocked item must say what it needs"),
            "{e}"
        );
    }
}
