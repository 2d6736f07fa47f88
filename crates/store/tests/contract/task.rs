//! Tasks: an assignment with its assignees is written in the caller's transaction; the
//! lists of an assignee (open first by deadline, then finished) and of an assigner answer
//! the same on every engine through their indexes; a status write applies only to the
//! status it was read in; who may be given a task (direct reports, team members).

use super::helpers::*;
use fleksi_store::task::{self, NewTask, StatusChange};

fn new_task(
    unit: &UnitRow,
    assigner: i64,
    title: &str,
    deadline: Option<&str>,
    people: &[i64],
) -> NewTask {
    NewTask {
        unit_id: unit.id,
        unit_path: unit.path.clone(),
        assigner_employee_id: assigner,
        title: title.into(),
        purpose: "Tujuan".into(),
        deadline: deadline.map(str::to_string),
        expected_output: "Keluaran".into(),
        responsible_employee_id: people.first().copied(),
        attachments: "https://contoh.go.id/a\nSE 12/2026".into(),
        clarity: 5,
        assignees: people.to_vec(),
        result_id: None,
    }
}

fn moved(status: &str) -> StatusChange {
    StatusChange {
        status: status.into(),
        needs: None,
        sent_back_reason: None,
        first_response_at: Some(NOW + 1),
        done_at: None,
        accepted_at: None,
        done_by: None,
        done_date: None,
    }
}

