//! A unit's month of output per person, as an XLSX workbook (issue 5: "the unit's recap as
//! XLSX"): reports due and in, work results and blocked items, tasks done on time or late,
//! the mean time to first response, days in and away from the office, and the predikat of
//! the evaluation period holding the month. For the unit's readers only, like its
//! dashboard; read from the running totals of at most `MAX_PEOPLE` people.

use crate::schedule::{unit_param, Viewer};
use crate::{Actor, App, Result, ServiceError};
use fleksi_domain::performance::{Period, Predikat, Totals};
use fleksi_domain::roster::Month;
use fleksi_domain::Locale;
use fleksi_store::dashboard as store;
use fleksi_store::org::UnitRow;
use fleksi_store::schedule::{self as people, PersonRow};
use std::collections::BTreeMap;

/// A recap lists at most this many people.
pub const MAX_PEOPLE: usize = 10_000;
const READ_PAGE: i64 = 1_000;

#[derive(Debug, Clone)]
pub struct Line {
    pub person: PersonRow,
    pub totals: Totals,
    pub office_days: i64,
    pub remote_days: i64,
    pub predikat: Option<Predikat>,
}

#[derive(Debug, Clone)]
pub struct Recap {
    pub unit: UnitRow,
    pub month: Month,
    pub period: Period,
    pub lines: Vec<Line>,
}

/// The month's recap of unit `unit` (an id).
pub async fn recap(app: &App, actor: &Actor, unit: &str, month: &str) -> Result<Recap> {
    let mut c = app.db.conn().await?;
    let viewer = Viewer::load(&mut c, actor).await?;
    if !viewer.reads_any_unit(actor) {
        return Err(ServiceError::Forbidden);
    }
    let u = unit_param(&mut c, viewer.agency, unit, "unit").await?;
    if !viewer.reads_unit(actor, &u) {
        return Err(ServiceError::Forbidden);
    }
    let today = crate::report::today_of(app, &u.time_zone);
    let month = if month.trim().is_empty() {
        Month::of(today)
    } else {
        Month::parse(month).map_err(|m| ServiceError::field("month", m))?
    };
    let kind = crate::evaluation::settings::kind_of(&mut c, u.agency_id).await?;
    let period = Period::containing(kind, month.first());
    let mut persons: Vec<PersonRow> = Vec::new();
    loop {
        let after = persons.last().map(|p| (p.name.clone(), p.id));
        let page = people::people_below(
            &mut c,
            u.agency_id,
            &u.path,
            after.as_ref().map(|(n, i)| (n.as_str(), *i)),
            READ_PAGE,
        )
        .await?;
        let done = (page.len() as i64) < READ_PAGE;
        persons.extend(page);
        if done || persons.len() >= MAX_PEOPLE {
            break;
        }
    }
    persons.truncate(MAX_PEOPLE);
    let ids: Vec<i64> = persons.iter().map(|p| p.id).collect();
    let mut by_person: BTreeMap<i64, (Totals, i64, i64)> = BTreeMap::new();
    for d in store::person_days(
        &mut c,
        u.agency_id,
        &ids,
        &month.first().to_string(),
        &month.last().to_string(),
    )
    .await?
    {
        let e = by_person.entry(d.employee_id).or_default();
        e.0.add(&Totals {
            due: d.due,
            due_reported: d.due * d.reported,
            reports: d.reported,
            items: d.items,
            items_done: d.items_done,
            items_blocked: d.items_blocked,
            tasks_done: d.tasks_done,
            tasks_on_time: d.tasks_on_time,
            tasks_late: d.tasks_late,
            responses: d.responses,
            response_ms: d.response_ms,
        });
        if d.due > 0 || d.reported > 0 {
            if d.place == "remote" {
                e.2 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    let predikat: BTreeMap<i64, Predikat> =
        fleksi_store::evaluation::of_people(&mut c, u.agency_id, &ids, &period.code())
            .await?
            .into_iter()
            .filter_map(|e| Some((e.employee_id, Predikat::parse(e.predikat.as_deref()?).ok()?)))
            .collect();
    let lines = persons
        .into_iter()
        .map(|p| {
            let (totals, office_days, remote_days) = by_person.remove(&p.id).unwrap_or_default();
            Line {
                predikat: predikat.get(&p.id).copied(),
                person: p,
                totals,
                office_days,
                remote_days,
            }
        })
        .collect();
    Ok(Recap {
        unit: u,
        month,
        period,
        lines,
    })
}

pub fn headers(locale: Locale) -> [&'static str; 15] {
    match locale {
        Locale::Id => [
            "NIP",
            "Nama",
            "Unit kerja",
            "Hari wajib lapor",
            "Laporan masuk",
            "Pengisian (%)",
            "Hasil kerja",
            "Terhambat",
            "Tugas selesai",
            "Tepat waktu",
            "Terlambat",
            "Rata-rata tanggapan (jam)",
            "Hari di kantor",
            "Hari di luar kantor",
            "Predikat",
        ],
        Locale::En => [
            "NIP",
            "Name",
            "Unit",
            "Days due",
            "Reports in",
            "Submitted (%)",
            "Work results",
            "Blocked",
            "Tasks done",
            "On time",
            "Late",
            "Mean first response (hours)",
            "Office days",
            "Remote days",
            "Predikat",
        ],
    }
}

/// The recap as an XLSX workbook: one sheet, a bold header row, the NIP as text (an
/// 18-digit number would lose digits), rates and hours as numbers.
pub fn to_xlsx(r: &Recap, locale: Locale) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook, XlsxError};
    let bad = |e: XlsxError| ServiceError::Internal(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let one = Format::new().set_num_format("0.0");
    let sheet = book.add_worksheet();
    let title = match locale {
        Locale::Id => "Kinerja",
        Locale::En => "Output",
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
        let t = &l.totals;
        sheet.write_string(row, 0, &l.person.nip).map_err(bad)?;
        sheet.write_string(row, 1, &l.person.name).map_err(bad)?;
        sheet
            .write_string(row, 2, &l.person.unit_name)
            .map_err(bad)?;
        for (col, n) in [
            (3, t.due),
            (4, t.due_reported),
            (6, t.items),
            (7, t.items_blocked),
            (8, t.tasks_done),
            (9, t.tasks_on_time),
            (10, t.tasks_late),
            (12, l.office_days),
            (13, l.remote_days),
        ] {
            sheet.write_number(row, col, n as f64).map_err(bad)?;
        }
        for (col, v) in [(5, t.submission_rate()), (11, t.mean_response_hours())] {
            if let Some(v) = v {
                sheet
                    .write_number_with_format(row, col, v, &one)
                    .map_err(bad)?;
            }
        }
        if let Some(p) = l.predikat {
            sheet.write_string(row, 14, p.label()).map_err(bad)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(bad)?;
    sheet.autofit();
    book.save_to_buffer().map_err(bad)
}
