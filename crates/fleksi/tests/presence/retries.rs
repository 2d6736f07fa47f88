//! Client keys: a retried punch counts once and answers the same, also when the copies
//! arrive at once (and land in one batch); and many people at once all land.

use super::helpers::*;
use tokio::task::JoinSet;

#[tokio::test]
async fn the_same_client_key_three_times_counts_once_and_answers_the_same() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let me = employee_of(&t, STAFF).await;
        let token = api_token(&t, STAFF).await;
        at(&t, "2026-11-23T00:45:00Z");
        let mut answers = Vec::new();
        for _ in 0..3 {
            answers.push(check_in(&t, &token, "office", "retry-seq-0001").await);
        }
        let statuses: Vec<u16> = answers.iter().map(|(s, _)| s.as_u16()).collect();
        assert_eq!(statuses, [201, 200, 200], "{e}");
        assert!(
            answers.iter().all(|(_, b)| *b == answers[0].1),
            "{e}: the same body"
        );
        assert_eq!(count(&t, "presence_events").await, 1, "{e}");
        assert_eq!(
            week_row(&t, me, "2026-11-23").await.unwrap().days_present,
            1,
            "{e}"
        );
        assert_eq!(audited(&t, "presence.check_in").await.len(), 1, "{e}");

        // A retry later in the day (the clock moved on) still gets the first answer.
        at(&t, "2026-11-23T03:00:00Z");
        let (status, body) = check_in(&t, &token, "office", "retry-seq-0001").await;
        assert_eq!((status.as_u16(), &body), (200, &answers[0].1), "{e}");

        // Concurrent copies of a check-out: one records it, all answer the same.
        let mut set = JoinSet::new();
        for _ in 0..3 {
            let (base, token) = (t.base.clone(), token.clone());
            set.spawn(async move {
                let r = reqwest::Client::new()
                    .post(format!("{base}/api/v1/presence/check-out"))
                    .bearer_auth(token)
                    .json(&json!({"location": "office", "client_key": "retry-par-0001"}))
                    .send()
                    .await
                    .unwrap();
                (r.status().as_u16(), r.json::<Value>().await.unwrap())
            });
        }
        let mut results = Vec::new();
        while let Some(r) = set.join_next().await {
            results.push(r.unwrap());
        }
        let mut statuses: Vec<u16> = results.iter().map(|(s, _)| *s).collect();
        statuses.sort();
        assert_eq!(statuses, [200, 200, 201], "{e}: {results:?}");
        assert!(results.iter().all(|(_, b)| *b == results[0].1), "{e}");
        assert_eq!(count(&t, "presence_events").await, 2, "{e}");
        let week = week_row(&t, me, "2026-11-23").await.unwrap();
        assert_eq!(week.effective_minutes, 135, "{e}: 07:45–10:00 once");
        assert_eq!(audited(&t, "presence.check_out").await.len(), 1, "{e}");

        // A key already used for the check-in cannot be a check-out.
        let (status, body) = check_out(&t, &token, "office", "retry-seq-0001").await;
        assert_eq!(status, 422, "{e}: {body}");
        assert_eq!(fields(&body), ["client_key"], "{e}");
    }
}

#[tokio::test]
async fn fifty_people_checking_in_at_once_all_land_once() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let mut people = Vec::new();
        for unit in [
            "DINKES-B1",
            "DINKES-B2",
            "BAPPEDA-B1",
            "BAPPEDA-B2",
            "BKPSDM-B1",
            "BKPSDM-B2",
        ] {
            people.extend(staff_of(&t, unit).await);
        }
        people.truncate(50);
        assert_eq!(people.len(), 50, "{e}");
        let mut tokens = Vec::new();
        for nip in &people {
            tokens.push(api_token(&t, nip).await);
        }
        at(&t, "2026-11-23T00:29:00Z");
        let before_audit = count(&t, "audit_log").await;
        let mut set = JoinSet::new();
        // Everyone sends their punch twice at once: a double tap must still count once.
        for (i, token) in tokens.iter().enumerate() {
            for _ in 0..2 {
                let (base, token) = (t.base.clone(), token.clone());
                set.spawn(async move {
                    let r = reqwest::Client::new()
                        .post(format!("{base}/api/v1/presence/check-in"))
                        .bearer_auth(token)
                        .json(&json!({"location": "office", "client_key": format!("crowd-{i:04}")}))
                        .send()
                        .await
                        .unwrap();
                    (i, r.status().as_u16(), r.json::<Value>().await.unwrap())
                });
            }
        }
        let mut results = Vec::new();
        while let Some(r) = set.join_next().await {
            results.push(r.unwrap());
        }
        assert_eq!(results.len(), 100, "{e}");
        for i in 0..50 {
            let mine: Vec<_> = results.iter().filter(|r| r.0 == i).collect();
            let mut statuses: Vec<u16> = mine.iter().map(|r| r.1).collect();
            statuses.sort();
            assert_eq!(statuses, [200, 201], "{e}: person {i}: {mine:?}");
            assert_eq!(mine[0].2, mine[1].2, "{e}: person {i}");
            assert_eq!(mine[0].2["day"]["check_in"], "07:29", "{e}");
        }
        assert_eq!(count(&t, "presence_events").await, 50, "{e}");
        assert_eq!(count(&t, "presence_days").await, 50, "{e}");
        assert_eq!(count(&t, "presence_weeks").await, 50, "{e}");
        assert_eq!(count(&t, "audit_log").await - before_audit, 50, "{e}");
    }
}
