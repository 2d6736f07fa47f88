//! Notifications to employees, in both languages, newest first.

use crate::sql::Sql;
use crate::{Conn, Millis, StoreError};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct NotificationRow {
    pub id: i64,
    pub created_at: Millis,
    pub kind: String,
    pub text_id: String,
    pub text_en: String,
    pub link: Option<String>,
    pub read_at: Option<Millis>,
}

#[derive(Debug, Clone)]
pub struct NewNotification {
    pub employee_id: i64,
    pub kind: String,
    pub text_id: String,
    pub text_en: String,
    pub link: Option<String>,
}

/// Adds notifications, many per statement.
pub async fn insert_many(
    c: &mut Conn,
    agency: i64,
    rows: &[NewNotification],
    now: Millis,
) -> Result<(), StoreError> {
    for chunk in rows.chunks(400) {
        let mut sql = String::from(
            "INSERT INTO notifications (agency_id, created_at, employee_id, kind, text_id, text_en, link) VALUES ",
        );
        for i in 0..chunk.len() {
            let b = 3 + i * 5;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "($1, $2, ${}, ${}, ${}, ${}, ${})",
                b,
                b + 1,
                b + 2,
                b + 3,
                b + 4
            ));
        }
        let mut q = sqlx::query(&sql).bind(agency).bind(now);
        for n in chunk {
            q = q
                .bind(n.employee_id)
                .bind(&n.kind)
                .bind(&n.text_id)
                .bind(&n.text_en)
                .bind(&n.link);
        }
        q.execute(&mut *c).await?;
    }
    Ok(())
}

/// An employee's newest notifications.
pub async fn latest(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    limit: i64,
) -> Result<Vec<NotificationRow>, StoreError> {
    let q = latest_sql(agency, employee, limit);
    Ok(q.query_as::<NotificationRow>().fetch_all(c).await?)
}

/// The query `latest` runs, built but not run (the contract tests check its plan).
pub fn latest_sql(agency: i64, employee: i64, limit: i64) -> Sql {
    let mut q = Sql::default();
    let (a, e, l) = (q.int(agency), q.int(employee), q.int(limit));
    q.push(&format!(
        "SELECT id, created_at, kind, text_id, text_en, link, read_at FROM notifications
         WHERE agency_id = {a} AND employee_id = {e} ORDER BY id DESC LIMIT {l}"
    ));
    q
}
