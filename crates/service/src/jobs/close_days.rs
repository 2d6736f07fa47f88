//! Closing a unit's working day (issue 5: "a reminder when it is missing at the end of
//! the working day"). Once the day's regular end has passed in the unit's zone, every
//! person placed in the unit who worked that day (not on leave or training) is counted as
//! due to report — the denominator of the submission rate — and whoever has not reported
//! gets a reminder. Each unit and date is closed once (`unit_day_closes`), so running
//! again, or two runners at once, counts and reminds once.
//!
//! Yesterday is looked at too, so a day whose end passed while the server was down is
//! still closed.

use crate::calendar;
use crate::{App, Result};
use fleksi_domain::performance::WorkPlace;
use fleksi_domain::timezone::Zone;
use fleksi_domain::AgencyId;
use fleksi_store::audit::{self as audit_store, NewEntry};
use fleksi_store::dashboard::{self as store, UnitDelta};
use fleksi_store::notification::{self, NewNotification};
use fleksi_store::org::UnitRow;
use fleksi_store::{agency, commit, org, Millis};
use jiff::civil::{Date, Time};
use jiff::Span;

pub const KIND: &str = "reports.close_days";

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Closed {
    pub unit_days: usize,
    pub due: usize,
    pub reminded: usize,
}

/// Closes every unit day whose working day has ended and is not closed yet.
pub async fn run(app: &App) -> Result<Closed> {
    let now = app.clock.now();
    let mut out = Closed::default();
    let agencies = {
        let mut c = app.db.conn().await?;
        agency::list(&mut c).await?
    };
    for a in agencies {
        let units = {
            let mut c = app.db.conn().await?;
            org::list_units(&mut c, a.id).await?
        };
        for u in units {
            let zone = Zone::parse(&u.time_zone).unwrap_or_default();
            let local = now.to_zoned(zone.tz());
            let today = local.date();
            let yesterday = today.checked_sub(Span::new().days(1)).unwrap_or(today);
            for date in [yesterday, today] {
                // No regular working day ends before noon: the rest of the morning is skipped
                // without reading the unit's calendar.
                if date == today && local.time() < Time::constant(12, 0, 0, 0) {
                    continue;
                }
                let mut c = app.db.conn().await?;
                if store::is_closed(&mut c, u.id, &date.to_string()).await? {
                    continue;
                }
                let cal = calendar::for_unit(&mut c, AgencyId(a.id), u.id, date, date).await?;
                drop(c);
                let day = cal.day(date);
                if date == today && day.is_working() {
                    let m = day.end().minutes();
                    let end = Time::new((m / 60) as i8, (m % 60) as i8, 0, 0)
                        .unwrap_or(Time::constant(16, 0, 0, 0));
                    if local.time() < end {
                        continue;
                    }
                }
                let (due, reminded) =
                    close(app, &u, date, day.is_working(), now.as_millisecond()).await?;
                out.unit_days += 1;
                out.due += due;
                out.reminded += reminded;
            }
        }
    }
    Ok(out)
}

/// Closes one unit's day: who was due, the unit's due totals, the reminders. Nothing when
/// another runner closed it first.
async fn close(
    app: &App,
    u: &UnitRow,
    date: Date,
    working: bool,
    now: Millis,
) -> Result<(usize, usize)> {
    let d = date.to_string();
    let mut tx = app.db.begin().await?;
    let people = if working {
        store::people_of_unit_on(&mut tx, u.agency_id, u.id, &d).await?
    } else {
        vec![]
    };
    let due: Vec<(i64, String)> = people
        .iter()
        .filter_map(|p| {
            WorkPlace::of_location(p.location.as_deref())
                .map(|pl| (p.employee_id, pl.code().to_string()))
        })
        .collect();
    let newly = store::mark_due(&mut tx, u.agency_id, u.id, &d, &due, now).await?;
    let mut deltas: Vec<UnitDelta> = Vec::new();
    for n in &newly {
        deltas.push(UnitDelta {
            agency_id: u.agency_id,
            unit_id: u.id,
            date: d.clone(),
            place: n.place.clone(),
            due: 1,
            due_reported: n.reported.min(1),
            ..UnitDelta::default()
        });
    }
    store::add_to_unit_days(&mut tx, &deltas, now).await?;
    let missing: Vec<i64> = newly
        .iter()
        .filter(|n| n.reported == 0)
        .map(|n| n.employee_id)
        .collect();
    let notes: Vec<NewNotification> = missing
        .iter()
        .map(|e| NewNotification {
            employee_id: *e,
            kind: "report.reminder".into(),
            text_id: format!("Laporan harian tanggal {d} belum diisi. Isi sekarang agar atasan mengetahui progres Anda."),
            text_en: format!("Your daily report for {d} is missing. Fill it in so your supervisor sees your progress."),
            link: Some(format!("/reports?date={d}")),
        })
        .collect();
    notification::insert_many(&mut tx, u.agency_id, &notes, now).await?;
    store::set_reminded(&mut tx, u.agency_id, &missing, &d, now).await?;
    if !store::insert_close(
        &mut tx,
        u.agency_id,
        u.id,
        &d,
        newly.len() as i64,
        missing.len() as i64,
        now,
    )
    .await?
    {
        // Closed by another runner meanwhile: take all of this back.
        return Ok((0, 0));
    }
    audit_store::append(
        &mut tx,
        &[NewEntry {
            agency_id: Some(u.agency_id),
            actor_user_id: None,
            actor_label: "system".into(),
            action: "report.close_day".into(),
            record_type: "unit_day".into(),
            record_id: format!("{}:{d}", u.id),
            unit_path: Some(u.path.clone()),
            at: now,
            ..NewEntry::default()
        }
        .after(
            &serde_json::json!({"working": working, "due": newly.len(), "reminded": missing.len()}),
        )],
    )
    .await?;
    commit(tx).await?;
    Ok((newly.len(), missing.len()))
}
