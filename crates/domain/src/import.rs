//! Checking an import of units or employees before anything is written.
//!
//! The file has already been split into rows (by `service::import`); here every row is
//! parsed into a record, and the whole file is checked against itself and against what the
//! agency already holds: duplicates, unknown units or supervisors, and loops. Either every
//! row is good, or the caller gets every problem found (line, column, reason) and writes
//! nothing.

use crate::message::{FieldError, Message};
use crate::nip::{EmploymentStatus, Nip};
use crate::org::{bounded_text, Discipline, PositionKind};
use crate::supervisor::find_cycle;
use crate::timezone::Zone;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// At most this many problems are listed; a file with more is reported as "and N more".
pub const MAX_REPORTED_ERRORS: usize = 500;

#[derive(Debug, Clone)]
pub struct RawRow {
    /// 1-based line in the file, header included, as a spreadsheet shows it.
    pub line: usize,
    pub fields: HashMap<&'static str, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportError {
    pub line: usize,
    pub column: String,
    pub message: Message,
}

/// A column of an import file: its canonical (Indonesian) name and accepted aliases.
pub struct Column {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

pub const UNIT_COLUMNS: &[Column] = &[
    Column {
        name: "kode",
        aliases: &["code", "kode_unit"],
        required: true,
    },
    Column {
        name: "nama",
        aliases: &["name", "nama_unit"],
        required: true,
    },
    Column {
        name: "kode_induk",
        aliases: &["parent_code", "induk"],
        required: false,
    },
    Column {
        name: "jenis",
        aliases: &["kind"],
        required: false,
    },
    Column {
        name: "kode_wilayah",
        aliases: &["region_code"],
        required: false,
    },
    Column {
        name: "nama_wilayah",
        aliases: &["region_name"],
        required: false,
    },
    Column {
        name: "zona_waktu",
        aliases: &["time_zone", "zona"],
        required: false,
    },
];

pub const EMPLOYEE_COLUMNS: &[Column] = &[
    Column {
        name: "nip",
        aliases: &[],
        required: true,
    },
    Column {
        name: "nama",
        aliases: &["name"],
        required: true,
    },
    Column {
        name: "status",
        aliases: &["status_kepegawaian", "employment_status"],
        required: true,
    },
    Column {
        name: "jabatan",
        aliases: &["position"],
        required: true,
    },
    Column {
        name: "jenis_jabatan",
        aliases: &["position_kind"],
        required: true,
    },
    Column {
        name: "kelas_jabatan",
        aliases: &["grade"],
        required: false,
    },
    Column {
        name: "kode_unit",
        aliases: &["unit_code", "unit"],
        required: true,
    },
    Column {
        name: "nip_atasan",
        aliases: &["supervisor_nip"],
        required: false,
    },
    Column {
        name: "domisili",
        aliases: &["domicile"],
        required: false,
    },
    Column {
        name: "tmt_jabatan",
        aliases: &["position_since"],
        required: false,
    },
    Column {
        name: "status_disiplin",
        aliases: &["discipline"],
        required: false,
    },
    Column {
        name: "email",
        aliases: &[],
        required: false,
    },
];

/// Maps header cells to canonical column names; `Err` lists the required ones missing.
pub fn map_header(
    columns: &'static [Column],
    header: &[String],
) -> Result<Vec<Option<&'static str>>, Message> {
    let mapped: Vec<Option<&'static str>> = header
        .iter()
        .map(|h| {
            let h = h.trim().to_lowercase().replace([' ', '-'], "_");
            columns
                .iter()
                .find(|c| c.name == h || c.aliases.contains(&h.as_str()))
                .map(|c| c.name)
        })
        .collect();
    let missing: Vec<&str> = columns
        .iter()
        .filter(|c| c.required && !mapped.contains(&Some(c.name)))
        .map(|c| c.name)
        .collect();
    if missing.is_empty() {
        Ok(mapped)
    } else {
        Err(Message::WrongColumns {
            missing: missing.join(", "),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitRecord {
    pub line: usize,
    pub code: String,
    pub name: String,
    pub parent_code: Option<String>,
    pub kind: Option<String>,
    pub region_code: Option<String>,
    pub region_name: Option<String>,
    pub zone: Zone,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmployeeRecord {
    pub line: usize,
    pub nip: Nip,
    pub name: String,
    pub status: EmploymentStatus,
    pub position_name: String,
    pub position_kind: PositionKind,
    pub grade: Option<i64>,
    pub unit_code: String,
    pub supervisor_nip: Option<Nip>,
    pub domicile: Option<String>,
    pub position_since: Option<Date>,
    pub discipline: Discipline,
    pub email: Option<String>,
}

struct Row<'a> {
    raw: &'a RawRow,
    errors: &'a mut Vec<ImportError>,
}

impl Row<'_> {
    fn get(&self, col: &str) -> &str {
        self.raw.fields.get(col).map(String::as_str).unwrap_or("")
    }

    fn fail(&mut self, col: &str, message: Message) {
        self.errors.push(ImportError {
            line: self.raw.line,
            column: col.to_string(),
            message,
        });
    }

    fn text(&mut self, col: &str, max: usize, required: bool) -> Option<String> {
        match bounded_text(self.get(col), max, required) {
            Ok(v) => v,
            Err(m) => {
                self.fail(col, m);
                None
            }
        }
    }

    fn parsed<T>(
        &mut self,
        col: &str,
        parse: impl FnOnce(&str) -> Result<T, Message>,
    ) -> Option<T> {
        let value = self.get(col).to_string();
        match parse(&value) {
            Ok(v) => Some(v),
            Err(m) => {
                self.fail(col, m);
                None
            }
        }
    }
}

fn parse_date(s: &str) -> Result<Option<Date>, Message> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<Date>()
        .map(Some)
        .map_err(|_| Message::InvalidDate)
}

fn parse_grade(s: &str) -> Result<Option<i64>, Message> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<i64>() {
        Ok(g) if (1..=17).contains(&g) => Ok(Some(g)),
        _ => Err(Message::InvalidNumber),
    }
}

fn parse_email(s: &str) -> Result<Option<String>, Message> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.len() > 200
        || !s.contains('@')
        || s.starts_with('@')
        || s.ends_with('@')
        || s.contains(char::is_whitespace)
    {
        return Err(Message::InvalidChoice {
            allowed: "nama@domain".into(),
        });
    }
    Ok(Some(s.to_lowercase()))
}

