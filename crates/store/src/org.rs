//! Org units (a tree with materialized paths) and positions.

use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct UnitRow {
    pub id: i64,
    pub agency_id: i64,
    pub code: String,
    pub name: String,
    pub parent_id: Option<i64>,
    pub path: String,
    pub kind: Option<String>,
    pub region_code: Option<String>,
    pub region_name: Option<String>,
    pub time_zone: String,
}

const UNIT_COLUMNS: &str =
    "id, agency_id, code, name, parent_id, path, kind, region_code, region_name, time_zone";

pub struct NewUnit<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub kind: Option<&'a str>,
    pub region_code: Option<&'a str>,
    pub region_name: Option<&'a str>,
    pub time_zone: &'a str,
}

/// Inserts or updates a unit by code under `parent` (id and path), keeping the paths of
/// its subtree right when it moves. Returns the stored row and the row before, if any.
pub async fn upsert_unit(
    c: &mut Conn,
    agency: i64,
    unit: &NewUnit<'_>,
    parent: Option<(i64, &str)>,
    now: Millis,
) -> Result<(UnitRow, Option<UnitRow>), StoreError> {
    let before = by_code(&mut *c, agency, unit.code).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO units (agency_id, code, name, parent_id, path, kind, region_code, region_name, time_zone, created_at, updated_at)
         VALUES ($1, $2, $3, $4, '', $5, $6, $7, $8, $9, $9)
         ON CONFLICT (agency_id, code) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id,
            kind = excluded.kind, region_code = excluded.region_code, region_name = excluded.region_name,
            time_zone = excluded.time_zone, updated_at = excluded.updated_at
         RETURNING id",
    )
    .bind(agency)
    .bind(unit.code)
    .bind(unit.name)
    .bind(parent.map(|p| p.0))
    .bind(unit.kind)
    .bind(unit.region_code)
    .bind(unit.region_name)
    .bind(unit.time_zone)
    .bind(now)
    .fetch_one(&mut *c)
    .await?;
    let path = match parent {
        Some((_, p)) => format!("{p}{id}/"),
        None => format!("/{id}/"),
    };
    let old_path = before.as_ref().map(|b| b.path.clone()).unwrap_or_default();
    if old_path != path {
        if old_path.is_empty() {
            sqlx::query("UPDATE units SET path = $2 WHERE id = $1")
                .bind(id)
                .bind(&path)
                .execute(&mut *c)
                .await?;
        } else {
            // The unit moved: rewrite its own path and every descendant's prefix.
            sqlx::query(
                "UPDATE units SET path = $3 || substr(path, length($2) + 1)
                 WHERE agency_id = $1 AND path LIKE $2 || '%'",
            )
            .bind(agency)
            .bind(&old_path)
            .bind(&path)
            .execute(&mut *c)
            .await?;
        }
    }
    let row = get_unit(&mut *c, agency, id)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    Ok((row, before))
}

pub async fn get_unit(c: &mut Conn, agency: i64, id: i64) -> Result<Option<UnitRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {UNIT_COLUMNS} FROM units WHERE agency_id = $1 AND id = $2"
    ))
    .bind(agency)
    .bind(id)
    .fetch_optional(c)
    .await?)
}

pub async fn by_code(c: &mut Conn, agency: i64, code: &str) -> Result<Option<UnitRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {UNIT_COLUMNS} FROM units WHERE agency_id = $1 AND code = $2"
    ))
    .bind(agency)
    .bind(code)
    .fetch_optional(c)
    .await?)
}

/// All units of an agency, in path order. Agencies have hundreds of units, not millions;
/// the tree page and the import need them all.
pub async fn list_units(c: &mut Conn, agency: i64) -> Result<Vec<UnitRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {UNIT_COLUMNS} FROM units WHERE agency_id = $1 ORDER BY path"
    ))
    .bind(agency)
    .fetch_all(c)
    .await?)
}

/// Head-count per unit (direct members only), for the tree.
pub async fn headcounts(c: &mut Conn, agency: i64) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT unit_id, COUNT(*) FROM employees WHERE agency_id = $1 GROUP BY unit_id",
    )
    .bind(agency)
    .fetch_all(c)
    .await?)
}

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct PositionRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub grade: Option<i64>,
}

pub async fn upsert_position(
    c: &mut Conn,
    agency: i64,
    name: &str,
    kind: &str,
    grade: Option<i64>,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO positions (agency_id, name, kind, grade) VALUES ($1, $2, $3, $4)
         ON CONFLICT (agency_id, name) DO UPDATE SET kind = excluded.kind, grade = COALESCE(excluded.grade, positions.grade)
         RETURNING id",
    )
    .bind(agency)
    .bind(name)
    .bind(kind)
    .bind(grade)
    .fetch_one(c)
    .await?)
}

pub async fn list_positions(c: &mut Conn, agency: i64) -> Result<Vec<PositionRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, name, kind, grade FROM positions WHERE agency_id = $1 ORDER BY name",
    )
    .bind(agency)
    .fetch_all(c)
    .await?)
}
