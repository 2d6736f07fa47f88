//! Importing units and employees from CSV: all or nothing, with a per-row report.
//!
//! The file is read here (comma or semicolon, UTF-8 with or without BOM, a header row),
//! checked whole by `domain::import`, and only then written, in one transaction, by
//! upsert on unit code and NIP so a re-import updates instead of duplicating.

use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::import::{
    check_employees, check_units, map_header, parents_first, Column, EmployeeRecord, ImportError,
    RawRow, EMPLOYEE_COLUMNS, MAX_REPORTED_ERRORS, UNIT_COLUMNS,
};
use fleksi_domain::org::OrgPath;
use fleksi_domain::{Message, Nip};
use fleksi_store::employee::{self, EmployeeRow, UpsertRow};
use fleksi_store::org::{self, NewUnit};
use fleksi_store::{audit as audit_store, commit};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Larger files are refused before they are read.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
pub const MAX_ROWS: usize = 200_000;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

fn refused(line: usize, column: &str, message: Message) -> ServiceError {
    ServiceError::ImportRefused {
        errors: vec![ImportError {
            line,
            column: column.into(),
            message,
        }],
        more: 0,
    }
}

fn refuse_all(mut errors: Vec<ImportError>) -> ServiceError {
    let more = errors.len().saturating_sub(MAX_REPORTED_ERRORS);
    errors.truncate(MAX_REPORTED_ERRORS);
    ServiceError::ImportRefused { errors, more }
}

/// Splits a CSV file into rows keyed by canonical column names.
pub fn read_table(bytes: &[u8], columns: &'static [Column]) -> Result<Vec<RawRow>> {
    if bytes.len() > MAX_BYTES {
        return Err(refused(
            0,
            "file",
            Message::FileTooLarge {
                max_mb: MAX_BYTES / (1024 * 1024),
            },
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        return Err(refused(line, "file", Message::NotUtf8));
    }
    // A NUL byte is never part of a CSV text: it is what a UTF-16 ("Unicode text") file
    // looks like read as UTF-8, and PostgreSQL refuses it in a text column.
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        return Err(refused(line, "file", Message::NotUtf8));
    }
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or(b"");
    let semis = first_line.iter().filter(|b| **b == b';').count();
    let commas = first_line.iter().filter(|b| **b == b',').count();
    let delimiter = if semis > commas { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(bytes);
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(_) => {
            return Err(refused(
                1,
                "file",
                Message::WrongColumns {
                    missing: required(columns),
                },
            ))
        }
    };
    let mapped = map_header(columns, &header).map_err(|m| refused(1, "header", m))?;
    let mut rows = Vec::new();
    let mut lines = LineCounter::new(bytes);
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                return Err(refused(line, "file", Message::NotUtf8));
            }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(refused(0, "file", Message::TooManyRows { max: MAX_ROWS }));
        }
        // The reader's own line count skips blank lines; count from the record's byte
        // offset instead, so the line is the one a spreadsheet or editor shows.
        let line = record
            .position()
            .map(|p| lines.line_at(p.byte() as usize))
            .unwrap_or(0);
        let fields = mapped
            .iter()
            .zip(record.iter())
            .filter_map(|(name, value)| name.map(|n| (n, value.to_string())))
            .collect();
        rows.push(RawRow { line, fields });
    }
    Ok(rows)
}

/// Line numbers of byte offsets that only grow, counting each byte once: the file is read
/// front to back, so the cost stays linear in its size.
struct LineCounter<'a> {
    bytes: &'a [u8],
    counted: usize,
    newlines: usize,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            counted: 0,
            newlines: 0,
        }
    }

    /// The 1-based line of the first non-blank character at or after `offset`.
    fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.bytes.len()).max(self.counted);
        let start = self.bytes[offset..]
            .iter()
            .position(|b| !matches!(b, b'\n' | b'\r'))
            .map_or(self.bytes.len(), |i| offset + i);
        self.newlines += self.bytes[self.counted..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.counted = start;
        self.newlines + 1
    }
}