/// Parses one employee row; problems go to `errors`.
pub fn parse_employee(raw: &RawRow, errors: &mut Vec<ImportError>) -> Option<EmployeeRecord> {
    let mut r = Row { raw, errors };
    let before = r.errors.len();
    let status = r.parsed("status", EmploymentStatus::parse);
    let nip = match status {
        Some(s) => r.parsed("nip", |v| Nip::parse(v, s)),
        None => None,
    };
    let name = r.text("nama", 150, true);
    let position_name = r.text("jabatan", 150, true);
    let position_kind = r.parsed("jenis_jabatan", PositionKind::parse);
    let grade = r.parsed("kelas_jabatan", parse_grade).flatten();
    let unit_code = r.text("kode_unit", 50, true);
    let supervisor_nip = match r.get("nip_atasan").trim() {
        "" => None,
        // A supervisor may be PNS or PPPK: accept either shape, PNS rules first.
        v => match Nip::parse(v, EmploymentStatus::Pns)
            .or_else(|_| Nip::parse(v, EmploymentStatus::Pppk))
        {
            Ok(n) => Some(n),
            Err(m) => {
                r.fail("nip_atasan", m);
                None
            }
        },
    };
    let domicile = r.text("domisili", 300, false);
    let position_since = r.parsed("tmt_jabatan", parse_date).flatten();
    let discipline = r.parsed("status_disiplin", Discipline::parse);
    let email = r.parsed("email", parse_email).flatten();
    if r.errors.len() > before {
        return None;
    }
    Some(EmployeeRecord {
        line: raw.line,
        nip: nip?,
        name: name?,
        status: status?,
        position_name: position_name?,
        position_kind: position_kind?,
        grade,
        unit_code: unit_code?,
        supervisor_nip,
        domicile,
        position_since,
        discipline: discipline?,
        email,
    })
}

/// Parses one unit row; problems go to `errors`.
pub fn parse_unit(raw: &RawRow, errors: &mut Vec<ImportError>) -> Option<UnitRecord> {
    let mut r = Row { raw, errors };
    let before = r.errors.len();
    let code = r.text("kode", 50, true);
    let name = r.text("nama", 200, true);
    let parent_code = r.text("kode_induk", 50, false);
    let kind = r.text("jenis", 50, false);
    let region_code = r.text("kode_wilayah", 20, false);
    let region_name = r.text("nama_wilayah", 100, false);
    let zone = r.parsed("zona_waktu", |v| {
        if v.trim().is_empty() {
            Ok(Zone::Wib)
        } else {
            Zone::parse(v)
        }
    });
    if r.errors.len() > before {
        return None;
    }
    Some(UnitRecord {
        line: raw.line,
        code: code?,
        name: name?,
        parent_code,
        kind,
        region_code,
        region_name,
        zone: zone?,
    })
}

