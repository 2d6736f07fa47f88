//! Helpers shared by this suite's tests, named for what they do.
#![allow(dead_code, unused_imports)]

pub use fleksi_store::audit::{self, NewEntry};
pub use fleksi_store::employee::{self, Filter, UpsertRow, Visible};
pub use fleksi_store::org::{self, NewUnit, UnitRow};
pub use fleksi_store::testing::TestDb;
pub use fleksi_store::{agency, commit, Db, Engine, Tx};
pub use std::collections::HashSet;

pub const NOW: i64 = 1_790_000_000_000;

pub async fn new_agency(db: &Db, code: &str) -> i64 {
    let mut tx = db.begin().await.unwrap();
    let id = agency::insert(&mut tx, code, &format!("Instansi {code}"), NOW)
        .await
        .unwrap();
    commit(tx).await.unwrap();
    id
}

/// Upserts a unit by code under `parent`; returns the stored row and whether it existed.
pub async fn put_unit(
    tx: &mut Tx,
    agency: i64,
    code: &str,
    parent: Option<&UnitRow>,
) -> (UnitRow, Option<UnitRow>) {
    let unit = NewUnit {
        code,
        name: &format!("Unit {code}"),
        kind: Some("bidang"),
        region_code: None,
        region_name: None,
        time_zone: "WIB",
    };
    org::upsert_unit(
        tx,
        agency,
        &unit,
        parent.map(|p| (p.id, p.path.as_str())),
        NOW,
    )
    .await
    .unwrap()
}

pub async fn unit_by_code(db: &Db, agency: i64, code: &str) -> UnitRow {
    let mut c = db.conn().await.unwrap();
    org::by_code(&mut c, agency, code).await.unwrap().unwrap()
}

/// A valid-looking 18-digit NIP, unique per `n` (the store does not check NIP rules).
pub fn nip(n: usize) -> String {
    format!("19900129201501{}{:03}", 1 + (n / 999) % 2, n % 999 + 1)
}

pub fn person(n: usize, name: &str, position: i64, unit: i64) -> UpsertRow {
    UpsertRow {
        nip: nip(n),
        name: name.to_string(),
        status: "pns".into(),
        position_id: position,
        unit_id: unit,
        domicile: None,
        position_since: None,
        discipline: "none".into(),
        email: None,
        supervisor_nip: None,
    }
}

/// An agency with one root unit and one position, ready for people.
pub async fn agency_with_unit(db: &Db, code: &str) -> (i64, UnitRow, i64) {
    let a = new_agency(db, code).await;
    let mut tx = db.begin().await.unwrap();
    let (root, _) = put_unit(&mut tx, a, "ROOT", None).await;
    let pos = org::upsert_position(&mut tx, a, "Analis", "fungsional", Some(9))
        .await
        .unwrap();
    commit(tx).await.unwrap();
    (a, root, pos)
}

/// `agency_with_unit` with two people in the unit, Ani and Budi: the agency, the unit and
/// their employee ids.
pub async fn ani_and_budi(db: &Db, code: &str) -> (i64, UnitRow, i64, i64) {
    let (a, unit, pos) = agency_with_unit(db, code).await;
    add_people(
        db,
        a,
        &[
            person(1, "Ani", pos, unit.id),
            person(2, "Budi", pos, unit.id),
        ],
    )
    .await;
    let (ani, budi) = (id_of(db, a, &nip(1)).await, id_of(db, a, &nip(2)).await);
    (a, unit, ani, budi)
}

pub async fn add_people(db: &Db, agency: i64, rows: &[UpsertRow]) {
    let mut tx = db.begin().await.unwrap();
    employee::upsert_many(&mut tx, agency, rows, NOW)
        .await
        .unwrap();
    commit(tx).await.unwrap();
}

/// Sets supervisors by NIP, as an import does once every NIP has a row.
pub async fn set_supervisors(db: &Db, agency: i64, pairs: &[(String, Option<String>)]) {
    let mut tx = db.begin().await.unwrap();
    let ids: std::collections::HashMap<String, i64> = employee::ids_by_nip(&mut tx, agency)
        .await
        .unwrap()
        .into_iter()
        .collect();
    // NIPs that have no row in this agency resolve to nothing, as in an import.
    let by_id: Vec<(i64, Option<i64>)> = pairs
        .iter()
        .filter_map(|(n, s)| Some((*ids.get(n)?, s.as_ref().and_then(|s| ids.get(s).copied()))))
        .collect();
    employee::set_supervisors(&mut tx, agency, &by_id)
        .await
        .unwrap();
    commit(tx).await.unwrap();
}

pub async fn id_of(db: &Db, agency: i64, nip: &str) -> i64 {
    let mut c = db.conn().await.unwrap();
    employee::by_nip(&mut c, agency, nip)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no employee {nip}"))
        .id
}

/// Every page of the directory, `page` rows at a time, following the `(name, id)` key.
pub async fn walk_directory(
    db: &Db,
    agency: i64,
    visible: &Visible,
    filter: &Filter,
    page: i64,
) -> Vec<(String, i64)> {
    let mut c = db.conn().await.unwrap();
    let mut out: Vec<(String, i64)> = Vec::new();
    loop {
        let after = out.last().map(|(n, i)| (n.as_str(), *i));
        let rows = employee::list(&mut c, agency, visible, filter, after, page)
            .await
            .unwrap();
        let done = (rows.len() as i64) < page;
        out.extend(rows.into_iter().map(|e| (e.name, e.id)));
        if done {
            return out;
        }
        assert!(out.len() < 100_000, "pagination does not end");
    }
}

