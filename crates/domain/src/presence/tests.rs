use super::*;
use crate::calendar::{work_day, HolidayKind};
use jiff::civil::date;
use proptest::prelude::*;

fn hm(h: u32, m: u32) -> Minute {
    h * 60 + m
}

/// Monday 2026-11-23, a normal working day under the national defaults.
fn monday() -> WorkDay {
    work_day(&Policy::default(), date(2026, 11, 23), None, false)
}

fn friday() -> WorkDay {
    work_day(&Policy::default(), date(2026, 11, 27), None, false)
}

#[test]
fn regular_hours_are_late_after_the_day_start_and_dynamic_after_the_window() {
    let p = Policy::default();
    let day = monday();
    let regular = allowed_latest_start(&day, &p, TimeMode::Regular, None);
    let dynamic = allowed_latest_start(&day, &p, TimeMode::Dynamic, None);
    assert_eq!(regular, TimeOfDay::hm(7, 30));
    assert_eq!(dynamic, TimeOfDay::hm(8, 30));
    assert_eq!(late_minutes(hm(8, 10), regular), 40);
    assert_eq!(late_minutes(hm(8, 10), dynamic), 0);
    assert_eq!(late_minutes(hm(7, 30), regular), 0);
    assert_eq!(late_minutes(hm(6, 0), regular), 0);
}

#[test]
fn a_shift_is_late_after_its_own_start() {
    let p = Policy::default();
    let day = monday();
    let start = Some(TimeOfDay::hm(14, 0));
    let latest = allowed_latest_start(&day, &p, TimeMode::Shift, start);
    assert_eq!(latest, TimeOfDay::hm(14, 0));
    assert_eq!(late_minutes(hm(14, 5), latest), 5);
    // a shift without a set start falls back to the day's start
    assert_eq!(
        allowed_latest_start(&day, &p, TimeMode::Shift, None),
        TimeOfDay::hm(7, 30)
    );
}

#[test]
fn ramadan_starts_later() {
    let p = Policy::default();
    let day = work_day(&p, date(2026, 2, 23), None, true);
    assert_eq!(
        allowed_latest_start(&day, &p, TimeMode::Regular, None),
        TimeOfDay::hm(8, 0)
    );
}

#[test]
fn effective_minutes_leave_out_the_break() {
    let day = monday(); // break 12:00 for 60 minutes
    let m = |i, o| effective_minutes(i, o, day.break_start, day.break_minutes);
    assert_eq!(m(hm(7, 30), hm(16, 0)), 450); // 8 h 30 span − 60 break = 7 h 30
    assert_eq!(m(hm(7, 30), hm(11, 0)), 210); // before the break
    assert_eq!(m(hm(13, 0), hm(16, 0)), 180); // after it
    assert_eq!(m(hm(12, 30), hm(14, 0)), 60); // starts in it: only 13:00–14:00
    assert_eq!(m(hm(11, 0), hm(12, 30)), 60); // ends in it
    assert_eq!(m(hm(12, 10), hm(12, 50)), 0); // inside it
    assert_eq!(m(hm(16, 0), hm(7, 30)), 0); // never negative
}

#[test]
fn friday_has_the_longer_earlier_break() {
    let day = friday(); // 11:30 for 90 minutes
    assert_eq!(day.break_start, TimeOfDay::hm(11, 30));
    assert_eq!(day.break_minutes, 90);
    assert_eq!(
        effective_minutes(hm(7, 30), hm(16, 30), day.break_start, day.break_minutes),
        450
    );
}

#[test]
fn core_hours_need_the_whole_band() {
    let (s, e) = (hm(9, 0), hm(15, 0));
    assert!(core_hours_met(hm(7, 30), hm(16, 0), s, e));
    assert!(core_hours_met(hm(9, 0), hm(15, 0), s, e));
    assert!(!core_hours_met(hm(9, 1), hm(16, 0), s, e));
    assert!(!core_hours_met(hm(7, 30), hm(14, 59), s, e));
}

#[test]
fn a_week_requires_its_working_days_only() {
    let p = Policy::default();
    let week: Vec<WorkDay> = (23..=29)
        .map(|d| work_day(&p, date(2026, 11, d), None, false))
        .collect();
    assert_eq!(week_required_minutes(&week), 5 * 450);
    // Christmas week 2026: 24 Dec cuti bersama, 25 Dec holiday
    let christmas: Vec<WorkDay> = (21..=27)
        .map(|d| {
            let h = match d {
                24 => Some(HolidayKind::JointLeave),
                25 => Some(HolidayKind::Holiday),
                _ => None,
            };
            work_day(&p, date(2026, 12, d), h, false)
        })
        .collect();
    assert_eq!(week_required_minutes(&christmas), 3 * 450);
}

#[test]
fn totals_of_a_day() {
    let p = Policy::default();
    let rule = DayRule::new(&monday(), &p, TimeMode::Regular, None);
    let open = day_totals(&rule, Some(hm(8, 10)), None);
    assert_eq!(
        open,
        DayTotals {
            late_minutes: 40,
            effective_minutes: 0,
            core_hours_met: false
        }
    );
    let closed = day_totals(&rule, Some(hm(8, 10)), Some(hm(16, 40)));
    assert_eq!(closed.effective_minutes, 450);
    assert!(closed.core_hours_met);
    assert_eq!(day_totals(&rule, None, None), DayTotals::default());
    // a day off is never late and has no core hours
    let saturday = work_day(&p, date(2026, 11, 28), None, false);
    let off = DayRule::new(&saturday, &p, TimeMode::Regular, None);
    let t = day_totals(&off, Some(hm(10, 0)), Some(hm(12, 0)));
    assert_eq!(
        (t.late_minutes, t.effective_minutes, t.core_hours_met),
        (0, 120, false)
    );
}

