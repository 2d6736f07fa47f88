//! Unit policies: the values the agency (`unit_id` NULL) or a unit overrides, as a JSON
//! object of only the overridden keys. Reading a unit's effective policy takes one query
//! for the levels on its path (the agency and each ancestor), whatever the tree's size.

use crate::sql::Sql;
use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

/// One level's stored overrides, with the unit's name (None for the agency level).
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct LevelRow {
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub settings: String,
    pub updated_at: Millis,
}

/// The agency level and the levels of `unit_ids` that set anything (in no set order).
pub async fn levels(
    c: &mut Conn,
    agency: i64,
    unit_ids: &[i64],
) -> Result<Vec<LevelRow>, StoreError> {
    Ok(levels_sql(agency, unit_ids)
        .query_as::<LevelRow>()
        .fetch_all(c)
        .await?)
}

/// The query `levels` runs, built but not run (the contract tests check its plan).
pub fn levels_sql(agency: i64, unit_ids: &[i64]) -> Sql {
    let mut q = Sql::default();
    let a = q.int(agency);
    let mut ids = String::new();
    for (i, id) in unit_ids.iter().enumerate() {
        if i > 0 {
            ids.push_str(", ");
        }
        ids.push_str(&q.int(*id));
    }
    if ids.is_empty() {
        ids.push_str("NULL");
    }
    q.push(&format!(
        "SELECT p.unit_id, u.name AS unit_name, p.settings, p.updated_at
         FROM unit_policies p LEFT JOIN units u ON u.id = p.unit_id
         WHERE p.agency_id = {a} AND (p.unit_id IS NULL OR p.unit_id IN ({ids}))"
    ));
    q
}

/// The stored overrides of one level (`unit` None: the agency level).
pub async fn get(
    c: &mut Conn,
    agency: i64,
    unit: Option<i64>,
) -> Result<Option<String>, StoreError> {
    let q = match unit {
        Some(u) => sqlx::query_scalar(
            "SELECT settings FROM unit_policies WHERE agency_id = $1 AND unit_id = $2",
        )
        .bind(agency)
        .bind(u),
        None => sqlx::query_scalar(
            "SELECT settings FROM unit_policies WHERE agency_id = $1 AND unit_id IS NULL",
        )
        .bind(agency),
    };
    Ok(q.fetch_optional(c).await?)
}

/// Stores the overrides of one level, replacing what it had.
pub async fn put(
    c: &mut Conn,
    agency: i64,
    unit: Option<i64>,
    settings: &str,
    by: Option<i64>,
    now: Millis,
) -> Result<(), StoreError> {
    // The agency level is unique by a partial index (unit_id IS NULL), which an
    // ON CONFLICT target must name with the same predicate.
    let conflict = match unit {
        Some(_) => "(agency_id, unit_id)",
        None => "(agency_id) WHERE unit_id IS NULL",
    };
    sqlx::query(&format!(
        "INSERT INTO unit_policies (agency_id, unit_id, settings, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT {conflict} DO UPDATE SET settings = excluded.settings, updated_by = excluded.updated_by,
            updated_at = excluded.updated_at"
    ))
    .bind(agency)
    .bind(unit)
    .bind(settings)
    .bind(by)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// Removes one level's overrides (it inherits everything again).
pub async fn delete(c: &mut Conn, agency: i64, unit: Option<i64>) -> Result<(), StoreError> {
    match unit {
        Some(u) => {
            sqlx::query("DELETE FROM unit_policies WHERE agency_id = $1 AND unit_id = $2")
                .bind(agency)
                .bind(u)
                .execute(c)
                .await?
        }
        None => {
            sqlx::query("DELETE FROM unit_policies WHERE agency_id = $1 AND unit_id IS NULL")
                .bind(agency)
                .execute(c)
                .await?
        }
    };
    Ok(())
}

/// The units at or below `path` that set a policy of their own, with their paths: what a
/// change above them must still leave valid. Admin writes only, never a hot path.
pub async fn below(
    c: &mut Conn,
    agency: i64,
    path: &str,
) -> Result<Vec<(i64, String, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT u.id, u.name, u.path FROM unit_policies p JOIN units u ON u.id = p.unit_id
         WHERE p.agency_id = $1 AND u.agency_id = $1 AND u.path LIKE $2 || '%' ORDER BY u.path",
    )
    .bind(agency)
    .bind(path)
    .fetch_all(c)
    .await?)
}

/// Whether someone placed in `unit` reports directly to `supervisor`: a supervisor may
/// read the calendar and policy of the units their people work in.
pub async fn supervises_someone_in(
    c: &mut Conn,
    agency: i64,
    supervisor: i64,
    unit: i64,
) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM employees WHERE agency_id = $1 AND supervisor_id = $2 AND unit_id = $3 LIMIT 1",
    )
    .bind(agency)
    .bind(supervisor)
    .bind(unit)
    .fetch_optional(c)
    .await?;
    Ok(found.is_some())
}