pub fn entry(agency: i64, action: &str) -> NewEntry {
    NewEntry {
        agency_id: Some(agency),
        actor_label: "uji".into(),
        action: action.into(),
        record_type: "employee".into(),
        record_id: "1".into(),
        after_json: Some("{\"name\":\"A\"}".into()),
        at: NOW,
        ..NewEntry::default()
    }
}

/// The plan lines of `sql` on this engine. PostgreSQL plans by cost, and on the few rows
/// of a test database a sequential scan is always cheapest; `enable_seqscan = off` (for
/// this transaction only) makes it choose an index whenever one can serve the query, so
/// the plan shows whether the query *can* use the index — which is what breaks when a
/// query is rewritten into a shape no index fits (a function on the column, a wrong
/// column order). Hash and merge joins are off for the same reason: over a few rows
/// hashing a whole table beats looking each key up, and the plan should show whether the
/// lookup is possible. SQLite plans by rules, so its plan is the one production gets.
pub async fn plan(db: &Db, mut sql: fleksi_store::sql::Sql) -> Vec<String> {
    let mut tx = db.begin().await.unwrap();
    match db.engine() {
        Engine::Sqlite => {
            sql.text = format!("EXPLAIN QUERY PLAN {}", sql.text);
            sql.query_as::<(i64, i64, i64, String)>()
                .fetch_all(&mut *tx)
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.3)
                .collect()
        }
        Engine::Postgres => {
            for off in ["enable_seqscan", "enable_hashjoin", "enable_mergejoin"] {
                sqlx::query(&format!("SET LOCAL {off} = off"))
                    .execute(&mut *tx)
                    .await
                    .unwrap();
            }
            sql.text = format!("EXPLAIN {}", sql.text);
            sql.query_as::<(String,)>()
                .fetch_all(&mut *tx)
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.0)
                .collect()
        }
    }
}

/// Asserts that every access to `table` (by its alias in the query) goes through an index.
pub fn assert_indexed(engine: Engine, lines: &[String], table: &str, alias: &str, index: &str) {
    let text = lines.join("\n");
    match engine {
        Engine::Sqlite => {
            let touching: Vec<&String> = lines
                .iter()
                .filter(|l| {
                    l.starts_with(&format!("SCAN {alias}"))
                        || l.starts_with(&format!("SEARCH {alias}"))
                        || l.contains(&format!("TABLE {table}"))
                })
                .collect();
            assert!(!touching.is_empty(), "{table} not in the plan:\n{text}");
            for l in touching {
                assert!(
                    l.contains("INDEX") || l.contains("PRIMARY KEY"),
                    "SQLite scans {table} without an index:\n{text}"
                );
            }
        }
        Engine::Postgres => {
            assert!(
                !text.contains(&format!("Seq Scan on {table}")),
                "PostgreSQL scans {table} sequentially:\n{text}"
            );
        }
    }
    assert!(
        text.contains(index),
        "{engine:?}: index {index} not used:\n{text}"
    );
}

/// Asserts that the page key is part of the index search, not a filter applied to rows
/// read from the start of the index.
pub fn assert_seeks_to_key(engine: Engine, lines: &[String], column: &str) {
    let text = lines.join("\n");
    let seeks = match engine {
        Engine::Sqlite => lines.iter().any(|l| {
            l.starts_with("SEARCH")
                && (l.contains(&format!("{column}>")) || l.contains(&format!("{column}<")))
        }),
        Engine::Postgres => lines
            .iter()
            .any(|l| l.trim_start().starts_with("Index Cond:") && l.contains(column)),
    };
    assert!(
        seeks,
        "{engine:?}: the page key is not an index condition:\n{text}"
    );
}

/// Asserts that the index search uses every one of `columns` as a key (not only the first
/// and then a walk over all its rows): one person's days are points of a key that begins
/// with the date, and a range of dates alone would read every person's rows of them.
/// SQLite's plan is the one production gets, so there all must be keys. PostgreSQL weighs
/// one descent per point against filtering rows by its statistics — over a test's few
/// rows one descent per date and a filter is cheapest — so there the first column must be
/// a key (the key's order is right) and the rest are left to its costs.
pub fn assert_seeks_on_all(engine: Engine, lines: &[String], columns: &[&str]) {
    let text = lines.join("\n");
    let seeks = |l: &str| match engine {
        Engine::Sqlite => {
            l.starts_with("SEARCH") && columns.iter().all(|c| l.contains(&format!("{c}=")))
        }
        Engine::Postgres => {
            l.trim_start().starts_with("Index Cond:")
                && columns
                    .first()
                    .is_some_and(|c| l.contains(&format!("({c} =")))
        }
    };
    assert!(
        lines.iter().any(|l| seeks(l)),
        "{engine:?}: not every one of {columns:?} is a key of the index search:\n{text}"
    );
}
