//! Many reports at once go through the group-commit writer: each person's day is written
//! once, a second report sent at the same moment replaces the first instead of making a
//! duplicate, and the running totals add up to exactly what is stored.

use super::helpers::*;

#[tokio::test]
async fn reports_sent_at_once_are_each_written_once_and_the_totals_add_up() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let head = employee_of(&t, HEAD).await;
        let a = demo_agency(&t).await;
        let logins: Vec<String> = {
            let mut c = t.app.db.conn().await.unwrap();
            fleksi_store::employee::all_in_agency(&mut c, a)
                .await
                .unwrap()
                .into_iter()
                .filter(|x| x.supervisor_id == Some(head))
                .take(8)
                .map(|x| x.nip)
                .collect()
        };
        let mut tokens = Vec::new();
        for l in &logins {
            tokens.push(api_token(&t, l).await);
        }
        // Every person twice at the same moment (different items), all in parallel.
        let mut sends = tokio::task::JoinSet::new();
        for (n, tok) in tokens.iter().enumerate() {
            for k in 0..2 {
                let body = json!({"items": (0..=k + n % 3).map(|i| json!({"text": format!("pekerjaan {i}"), "status": if i == 0 { "terhambat" } else { "selesai" }, "needs": "akses"})).collect::<Vec<_>>()});
                let (url, tok) = (format!("{}/api/v1/reports", t.base), tok.clone());
                sends.spawn(async move {
                    let r = reqwest::Client::new()
                        .post(url)
                        .bearer_auth(tok)
                        .json(&body)
                        .send()
                        .await
                        .unwrap();
                    r.status()
                });
            }
        }
        let answers: Vec<StatusCode> = sends.join_all().await;
        let created = answers.iter().filter(|s| s.as_u16() == 201).count();
        let replaced = answers.iter().filter(|s| s.as_u16() == 200).count();
        assert_eq!(
            (created, replaced),
            (tokens.len(), tokens.len()),
            "{e}: {answers:?}"
        );
        let people = tokens.len() as i64;
        assert_eq!(
            count(&t, "SELECT COUNT(*) FROM daily_reports").await,
            people,
            "{e}"
        );
        let items = count(&t, "SELECT COUNT(*) FROM daily_report_items").await;
        let blocked = count(
            &t,
            "SELECT COUNT(*) FROM daily_report_items WHERE status = 'blocked'",
        )
        .await;
        assert_eq!(
            count(
                &t,
                "SELECT CAST(SUM(reported) AS BIGINT) FROM output_person_days"
            )
            .await,
            people,
            "{e}"
        );
        assert_eq!(
            count(
                &t,
                "SELECT CAST(SUM(items) AS BIGINT) FROM output_person_days"
            )
            .await,
            items,
            "{e}"
        );
        assert_eq!(
            count(
                &t,
                "SELECT CAST(SUM(items_blocked) AS BIGINT) FROM output_person_days"
            )
            .await,
            blocked,
            "{e}"
        );
        assert_eq!(
            count(
                &t,
                "SELECT CAST(SUM(reports) AS BIGINT) FROM output_unit_days"
            )
            .await,
            people,
            "{e}"
        );
        assert_eq!(
            count(
                &t,
                "SELECT CAST(SUM(items) AS BIGINT) FROM output_unit_days"
            )
            .await,
            items,
            "{e}"
        );
        assert_eq!(
            count(
                &t,
                "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'report.%'"
            )
            .await,
            2 * people,
            "{e}"
        );
    }
}
