//! The national calendar as people read and change it: a year's holidays and cuti bersama,
//! its Ramadan, and adding a year. Everyone signed in reads; only system administrators
//! change (the lists are national, set by the SKB 3 Menteri). Every change is audited.

use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::calendar::{parse_date, HolidayKind};
use fleksi_domain::org::bounded_text;
use fleksi_domain::{FieldError, Message};
use fleksi_store::calendar::{self as store, HolidayRow, NewHoliday, RamadanRow};
use fleksi_store::{audit as audit_store, commit};
use jiff::civil::{date, Date};

/// Years the calendar accepts.
pub const FIRST_YEAR: i16 = 2000;
pub const LAST_YEAR: i16 = 2100;

/// A year as typed (`2026`), or the message for the `year` field.
pub fn parse_year(s: &str) -> std::result::Result<i16, Message> {
    match s.trim().parse::<i16>() {
        Ok(y) if (FIRST_YEAR..=LAST_YEAR).contains(&y) => Ok(y),
        Ok(_) => Err(Message::OutOfRange {
            min: FIRST_YEAR.to_string(),
            max: LAST_YEAR.to_string(),
        }),
        Err(_) if s.trim().is_empty() => Err(Message::Required),
        Err(_) => Err(Message::InvalidNumber),
    }
}

fn year_field(s: &str) -> Result<i16> {
    parse_year(s).map_err(|m| ServiceError::field("year", m))
}

/// Reading the calendar: anyone signed in (a pending second-factor enrolment aside).
fn may_read(actor: &Actor) -> Result<()> {
    actor.ensure_active()
}

fn may_change(actor: &Actor) -> Result<()> {
    actor.ensure_active()?;
    if actor.access.is_system_admin() {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// One year of the national calendar.
pub struct YearView {
    pub year: i16,
    pub holidays: Vec<HolidayRow>,
    pub ramadan: Option<RamadanRow>,
    /// Every year the calendar knows, for the year picker.
    pub years: Vec<i64>,
}

/// The holidays and cuti bersama of a year (by date) and its Ramadan.
pub async fn year(app: &App, actor: &Actor, year: &str) -> Result<YearView> {
    may_read(actor)?;
    let year = year_field(year)?;
    let mut c = app.db.conn().await?;
    let (first, last) = (date(year, 1, 1), date(year, 12, 31));
    let holidays = store::holidays_between(&mut c, &first.to_string(), &last.to_string()).await?;
    let ramadan = store::ramadan_of_year(&mut c, year as i64).await?;
    let years = store::years(&mut c).await?;
    Ok(YearView {
        year,
        holidays,
        ramadan,
        years,
    })
}

/// A holiday as typed in the form.
#[derive(Debug, Clone, Default)]
pub struct HolidayForm {
    pub date: String,
    pub name: String,
    pub name_en: String,
    pub kind: String,
    pub estimate: bool,
}

fn parse_holiday(f: &HolidayForm) -> Result<NewHoliday> {
    let mut errors = Vec::new();
    let date = parse_date(&f.date)
        .map_err(|m| errors.push(FieldError::new("date", m)))
        .ok();
    if let Some(d) = date {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&d.year()) {
            errors.push(FieldError::new(
                "date",
                Message::OutOfRange {
                    min: FIRST_YEAR.to_string(),
                    max: LAST_YEAR.to_string(),
                },
            ));
        }
    }
    let name = bounded_text(&f.name, 150, true)
        .map_err(|m| errors.push(FieldError::new("name", m)))
        .ok()
        .flatten();
    let name_en = bounded_text(&f.name_en, 150, false)
        .map_err(|m| errors.push(FieldError::new("name_en", m)))
        .ok()
        .flatten();
    let kind = HolidayKind::parse(&f.kind)
        .map_err(|m| errors.push(FieldError::new("kind", m)))
        .ok();
    match (date, name, kind, errors.is_empty()) {
        (Some(date), Some(name), Some(kind), true) => Ok(NewHoliday {
            date: date.to_string(),
            name_en: name_en.unwrap_or_else(|| name.clone()),
            name,
            kind: kind.code().to_string(),
            estimate: f.estimate,
        }),
        _ => Err(ServiceError::Invalid(errors)),
    }
}

/// Adds a holiday or cuti bersama day; a date that has one already is refused.
pub async fn add_holiday(app: &App, actor: &Actor, form: &HolidayForm) -> Result<()> {
    may_change(actor)?;
    let h = parse_holiday(form)?;
    let mut tx = app.db.begin().await?;
    if !store::insert_holiday(&mut tx, &h, app.now()).await? {
        return Err(ServiceError::Conflict(FieldError::new(
            "date",
            Message::AlreadyExists,
        )));
    }
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "holiday.create", "holiday", &h.date).after(&h)],
    )
    .await?;
    commit(tx).await?;
    app.calendars.clear();
    Ok(())
}

