//! Agencies (instansi): the tenants.

use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct AgencyRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub require_totp_for_admins: i64,
}

pub async fn insert(c: &mut Conn, code: &str, name: &str, now: Millis) -> Result<i64, StoreError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO agencies (code, name, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(code)
    .bind(name)
    .bind(now)
    .fetch_one(c)
    .await?;
    Ok(id)
}

pub async fn get(c: &mut Conn, id: i64) -> Result<Option<AgencyRow>, StoreError> {
    Ok(
        sqlx::query_as(
            "SELECT id, code, name, require_totp_for_admins FROM agencies WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(c)
        .await?,
    )
}

pub async fn by_code(c: &mut Conn, code: &str) -> Result<Option<AgencyRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, code, name, require_totp_for_admins FROM agencies WHERE code = $1",
    )
    .bind(code)
    .fetch_optional(c)
    .await?)
}

pub async fn list(c: &mut Conn) -> Result<Vec<AgencyRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, code, name, require_totp_for_admins FROM agencies ORDER BY name, id",
    )
    .fetch_all(c)
    .await?)
}

pub async fn set_require_totp(c: &mut Conn, id: i64, required: bool) -> Result<(), StoreError> {
    sqlx::query("UPDATE agencies SET require_totp_for_admins = $2 WHERE id = $1")
        .bind(id)
        .bind(required as i64)
        .execute(c)
        .await?;
    Ok(())
}
