//! Acting officials (Plt / Plh): who decides for an official while they are away, from a
//! first to a last day. Lookups go by the acting person or the holder and a date, through
//! their indexes.

use crate::sql::{like_escape, Sql};
use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct ActingRow {
    pub id: i64,
    pub holder_id: i64,
    pub holder_name: String,
    pub holder_nip: String,
    pub holder_unit_path: String,
    pub acting_id: i64,
    pub acting_name: String,
    pub acting_nip: String,
    pub kind: String,
    pub first_day: String,
    pub last_day: String,
    pub created_at: Millis,
}

const SELECT: &str = "SELECT a.id, a.holder_id, h.name AS holder_name, h.nip AS holder_nip,
        hu.path AS holder_unit_path, a.acting_id, p.name AS acting_name, p.nip AS acting_nip, a.kind,
        a.first_day, a.last_day, a.created_at
    FROM acting_officials a
    JOIN employees h ON h.id = a.holder_id
    JOIN units hu ON hu.id = h.unit_id
    JOIN employees p ON p.id = a.acting_id";

#[derive(Debug, Clone, serde::Serialize)]
pub struct NewActing {
    pub holder_id: i64,
    pub acting_id: i64,
    pub kind: String,
    pub first_day: String,
    pub last_day: String,
}

pub async fn insert(
    c: &mut Conn,
    agency: i64,
    a: &NewActing,
    by: Option<i64>,
    now: Millis,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO acting_officials (agency_id, holder_id, acting_id, kind, first_day, last_day, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(agency)
    .bind(a.holder_id)
    .bind(a.acting_id)
    .bind(&a.kind)
    .bind(&a.first_day)
    .bind(&a.last_day)
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await?)
}

pub async fn get(c: &mut Conn, agency: i64, id: i64) -> Result<Option<ActingRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE a.agency_id = $1 AND a.id = $2"))
            .bind(agency)
            .bind(id)
            .fetch_optional(c)
            .await?,
    )
}

pub async fn delete(c: &mut Conn, agency: i64, id: i64) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM acting_officials WHERE agency_id = $1 AND id = $2")
        .bind(agency)
        .bind(id)
        .execute(c)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Assignments not yet over on `today`, for holders placed at or below `paths` (`None`:
/// the whole agency), by first day.
pub async fn current(
    c: &mut Conn,
    agency: i64,
    today: &str,
    paths: Option<&[String]>,
    limit: i64,
) -> Result<Vec<ActingRow>, StoreError> {
    let mut q = Sql::new(SELECT);
    let (a, t) = (q.int(agency), q.text_arg(today));
    q.push(&format!(" WHERE a.agency_id = {a} AND a.last_day >= {t}"));
    if let Some(paths) = paths {
        if paths.is_empty() {
            return Ok(vec![]);
        }
        let parts: Vec<String> = paths
            .iter()
            .map(|p| {
                let p = q.text_arg(like_escape(p));
                format!("hu.path LIKE {p} || '%' ESCAPE '\\'")
            })
            .collect();
        q.push(&format!(" AND ({})", parts.join(" OR ")));
    }
    let l = q.int(limit);
    q.push(&format!(" ORDER BY a.first_day, a.id LIMIT {l}"));
    Ok(q.query_as::<ActingRow>().fetch_all(c).await?)
}

/// The officials `acting` stands in for on `date`.
pub async fn holders_for(
    c: &mut Conn,
    agency: i64,
    acting: i64,
    date: &str,
) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT holder_id FROM acting_officials
         WHERE agency_id = $1 AND acting_id = $2 AND first_day <= $3 AND last_day >= $3",
    )
    .bind(agency)
    .bind(acting)
    .bind(date)
    .fetch_all(c)
    .await?)
}

/// Who acts for `holder` on `date`, if anyone.
pub async fn acting_for(
    c: &mut Conn,
    agency: i64,
    holder: i64,
    date: &str,
) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT acting_id FROM acting_officials
         WHERE agency_id = $1 AND holder_id = $2 AND first_day <= $3 AND last_day >= $3",
    )
    .bind(agency)
    .bind(holder)
    .bind(date)
    .fetch_all(c)
    .await?)
}

/// An assignment of `holder` overlapping `first..=last`, if any.
pub async fn overlapping(
    c: &mut Conn,
    agency: i64,
    holder: i64,
    first: &str,
    last: &str,
) -> Result<Option<ActingRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE a.agency_id = $1 AND a.holder_id = $2 AND a.first_day <= $4 AND a.last_day >= $3
         ORDER BY a.first_day LIMIT 1"
    ))
    .bind(agency)
    .bind(holder)
    .bind(first)
    .bind(last)
    .fetch_optional(c)
    .await?)
}
