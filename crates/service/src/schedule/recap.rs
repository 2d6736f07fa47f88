//! The monthly attendance recap of a unit (everyone at or below it): per employee the
//! working days, leave, days present, days by location (office, home, elsewhere), effective
//! hours against the required, late days, missing check-outs and corrections — as a table,
//! CSV (`csv` crate) or XLSX (`rust_xlsxwriter`). Admins of the subtree, the head of the
//! unit (or of one above it) and auditors in scope may read it; no one else.
//!
//! The month is counted up to today when it is the current one, so a recap read mid-month
//! does not show the rest of the month as missing hours.

use super::{dates, today_in, Viewer};
use crate::{calendar, Actor, App, Result, ServiceError};
use fleksi_domain::roster::Month;
use fleksi_domain::schedule::hours;
use fleksi_domain::{FieldError, Locale, Message};
use fleksi_store::org::{self, UnitRow};
use fleksi_store::schedule::{self as store, PersonRow, RecapPresenceRow};
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet};

/// A recap lists at most this many people (a large OPD; the agency as a whole is read
/// unit by unit).
pub const MAX_PEOPLE: usize = 10_000;
/// People are read in pages of this many.
const READ_PAGE: i64 = 1_000;

pub struct Recap {
    pub unit: UnitRow,
    pub month: Month,
    /// The last date counted: the month's last day, or today within the current month.
    pub through: Date,
    /// Working days of the unit's calendar in the month, up to `through`.
    pub working_days: i64,
    pub lines: Vec<RecapLine>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RecapLine {
    pub employee_id: i64,
    pub nip: String,
    pub name: String,
    pub unit_name: String,
    pub working_days: i64,
    pub leave_days: i64,
    pub days_present: i64,
    pub office_days: i64,
    pub remote_days: i64,
    pub other_days: i64,
    pub effective_minutes: i64,
    pub required_minutes: i64,
    pub late_days: i64,
    pub missing_checkouts: i64,
    pub corrections: i64,
}

impl RecapLine {
    /// The line's cells in the order of the recap's columns (CSV, XLSX, the page preview).
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.nip.clone(),
            self.name.clone(),
            self.unit_name.clone(),
            self.working_days.to_string(),
            self.leave_days.to_string(),
            self.days_present.to_string(),
            self.office_days.to_string(),
            self.remote_days.to_string(),
            self.other_days.to_string(),
            hours(self.effective_minutes),
            hours(self.required_minutes),
            self.late_days.to_string(),
            self.missing_checkouts.to_string(),
            self.corrections.to_string(),
        ]
    }
}

/// The units the actor may recap (for the form's choice), by path.
pub async fn units(app: &App, actor: &Actor) -> Result<Vec<UnitRow>> {
    let mut c = app.db.conn().await?;
    let viewer = Viewer::load(&mut c, actor).await?;
    if !viewer.reads_any_unit(actor) {
        return Err(ServiceError::Forbidden);
    }
    super::team::choices(&mut c, actor, &viewer).await
}

/// This month in the agency's default zone (WIB), for a form's first value.
pub fn this_month(app: &App) -> Month {
    Month::of(today_in(app.clock.now(), "WIB"))
}

