//! Writes and reads of units, employees and the directory behave alike on both engines.

use super::helpers::*;

#[tokio::test]
async fn units_upsert_and_a_move_rewrites_the_subtree_paths() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let a = new_agency(db, "AG-UNITS").await;
        let other = new_agency(db, "AG-OTHER").await;
        let mut tx = db.begin().await.unwrap();
        let (root, before) = put_unit(&mut tx, a, "ROOT", None).await;
        assert!(before.is_none(), "{engine:?}: a new unit has no before");
        assert_eq!(root.path, format!("/{}/", root.id));
        let (x, _) = put_unit(&mut tx, a, "X", Some(&root)).await;
        let (b, _) = put_unit(&mut tx, a, "B", Some(&x)).await;
        let (c, _) = put_unit(&mut tx, a, "C", Some(&b)).await;
        let (d, _) = put_unit(&mut tx, a, "D", Some(&root)).await;
        // The same codes in another agency are other units, untouched by what follows.
        let (o_root, _) = put_unit(&mut tx, other, "ROOT", None).await;
        let (o_b, _) = put_unit(&mut tx, other, "B", Some(&o_root)).await;
        commit(tx).await.unwrap();
        assert_eq!(c.path, format!("/{}/{}/{}/{}/", root.id, x.id, b.id, c.id));
        assert_ne!(o_b.id, b.id);

        // Upserting the same data again changes nothing and keeps the id.
        let mut tx = db.begin().await.unwrap();
        let (again, before) = put_unit(&mut tx, a, "B", Some(&x)).await;
        commit(tx).await.unwrap();
        assert_eq!(before.as_ref(), Some(&again), "{engine:?}");
        assert_eq!(again.id, b.id);

        // Move B (with C below it) from X to D.
        let mut tx = db.begin().await.unwrap();
        let (moved, before) = put_unit(&mut tx, a, "B", Some(&d)).await;
        commit(tx).await.unwrap();
        assert_eq!(before.unwrap().path, b.path);
        assert_eq!(moved.id, b.id);
        assert_eq!(moved.parent_id, Some(d.id));
        assert_eq!(moved.path, format!("{}{}/", d.path, b.id), "{engine:?}");
        let c_now = unit_by_code(db, a, "C").await;
        assert_eq!(c_now.path, format!("{}{}/", moved.path, c.id), "{engine:?}");
        assert_eq!(unit_by_code(db, a, "X").await.path, x.path);
        assert_eq!(unit_by_code(db, a, "D").await.path, d.path);
        assert_eq!(unit_by_code(db, other, "B").await.path, o_b.path);

        // And up to the top: B becomes a root, C follows.
        let mut tx = db.begin().await.unwrap();
        let (top, _) = put_unit(&mut tx, a, "B", None).await;
        commit(tx).await.unwrap();
        assert_eq!(top.path, format!("/{}/", b.id));
        assert_eq!(
            unit_by_code(db, a, "C").await.path,
            format!("/{}/{}/", b.id, c.id),
            "{engine:?}"
        );
        let mut conn = db.conn().await.unwrap();
        let listed = org::list_units(&mut conn, a).await.unwrap();
        assert_eq!(listed.len(), 5, "{engine:?}: only this agency's units");
    }
}