fn required(columns: &[Column]) -> String {
    columns
        .iter()
        .filter(|c| c.required)
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Imports units (agency admins only: the tree's top is theirs to shape).
pub async fn import_units(app: &App, actor: &Actor, bytes: &[u8]) -> Result<Summary> {
    let agency = actor.agency()?;
    if !actor.access.is_agency_admin(agency) {
        return Err(ServiceError::Forbidden);
    }
    let rows = read_table(bytes, UNIT_COLUMNS)?;
    let mut c = app.db.conn().await?;
    let existing = org::list_units(&mut c, agency.0).await?;
    drop(c);
    let by_id: HashMap<i64, String> = existing.iter().map(|u| (u.id, u.code.clone())).collect();
    let parents: HashMap<String, Option<String>> = existing
        .iter()
        .map(|u| {
            (
                u.code.clone(),
                u.parent_id.and_then(|p| by_id.get(&p).cloned()),
            )
        })
        .collect();
    let records = check_units(&rows, &parents).map_err(refuse_all)?;
    let now = app.now();
    let mut summary = Summary::default();
    let mut entries = Vec::new();
    let mut tx = app.db.begin().await?;
    for rec in parents_first(records) {
        let parent = match &rec.parent_code {
            Some(p) => org::by_code(&mut tx, agency.0, p)
                .await?
                .map(|u| (u.id, u.path)),
            None => None,
        };
        let unit = NewUnit {
            code: &rec.code,
            name: &rec.name,
            kind: rec.kind.as_deref(),
            region_code: rec.region_code.as_deref(),
            region_name: rec.region_name.as_deref(),
            time_zone: rec.zone.code(),
        };
        let (after, before) = org::upsert_unit(
            &mut tx,
            agency.0,
            &unit,
            parent.as_ref().map(|(i, p)| (*i, p.as_str())),
            now,
        )
        .await?;
        let action = match &before {
            None => {
                summary.created += 1;
                "unit.create"
            }
            Some(b) if *b == after => {
                summary.unchanged += 1;
                continue;
            }
            Some(_) => {
                summary.updated += 1;
                "unit.update"
            }
        };
        entries.push(
            audit::event(app, actor, action, "unit", after.id)
                .in_unit(&after.path)
                .before_opt(before.as_ref())
                .after(&after),
        );
    }
    entries.push(audit::event(app, actor, "unit.import", "import", "units").after(&summary));
    audit_store::append(&mut tx, &entries).await?;
    commit(tx).await?;
    app.calendars.clear();
    Ok(summary)
}

/// The parts of an employee that an import sets, for telling what changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct State {
    nip: String,
    name: String,
    status: String,
    position: String,
    position_kind: String,
    grade: Option<i64>,
    unit_code: String,
    supervisor_nip: Option<String>,
    domicile: Option<String>,
    position_since: Option<String>,
    discipline: String,
    email: Option<String>,
}

impl State {
    fn stored(e: &EmployeeRow) -> State {
        State {
            nip: e.nip.clone(),
            name: e.name.clone(),
            status: e.status.clone(),
            position: e.position_name.clone(),
            position_kind: e.position_kind.clone(),
            grade: e.grade,
            unit_code: e.unit_code.clone(),
            supervisor_nip: e.supervisor_nip.clone(),
            domicile: e.domicile.clone(),
            position_since: e.position_since.clone(),
            discipline: e.discipline.clone(),
            email: e.email.clone(),
        }
    }

    /// The state a record leads to. An empty grade keeps the stored one.
    fn imported(r: &EmployeeRecord, stored_grade: Option<i64>) -> State {
        State {
            nip: r.nip.to_string(),
            name: r.name.clone(),
            status: r.status.code().into(),
            position: r.position_name.clone(),
            position_kind: r.position_kind.code().into(),
            grade: r.grade.or(stored_grade),
            unit_code: r.unit_code.clone(),
            supervisor_nip: r.supervisor_nip.as_ref().map(Nip::to_string),
            domicile: r.domicile.clone(),
            position_since: r.position_since.map(|d| d.to_string()),
            discipline: r.discipline.code().into(),
            email: r.email.clone(),
        }
    }
}

/// Imports employees. Agency admins may place people anywhere; unit admins only within
/// their subtrees, and only people who are there already or new.
pub async fn import_employees(app: &App, actor: &Actor, bytes: &[u8]) -> Result<Summary> {
    let agency = actor.agency()?;
    if !actor.access.administers_any(agency) {
        return Err(ServiceError::Forbidden);
    }
    let rows = read_table(bytes, EMPLOYEE_COLUMNS)?;
    let mut c = app.db.conn().await?;
    let units: HashMap<String, (i64, String)> = org::list_units(&mut c, agency.0)
        .await?
        .into_iter()
        .map(|u| (u.code, (u.id, u.path)))
        .collect();
    let stored: HashMap<String, EmployeeRow> = employee::all_in_agency(&mut c, agency.0)
        .await?
        .into_iter()
        .map(|e| (e.nip.clone(), e))
        .collect();
    drop(c);
    let unit_codes: HashSet<String> = units.keys().cloned().collect();
    let chain: HashMap<Nip, Option<Nip>> = stored
        .values()
        .map(|e| {
            (
                Nip::from_trusted(e.nip.clone()),
                e.supervisor_nip.clone().map(Nip::from_trusted),
            )
        })
        .collect();
    let records = check_employees(&rows, &unit_codes, &chain).map_err(refuse_all)?;
    if let Some(paths) = actor.access.administered_paths(agency) {
        let in_scope = |path: &str| {
            paths
                .iter()
                .any(|p| p.contains(&OrgPath::from_trusted(path.to_string())))
        };
        let errors: Vec<ImportError> = records
            .iter()
            .filter(|r| {
                !units.get(&r.unit_code).is_some_and(|(_, p)| in_scope(p))
                    || stored
                        .get(r.nip.as_str())
                        .is_some_and(|e| !in_scope(&e.unit_path))
            })
            .map(|r| ImportError {
                line: r.line,
                column: "kode_unit".into(),
                message: Message::OutsideScope,
            })
            .collect();
        if !errors.is_empty() {
            return Err(refuse_all(errors));
        }
    }
    write_employees(app, actor, agency.0, records, &units, &stored).await
}

async fn write_employees(
    app: &App,
    actor: &Actor,
    agency: i64,
    records: Vec<EmployeeRecord>,
    units: &HashMap<String, (i64, String)>,
    stored: &HashMap<String, EmployeeRow>,
) -> Result<Summary> {
    let now = app.now();
    let mut summary = Summary::default();
    let mut changed: Vec<(&EmployeeRecord, State, Option<State>)> = Vec::new();
    for r in &records {
        let before = stored.get(r.nip.as_str()).map(State::stored);
        let after = State::imported(r, before.as_ref().and_then(|b| b.grade));
        if before.as_ref() == Some(&after) {
            summary.unchanged += 1;
        } else {
            if before.is_some() {
                summary.updated += 1;
            } else {
                summary.created += 1;
            }
            changed.push((r, after, before));
        }
    }
    let mut tx = app.db.begin().await?;
    let mut positions: HashMap<&str, i64> = HashMap::new();
    for (r, _, _) in &changed {
        if !positions.contains_key(r.position_name.as_str()) {
            let id = org::upsert_position(
                &mut tx,
                agency,
                &r.position_name,
                r.position_kind.code(),
                r.grade,
            )
            .await?;
            positions.insert(&r.position_name, id);
        }
    }
    let upsert = |r: &EmployeeRecord| UpsertRow {
        nip: r.nip.to_string(),
        name: r.name.clone(),
        status: r.status.code().into(),
        position_id: positions[r.position_name.as_str()],
        unit_id: units[&r.unit_code].0,
        domicile: r.domicile.clone(),
        position_since: r.position_since.map(|d| d.to_string()),
        discipline: r.discipline.code().into(),
        email: r.email.clone(),
        supervisor_nip: r.supervisor_nip.as_ref().map(Nip::to_string),
    };
    // Supervisors first, layer by layer: each insert finds its supervisor's row already
    // written (by an earlier layer, or stored before), so the supervisor is set in the
    // same statement instead of a second pass over every row.
    for layer in supervisor_layers(&changed) {
        let rows: Vec<UpsertRow> = layer.into_iter().map(upsert).collect();
        employee::upsert_many(&mut tx, agency, &rows, now).await?;
        if rows.len() > 1000 {
            employee::analyze_after_bulk_load(&mut tx).await?;
        }
    }
    let ids: HashMap<String, i64> = if changed.iter().any(|(_, _, b)| b.is_none()) {
        employee::ids_by_nip(&mut tx, agency)
            .await?
            .into_iter()
            .collect()
    } else {
        stored.values().map(|e| (e.nip.clone(), e.id)).collect()
    };
    let mut entries: Vec<_> = changed
        .iter()
        .map(|(r, after, before)| {
            let action = if before.is_some() {
                "employee.update"
            } else {
                "employee.create"
            };
            let id = ids.get(r.nip.as_str()).copied().unwrap_or_default();
            audit::event(app, actor, action, "employee", id)
                .in_unit(&units[&r.unit_code].1)
                .before_opt(before.as_ref())
                .after(after)
        })
        .collect();
    entries
        .push(audit::event(app, actor, "employee.import", "import", "employees").after(&summary));
    audit_store::append(&mut tx, &entries).await?;
    commit(tx).await?;
    Ok(summary)
}

/// The changed rows grouped so that everyone comes after their supervisor: layer 0 has
/// supervisors outside the changed rows (or none), layer n+1 reports to layer n. The file
/// was checked for loops, so every chain ends.
fn supervisor_layers<'a>(
    changed: &[(&'a EmployeeRecord, State, Option<State>)],
) -> Vec<Vec<&'a EmployeeRecord>> {
    let by_nip: HashMap<&str, &EmployeeRecord> = changed
        .iter()
        .map(|(r, _, _)| (r.nip.as_str(), *r))
        .collect();
    let mut depth: HashMap<&str, usize> = HashMap::with_capacity(by_nip.len());
    let mut layers: Vec<Vec<&EmployeeRecord>> = Vec::new();
    for (r, _, _) in changed {
        // Walk up to the first supervisor whose depth is known (or who is outside).
        let mut chain = vec![r.nip.as_str()];
        let mut base = 0;
        while let Some(sup) = by_nip
            .get(chain[chain.len() - 1])
            .and_then(|x| x.supervisor_nip.as_ref())
        {
            match (depth.get(sup.as_str()), by_nip.contains_key(sup.as_str())) {
                (Some(d), _) => {
                    base = d + 1;
                    break;
                }
                (None, true) if chain.len() <= by_nip.len() => chain.push(sup.as_str()),
                _ => break,
            }
        }
        for (i, nip) in chain.iter().rev().enumerate() {
            depth.entry(nip).or_insert(base + i);
        }
    }
    for (r, _, _) in changed {
        let d = depth[r.nip.as_str()];
        if layers.len() <= d {
            layers.resize_with(d + 1, Vec::new);
        }
        layers[d].push(r);
    }
    layers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_semicolons_bom_and_reports_lines() {
        let csv = "\u{FEFF}NIP;Nama;Status;Jabatan;Jenis Jabatan;Kode Unit\n198503122010011002;Budi;PNS;Analis;fungsional;U1\n\n199001012015032001;Sari;PNS;Analis;fungsional;U1\n";
        let rows = read_table(csv.as_bytes(), EMPLOYEE_COLUMNS).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].fields["nama"], "Sari");
    }

    #[test]
    fn refuses_garbage_clearly() {
        let err = read_table(&[0xff, 0xfe, 0x00, 0x41], EMPLOYEE_COLUMNS).unwrap_err();
        assert!(
            matches!(err, ServiceError::ImportRefused { ref errors, .. } if errors[0].message == Message::NotUtf8)
        );
        let err = read_table(b"a,b,c\n1,2,3\n", EMPLOYEE_COLUMNS).unwrap_err();
        assert!(
            matches!(err, ServiceError::ImportRefused { ref errors, .. } if matches!(errors[0].message, Message::WrongColumns { .. }))
        );
        let big = vec![b'x'; MAX_BYTES + 1];
        let err = read_table(&big, EMPLOYEE_COLUMNS).unwrap_err();
        assert!(
            matches!(err, ServiceError::ImportRefused { ref errors, .. } if matches!(errors[0].message, Message::FileTooLarge { .. }))
        );
    }
}
