//! Employees: lookups, the scoped and paginated directory, and the bulk upsert of imports.

use crate::sql::{engine_of, like_escape, Sql};
use crate::{Conn, Engine, Millis, StoreError};
use sqlx::FromRow;

/// An employee with the names of what they point to, as pages and the API show them.
#[derive(Debug, Clone, FromRow, serde::Serialize, PartialEq)]
pub struct EmployeeRow {
    pub id: i64,
    pub agency_id: i64,
    pub nip: String,
    pub name: String,
    pub status: String,
    pub position_id: i64,
    pub position_name: String,
    pub position_kind: String,
    pub grade: Option<i64>,
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_path: String,
    pub time_zone: String,
    pub supervisor_id: Option<i64>,
    pub supervisor_nip: Option<String>,
    pub supervisor_name: Option<String>,
    pub domicile: Option<String>,
    pub position_since: Option<String>,
    pub discipline: String,
    pub email: Option<String>,
}

const SELECT: &str = "SELECT e.id, e.agency_id, e.nip, e.name, e.status, e.position_id, p.name AS position_name,
        p.kind AS position_kind, p.grade, e.unit_id, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path,
        u.time_zone, e.supervisor_id, s.nip AS supervisor_nip, s.name AS supervisor_name, e.domicile,
        e.position_since, e.discipline, e.email
    FROM employees e
    JOIN positions p ON p.id = e.position_id
    JOIN units u ON u.id = e.unit_id
    LEFT JOIN employees s ON s.id = e.supervisor_id";

pub async fn get(c: &mut Conn, agency: i64, id: i64) -> Result<Option<EmployeeRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE e.agency_id = $1 AND e.id = $2"))
            .bind(agency)
            .bind(id)
            .fetch_optional(c)
            .await?,
    )
}

pub async fn by_nip(
    c: &mut Conn,
    agency: i64,
    nip: &str,
) -> Result<Option<EmployeeRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE e.agency_id = $1 AND e.nip = $2"))
            .bind(agency)
            .bind(nip)
            .fetch_optional(c)
            .await?,
    )
}

/// Which rows of the directory a reader may see (the store's side of `ReadScope`).
#[derive(Debug, Clone)]
pub enum Visible {
    Agency,
    /// Unit subtrees (by path prefix) and the circle of `employee`, if any.
    Units {
        paths: Vec<String>,
        employee: Option<i64>,
    },
    /// Only the circle of this employee: self, supervisor, reports at any depth, teammates.
    Circle(i64),
    Nobody,
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Name or NIP contains (case-insensitive).
    pub q: Option<String>,
    /// Only this unit and below.
    pub unit_path: Option<String>,
    /// Direct reports of this employee only.
    pub supervisor_id: Option<i64>,
}

/// The directory, ordered by name then id, one page after the `(name, id)` key.
pub async fn list(
    c: &mut Conn,
    agency: i64,
    visible: &Visible,
    filter: &Filter,
    after: Option<(&str, i64)>,
    limit: i64,
) -> Result<Vec<EmployeeRow>, StoreError> {
    let q = list_sql(agency, visible, filter, after, limit);
    Ok(q.query_as::<EmployeeRow>().fetch_all(c).await?)
}