#[tokio::test]
async fn employees_upsert_many_and_set_supervisors() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, root, pos) = agency_with_unit(db, "AG-EMP").await;
        let (other, o_root, o_pos) = agency_with_unit(db, "AG-EMP2").await;
        // More rows than one statement carries (500 per upsert, 1000 per supervisor update).
        let n = 1203;
        let rows: Vec<UpsertRow> = (0..n)
            .map(|i| person(i, &format!("Pegawai {i:04}"), pos, root.id))
            .collect();
        add_people(db, a, &rows).await;
        // The same NIP in another agency is another person.
        add_people(db, other, &[person(1, "Orang Lain", o_pos, o_root.id)]).await;
        let mut c = db.conn().await.unwrap();
        assert_eq!(employee::count(&mut c, a).await.unwrap(), n as i64);
        assert_eq!(employee::count(&mut c, other).await.unwrap(), 1);
        drop(c);

        // Everyone but the first reports to the first; 1 and 2 then to someone else.
        let mut pairs: Vec<(String, Option<String>)> =
            (1..n).map(|i| (nip(i), Some(nip(0)))).collect();
        pairs.push((nip(0), None));
        set_supervisors(db, a, &pairs).await;
        let boss = id_of(db, a, &nip(0)).await;
        let mut c = db.conn().await.unwrap();
        let all = employee::all_in_agency(&mut c, a).await.unwrap();
        drop(c);
        assert_eq!(all.len(), n);
        for e in &all {
            if e.nip == nip(0) {
                assert_eq!(e.supervisor_id, None);
            } else {
                assert_eq!(e.supervisor_id, Some(boss), "{engine:?}: {}", e.nip);
                assert_eq!(e.supervisor_nip.as_deref(), Some(nip(0).as_str()));
            }
        }

        // A second upsert updates by NIP: same id, new name and unit, no new row.
        let mut tx = db.begin().await.unwrap();
        let (sub, _) = put_unit(&mut tx, a, "SUB", Some(&root)).await;
        commit(tx).await.unwrap();
        let id1 = id_of(db, a, &nip(1)).await;
        add_people(db, a, &[person(1, "Nama Baru", pos, sub.id)]).await;
        set_supervisors(
            db,
            a,
            &[(nip(1), Some(nip(2))), (nip(3), None), (nip(9999), None)],
        )
        .await;
        let mut c = db.conn().await.unwrap();
        assert_eq!(employee::count(&mut c, a).await.unwrap(), n as i64);
        let one = employee::by_nip(&mut c, a, &nip(1)).await.unwrap().unwrap();
        assert_eq!(one.id, id1);
        assert_eq!(one.name, "Nama Baru");
        assert_eq!(one.unit_code, "SUB");
        assert_eq!(one.supervisor_nip.as_deref(), Some(nip(2).as_str()));
        let three = employee::by_nip(&mut c, a, &nip(3)).await.unwrap().unwrap();
        assert_eq!(three.supervisor_id, None, "{engine:?}");
        // The other agency's namesake NIP is untouched.
        let theirs = employee::by_nip(&mut c, other, &nip(1))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(theirs.name, "Orang Lain");
        assert_eq!(theirs.supervisor_id, None);
        // A supervisor NIP of another agency does not resolve across the boundary.
        drop(c);
        set_supervisors(db, other, &[(nip(1), Some(nip(5)))]).await;
        let mut c = db.conn().await.unwrap();
        let theirs = employee::by_nip(&mut c, other, &nip(1))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(theirs.supervisor_id, None, "{engine:?}: crossed agencies");
    }
}

#[tokio::test]
async fn directory_pages_by_key_return_every_row_once_in_name_id_order() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, root, pos) = agency_with_unit(db, "AG-DIR").await;
        let mut tx = db.begin().await.unwrap();
        let (left, _) = put_unit(&mut tx, a, "LEFT", Some(&root)).await;
        let (right, _) = put_unit(&mut tx, a, "RIGHT", Some(&root)).await;
        commit(tx).await.unwrap();
        // Few distinct names, so most page boundaries fall inside a run of equal names.
        let names = ["Budi Santoso", "Ani", "Siti Rahma", "Made Wirawan", "Ani"];
        let rows: Vec<UpsertRow> = (0..257)
            .map(|i| {
                let unit = if i % 3 == 0 { left.id } else { right.id };
                person(i, names[i % names.len()], pos, unit)
            })
            .collect();
        add_people(db, a, &rows).await;
        // Noise in another agency must never show up.
        let (other, o_root, o_pos) = agency_with_unit(db, "AG-DIR2").await;
        add_people(db, other, &[person(1, "Ani", o_pos, o_root.id)]).await;

        let mut c = db.conn().await.unwrap();
        let mut expected: Vec<(String, i64)> = employee::all_in_agency(&mut c, a)
            .await
            .unwrap()
            .into_iter()
            .map(|e| (e.name, e.id))
            .collect();
        drop(c);
        expected.sort();
        for page in [1, 7, 50, 256, 257, 300] {
            let got = walk_directory(db, a, &Visible::Agency, &Filter::default(), page).await;
            assert_eq!(got, expected, "{engine:?}, page size {page}");
        }

        // The same with a subtree filter and a search.
        let filter = Filter {
            unit_path: Some(left.path.clone()),
            ..Filter::default()
        };
        let got = walk_directory(db, a, &Visible::Agency, &filter, 10).await;
        assert_eq!(got.len(), (0..257).filter(|i| i % 3 == 0).count());
        assert!(got.windows(2).all(|w| w[0] < w[1]), "{engine:?}: order");
        let filter = Filter {
            q: Some("ani".into()),
            ..Filter::default()
        };
        let got = walk_directory(db, a, &Visible::Agency, &filter, 9).await;
        let anis: Vec<_> = expected
            .iter()
            .filter(|(n, _)| n == "Ani")
            .cloned()
            .collect();
        assert_eq!(got, anis, "{engine:?}: search is case-insensitive");
        // A unit reader sees their subtree only.
        let visible = Visible::Units {
            paths: vec![right.path.clone()],
            employee: None,
        };
        let got = walk_directory(db, a, &visible, &Filter::default(), 13).await;
        assert_eq!(got.len(), (0..257).filter(|i| i % 3 != 0).count());
        let ids: HashSet<i64> = got.iter().map(|(_, i)| *i).collect();
        assert_eq!(ids.len(), got.len(), "{engine:?}: a row came twice");
    }
}