/// Changes the name, kind or estimate flag of the holiday on `form.date`.
pub async fn change_holiday(app: &App, actor: &Actor, form: &HolidayForm) -> Result<()> {
    may_change(actor)?;
    let h = parse_holiday(form)?;
    let mut tx = app.db.begin().await?;
    let before = store::holiday(&mut tx, &h.date)
        .await?
        .ok_or(ServiceError::NotFound)?;
    store::update_holiday(&mut tx, &h, app.now()).await?;
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "holiday.update", "holiday", &h.date)
                .before(&before)
                .after(&h),
        ],
    )
    .await?;
    commit(tx).await?;
    app.calendars.clear();
    Ok(())
}

pub async fn delete_holiday(app: &App, actor: &Actor, date: &str) -> Result<()> {
    may_change(actor)?;
    let date = parse_date(date).map_err(|m| ServiceError::field("date", m))?;
    let mut tx = app.db.begin().await?;
    let before = store::holiday(&mut tx, &date.to_string())
        .await?
        .ok_or(ServiceError::NotFound)?;
    store::delete_holiday(&mut tx, &before.date).await?;
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "holiday.delete", "holiday", &before.date).before(&before)],
    )
    .await?;
    commit(tx).await?;
    app.calendars.clear();
    Ok(())
}

/// The holidays whose date never moves (Tahun Baru, Hari Buruh, Hari Lahir Pancasila,
/// Kemerdekaan, Natal): a year added by hand starts with them; the rest (Islamic, Chinese,
/// Balinese and Christian movable feasts, cuti bersama) come from the year's SKB.
const FIXED: [(i8, i8, &str, &str); 5] = [
    (1, 1, "Tahun Baru Masehi", "New Year's Day"),
    (5, 1, "Hari Buruh Internasional", "International Labour Day"),
    (6, 1, "Hari Lahir Pancasila", "Pancasila Day"),
    (
        8,
        17,
        "Hari Kemerdekaan Republik Indonesia",
        "Independence Day",
    ),
    (12, 25, "Kelahiran Yesus Kristus", "Christmas Day"),
];

/// Adds a year to the calendar, starting with its fixed-date holidays. A year already
/// there is refused (its list is edited instead).
pub async fn add_year(app: &App, actor: &Actor, year: &str) -> Result<i16> {
    may_change(actor)?;
    let year = year_field(year)?;
    let mut tx = app.db.begin().await?;
    let known = store::years(&mut tx).await?;
    if known.contains(&(year as i64))
        || !store::claim_year(&mut tx, year as i64, "manual", app.now()).await?
    {
        return Err(ServiceError::Conflict(FieldError::new(
            "year",
            Message::AlreadyExists,
        )));
    }
    let rows: Vec<NewHoliday> = FIXED
        .iter()
        .map(|(m, d, id, en)| NewHoliday {
            date: date(year, *m, *d).to_string(),
            name: id.to_string(),
            name_en: en.to_string(),
            kind: HolidayKind::Holiday.code().to_string(),
            estimate: false,
        })
        .collect();
    store::insert_holidays_missing(&mut tx, &rows, app.now()).await?;
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "calendar_year.create", "calendar_year", year).after(&rows)],
    )
    .await?;
    commit(tx).await?;
    app.calendars.clear();
    Ok(year)
}