/// The directory query `list` runs, built but not run: the contract tests ask each
/// engine for its plan of exactly this statement.
pub fn list_sql(
    agency: i64,
    visible: &Visible,
    filter: &Filter,
    after: Option<(&str, i64)>,
    limit: i64,
) -> Sql {
    let mut q = Sql::default();
    let a = q.int(agency);
    let circle = match visible {
        Visible::Circle(e) => Some(*e),
        Visible::Units { employee, .. } => *employee,
        _ => None,
    };
    let mut circle_sql = String::new();
    if let Some(me) = circle {
        let me = q.int(me);
        q.push(&format!(
            "WITH RECURSIVE reports(id) AS (
                SELECT id FROM employees WHERE agency_id = {a} AND id = {me}
                UNION SELECT e.id FROM employees e JOIN reports r ON e.supervisor_id = r.id WHERE e.agency_id = {a}
            ) "
        ));
        circle_sql = format!(
            "(e.id IN (SELECT id FROM reports)
            OR e.id = (SELECT supervisor_id FROM employees WHERE id = {me})
            OR e.id IN (SELECT m.employee_id FROM team_members m WHERE m.agency_id = {a} AND m.team_id IN
                (SELECT team_id FROM team_members WHERE agency_id = {a} AND employee_id = {me}
                 UNION SELECT id FROM teams WHERE agency_id = {a} AND lead_id = {me}))
            OR e.id IN (SELECT lead_id FROM teams WHERE agency_id = {a} AND id IN
                (SELECT team_id FROM team_members WHERE agency_id = {a} AND employee_id = {me})))"
        );
    }
    q.push(SELECT).push(&format!(" WHERE e.agency_id = {a}"));
    match visible {
        Visible::Agency => {}
        Visible::Nobody => {
            q.push(" AND 1 = 0");
        }
        Visible::Circle(_) => {
            q.push(" AND ").push(&circle_sql);
        }
        Visible::Units { paths, .. } => {
            q.push(" AND (1 = 0");
            for p in paths {
                let p = q.text_arg(p.clone());
                q.push(&format!(" OR u.path LIKE {p} || '%'"));
            }
            if !circle_sql.is_empty() {
                q.push(" OR ").push(&circle_sql);
            }
            q.push(")");
        }
    }
    if let Some(text) = filter.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let p = q.text_arg(format!("%{}%", like_escape(&text.to_lowercase())));
        q.push(&format!(
            " AND (e.name_key LIKE {p} ESCAPE '\\' OR e.nip LIKE {p} ESCAPE '\\')"
        ));
    }
    if let Some(path) = &filter.unit_path {
        let p = q.text_arg(path.clone());
        q.push(&format!(" AND u.path LIKE {p} || '%'"));
    }
    if let Some(s) = filter.supervisor_id {
        let p = q.int(s);
        q.push(&format!(" AND e.supervisor_id = {p}"));
    }
    if let Some((name, id)) = after {
        let (n, i) = (q.text_arg(name), q.int(id));
        // A row-value comparison: both engines seek the (agency, name, id) index to the
        // key, where the equivalent OR form made PostgreSQL read every earlier row.
        q.push(&format!(" AND (e.name, e.id) > ({n}, {i})"));
    }
    let l = q.int(limit);
    q.push(&format!(" ORDER BY e.name, e.id LIMIT {l}"));
    q
}

/// Whether `employee` reports to `supervisor`, directly or through others.
pub async fn reports_to(
    c: &mut Conn,
    agency: i64,
    employee: i64,
    supervisor: i64,
) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar(
        "WITH RECURSIVE chain(id, depth) AS (
            SELECT supervisor_id, 1 FROM employees WHERE agency_id = $1 AND id = $2
            UNION ALL SELECT e.supervisor_id, c.depth + 1 FROM employees e JOIN chain c ON e.id = c.id
            WHERE e.agency_id = $1 AND c.depth < 64
        ) SELECT id FROM chain WHERE id = $3 LIMIT 1",
    )
    .bind(agency)
    .bind(employee)
    .bind(supervisor)
    .fetch_optional(c)
    .await?;
    Ok(found.is_some())
}

pub async fn has_reports(c: &mut Conn, agency: i64, employee: i64) -> Result<bool, StoreError> {
    let n: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM employees WHERE agency_id = $1 AND supervisor_id = $2 LIMIT 1",
    )
    .bind(agency)
    .bind(employee)
    .fetch_optional(c)
    .await?;
    Ok(n.is_some())
}

pub async fn count(c: &mut Conn, agency: i64) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM employees WHERE agency_id = $1")
            .bind(agency)
            .fetch_one(c)
            .await?,
    )
}

/// One row of an import, resolved to ids.
#[derive(Debug, Clone, serde::Serialize)]
pub struct UpsertRow {
    pub nip: String,
    pub name: String,
    pub status: String,
    pub position_id: i64,
    pub unit_id: i64,
    pub domicile: Option<String>,
    pub position_since: Option<String>,
    pub discipline: String,
    pub email: Option<String>,
    /// Resolved to an id by the insert itself, so the supervisor's row must exist before
    /// (an earlier statement, or already stored): callers order rows supervisors-first.
    pub supervisor_nip: Option<String>,
}

/// The form of a name that searches compare: lower case by Unicode rules. SQLite's
/// `LOWER` folds ASCII only, so folding in Rust keeps "ÉLIS" and "élis" alike on both engines.
pub fn name_key(name: &str) -> String {
    name.to_lowercase()
}

