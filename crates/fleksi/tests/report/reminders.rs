//! The end of the working day, with a test clock: each unit's day is closed once its
//! regular end has passed in its own zone; who worked that day is due to report, who has
//! not gets one reminder; leave is not due; running again changes nothing.

use super::helpers::*;
use fleksi_service::jobs::close_days;
use jiff::SignedDuration;

async fn reminders_of(t: &TestApp, employee: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE employee_id = $1 AND kind = 'report.reminder'",
    )
    .bind(employee)
    .fetch_one(t.app.db.pool())
    .await
    .unwrap()
}

async fn closed(t: &TestApp, code: &str, date: &str) -> bool {
    let u = unit(t, code).await;
    let mut c = t.app.db.conn().await.unwrap();
    fleksi_store::dashboard::is_closed(&mut c, u.id, date)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_day_closes_in_each_units_zone_and_reminds_once() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        let staff = employee_of(&t, STAFF).await;
        let (peer, _) = colleague(&t).await;
        let head = employee_of(&t, HEAD).await;
        let me = api_token(&t, STAFF).await;
        let u = unit(&t, UNIT).await;
        let people = count(
            &t,
            &format!("SELECT COUNT(*) FROM employees WHERE unit_id = {}", u.id),
        )
        .await;
        let (s, _) = report(&t, &me, &json!({"items": three_items()})).await;
        assert_eq!(s, 201, "{e}");
        approved_day(&t, peer, TODAY, "leave").await;

        // 09:00 WIB: Sunday is closed (no working day, nobody due); today is not over.
        let first = close_days::run(&t.app).await.unwrap();
        assert!(first.unit_days > 0, "{e}");
        assert_eq!((first.due, first.reminded), (0, 0), "{e}: {first:?}");
        assert!(closed(&t, UNIT, "2026-11-22").await, "{e}");
        assert!(!closed(&t, UNIT, TODAY).await, "{e}");

        // 14:30 WIB is 16:30 in Jayapura (WIT): the liaison office's day is over, the
        // regency's (WIB, until 16:00) is not.
        t.clock.advance(SignedDuration::from_mins(330));
        close_days::run(&t.app).await.unwrap();
        assert!(
            closed(&t, "KP-JAYAPURA", TODAY).await,
            "{e}: WIT closes first"
        );
        assert!(!closed(&t, UNIT, TODAY).await, "{e}: WIB still working");

        // 16:30 WIB: the unit closes. The staff member reported; the colleague is on leave;
        // everyone else placed in the unit is reminded.
        t.clock.advance(SignedDuration::from_mins(120));
        let run = close_days::run(&t.app).await.unwrap();
        assert!(closed(&t, UNIT, TODAY).await, "{e}");
        assert!(run.reminded >= (people - 2) as usize, "{e}: {run:?}");
        assert_eq!(reminders_of(&t, staff).await, 0, "{e}: reported");
        assert_eq!(reminders_of(&t, peer).await, 0, "{e}: on leave");
        assert_eq!(reminders_of(&t, head).await, 1, "{e}: the head too");
        assert_eq!(
            person_day(&t, staff, TODAY).await,
            Some((1, 1, 3, 1)),
            "{e}"
        );
        assert_eq!(person_day(&t, peer, TODAY).await, None, "{e}: not due");
        assert_eq!(
            unit_day(&t, u.id, TODAY).await,
            (people - 1, 1, 1, 3),
            "{e}"
        );
        let link: String = sqlx::query_scalar(
            "SELECT link FROM notifications WHERE employee_id = $1 AND kind = 'report.reminder'",
        )
        .bind(head)
        .fetch_one(t.app.db.pool())
        .await
        .unwrap();
        assert_eq!(link, "/reports?date=2026-11-23", "{e}");

        // Again: nothing new.
        let audits = count(
            &t,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'report.close_day'",
        )
        .await;
        let again = close_days::run(&t.app).await.unwrap();
        assert_eq!(again, close_days::Closed::default(), "{e}");
        assert_eq!(reminders_of(&t, head).await, 1, "{e}");
        assert_eq!(
            count(
                &t,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'report.close_day'"
            )
            .await,
            audits,
            "{e}"
        );

        // The head reports the next morning for the closed day: a due report came in.
        t.clock.advance(SignedDuration::from_hours(16));
        let head_tok = api_token(&t, HEAD).await;
        let (s, r) = report(
            &t,
            &head_tok,
            &json!({"date": TODAY, "items": three_items()}),
        )
        .await;
        assert_eq!(s, 201, "{e}: {r}");
        assert_eq!(r["late"], true, "{e}");
        assert_eq!(
            unit_day(&t, u.id, TODAY).await,
            (people - 1, 2, 2, 6),
            "{e}"
        );
    }
}

#[tokio::test]
async fn the_job_runner_claims_schedules_once() {
    for t in spawn_all_seeded().await {
        let e = engine(&t);
        fleksi_service::jobs::ensure_scheduled(&t.app)
            .await
            .unwrap();
        fleksi_service::jobs::ensure_scheduled(&t.app)
            .await
            .unwrap();
        assert_eq!(count(&t, "SELECT COUNT(*) FROM jobs").await, 1, "{e}");
        assert_eq!(
            fleksi_service::jobs::run_due(&t.app).await.unwrap(),
            1,
            "{e}"
        );
        // Not due again until its interval has passed.
        assert_eq!(
            fleksi_service::jobs::run_due(&t.app).await.unwrap(),
            0,
            "{e}"
        );
        t.clock.advance(SignedDuration::from_mins(11));
        assert_eq!(
            fleksi_service::jobs::run_due(&t.app).await.unwrap(),
            1,
            "{e}"
        );
        let runs = count(&t, "SELECT runs FROM jobs").await;
        assert_eq!(runs, 2, "{e}");
    }
}