#[test]
fn a_night_shift_runs_past_midnight() {
    let p = Policy::default();
    let rule = DayRule::new(&monday(), &p, TimeMode::Shift, Some(TimeOfDay::hm(22, 0)));
    assert_eq!(
        (rule.core_start, rule.core_end),
        (hm(22, 0), hm(22, 0) + 450 + 60)
    );
    let t = day_totals(&rule, Some(hm(22, 0)), Some(hm(24 + 6, 30)));
    // 8 h 30 span; the 12:00 break lies outside it
    assert_eq!(t.effective_minutes, 510);
    assert!(t.core_hours_met);
    assert_eq!(clock_text(hm(24 + 6, 30)), "06:30 (+1)");
    assert_eq!(clock_text(hm(7, 5)), "07:05");
}

#[test]
fn mismatch_compares_with_the_plan() {
    assert!(!is_mismatch(WorkLocation::Office, PlanLocation::Office));
    assert!(is_mismatch(WorkLocation::Home, PlanLocation::Office));
    assert!(is_mismatch(WorkLocation::Office, PlanLocation::Home));
    assert!(is_mismatch(WorkLocation::Office, PlanLocation::Leave));
    assert!(!is_mismatch(
        WorkLocation::OtherOffice,
        PlanLocation::OtherOffice
    ));
}

#[test]
fn punch_inputs_are_checked() {
    let mut p = Policy::default();
    assert_eq!(check_location("home", &p), Ok(WorkLocation::Home));
    assert_eq!(check_location("", &p), Err(Message::Required));
    assert!(check_location("beach", &p).is_err());
    p.allowed_locations.remove(&WorkLocation::Home);
    assert!(matches!(
        check_location("home", &p),
        Err(Message::Text { .. })
    ));
    assert_eq!(check_client_key(" abcdefgh "), Ok("abcdefgh".into()));
    assert!(check_client_key("short").is_err());
    assert!(check_client_key(&"k".repeat(65)).is_err());
    assert!(check_client_key("with space").is_err());
    assert_eq!(check_client_key(""), Err(Message::Required));
    assert_eq!(check_note(None), Ok(None));
    assert_eq!(check_note(Some(" rapat ")), Ok(Some("rapat".into())));
    assert!(check_note(Some(&"x".repeat(501))).is_err());
}

#[test]
fn corrections_are_checked_field_by_field() {
    let p = Policy::default();
    let today = date(2026, 11, 23);
    let ok = check_correction(
        &CorrectionForm {
            date: "2026-11-20",
            check_in: "07:30",
            check_out: "16:30",
            location: "office",
            reason: "Lupa presensi pulang",
        },
        today,
        &p,
    )
    .unwrap();
    assert_eq!(ok.check_out, Some(TimeOfDay::hm(16, 30)));
    let fields = |f: CorrectionForm| -> Vec<String> {
        check_correction(&f, today, &p)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect()
    };
    let base = CorrectionForm {
        date: "2026-11-20",
        check_in: "07:30",
        reason: "x",
        ..Default::default()
    };
    assert_eq!(
        fields(CorrectionForm {
            date: "2026-02-30",
            ..base.clone()
        }),
        ["date"]
    );
    assert_eq!(
        fields(CorrectionForm {
            date: "2026-11-24",
            ..base.clone()
        }),
        ["date"]
    );
    assert_eq!(
        fields(CorrectionForm {
            date: "2026-10-01",
            ..base.clone()
        }),
        ["date"]
    );
    assert_eq!(
        fields(CorrectionForm {
            check_in: "25:00",
            ..base.clone()
        }),
        ["check_in"]
    );
    assert_eq!(
        fields(CorrectionForm {
            check_out: "07:00",
            ..base.clone()
        }),
        ["check_out"]
    );
    assert_eq!(
        fields(CorrectionForm {
            location: "moon",
            ..base.clone()
        }),
        ["location"]
    );
    assert_eq!(
        fields(CorrectionForm {
            reason: " ",
            ..base.clone()
        }),
        ["reason"]
    );
    assert_eq!(
        fields(CorrectionForm {
            check_in: "",
            ..base.clone()
        }),
        ["check_in"]
    );
}

proptest! {
    /// Effective minutes never exceed the span, and never fall below it minus the break.
    #[test]
    fn effective_minutes_are_bounded(i in 0u32..1440, len in 0u32..900, b in 600u16..800, bl in 0u32..120) {
        let o = i + len;
        let e = effective_minutes(i, o, TimeOfDay::from_minutes(b).unwrap(), bl);
        prop_assert!(e <= len);
        prop_assert!(e + bl >= len);
    }

    /// Splitting a day in two at any minute never gives more than the whole.
    #[test]
    fn effective_minutes_add_up(i in 300u32..700, mid in 0u32..300, rest in 0u32..300) {
        let (b, bl) = (TimeOfDay::hm(12, 0), 60);
        let whole = effective_minutes(i, i + mid + rest, b, bl);
        let parts = effective_minutes(i, i + mid, b, bl) + effective_minutes(i + mid, i + mid + rest, b, bl);
        prop_assert_eq!(whole, parts);
    }
}