#[tokio::test]
async fn tasks_are_stored_listed_and_moved_alike_on_every_engine() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, unit, pos) = agency_with_unit(db, "AG-TASKS").await;
        add_people(
            db,
            a,
            &[
                person(1, "Kepala", pos, unit.id),
                person(2, "Ani", pos, unit.id),
                person(3, "Budi", pos, unit.id),
                person(4, "Citra", pos, unit.id),
            ],
        )
        .await;
        set_supervisors(
            db,
            a,
            &[
                (nip(2), Some(nip(1))),
                (nip(3), Some(nip(1))),
                (nip(4), None),
            ],
        )
        .await;
        let [head, ani, budi, citra] = [
            id_of(db, a, &nip(1)).await,
            id_of(db, a, &nip(2)).await,
            id_of(db, a, &nip(3)).await,
            id_of(db, a, &nip(4)).await,
        ];

        // Not committed: nothing stays.
        let mut tx = db.begin().await.unwrap();
        task::insert(
            &mut tx,
            a,
            &new_task(&unit, head, "Batal", None, &[ani]),
            NOW,
        )
        .await
        .unwrap();
        drop(tx);
        let mut c = db.conn().await.unwrap();
        assert!(
            task::for_assigner(&mut c, a, head, None, 10)
                .await
                .unwrap()
                .is_empty(),
            "{engine:?}"
        );
        drop(c);

        let mut tx = db.begin().await.unwrap();
        let late = task::insert(
            &mut tx,
            a,
            &new_task(&unit, head, "Akhir bulan", Some("2026-11-30"), &[ani, budi]),
            NOW,
        )
        .await
        .unwrap();
        let soon = task::insert(
            &mut tx,
            a,
            &new_task(&unit, head, "Besok", Some("2026-11-24"), &[ani]),
            NOW,
        )
        .await
        .unwrap();
        let open_ended = task::insert(
            &mut tx,
            a,
            &new_task(&unit, head, "Kapan saja", None, &[ani]),
            NOW,
        )
        .await
        .unwrap();
        let finished = task::insert(
            &mut tx,
            a,
            &new_task(&unit, head, "Sudah", Some("2026-11-20"), &[ani]),
            NOW,
        )
        .await
        .unwrap();
        commit(tx).await.unwrap();

        let mut c = db.conn().await.unwrap();
        let row = task::get(&mut c, a, late).await.unwrap().unwrap();
        assert_eq!(
            (row.status.as_str(), row.clarity, row.time_zone.as_str()),
            ("new", 5, "WIB"),
            "{engine:?}"
        );
        assert_eq!(row.assigner_name, "Kepala", "{engine:?}");
        let people: Vec<i64> = task::assignees(&mut c, a, late)
            .await
            .unwrap()
            .iter()
            .map(|p| p.employee_id)
            .collect();
        assert_eq!(people, [ani, budi], "{engine:?}");
        let many: Vec<(i64, i64)> = task::assignees_of_many(&mut c, a, &[soon, late])
            .await
            .unwrap()
            .iter()
            .map(|p| (p.task_id, p.employee_id))
            .collect();
        let mut expected = vec![(late, ani), (late, budi), (soon, ani)];
        expected.sort();
        assert_eq!(many, expected, "{engine:?}");
        assert!(
            task::get(&mut c, a + 1, late).await.unwrap().is_none(),
            "{engine:?}: another agency"
        );

        // Move `finished` to done; a second write from the stale status does not apply.
        assert!(
            task::set_status(&mut c, a, finished, "new", &moved("in_progress"), NOW + 1)
                .await
                .unwrap()
        );
        assert!(
            !task::set_status(&mut c, a, finished, "new", &moved("blocked"), NOW + 2)
                .await
                .unwrap(),
            "{engine:?}"
        );
        let mut done = moved("done");
        done.done_at = Some(NOW + 3);
        assert!(
            task::set_status(&mut c, a, finished, "in_progress", &done, NOW + 3)
                .await
                .unwrap()
        );
        let row = task::get(&mut c, a, finished).await.unwrap().unwrap();
        assert_eq!(
            (row.status.as_str(), row.done_at, row.updated_at),
            ("done", Some(NOW + 3), NOW + 3),
            "{engine:?}"
        );

        // Ani: open by deadline (none last), then finished.
        let mine: Vec<i64> = task::for_assignee(&mut c, a, ani, None, 10)
            .await
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(mine, [soon, late, open_ended, finished], "{engine:?}");
        let budis: Vec<i64> = task::for_assignee(&mut c, a, budi, None, 10)
            .await
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(budis, [late], "{engine:?}");
        let given: Vec<i64> = task::for_assigner(&mut c, a, head, None, 2)
            .await
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(
            given,
            [finished, open_ended],
            "{engine:?}: newest first, bounded"
        );
        // The next pages, by key: older given tasks; only finished tasks past the first page.
        let older: Vec<i64> = task::for_assigner(&mut c, a, head, Some(open_ended), 2)
            .await
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(older, [soon, late], "{engine:?}");
        let page2: Vec<i64> = task::for_assignee(&mut c, a, ani, Some(finished + 1), 10)
            .await
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(
            page2,
            [finished],
            "{engine:?}: no open task on a later page"
        );
        assert!(
            task::for_assignee(&mut c, a, ani, Some(finished), 10)
                .await
                .unwrap()
                .is_empty(),
            "{engine:?}"
        );

        // Who the head may instruct: direct reports; Citra only once in a team the head leads.
        assert!(task::may_assign(&mut c, a, head, ani).await.unwrap());
        assert!(
            !task::may_assign(&mut c, a, head, citra).await.unwrap(),
            "{engine:?}"
        );
        assert!(
            !task::may_assign(&mut c, a, head, head).await.unwrap(),
            "{engine:?}: not oneself"
        );
        assert!(
            !task::may_assign(&mut c, a, ani, budi).await.unwrap(),
            "{engine:?}: a colleague"
        );
        drop(c);
        let mut tx = db.begin().await.unwrap();
        let team = fleksi_store::team::insert(&mut tx, a, "Tim Data", unit.id, head, NOW)
            .await
            .unwrap();
        fleksi_store::team::add_member(&mut tx, a, team, citra, None)
            .await
            .unwrap();
        commit(tx).await.unwrap();
        let mut c = db.conn().await.unwrap();
        assert!(
            task::may_assign(&mut c, a, head, citra).await.unwrap(),
            "{engine:?}: team lead"
        );
        let names: Vec<String> = task::candidates(&mut c, a, head, 10)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, ["Ani", "Budi", "Citra"], "{engine:?}");
        drop(c);

        // The lists read through their indexes.
        // Open tasks: either assignee index holds the person's open statuses.
        let lines = plan(db, task::for_assignee_sql(a, ani, true, 10)).await;
        assert_indexed(engine, &lines, "task_assignees", "x", "task_assignees_");
        // Finished tasks page by key from the end of their own index.
        let lines = plan(db, task::finished_sql(a, ani, "done", Some(500), 10)).await;
        assert_indexed(
            engine,
            &lines,
            "task_assignees",
            "x",
            "task_assignees_finished",
        );
        assert_seeks_to_key(engine, &lines, "task_id");
        let lines = plan(db, task::for_assigner_sql(a, head, Some(500), 10)).await;
        assert_indexed(engine, &lines, "tasks", "t", "tasks_assigner");
    }
}
