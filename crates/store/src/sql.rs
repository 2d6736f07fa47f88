//! A small builder for queries whose filters are optional: it numbers `$n` placeholders
//! in the order values are added and binds them in that order. (sqlx's `QueryBuilder`
//! writes `?` for the `Any` driver, which PostgreSQL does not accept.)

use crate::{Conn, Engine};
use fleksi_domain::plan::dates;
use jiff::civil::Date;
use sqlx::any::AnyRow;
use sqlx::{Any, FromRow};

pub enum Arg {
    Int(i64),
    Text(String),
}

#[derive(Default)]
pub struct Sql {
    pub text: String,
    args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: &str) -> Sql {
        Sql {
            text: text.to_string(),
            args: Vec::new(),
        }
    }

    pub fn push(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self
    }

    /// Adds a value and returns its placeholder, e.g. `$3`.
    pub fn arg(&mut self, a: Arg) -> String {
        self.args.push(a);
        format!("${}", self.args.len())
    }

    pub fn int(&mut self, v: i64) -> String {
        self.arg(Arg::Int(v))
    }

    pub fn text_arg(&mut self, v: impl Into<String>) -> String {
        self.arg(Arg::Text(v.into()))
    }

    /// Binds every date from `from` to `to` (both "YYYY-MM-DD", included) and gives their
    /// `$n, $m, …` list, for `date IN (…)`. The day tables are keyed by date first, so
    /// that today's rows sit together at the end of the key however long the history is;
    /// one person's days are therefore found by their dates, each a point of the key, and
    /// not by a range, which would walk every person's rows of those dates. Callers pass
    /// dates they parsed; a bound that is not a date is bound as it is.
    pub fn dates_arg(&mut self, from: &str, to: &str) -> String {
        let dates: Vec<String> = match (from.parse::<Date>(), to.parse::<Date>()) {
            (Ok(f), Ok(t)) => dates(f, t).map(|d| d.to_string()).collect(),
            _ => vec![from.to_string(), to.to_string()],
        };
        if dates.is_empty() {
            // `IN ()` is not SQL; no date matches NULL.
            return "NULL".to_string();
        }
        dates
            .into_iter()
            .map(|d| self.text_arg(d))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The statement with its values bound, for `execute`.
    pub fn query(&self) -> sqlx::query::Query<'_, Any, sqlx::any::AnyArguments<'_>> {
        let mut q = sqlx::query(&self.text);
        for a in &self.args {
            q = match a {
                Arg::Int(v) => q.bind(*v),
                Arg::Text(v) => q.bind(v.as_str()),
            };
        }
        q
    }

    /// Runs the statement; the number of rows it changed.
    pub async fn execute(&self, c: &mut crate::Conn) -> Result<u64, sqlx::Error> {
        Ok(self.query().execute(c).await?.rows_affected())
    }

    /// The query for a single column.
    pub fn query_scalar<'q, T>(
        &'q self,
    ) -> sqlx::query::QueryScalar<'q, Any, T, sqlx::any::AnyArguments<'q>>
    where
        (T,): for<'r> FromRow<'r, AnyRow>,
    {
        let mut q = sqlx::query_scalar::<_, T>(&self.text);
        for a in &self.args {
            q = match a {
                Arg::Int(v) => q.bind(*v),
                Arg::Text(v) => q.bind(v.as_str()),
            };
        }
        q
    }

    pub fn query_as<'q, T>(
        &'q self,
    ) -> sqlx::query::QueryAs<'q, Any, T, sqlx::any::AnyArguments<'q>>
    where
        T: for<'r> FromRow<'r, AnyRow>,
    {
        let mut q = sqlx::query_as::<_, T>(&self.text);
        for a in &self.args {
            q = match a {
                Arg::Int(v) => q.bind(*v),
                Arg::Text(v) => q.bind(v.as_str()),
            };
        }
        q
    }
}

