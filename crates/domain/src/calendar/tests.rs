use super::*;
use crate::policy::WorkDays;
use jiff::civil::date;

#[test]
fn the_2026_list_has_17_holidays_and_8_joint_leave_days() {
    let days = builtin_holidays(2026);
    let holidays = days
        .iter()
        .filter(|h| h.kind == HolidayKind::Holiday)
        .count();
    let joint = days
        .iter()
        .filter(|h| h.kind == HolidayKind::JointLeave)
        .count();
    assert_eq!((holidays, joint), (17, 8));
    // spot checks against RULES.md
    assert!(days
        .iter()
        .any(|h| h.date == date(2026, 3, 19) && h.kind == HolidayKind::Holiday));
    assert!(days
        .iter()
        .any(|h| h.date == date(2026, 12, 24) && h.kind == HolidayKind::JointLeave));
}

#[test]
fn every_built_in_year_is_sorted_unique_and_in_its_year() {
    for year in BUILTIN_YEARS {
        let days = builtin_holidays(year);
        assert!(days.len() >= 17, "{year}");
        assert!(days.windows(2).all(|w| w[0].date < w[1].date), "{year}");
        assert!(days.iter().all(|h| h.date.year() == year));
        let holidays = days
            .iter()
            .filter(|h| h.kind == HolidayKind::Holiday)
            .count();
        assert_eq!(holidays, 17, "{year}");
        let (first, last, _) = builtin_ramadan(year).unwrap();
        assert!(first < last && first.year() == year);
    }
    assert!(builtin_holidays(2030).is_empty());
}

#[test]
fn a_regular_week_is_37_and_a_half_hours_per_perpres_21_2023() {
    let p = Policy::default();
    // Monday 2026-11-23 … Friday 2026-11-27
    let week: Vec<_> = (23..=27)
        .map(|d| work_day(&p, date(2026, 11, d), None, false))
        .collect();
    assert_eq!(week.iter().map(|d| d.expected_minutes).sum::<u32>(), 2250);
    assert_eq!(week[0].end().to_string(), "16:00");
    assert_eq!(week[4].end().to_string(), "16:30");
    assert_eq!(week[4].break_start.to_string(), "11:30");
    let saturday = work_day(&p, date(2026, 11, 28), None, false);
    assert_eq!(saturday.off, Some(DayOff::Weekend));
    assert_eq!(saturday.expected_minutes, 0);
}

#[test]
fn ramadan_is_32_and_a_half_hours_from_eight() {
    let p = Policy::default();
    let week: Vec<_> = (2..=6)
        .map(|d| work_day(&p, date(2026, 3, d), None, true))
        .collect();
    assert_eq!(week.iter().map(|d| d.expected_minutes).sum::<u32>(), 1950);
    assert_eq!(week[0].start.to_string(), "08:00");
    assert_eq!(week[0].break_minutes, 30);
    assert_eq!(week[4].break_minutes, 60);
}

#[test]
fn holidays_and_joint_leave_are_days_off() {
    let p = Policy::default();
    let d = work_day(&p, date(2026, 3, 18), Some(HolidayKind::JointLeave), false);
    assert_eq!((d.off, d.expected_minutes), (Some(DayOff::JointLeave), 0));
    let d = work_day(&p, date(2026, 3, 19), Some(HolidayKind::Holiday), false);
    assert_eq!(d.off, Some(DayOff::Holiday));
}

#[test]
fn a_six_day_service_unit_spreads_the_week_over_six_days() {
    let p = Policy {
        work_days: WorkDays((1..=6).collect()),
        ..Policy::default()
    };
    let saturday = work_day(&p, date(2026, 11, 28), None, false);
    assert!(saturday.is_working());
    assert_eq!(saturday.expected_minutes, 375);
}

#[test]
fn dates_are_strict() {
    assert_eq!(parse_date("2026-02-28").unwrap(), date(2026, 2, 28));
    for bad in ["2026-02-30", "2026-2-3", "26-02-03", "", "2026-13-01"] {
        assert!(parse_date(bad).is_err(), "{bad}");
    }
}