/// Inserts or updates employees by NIP, many rows per statement, each with its supervisor
/// looked up by NIP in the same agency (no row → none). Rows within one call must not
/// name each other as supervisor: one statement does not see its own rows.
pub async fn upsert_many(
    c: &mut Conn,
    agency: i64,
    rows: &[UpsertRow],
    now: Millis,
) -> Result<(), StoreError> {
    // 11 values a row; 500 rows stay far below both engines' parameter limits.
    for chunk in rows.chunks(500) {
        let mut sql = String::from(
            "INSERT INTO employees (agency_id, nip, name, name_key, status, position_id, unit_id, domicile,
                position_since, discipline, email, supervisor_id, created_at, updated_at) VALUES ",
        );
        for i in 0..chunk.len() {
            let b = 3 + i * 11;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "($1, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${},
                  (SELECT s.id FROM employees s WHERE s.agency_id = $1 AND s.nip = ${}), $2, $2)",
                b,
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                b + 6,
                b + 7,
                b + 8,
                b + 9,
                b + 10
            ));
        }
        sql.push_str(
            " ON CONFLICT (agency_id, nip) DO UPDATE SET name = excluded.name, name_key = excluded.name_key,
                status = excluded.status,
                position_id = excluded.position_id, unit_id = excluded.unit_id, domicile = excluded.domicile,
                position_since = excluded.position_since, discipline = excluded.discipline, email = excluded.email,
                supervisor_id = excluded.supervisor_id,
                updated_at = excluded.updated_at",
        );
        let mut q = sqlx::query(&sql).bind(agency).bind(now);
        for r in chunk {
            q = q
                .bind(&r.nip)
                .bind(&r.name)
                .bind(name_key(&r.name))
                .bind(&r.status)
                .bind(r.position_id)
                .bind(r.unit_id)
                .bind(&r.domicile)
                .bind(&r.position_since)
                .bind(&r.discipline)
                .bind(&r.email)
                .bind(&r.supervisor_nip);
        }
        q.execute(&mut *c).await?;
    }
    Ok(())
}

/// Refreshes the planner's statistics after a bulk load. PostgreSQL plans the statements
/// that follow from statistics taken before the load — an empty table — and may then scan
/// the whole table for every supervisor lookup; SQLite plans these by index anyway.
pub async fn analyze_after_bulk_load(c: &mut Conn) -> Result<(), StoreError> {
    if engine_of(c) == Engine::Postgres {
        sqlx::query("ANALYZE employees").execute(c).await?;
    }
    Ok(())
}

/// Sets each `(employee id, supervisor id)` pair's supervisor (or none), many rows per
/// statement, joining on the primary key so each chunk touches only its own rows. A
/// supervisor id of another agency is ignored: the tenant boundary holds here too.
/// `UPDATE … FROM (VALUES …)` reads the same on both engines: VALUES columns are named
/// `column1`, `column2` in SQLite and PostgreSQL alike.
pub async fn set_supervisors(
    c: &mut Conn,
    agency: i64,
    pairs: &[(i64, Option<i64>)],
) -> Result<(), StoreError> {
    let (mut with, without): (Vec<_>, Vec<_>) = pairs.iter().partition(|(_, s)| s.is_some());
    // Sorted by id, each chunk covers a narrow id range; saying so lets PostgreSQL read
    // just that range of the primary key instead of hash-joining the whole table.
    with.sort_unstable_by_key(|(id, _)| *id);
    for chunk in with.chunks(1000) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, ${})", 4 + i * 2, 5 + i * 2))
            .collect();
        let sql = format!(
            "UPDATE employees SET supervisor_id = v.column2 FROM (VALUES {}) AS v
             WHERE employees.agency_id = $1 AND employees.id BETWEEN $2 AND $3 AND employees.id = v.column1
               AND EXISTS (SELECT 1 FROM employees s WHERE s.id = v.column2 AND s.agency_id = $1)",
            values.join(",")
        );
        let (lo, hi) = (chunk[0].0, chunk[chunk.len() - 1].0);
        let mut q = sqlx::query(&sql).bind(agency).bind(lo).bind(hi);
        for (id, sup) in chunk {
            q = q.bind(*id).bind(*sup);
        }
        q.execute(&mut *c).await?;
    }
    for chunk in without.chunks(1000) {
        let list: Vec<String> = (0..chunk.len()).map(|i| format!("${}", 2 + i)).collect();
        let sql = format!(
            "UPDATE employees SET supervisor_id = NULL WHERE agency_id = $1 AND id IN ({})",
            list.join(",")
        );
        let mut q = sqlx::query(&sql).bind(agency);
        for (id, _) in chunk {
            q = q.bind(*id);
        }
        q.execute(&mut *c).await?;
    }
    Ok(())
}

/// Every employee of the agency, for an import to compare against. An import is an
/// admin's batch job over the whole agency, so reading the agency once is the right cost.
pub async fn all_in_agency(c: &mut Conn, agency: i64) -> Result<Vec<EmployeeRow>, StoreError> {
    Ok(sqlx::query_as(&format!("{SELECT} WHERE e.agency_id = $1"))
        .bind(agency)
        .fetch_all(c)
        .await?)
}

/// `(nip, id)` for every employee of the agency.
pub async fn ids_by_nip(c: &mut Conn, agency: i64) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(
        sqlx::query_as("SELECT nip, id FROM employees WHERE agency_id = $1")
            .bind(agency)
            .fetch_all(c)
            .await?,
    )
}
