//! Integrity and speed: the audit log is append-only, NIPs are unique per agency, hot queries use their indexes.

use super::helpers::*;

#[tokio::test]
async fn the_audit_log_cannot_be_updated_or_deleted() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let a = new_agency(db, "AG-AUDIT").await;
        let mut tx = db.begin().await.unwrap();
        audit::append(&mut tx, &[entry(a, "employee.create")])
            .await
            .unwrap();
        commit(tx).await.unwrap();

        let refused = |r: Result<sqlx::any::AnyQueryResult, sqlx::Error>, what: &str| {
            let e = r.expect_err(&format!("{engine:?}: {what} of audit_log went through"));
            assert!(
                e.to_string().contains("append-only"),
                "{engine:?}: {what} failed for another reason: {e}"
            );
        };
        refused(
            sqlx::query("UPDATE audit_log SET action = 'employee.delete'")
                .execute(db.pool())
                .await,
            "UPDATE",
        );
        refused(
            sqlx::query("DELETE FROM audit_log")
                .execute(db.pool())
                .await,
            "DELETE",
        );
        if engine == Engine::Postgres {
            refused(
                sqlx::query("TRUNCATE audit_log").execute(db.pool()).await,
                "TRUNCATE",
            );
        }
        let mut c = db.conn().await.unwrap();
        let rows = audit::list(&mut c, Some(a), &audit::Filter::default(), None, 10)
            .await
            .unwrap();
        assert_eq!(rows.len(), 1, "{engine:?}");
        assert_eq!(rows[0].action, "employee.create");
        assert_eq!(rows[0].after_json.as_deref(), Some("{\"name\":\"A\"}"));
    }
}

/// Batched writes send their rows as one JSON value (`sql::json_table`): every kind of
/// text, missing values and large numbers come back exactly as written, on every engine.
#[tokio::test]
async fn entries_written_as_json_rows_come_back_exactly() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let a = new_agency(db, "AG-JSONROWS").await;
        let tricky = [
            "kutip \"ganda\" dan 'tunggal'",
            "garis\nbaru\ttab \\ garis miring",
            "Presensi — ✓ 出勤 🙂",
            "$1 ? %s {} [] null",
            "",
        ];
        let entries: Vec<NewEntry> = tricky
            .iter()
            .enumerate()
            .map(|(i, text)| NewEntry {
                agency_id: Some(a),
                actor_user_id: if i % 2 == 0 {
                    None
                } else {
                    Some(i64::MAX - i as i64)
                },
                actor_label: text.to_string(),
                action: format!("test.json{i}"),
                record_type: "t".into(),
                record_id: text.to_string(),
                unit_path: None,
                before_json: (i % 2 == 0).then(|| format!("{{\"x\":{:?}}}", text)),
                after_json: Some(text.to_string()),
                at: NOW + i as i64,
                address: Some("::1".into()),
                request_id: None,
            })
            .collect();
        let mut tx = db.begin().await.unwrap();
        audit::append(&mut tx, &entries).await.unwrap();
        commit(tx).await.unwrap();
        let mut c = db.conn().await.unwrap();
        let mut rows = audit::list(&mut c, Some(a), &audit::Filter::default(), None, 10)
            .await
            .unwrap();
        rows.sort_by_key(|r| r.at);
        assert_eq!(rows.len(), entries.len(), "{engine:?}");
        for (r, e) in rows.iter().zip(&entries) {
            let back = (
                r.actor_user_id,
                &r.actor_label,
                &r.action,
                &r.record_id,
                &r.unit_path,
                &r.before_json,
                &r.after_json,
                r.at,
                &r.address,
                &r.request_id,
            );
            let sent = (
                e.actor_user_id,
                &e.actor_label,
                &e.action,
                &e.record_id,
                &e.unit_path,
                &e.before_json,
                &e.after_json,
                e.at,
                &e.address,
                &e.request_id,
            );
            assert_eq!(back, sent, "{engine:?}");
        }
    }
}

#[tokio::test]
async fn a_nip_is_unique_within_an_agency_only() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, root, pos) = agency_with_unit(db, "AG-NIP").await;
        let (other, o_root, o_pos) = agency_with_unit(db, "AG-NIP2").await;
        let insert = |agency: i64, unit: i64, position: i64| {
            sqlx::query(
                "INSERT INTO employees (agency_id, nip, name, status, position_id, unit_id, discipline, created_at, updated_at)
                 VALUES ($1, $2, 'Sama', 'pns', $3, $4, 'none', $5, $5)",
            )
            .bind(agency)
            .bind(nip(7))
            .bind(position)
            .bind(unit)
            .bind(NOW)
            .execute(db.pool())
        };
        insert(a, root.id, pos).await.unwrap();
        let e = insert(a, root.id, pos)
            .await
            .expect_err("a second row with the same NIP in one agency");
        let text = e.to_string().to_lowercase();
        assert!(
            text.contains("unique") || text.contains("duplicate"),
            "{engine:?}: {text}"
        );
        insert(other, o_root.id, o_pos)
            .await
            .unwrap_or_else(|e| panic!("{engine:?}: same NIP in another agency: {e}"));
    }
}

#[tokio::test]
async fn hot_queries_use_their_indexes() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, root, pos) = agency_with_unit(db, "AG-PLAN").await;
        let mut tx = db.begin().await.unwrap();
        let (unit, _) = put_unit(&mut tx, a, "UNIT", Some(&root)).await;
        let entries: Vec<NewEntry> = (0..50).map(|_| entry(a, "employee.update")).collect();
        audit::append(&mut tx, &entries).await.unwrap();
        commit(tx).await.unwrap();
        let rows: Vec<UpsertRow> = (0..200)
            .map(|i| {
                person(
                    i,
                    &format!("P{i}"),
                    pos,
                    if i % 2 == 0 { unit.id } else { root.id },
                )
            })
            .collect();
        add_people(db, a, &rows).await;

        // The directory of one unit's subtree, first page and a later page.
        let filter = Filter {
            unit_path: Some(unit.path.clone()),
            ..Filter::default()
        };
        for after in [None, Some(("P50", 51))] {
            let lines = plan(
                db,
                employee::list_sql(a, &Visible::Agency, &filter, after, 51),
            )
            .await;
            assert_indexed(engine, &lines, "employees", "e", "employees_");
        }
        // The whole agency's directory in name order; a later page starts at its key
        // instead of reading (and dropping) every row before it.
        let lines = plan(
            db,
            employee::list_sql(a, &Visible::Agency, &Filter::default(), None, 51),
        )
        .await;
        assert_indexed(engine, &lines, "employees", "e", "employees_name");
        let lines = plan(
            db,
            employee::list_sql(
                a,
                &Visible::Agency,
                &Filter::default(),
                Some(("P50", 51)),
                51,
            ),
        )
        .await;
        assert_indexed(engine, &lines, "employees", "e", "employees_name");
        assert_seeks_to_key(engine, &lines, "name");

        // The audit log of an agency, newest first, and a later page.
        for before in [None, Some(30)] {
            let lines = plan(
                db,
                audit::list_sql(Some(a), &audit::Filter::default(), before, 51),
            )
            .await;
            assert_indexed(engine, &lines, "audit_log", "audit_log", "audit_agency");
        }
    }
}