/// The recap of unit `unit` (an id) for `month` (`YYYY-MM`).
pub async fn recap(app: &App, actor: &Actor, unit: &str, month: &str) -> Result<Recap> {
    let mut c = app.db.conn().await?;
    let viewer = Viewer::load(&mut c, actor).await?;
    if !viewer.reads_any_unit(actor) {
        return Err(ServiceError::Forbidden);
    }
    let agency = viewer.agency;
    let mut errors = Vec::new();
    let unit_id = unit.trim().parse::<i64>().map_err(|_| {
        errors.push(FieldError::new("unit", Message::InvalidNumber));
    });
    let month = Month::parse(month).map_err(|m| errors.push(FieldError::new("month", m)));
    let (Ok(unit_id), Ok(month)) = (unit_id, month) else {
        return Err(ServiceError::Invalid(errors));
    };
    let unit = org::get_unit(&mut c, agency.0, unit_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !viewer.reads_unit(actor, &unit) {
        return Err(ServiceError::Forbidden);
    }
    let today = today_in(app.clock.now(), &unit.time_zone);
    if month.first() > today {
        return Err(ServiceError::field(
            "month",
            Message::text_of("bulan belum dimulai", "the month has not begun"),
        ));
    }
    let through = month.last().min(today);
    let cal = calendar::for_unit(&mut c, agency, unit.id, month.first(), through).await?;
    let working: BTreeMap<String, i64> = dates(month.first(), through)
        .into_iter()
        .map(|d| (d, cal.day(d)))
        .filter(|(_, w)| w.is_working())
        .map(|(d, w)| (d.to_string(), w.expected_minutes as i64))
        .collect();

    let mut people: Vec<PersonRow> = Vec::new();
    loop {
        let after = people.last().map(|p| (p.name.clone(), p.id));
        let page = store::people_below(
            &mut c,
            agency.0,
            &unit.path,
            after.as_ref().map(|(n, i)| (n.as_str(), *i)),
            READ_PAGE,
        )
        .await?;
        let done = (page.len() as i64) < READ_PAGE;
        people.extend(page);
        if people.len() > MAX_PEOPLE {
            return Err(ServiceError::field(
                "unit",
                Message::TooManyPeople { max: MAX_PEOPLE },
            ));
        }
        if done {
            break;
        }
    }
    let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
    let (from, to) = (month.first().to_string(), through.to_string());
    let presence: BTreeMap<i64, RecapPresenceRow> =
        store::recap_presence(&mut c, agency.0, &ids, &from, &to, &today.to_string())
            .await?
            .into_iter()
            .map(|r| (r.employee_id, r))
            .collect();
    let corrections: BTreeMap<i64, i64> =
        store::recap_corrections(&mut c, agency.0, &ids, &from, &to)
            .await?
            .into_iter()
            .collect();
    let mut leave: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
    for (e, d) in store::leave_days_of(&mut c, agency.0, &ids, &from, &to).await? {
        if working.contains_key(&d) {
            leave.entry(e).or_default().insert(d);
        }
    }
    let full: i64 = working.values().sum();
    let lines = people
        .into_iter()
        .map(|p| {
            let pr = presence.get(&p.id).cloned().unwrap_or_default();
            let off = leave.get(&p.id);
            let leave_minutes: i64 = off
                .map(|days| days.iter().filter_map(|d| working.get(d)).sum())
                .unwrap_or(0);
            RecapLine {
                employee_id: p.id,
                nip: p.nip,
                name: p.name,
                unit_name: p.unit_name,
                working_days: working.len() as i64,
                leave_days: off.map(|d| d.len() as i64).unwrap_or(0),
                days_present: pr.days_present,
                office_days: pr.office_days,
                remote_days: pr.remote_days,
                other_days: pr.other_days,
                effective_minutes: pr.effective_minutes,
                required_minutes: full - leave_minutes,
                late_days: pr.late_days,
                missing_checkouts: pr.missing_checkouts,
                corrections: corrections.get(&p.id).copied().unwrap_or(0),
            }
        })
        .collect();
    Ok(Recap {
        working_days: working.len() as i64,
        unit,
        month,
        through,
        lines,
    })
}

/// The column headers, in the reader's language.
pub fn headers(locale: Locale) -> [&'static str; 14] {
    let id = [
        "NIP",
        "Nama",
        "Unit kerja",
        "Hari kerja",
        "Hari cuti",
        "Hari hadir",
        "Hadir di kantor",
        "Hadir dari rumah",
        "Hadir di lokasi lain",
        "Jam efektif",
        "Jam wajib",
        "Hari terlambat",
        "Tanpa presensi pulang",
        "Koreksi presensi",
    ];
    let en = [
        "NIP",
        "Name",
        "Unit",
        "Working days",
        "Leave days",
        "Days present",
        "At the office",
        "From home",
        "Elsewhere",
        "Effective hours",
        "Required hours",
        "Late days",
        "Missing check-outs",
        "Presence corrections",
    ];
    match locale {
        Locale::Id => id,
        Locale::En => en,
    }
}

/// The recap as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the
/// names right), comma-separated, hours with two decimals and a dot.
pub fn to_csv(r: &Recap, locale: Locale) -> Result<Vec<u8>> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let bad = |e: csv::Error| ServiceError::Internal(format!("csv: {e}"));
        w.write_record(headers(locale)).map_err(bad)?;
        for l in &r.lines {
            w.write_record(l.cells()).map_err(bad)?;
        }
        w.flush()
            .map_err(|e| ServiceError::Internal(format!("csv: {e}")))?;
    }
    Ok(out)
}

/// The recap as an XLSX workbook: one sheet, a bold header row kept in view, the NIP as
/// text (an 18-digit number would lose digits), hours as numbers with two decimals.
pub fn to_xlsx(r: &Recap, locale: Locale) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook, XlsxError};
    let bad = |e: XlsxError| ServiceError::Internal(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let two = Format::new().set_num_format("0.00");
    let sheet = book.add_worksheet();
    let title = match locale {
        Locale::Id => "Rekap",
        Locale::En => "Recap",
    };
    sheet
        .set_name(format!("{title} {}", r.month.code()))
        .map_err(bad)?;
    for (col, h) in headers(locale).iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *h, &bold)
            .map_err(bad)?;
    }
    for (i, l) in r.lines.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &l.nip).map_err(bad)?;
        sheet.write_string(row, 1, &l.name).map_err(bad)?;
        sheet.write_string(row, 2, &l.unit_name).map_err(bad)?;
        let counts = [
            (3, l.working_days),
            (4, l.leave_days),
            (5, l.days_present),
            (6, l.office_days),
            (7, l.remote_days),
            (8, l.other_days),
            (11, l.late_days),
            (12, l.missing_checkouts),
            (13, l.corrections),
        ];
        for (col, n) in counts {
            sheet.write_number(row, col, n as f64).map_err(bad)?;
        }
        for (col, minutes) in [(9, l.effective_minutes), (10, l.required_minutes)] {
            let h = (minutes as f64 / 60.0 * 100.0).round() / 100.0;
            sheet
                .write_number_with_format(row, col, h, &two)
                .map_err(bad)?;
        }
    }
    sheet.set_column_width(0, 21).map_err(bad)?;
    sheet.set_column_width(1, 30).map_err(bad)?;
    sheet.set_column_width(2, 30).map_err(bad)?;
    sheet.set_freeze_panes(1, 0).map_err(bad)?;
    book.save_to_buffer().map_err(bad)
}