#[tokio::test]
async fn reports_to_follows_the_whole_chain_and_only_up() {
    for t in TestDb::all().await {
        let engine = t.engine();
        let db = &t.db;
        let (a, root, pos) = agency_with_unit(db, "AG-CHAIN").await;
        let rows: Vec<UpsertRow> = (0..5)
            .map(|i| person(i, &format!("P{i}"), pos, root.id))
            .collect();
        add_people(db, a, &rows).await;
        // 0 ← 1 ← 2 ← 3; 4 stands alone.
        set_supervisors(
            db,
            a,
            &[
                (nip(1), Some(nip(0))),
                (nip(2), Some(nip(1))),
                (nip(3), Some(nip(2))),
            ],
        )
        .await;
        let mut ids = Vec::new();
        for i in 0..5 {
            ids.push(id_of(db, a, &nip(i)).await);
        }
        let (other, _, _) = agency_with_unit(db, "AG-CHAIN2").await;
        let mut c = db.conn().await.unwrap();
        // (employee, supervisor asked about, expected)
        let cases = [
            (3, 2, true),
            (3, 1, true),
            (3, 0, true),
            (1, 0, true),
            (0, 3, false),
            (2, 3, false),
            (0, 0, false),
            (4, 0, false),
            (3, 4, false),
        ];
        for (emp, sup, expected) in cases {
            let got = employee::reports_to(&mut c, a, ids[emp], ids[sup])
                .await
                .unwrap();
            assert_eq!(got, expected, "{engine:?}: does {emp} report to {sup}?");
        }
        assert!(
            !employee::reports_to(&mut c, other, ids[3], ids[0])
                .await
                .unwrap(),
            "{engine:?}: the chain is read within the agency asked about"
        );
        assert!(employee::has_reports(&mut c, a, ids[0]).await.unwrap());
        assert!(!employee::has_reports(&mut c, a, ids[3]).await.unwrap());
    }
}

/// Search ignores case by Unicode rules on both engines (SQLite's own `LOWER` folds ASCII
/// only), and finds by part of a NIP.
#[tokio::test]
async fn search_ignores_case_beyond_ascii() {
    for t in TestDb::all().await {
        let db = &t.db;
        let (a, unit, position) = agency_with_unit(db, "AG-SEARCH").await;
        add_people(
            db,
            a,
            &[
                person(1, "Élis Ñúñez", position, unit.id),
                person(2, "Budi Santoso", position, unit.id),
            ],
        )
        .await;
        let mut c = db.conn().await.unwrap();
        for q in ["élis", "ÉLIS", "ñúñ", "ÑÚÑEZ"] {
            let filter = Filter {
                q: Some(q.into()),
                ..Filter::default()
            };
            let found = employee::list(&mut c, a, &Visible::Agency, &filter, None, 10)
                .await
                .unwrap();
            assert_eq!(found.len(), 1, "{:?}: {q}", t.engine());
            assert_eq!(found[0].name, "Élis Ñúñez");
        }
        let filter = Filter {
            q: Some(nip(2)[..10].to_string()),
            ..Filter::default()
        };
        let found = employee::list(&mut c, a, &Visible::Agency, &filter, None, 10)
            .await
            .unwrap();
        assert!(found.iter().any(|e| e.name == "Budi Santoso"));
    }
}