impl Sql {
    /// Runs the query on a SQLite connection driven directly (see `native`), each row
    /// made by `row`. Values are bound by their `$n` names, as sqlx binds them.
    pub fn native_rows<T>(
        &self,
        c: &rusqlite::Connection,
        mut row: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, crate::StoreError> {
        let mut stmt = c.prepare_cached(&self.text)?;
        for i in 1..=stmt.parameter_count() {
            let arg = stmt
                .parameter_name(i)
                .and_then(|n| n.strip_prefix('$'))
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| self.args.get(n - 1));
            match arg {
                Some(Arg::Int(v)) => stmt.raw_bind_parameter(i, v)?,
                Some(Arg::Text(v)) => stmt.raw_bind_parameter(i, v.as_str())?,
                None => stmt.raw_bind_parameter(i, rusqlite::types::Null)?,
            }
        }
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(row(r)?);
        }
        Ok(out)
    }
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
pub fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The placeholders of `rows` rows of `cols` values each, numbered from `$1`:
/// `($1, $2), ($3, $4)` — for one statement that writes many rows.
pub fn value_rows(rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(rows * cols * 5);
    for r in 0..rows {
        if r > 0 {
            s.push_str(", ");
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push_str(", ");
            }
            s.push('$');
            s.push_str(&(r * cols + c + 1).to_string());
        }
        s.push(')');
    }
    s
}

/// The number of rows a read of `n` keys is padded to (the next power of two): a batched
/// read then has a handful of statement texts, each prepared once per connection, instead
/// of one per batch size. Padding repeats a key; readers ignore the extra answers.
pub fn bucket(n: usize) -> usize {
    n.max(1).next_power_of_two()
}

/// The type of a column read from JSON rows (see `json_table`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Int,
    Text,
}

/// A `SELECT` that reads the JSON array of arrays bound as `param` as a table whose
/// columns are each row's values in order, named and typed by `columns`.
///
/// For the writes and the keyed reads of a batch: the statement text is the same however
/// many rows there are, so each connection prepares it once, and one value is bound instead
/// of rows × columns (SQLite finds numbered parameters by a linear search, so binding many
/// is quadratic). Inserts go through `json_insert`.
pub fn json_table(engine: Engine, param: &str, columns: &[(&str, Col)]) -> String {
    let cols: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, (name, col))| match (engine, col) {
            (Engine::Sqlite, _) => format!("json_extract(j.value, '$[{i}]') AS {name}"),
            (Engine::Postgres, Col::Int) => format!("CAST(j.value ->> {i} AS BIGINT) AS {name}"),
            (Engine::Postgres, Col::Text) => format!("(j.value ->> {i}) AS {name}"),
        })
        .collect();
    match engine {
        Engine::Sqlite => format!("SELECT {} FROM json_each({param}) AS j", cols.join(", ")),
        Engine::Postgres => format!(
            "SELECT {} FROM jsonb_array_elements(CAST({param} AS JSONB)) AS j",
            cols.join(", ")
        ),
    }
}

/// `INSERT INTO table (…)` of the JSON rows bound as `param` (see `json_table`), each column
/// named once, so the column list and the rows' values cannot drift apart. `same` adds
/// columns whose value is one expression for every row (`("updated_at", "$2")`). The caller
/// appends any `ON CONFLICT …` and `RETURNING …`; the `WHERE true` before them is what
/// SQLite needs to parse an `INSERT … SELECT … ON CONFLICT`.
pub fn json_insert(
    engine: Engine,
    table: &str,
    param: &str,
    columns: &[(&str, Col)],
    same: &[(&str, &str)],
) -> String {
    let names: Vec<&str> = columns
        .iter()
        .map(|(name, _)| *name)
        .chain(same.iter().map(|(name, _)| *name))
        .collect();
    let values: Vec<&str> = std::iter::once("v.*")
        .chain(same.iter().map(|(_, value)| *value))
        .collect();
    format!(
        "INSERT INTO {table} ({}) SELECT {} FROM ({}) AS v WHERE true",
        names.join(", "),
        values.join(", "),
        json_table(engine, param, columns)
    )
}