/// Ramadan as typed: the year it starts in, its first and last day.
#[derive(Debug, Clone, Default)]
pub struct RamadanForm {
    pub year: String,
    pub first_day: String,
    pub last_day: String,
    pub estimate: bool,
}

/// Sets the Ramadan of a year: it starts in that year and lasts at most 31 days (no
/// fixed 29–30, so an estimate can be entered before the decree fixes the dates).
pub async fn set_ramadan(app: &App, actor: &Actor, form: &RamadanForm) -> Result<()> {
    may_change(actor)?;
    let mut errors = Vec::new();
    let year = parse_year(&form.year)
        .map_err(|m| errors.push(FieldError::new("year", m)))
        .ok();
    let first = parse_date(&form.first_day)
        .map_err(|m| errors.push(FieldError::new("first_day", m)))
        .ok();
    let last = parse_date(&form.last_day)
        .map_err(|m| errors.push(FieldError::new("last_day", m)))
        .ok();
    if let (Some(y), Some(f)) = (year, first) {
        if f.year() != y {
            errors.push(FieldError::new(
                "first_day",
                Message::text_of(
                    "hari pertama harus dalam tahun yang dipilih",
                    "the first day must be in the chosen year",
                ),
            ));
        }
    }
    if let (Some(f), Some(l)) = (first, last) {
        if !ramadan_length_ok(f, l) {
            errors.push(FieldError::new(
                "last_day",
                Message::text_of(
                    "Ramadan berlangsung 1 sampai 31 hari sejak hari pertamanya",
                    "Ramadan lasts 1 to 31 days from its first day",
                ),
            ));
        }
    }
    let (Some(year), Some(first), Some(last), true) = (year, first, last, errors.is_empty()) else {
        return Err(ServiceError::Invalid(errors));
    };
    let mut tx = app.db.begin().await?;
    let before = store::ramadan_of_year(&mut tx, year as i64).await?;
    store::put_ramadan(
        &mut tx,
        year as i64,
        &first.to_string(),
        &last.to_string(),
        form.estimate,
        app.now(),
    )
    .await?;
    let after = serde_json::json!({"year": year, "first_day": first.to_string(), "last_day": last.to_string(), "estimate": form.estimate});
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "ramadan.set", "ramadan", year)
            .before_opt(before.as_ref())
            .after(&after)],
    )
    .await?;
    commit(tx).await?;
    app.calendars.clear();
    Ok(())
}

fn ramadan_length_ok(first: Date, last: Date) -> bool {
    last >= first
        && first
            .until(last)
            .map(|s| s.get_days() <= 30)
            .unwrap_or(false)
}

pub async fn delete_ramadan(app: &App, actor: &Actor, year: &str) -> Result<()> {
    may_change(actor)?;
    let year = year_field(year)?;
    let mut tx = app.db.begin().await?;
    let before = store::ramadan_of_year(&mut tx, year as i64)
        .await?
        .ok_or(ServiceError::NotFound)?;
    store::delete_ramadan(&mut tx, year as i64).await?;
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "ramadan.delete", "ramadan", year).before(&before)],
    )
    .await?;
    commit(tx).await?;
    app.calendars.clear();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_bounded_and_named() {
        assert_eq!(parse_year(" 2026 "), Ok(2026));
        assert_eq!(parse_year(""), Err(Message::Required));
        assert_eq!(parse_year("dua"), Err(Message::InvalidNumber));
        assert!(matches!(
            parse_year("1999"),
            Err(Message::OutOfRange { .. })
        ));
        assert!(matches!(parse_year("99999"), Err(Message::InvalidNumber)));
    }

    #[test]
    fn ramadan_is_a_month_at_most() {
        assert!(ramadan_length_ok(date(2026, 2, 19), date(2026, 3, 20)));
        assert!(ramadan_length_ok(date(2026, 2, 19), date(2026, 2, 19)));
        assert!(!ramadan_length_ok(date(2026, 2, 19), date(2026, 2, 18)));
        assert!(!ramadan_length_ok(date(2026, 2, 19), date(2026, 3, 22)));
    }
}
