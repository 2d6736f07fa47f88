//! The append-only audit log. There is no update or delete here, and triggers in both
//! schemas refuse them from anywhere else.

use crate::native::params;
use crate::sql::{engine_of, json_insert, json_rows, row_insert, row_values, Col, Sql};
use crate::{Conn, Millis, StoreError};
use serde_json::{json, Value};
use sqlx::FromRow;
use std::sync::LazyLock;

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct AuditRow {
    pub id: i64,
    pub agency_id: Option<i64>,
    pub actor_user_id: Option<i64>,
    pub actor_label: String,
    pub action: String,
    pub record_type: String,
    pub record_id: String,
    pub unit_path: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub at: Millis,
    pub address: Option<String>,
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct NewEntry {
    pub agency_id: Option<i64>,
    pub actor_user_id: Option<i64>,
    pub actor_label: String,
    pub action: String,
    pub record_type: String,
    pub record_id: String,
    pub unit_path: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub at: Millis,
    pub address: Option<String>,
    pub request_id: Option<String>,
}

impl NewEntry {
    /// The unit the record belongs to, so unit admins and unit auditors see the entry.
    pub fn in_unit(mut self, path: &str) -> Self {
        self.unit_path = Some(path.to_string());
        self
    }

    /// The record as it was before the change.
    pub fn before<T: serde::Serialize>(mut self, state: &T) -> Self {
        self.before_json = serde_json::to_string(state).ok();
        self
    }

    /// The record before the change, when there was one.
    pub fn before_opt<T: serde::Serialize>(self, state: Option<&T>) -> Self {
        match state {
            Some(s) => self.before(s),
            None => self,
        }
    }

    /// The record as it is after the change.
    pub fn after<T: serde::Serialize>(mut self, state: &T) -> Self {
        self.after_json = serde_json::to_string(state).ok();
        self
    }
}

/// Entries per statement: a batch of punches or reports fits in one; an import of
/// 100 000 rows goes in bounded pieces rather than one huge value.
const CHUNK: usize = 2000;

/// Appends entries, many per statement (an import writes one per changed row; a batch of
/// punches one per punch): each piece's rows go as one JSON value, so the statement has
/// one text whatever their number.
pub async fn append(c: &mut Conn, entries: &[NewEntry]) -> Result<(), StoreError> {
    let sql = json_insert(engine_of(c), "audit_log", "$1", &COLUMNS, &[]);
    for chunk in entries.chunks(CHUNK) {
        let rows = chunk.iter().map(|e| Value::Array(values(e))).collect();
        sqlx::query(&sql)
            .bind(json_rows(rows))
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

/// Appends one entry on a SQLite connection driven directly (see `native`), inside the
/// transaction its change is written in.
pub fn append_native(c: &rusqlite::Connection, entry: &NewEntry) -> Result<(), StoreError> {
    static SQL: LazyLock<String> = LazyLock::new(|| row_insert("audit_log", &COLUMNS, &[]));
    let row = values(entry);
    c.prepare_cached(&SQL)?.execute(params(&row))?;
    Ok(())
}

const COLUMNS: [(&str, Col); 12] = [
    ("agency_id", Col::Int),
    ("actor_user_id", Col::Int),
    ("actor_label", Col::Text),
    ("action", Col::Text),
    ("record_type", Col::Text),
    ("record_id", Col::Text),
    ("unit_path", Col::Text),
    ("before_json", Col::Text),
    ("after_json", Col::Text),
    ("at", Col::Int),
    ("address", Col::Text),
    ("request_id", Col::Text),
];

/// An entry's values in `COLUMNS` order.
fn values(e: &NewEntry) -> Vec<Value> {
    row_values(json!([
        e.agency_id,
        e.actor_user_id,
        e.actor_label,
        e.action,
        e.record_type,
        e.record_id,
        e.unit_path,
        e.before_json,
        e.after_json,
        e.at,
        e.address,
        e.request_id
    ]))
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub action: Option<String>,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    pub actor_user_id: Option<i64>,
    /// Only entries about units at or below these paths (unit admins, unit auditors).
    pub unit_paths: Option<Vec<String>>,
    pub from: Option<Millis>,
    pub to: Option<Millis>,
}

/// Newest first, one page before the `before` id.
pub async fn list(
    c: &mut Conn,
    agency: Option<i64>,
    filter: &Filter,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditRow>, StoreError> {
    let q = list_sql(agency, filter, before, limit);
    Ok(q.query_as::<AuditRow>().fetch_all(c).await?)
}

/// The query `list` runs, built but not run (the contract tests check its plan).
pub fn list_sql(agency: Option<i64>, filter: &Filter, before: Option<i64>, limit: i64) -> Sql {
    let mut q = Sql::new(
        "SELECT id, agency_id, actor_user_id, actor_label, action, record_type, record_id, unit_path, before_json,
            after_json, at, address, request_id FROM audit_log WHERE ",
    );
    match agency {
        Some(a) => {
            let a = q.int(a);
            q.push(&format!("agency_id = {a}"));
        }
        None => {
            q.push("agency_id IS NULL");
        }
    }
    for (value, column) in [
        (&filter.action, "action"),
        (&filter.record_type, "record_type"),
        (&filter.record_id, "record_id"),
    ] {
        if let Some(v) = value {
            let p = q.text_arg(v.clone());
            q.push(&format!(" AND {column} = {p}"));
        }
    }
    for (value, cond) in [
        (filter.actor_user_id, "actor_user_id ="),
        (filter.from, "at >="),
        (filter.to, "at <"),
        (before, "id <"),
    ] {
        if let Some(v) = value {
            let p = q.int(v);
            q.push(&format!(" AND {cond} {p}"));
        }
    }
    if let Some(paths) = &filter.unit_paths {
        q.push(" AND (1 = 0");
        for path in paths {
            let p = q.text_arg(path.clone());
            q.push(&format!(" OR unit_path LIKE {p} || '%'"));
        }
        q.push(")");
    }
    let l = q.int(limit);
    q.push(&format!(" ORDER BY id DESC LIMIT {l}"));
    q
}