/// `INSERT INTO table (…) VALUES (?1, …)` of one row: the `columns` and then the `same`
/// columns, numbered in that order. For a statement prepared once and run row by row on a
/// SQLite connection driven directly (see `native`); `columns` are the ones its batch
/// twin gives `json_insert`, so the two name them once.
pub fn row_insert(table: &str, columns: &[(&str, Col)], same: &[&str]) -> String {
    let names: Vec<&str> = columns
        .iter()
        .map(|(name, _)| *name)
        .chain(same.iter().copied())
        .collect();
    let params: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        params.join(", ")
    )
}

/// The values of a `json!([…])` row, to bind one by one on a connection driven directly
/// (see `native`) or to send as one row of `json_rows`.
pub fn row_values(row: serde_json::Value) -> Vec<serde_json::Value> {
    match row {
        serde_json::Value::Array(values) => values,
        one => vec![one],
    }
}

/// The rows for `json_table`, as the text to bind.
pub fn json_rows(rows: Vec<serde_json::Value>) -> String {
    serde_json::Value::Array(rows).to_string()
}

/// The engine a connection talks to.
pub fn engine_of(c: &Conn) -> Engine {
    if c.backend_name() == "PostgreSQL" {
        Engine::Postgres
    } else {
        Engine::Sqlite
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn row_insert_numbers_the_row_then_the_same_columns() {
        use super::{row_insert, Col};
        assert_eq!(
            row_insert("t", &[("a", Col::Int), ("b", Col::Text)], &["updated_at"]),
            "INSERT INTO t (a, b, updated_at) VALUES (?1, ?2, ?3)"
        );
    }

    #[test]
    fn value_rows_numbers_in_order() {
        assert_eq!(super::value_rows(2, 2), "($1, $2), ($3, $4)");
        assert_eq!(super::value_rows(1, 3), "($1, $2, $3)");
        assert_eq!(super::value_rows(0, 3), "");
    }

    #[test]
    fn json_insert_names_each_column_once_and_in_the_rows_order() {
        use super::{json_insert, Col};
        use crate::Engine;
        let sql = json_insert(
            Engine::Postgres,
            "t",
            "$1",
            &[("a", Col::Int), ("b", Col::Text)],
            &[("updated_at", "$2")],
        );
        assert_eq!(
            sql,
            "INSERT INTO t (a, b, updated_at) SELECT v.*, $2 FROM (SELECT CAST(j.value ->> 0 AS BIGINT) AS a, \
             (j.value ->> 1) AS b FROM jsonb_array_elements(CAST($1 AS JSONB)) AS j) AS v WHERE true"
        );
        let sqlite = json_insert(Engine::Sqlite, "t", "$1", &[("a", Col::Int)], &[]);
        assert_eq!(
            sqlite,
            "INSERT INTO t (a) SELECT v.* FROM (SELECT json_extract(j.value, '$[0]') AS a \
             FROM json_each($1) AS j) AS v WHERE true"
        );
    }

    #[test]
    fn dates_arg_binds_each_date_of_the_span() {
        use super::{Arg, Sql};
        let texts = |q: &Sql| -> Vec<String> {
            q.args
                .iter()
                .map(|a| match a {
                    Arg::Text(t) => t.clone(),
                    Arg::Int(i) => i.to_string(),
                })
                .collect()
        };
        let mut q = Sql::default();
        q.int(7);
        assert_eq!(q.dates_arg("2026-11-29", "2026-12-02"), "$2, $3, $4, $5");
        assert_eq!(
            texts(&q),
            ["7", "2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"]
        );
        let mut q = Sql::default();
        assert_eq!(q.dates_arg("2026-12-02", "2026-12-01"), "NULL");
        assert!(q.args.is_empty());
        let mut q = Sql::default();
        assert_eq!(q.dates_arg("2026-02-30", "2026-03-01"), "$1, $2");
        assert_eq!(texts(&q), ["2026-02-30", "2026-03-01"]);
    }
}
