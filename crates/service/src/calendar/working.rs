//! The working days of a unit over a range of dates, as the API answers them: each date
//! worked or not and why, its holiday, start and expected minutes under the unit's policy.

use super::{for_unit, UnitCalendar};
use crate::{policy, Actor, App, Result, ServiceError};
use fleksi_domain::calendar::{parse_date, WorkDay};
use fleksi_domain::{FieldError, Message};
use fleksi_store::org::{self, UnitRow};
use jiff::civil::Date;
use jiff::ToSpan;

/// A range is at most this many days (a year, leap day included).
pub const MAX_RANGE_DAYS: usize = 366;

pub struct WorkingDays {
    pub unit: UnitRow,
    pub calendar: UnitCalendar,
    pub days: Vec<(Date, WorkDay)>,
}

/// The dates from `from` to `to`, or the name of what is wrong with the range.
fn dates(from: Date, to: Date) -> std::result::Result<Vec<Date>, FieldError> {
    if from > to {
        return Err(FieldError::new(
            "to",
            Message::text_of(
                "tanggal akhir tidak boleh sebelum tanggal awal",
                "the last date must not be before the first",
            ),
        ));
    }
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        if out.len() == MAX_RANGE_DAYS {
            return Err(FieldError::new(
                "to",
                Message::text_of(
                    format!("rentang paling panjang {MAX_RANGE_DAYS} hari"),
                    format!("the range is at most {MAX_RANGE_DAYS} days"),
                ),
            ));
        }
        out.push(d);
        match d.checked_add(1.day()) {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    Ok(out)
}

/// The unit's days from `from` to `to` (both `YYYY-MM-DD`, at most a year). Bad input is
/// named by its parameter (`unit`, `from`, `to`); another agency's unit is not found; a
/// unit the actor may not read is forbidden.
pub async fn working_days(
    app: &App,
    actor: &Actor,
    unit: &str,
    from: &str,
    to: &str,
) -> Result<WorkingDays> {
    let agency = actor.agency()?;
    let mut errors = Vec::new();
    let unit_id = match unit.trim().parse::<i64>() {
        Ok(id) if id > 0 => Some(id),
        _ if unit.trim().is_empty() => {
            errors.push(FieldError::new("unit", Message::Required));
            None
        }
        _ => {
            errors.push(FieldError::new("unit", Message::InvalidNumber));
            None
        }
    };
    let mut parse = |field: &str, s: &str| match parse_date(s) {
        Ok(d) => Some(d),
        Err(_) if s.trim().is_empty() => {
            errors.push(FieldError::new(field, Message::Required));
            None
        }
        Err(m) => {
            errors.push(FieldError::new(field, m));
            None
        }
    };
    let (from, to) = (parse("from", from), parse("to", to));
    let range = match (from, to) {
        (Some(f), Some(t)) => match dates(f, t) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(e);
                None
            }
        },
        _ => None,
    };
    let (Some(unit_id), Some(range), true) = (unit_id, range, errors.is_empty()) else {
        return Err(ServiceError::Invalid(errors));
    };
    let mut c = app.db.conn().await?;
    let unit = org::get_unit(&mut c, agency.0, unit_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !policy::may_read_unit(&mut c, actor, agency, &unit).await? {
        return Err(ServiceError::Forbidden);
    }
    let (first, last) = (range[0], range[range.len() - 1]);
    let calendar = for_unit(&mut c, agency, unit.id, first, last).await?;
    let days = range.into_iter().map(|d| (d, calendar.day(d))).collect();
    Ok(WorkingDays {
        unit,
        calendar,
        days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_range_is_ordered_and_at_most_a_year() {
        assert_eq!(dates(date(2026, 1, 1), date(2026, 1, 1)).unwrap().len(), 1);
        assert_eq!(
            dates(date(2028, 1, 1), date(2028, 12, 31)).unwrap().len(),
            366
        );
        assert_eq!(
            dates(date(2026, 1, 2), date(2026, 1, 1)).unwrap_err().field,
            "to"
        );
        assert_eq!(
            dates(date(2026, 1, 1), date(2027, 1, 1)).unwrap().len(),
            366
        );
        assert!(dates(date(2026, 1, 1), date(2027, 1, 2)).is_err());
    }
}