/// Checks a whole employee file. `unit_codes`: the agency's units. `existing`: NIP →
/// supervisor NIP of the employees the agency already has (a re-import may move people).
pub fn check_employees(
    rows: &[RawRow],
    unit_codes: &HashSet<String>,
    existing: &HashMap<Nip, Option<Nip>>,
) -> Result<Vec<EmployeeRecord>, Vec<ImportError>> {
    let mut errors = Vec::new();
    let mut records = Vec::with_capacity(rows.len());
    let mut first_line: HashMap<Nip, usize> = HashMap::with_capacity(rows.len());
    for raw in rows {
        let Some(rec) = parse_employee(raw, &mut errors) else {
            continue;
        };
        if let Some(first) = first_line.get(&rec.nip) {
            errors.push(ImportError {
                line: rec.line,
                column: "nip".into(),
                message: Message::DuplicateInFile { first_line: *first },
            });
            continue;
        }
        first_line.insert(rec.nip.clone(), rec.line);
        if !unit_codes.contains(&rec.unit_code) {
            errors.push(ImportError {
                line: rec.line,
                column: "kode_unit".into(),
                message: Message::UnknownUnit {
                    code: rec.unit_code.clone(),
                },
            });
        }
        records.push(rec);
    }
    let mut chain: HashMap<Nip, Nip> = existing
        .iter()
        .filter_map(|(n, s)| s.clone().map(|s| (n.clone(), s)))
        .collect();
    for rec in &records {
        chain.remove(&rec.nip);
        match &rec.supervisor_nip {
            Some(s) if *s == rec.nip => errors.push(ImportError {
                line: rec.line,
                column: "nip_atasan".into(),
                message: Message::SelfSupervisor,
            }),
            Some(s) if !first_line.contains_key(s) && !existing.contains_key(s) => {
                errors.push(ImportError {
                    line: rec.line,
                    column: "nip_atasan".into(),
                    message: Message::UnknownSupervisor { nip: s.to_string() },
                })
            }
            Some(s) => {
                chain.insert(rec.nip.clone(), s.clone());
            }
            None => {}
        }
    }
    if errors.is_empty() {
        if let Some(cycle) = find_cycle(&chain) {
            let line = cycle
                .iter()
                .find_map(|n| first_line.get(n))
                .copied()
                .unwrap_or(0);
            let text = cycle
                .iter()
                .map(Nip::to_string)
                .collect::<Vec<_>>()
                .join(" → ");
            errors.push(ImportError {
                line,
                column: "nip_atasan".into(),
                message: Message::SupervisorCycle { chain: text },
            });
        }
    }
    finish(records, errors)
}

/// Checks a whole unit file. `existing`: unit code → parent code of the agency's units.
pub fn check_units(
    rows: &[RawRow],
    existing: &HashMap<String, Option<String>>,
) -> Result<Vec<UnitRecord>, Vec<ImportError>> {
    let mut errors = Vec::new();
    let mut records = Vec::with_capacity(rows.len());
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for raw in rows {
        let Some(rec) = parse_unit(raw, &mut errors) else {
            continue;
        };
        if let Some(first) = first_line.get(&rec.code) {
            errors.push(ImportError {
                line: rec.line,
                column: "kode".into(),
                message: Message::DuplicateInFile { first_line: *first },
            });
            continue;
        }
        first_line.insert(rec.code.clone(), rec.line);
        records.push(rec);
    }
    let mut parents: HashMap<String, String> = existing
        .iter()
        .filter_map(|(c, p)| p.clone().map(|p| (c.clone(), p)))
        .collect();
    for rec in &records {
        parents.remove(&rec.code);
        if let Some(p) = &rec.parent_code {
            if !first_line.contains_key(p) && !existing.contains_key(p) {
                errors.push(ImportError {
                    line: rec.line,
                    column: "kode_induk".into(),
                    message: Message::UnknownUnit { code: p.clone() },
                });
            } else {
                parents.insert(rec.code.clone(), p.clone());
            }
        }
    }
    if errors.is_empty() {
        if let Some(cycle) = find_cycle(&parents) {
            let line = cycle
                .iter()
                .find_map(|c| first_line.get(c))
                .copied()
                .unwrap_or(0);
            errors.push(ImportError {
                line,
                column: "kode_induk".into(),
                message: Message::ParentCycle {
                    chain: cycle.join(" → "),
                },
            });
        }
    }
    finish(records, errors)
}

fn finish<T>(records: Vec<T>, mut errors: Vec<ImportError>) -> Result<Vec<T>, Vec<ImportError>> {
    if errors.is_empty() {
        Ok(records)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

/// Orders units so that every parent comes before its children (the file may list them
/// in any order). Assumes `check_units` passed, so there is no loop.
pub fn parents_first(units: Vec<UnitRecord>) -> Vec<UnitRecord> {
    let codes: HashSet<String> = units.iter().map(|u| u.code.clone()).collect();
    let mut children: HashMap<Option<String>, Vec<UnitRecord>> = HashMap::new();
    for u in units {
        // A parent outside the file already exists, so it counts as a root here.
        let key = u.parent_code.clone().filter(|p| codes.contains(p));
        children.entry(key).or_default().push(u);
    }
    let mut out = Vec::with_capacity(codes.len());
    let mut stack: Vec<UnitRecord> = children.remove(&None).unwrap_or_default();
    stack.reverse();
    while let Some(u) = stack.pop() {
        if let Some(mut kids) = children.remove(&Some(u.code.clone())) {
            kids.reverse();
            stack.extend(kids);
        }
        out.push(u);
    }
    out
}

/// Turns a problem list into field errors for an API answer.
pub fn as_field_errors(errors: &[ImportError]) -> Vec<FieldError> {
    errors
        .iter()
        .map(|e| FieldError::new(format!("line {}: {}", e.line, e.column), e.message.clone()))
        .collect()
}

#[cfg(test)]
mod tests;
