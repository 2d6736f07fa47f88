//! The pages work as plain forms without JavaScript: the head assigns through `/tasks`
//! and sees the checklist result, the staff member moves the task from its page, bad input
//! comes back on the page naming the field, and a form without the CSRF token is refused.

use super::helpers::*;

#[tokio::test]
async fn the_task_pages_work_as_plain_forms() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let staff = employee_of(&t, STAFF).await;
        let (peer, _) = colleague(&t).await;
        let (s, p) = (staff.to_string(), peer.to_string());
        let head = signed_in(&t, HEAD).await;
        let (status, html) = page(&head, "/tasks").await;
        assert_eq!(status, 200, "{e}");
        assert!(html.contains("href=\"/tasks\""), "{e}: in the navigation");
        assert!(
            html.contains(&format!("name=\"assignees\" value=\"{staff}\"")),
            "{e}: a checkbox per report"
        );
        assert!(
            !html.contains("src=\"http") && !html.contains("href=\"http"),
            "{e}: no third-party hosts"
        );
        assert!(
            html.len() < 30_000,
            "{e}: a light page ({} bytes)",
            html.len()
        );

        // No title: the form comes back naming it, with what was typed.
        let before = snapshot(&t).await;
        let (status, _, html) = send(
            &head,
            "/tasks",
            &[("title", ""), ("purpose", "Laporan"), ("assignees", &s)],
        )
        .await;
        assert_eq!(status, 422, "{e}");
        assert!(html.contains("<code>title</code>"), "{e}");
        assert!(html.contains(">Laporan</textarea>"), "{e}: kept");
        assert_eq!(snapshot(&t).await, before, "{e}");

        // Two people, with only a title and the output: the page names what is missing.
        let (status, to, _) = send(
            &head,
            "/tasks",
            &[
                ("title", "Cek arsip"),
                ("expected_output", "Daftar arsip"),
                ("assignees", &s),
                ("assignees", &p),
                ("responsible", &s),
            ],
        )
        .await;
        assert_eq!(status, 303, "{e}");
        assert!(
            to.starts_with("/tasks/") && to.ends_with("?done=assigned"),
            "{e}: {to}"
        );
        let (status, html) = page(&head, &to).await;
        assert_eq!(status, 200, "{e}");
        assert!(html.contains("2/5"), "{e}: the score");
        for missing in ["Tujuan", "Tenggat", "Lampiran/rujukan"] {
            assert!(
                html.contains(&format!("<li>{missing}</li>")),
                "{e}: names {missing}"
            );
        }
        let id: i64 = to
            .trim_start_matches("/tasks/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(
            count(
                &t,
                &format!("SELECT COUNT(*) FROM task_assignees WHERE task_id = {id}")
            )
            .await,
            2,
            "{e}"
        );
        assert!(
            !html.contains("value=\"start\""),
            "{e}: the head does not start it"
        );

        // The staff member starts it from the page; without the token nothing happens.
        let me = signed_in(&t, STAFF).await;
        let (_, html) = page(&me, &format!("/tasks/{id}")).await;
        assert!(html.contains("value=\"start\""), "{e}: the start button");
        let before = snapshot(&t).await;
        let (status, _, _) = send(
            &me,
            &format!("/tasks/{id}/actions"),
            &[("action", "start"), ("csrf", "palsu")],
        )
        .await;
        assert!(status.is_client_error(), "{e}: {status}");
        assert_eq!(snapshot(&t).await, before, "{e}");
        let (status, to, _) =
            send(&me, &format!("/tasks/{id}/actions"), &[("action", "start")]).await;
        assert_eq!(
            (status.as_u16(), to.as_str()),
            (303, format!("/tasks/{id}?done=moved").as_str()),
            "{e}"
        );
        let (status, _, html) = send(
            &me,
            &format!("/tasks/{id}/actions"),
            &[("action", "block"), ("needs", "")],
        )
        .await;
        assert_eq!(status, 422, "{e}");
        assert!(html.contains("<code>needs</code>"), "{e}");
        let (_, html) = page(&me, "/tasks").await;
        assert!(
            html.contains("Cek arsip") && html.contains("Sedang dikerjakan"),
            "{e}: in my list"
        );
    }
}
