use super::rules::*;
use super::*;
use crate::calendar::{builtin_holidays, work_day};
use crate::policy::Policy;
use crate::Locale;
use jiff::civil::date;

/// The 2026 national calendar under `policy`, as the service's `UnitCalendar::day` gives it.
fn cal(policy: &Policy) -> impl Fn(Date) -> WorkDay + '_ {
    let holidays = builtin_holidays(2026);
    move |d| {
        let h = holidays.iter().find(|h| h.date == d).map(|h| h.kind);
        work_day(policy, d, h, false)
    }
}

fn place(l: &str) -> PlaceInput {
    PlaceInput {
        location: l.into(),
        description: if l == "other" {
            "Perpustakaan daerah".into()
        } else {
            String::new()
        },
    }
}

/// Next week's request (the test clock stands on Monday 2026-11-23): office but home on
/// Tuesday and Thursday.
fn input() -> RequestInput {
    let mut pattern = BTreeMap::new();
    for d in ["monday", "wednesday", "friday"] {
        pattern.insert(d.to_string(), place("office"));
    }
    pattern.insert("tuesday".into(), place("home"));
    pattern.insert("thursday".into(), place("home"));
    RequestInput {
        first_day: "2026-11-30".into(),
        last_day: "2026-12-04".into(),
        pattern,
        reason: "Menyusun laporan triwulan tanpa gangguan".into(),
        work_plan: "Selasa: draf bab 1–2 (10 halaman); Kamis: verifikasi 40 berkas".into(),
        ..Default::default()
    }
}

const TODAY: Date = date(2026, 11, 23);

fn facts() -> Facts {
    let mut f = Facts::new(TODAY, Policy::default(), Stage::Submit);
    f.unit_people = 11;
    f
}

fn fields(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.field.as_str()).collect()
}

fn run(input: &RequestInput, f: &Facts) -> Result<(Vec<PlannedDay>, Vec<Flag>), Vec<FieldError>> {
    let req = input.parse()?;
    let errors = check_request(&req, f);
    if !errors.is_empty() {
        return Err(errors);
    }
    let days = expand(&req, cal(&f.policy))?;
    let flags = check_days(&days, f)?;
    Ok((days, flags))
}

#[test]
fn a_week_pattern_expands_over_working_days() {
    let (days, flags) = run(&input(), &facts()).unwrap();
    assert_eq!(days.len(), 5);
    let home: Vec<_> = days
        .iter()
        .filter(|d| d.flexible())
        .map(|d| d.date)
        .collect();
    assert_eq!(home, vec![date(2026, 12, 1), date(2026, 12, 3)]);
    // Two home days is the national maximum: flagged, not refused.
    assert_eq!(
        flags.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(),
        vec!["week_at_max"]
    );
}

#[test]
fn pattern_days_on_holidays_and_weekends_are_skipped() {
    let mut i = input();
    i.first_day = "2026-12-21".into();
    i.last_day = "2026-12-27".into();
    i.pattern.insert("saturday".into(), place("home"));
    let (days, _) = run(&i, &facts()).unwrap();
    // 24 Dec is cuti bersama, 25 Dec Christmas, 26–27 the weekend.
    let dates: Vec<_> = days.iter().map(|d| d.date).collect();
    assert_eq!(
        dates,
        vec![date(2026, 12, 21), date(2026, 12, 22), date(2026, 12, 23)]
    );
}

#[test]
fn an_exception_replaces_the_pattern_day() {
    let mut i = input();
    i.exceptions.push(ExceptionInput {
        date: "2026-12-01".into(),
        location: "other".into(),
        description: "Kantor Kecamatan Sukamaju".into(),
    });
    let (days, _) = run(&i, &facts()).unwrap();
    let tue = days.iter().find(|d| d.date == date(2026, 12, 1)).unwrap();
    assert_eq!(tue.place.location, WorkLocation::Other);
    assert_eq!(tue.field, "exceptions[0].date");
}

#[test]
fn an_exception_on_a_holiday_or_weekend_is_refused() {
    for (d, word) in [
        ("2026-12-25", "libur nasional"),
        ("2026-12-24", "cuti bersama"),
        ("2026-12-26", "bukan hari kerja"),
    ] {
        let mut i = input();
        i.first_day = "2026-12-21".into();
        i.last_day = "2026-12-27".into();
        i.exceptions.push(ExceptionInput {
            date: d.into(),
            location: "home".into(),
            description: String::new(),
        });
        let e = run(&i, &facts()).unwrap_err();
        assert_eq!(fields(&e), vec!["exceptions[0].date"], "{d}");
        assert!(
            e[0].message.text(Locale::Id).contains(word),
            "{d}: {:?}",
            e[0]
        );
    }
}

#[test]
fn duplicate_and_outside_exceptions_are_refused() {
    let mut i = input();
    for d in ["2026-12-02", "2026-12-02", "2026-12-09"] {
        i.exceptions.push(ExceptionInput {
            date: d.into(),
            location: "office".into(),
            description: String::new(),
        });
    }
    let e = run(&i, &facts()).unwrap_err();
    assert_eq!(fields(&e), vec!["exceptions[1].date", "exceptions[2].date"]);
    assert!(e[0].message.text(Locale::En).contains("overlap"));
    assert!(e[1].message.text(Locale::En).contains("outside"));
}

#[test]
fn bad_values_are_named_per_field() {
    let mut i = input();
    i.first_day = "2026-02-30".into();
    i.last_day = String::new();
    i.reason = "   ".into();
    i.work_plan = String::new();
    i.time_mode = "flexible".into();
    i.start = "25:00".into();
    i.evidence_link = "http://example.org/x".into();
    i.pattern.insert("funday".into(), place("home"));
    i.pattern.insert("monday".into(), place("beach"));
    i.pattern.insert(
        "friday".into(),
        PlaceInput {
            location: "other".into(),
            description: String::new(),
        },
    );
    let e = i.parse().unwrap_err();
    let mut f = fields(&e);
    f.sort();
    assert_eq!(
        f,
        vec![
            "evidence_link",
            "first_day",
            "last_day",
            "pattern.friday.description",
            "pattern.funday",
            "pattern.monday",
            "reason",
            "start",
            "time_mode",
            "work_plan"
        ]
    );
}

#[test]
fn too_long_texts_are_refused() {
    let mut i = input();
    i.reason = "x".repeat(MAX_REASON + 1);
    i.pattern.insert(
        "monday".into(),
        PlaceInput {
            location: "other_office".into(),
            description: "y".repeat(MAX_DESCRIPTION + 1),
        },
    );
    let e = i.parse().unwrap_err();
    assert_eq!(fields(&e), vec!["pattern.monday.description", "reason"]);
}

#[test]
fn links_must_be_https_with_a_host() {
    assert_eq!(parse_link(""), Ok(None));
    assert!(parse_link("https://drive.example.go.id/berkas/1")
        .unwrap()
        .is_some());
    for bad in [
        "https://",
        "https://localhost",
        "ftp://x.id/a",
        "https://a.id/x y",
        "javascript:alert(1)",
    ] {
        assert!(parse_link(bad).is_err(), "{bad}");
    }
}

#[test]
fn the_span_rules() {
    let p = Policy::default();
    let f = |a: Date, b: Date, s| fields(&check_span(a, b, TODAY, &p, s)).join(",");
    assert_eq!(f(date(2026, 11, 23), date(2026, 11, 27), Stage::Submit), "");
    assert_eq!(
        f(date(2026, 11, 20), date(2026, 11, 27), Stage::Submit),
        "first_day"
    );
    assert_eq!(
        f(date(2026, 12, 4), date(2026, 11, 30), Stage::Submit),
        "last_day"
    );
    // 90 days ahead is the last plannable date.
    assert_eq!(f(date(2027, 2, 1), date(2027, 2, 21), Stage::Submit), "");
    assert_eq!(
        f(date(2027, 2, 1), date(2027, 2, 22), Stage::Submit),
        "last_day"
    );
    assert_eq!(
        f(date(2026, 11, 30), date(2027, 3, 3), Stage::Submit),
        "last_day,last_day"
    );
    assert_eq!(span_days(date(2026, 11, 30), date(2027, 3, 2)), 93);
    // At decision a request whose days partly passed may still be approved; a wholly
    // past one may not.
    assert_eq!(f(date(2026, 11, 20), date(2026, 11, 24), Stage::Decide), "");
    assert_eq!(
        f(date(2026, 11, 16), date(2026, 11, 20), Stage::Decide),
        "last_day"
    );
}

#[test]
fn a_location_the_policy_does_not_allow_is_refused() {
    let mut f = facts();
    f.policy.allowed_locations.remove(&WorkLocation::Home);
    let e = run(&input(), &f).unwrap_err();
    assert_eq!(fields(&e), vec!["pattern.tuesday", "pattern.thursday"]);
}

#[test]
fn time_modes_and_starts() {
    let p = Policy::default();
    let t = |h, m| Some(TimeOfDay::hm(h, m));
    assert!(check_time(TimeMode::Regular, None, &p).is_empty());
    assert_eq!(
        fields(&check_time(TimeMode::Regular, t(8, 0), &p)),
        vec!["start"]
    );
    assert!(check_time(TimeMode::Dynamic, None, &p).is_empty());
    assert!(check_time(TimeMode::Dynamic, t(6, 30), &p).is_empty());
    assert!(check_time(TimeMode::Dynamic, t(8, 30), &p).is_empty());
    assert_eq!(
        fields(&check_time(TimeMode::Dynamic, t(8, 31), &p)),
        vec!["start"]
    );
    assert_eq!(
        fields(&check_time(TimeMode::Dynamic, t(6, 0), &p)),
        vec!["start"]
    );
    assert_eq!(
        fields(&check_time(TimeMode::Shift, None, &p)),
        vec!["start"]
    );
    assert!(check_time(TimeMode::Shift, t(14, 0), &p).is_empty());
    // 7 h 30 of work and a 90-minute break do not fit after 15:01.
    assert!(check_time(TimeMode::Shift, t(15, 0), &p).is_empty());
    assert_eq!(
        fields(&check_time(TimeMode::Shift, t(15, 1), &p)),
        vec!["start"]
    );
    let mut only_regular = p.clone();
    only_regular.allowed_time_modes = [TimeMode::Regular].into_iter().collect();
    assert_eq!(
        fields(&check_time(TimeMode::Shift, t(7, 0), &only_regular)),
        vec!["time_mode"]
    );
}

#[test]
fn not_eligible_names_every_reason() {
    let mut f = facts();
    f.eligible = false;
    f.not_eligible_because = vec![
        Message::text_of("sedang menjalani hukuman disiplin", "serving a penalty"),
        Message::text_of(
            "baru 2 bulan pada jabatan ini",
            "only 2 months in the position",
        ),
    ];
    let e = run(&input(), &f).unwrap_err();
    assert_eq!(fields(&e), vec!["employee", "employee"]);
    assert!(e[1].message.text(Locale::Id).contains("2 bulan"));
}

#[test]
fn more_flexible_days_than_the_maximum_are_refused() {
    let mut i = input();
    i.pattern.insert("wednesday".into(), place("other_office"));
    let e = run(&i, &facts()).unwrap_err();
    assert_eq!(e.len(), 1);
    assert!(
        e[0].message.text(Locale::En).contains("3 days away"),
        "{e:?}"
    );
    // The employee's own maximum counts when lower than the policy's.
    let mut f = facts();
    f.max_flex_days = 1;
    assert!(run(&input(), &f).is_err());
    // …and so do approved days of the same week the request does not cover.
    let mut one = input();
    one.pattern.insert("thursday".into(), place("office"));
    let mut f = facts();
    f.other_flex_days.insert(date(2026, 12, 4));
    let (_, flags) = run(&one, &f).unwrap();
    assert!(flags.iter().any(|f| f.code == "week_at_max"));
    f.other_flex_days.insert(date(2026, 12, 2));
    let e = run(&one, &f).unwrap_err();
    assert!(
        e[0].message.text(Locale::Id).contains("termasuk 2"),
        "{e:?}"
    );
    // A day of another week does not count.
    let mut f = facts();
    f.other_flex_days.insert(date(2026, 12, 7));
    f.other_flex_days.insert(date(2026, 11, 27));
    assert!(run(&one, &f).is_ok());
}

#[test]
fn the_away_share_refuses_over_and_flags_at_the_limit() {
    assert_eq!(away_limit(11, 50), 5);
    assert_eq!(away_limit(11, 20), 2);
    assert_eq!(away_limit(3, 30), 0);
    let mut f = facts();
    f.policy.max_away_percent = 20; // 2 of 11
    f.away_others.insert(date(2026, 12, 1), 1);
    let (_, flags) = run(&input(), &f).unwrap();
    let full: Vec<_> = flags
        .iter()
        .filter(|x| x.code == "away_share_full")
        .map(|x| x.date)
        .collect();
    assert_eq!(full, vec![Some(date(2026, 12, 1))]);
    f.away_others.insert(date(2026, 12, 3), 2);
    let e = run(&input(), &f).unwrap_err();
    assert_eq!(fields(&e), vec!["pattern.thursday"]);
    assert!(e[0].message.text(Locale::Id).contains("2026-12-03"));
    // Office days never count against the share.
    f.away_others.insert(date(2026, 12, 2), 9);
    assert_eq!(run(&input(), &f).unwrap_err().len(), 1);
}

#[test]
fn late_busy_and_kept_days_are_flagged() {
    let mut f = facts();
    let mut i = input();
    i.first_day = "2026-11-23".into();
    i.last_day = "2026-11-27".into();
    f.busy.push(BusyPeriod {
        first_day: date(2026, 11, 26),
        last_day: date(2026, 11, 30),
        name: "Penyusunan laporan triwulan".into(),
    });
    f.fixed_away.insert(date(2026, 11, 24), "leave".into());
    let (_, flags) = run(&i, &f).unwrap();
    let mut codes: Vec<_> = flags.iter().map(|x| x.code.as_str()).collect();
    codes.sort();
    assert_eq!(codes, vec!["busy_period", "kept_away", "late"]);
    // Due one day before: a request made today for tomorrow is on time.
    assert!(late_submission(date(2026, 11, 24), TODAY, 1).is_none());
    assert!(late_submission(date(2026, 11, 23), TODAY, 1).is_some());
    // The kept day is not counted: Tuesday's leave leaves one home day (Thursday).
    assert!(!flags.iter().any(|x| x.code == "week_at_max"));
}

#[test]
fn a_request_without_a_working_day_is_refused() {
    let mut i = input();
    i.pattern.clear();
    i.pattern.insert("saturday".into(), place("home"));
    let e = run(&i, &facts()).unwrap_err();
    assert_eq!(fields(&e), vec!["pattern"]);
}

#[test]
fn a_stored_request_reads_back() {
    let req = input().parse().unwrap();
    let json = serde_json::to_string(&req.pattern).unwrap();
    assert!(
        json.contains("\"tuesday\":{\"location\":\"home\"}"),
        "{json}"
    );
    let back: BTreeMap<Day, Place> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, req.pattern);
    assert_eq!(Day::of(date(2026, 11, 29).weekday()), Day::Sunday);
    assert_eq!(Day::Friday.weekday(), jiff::civil::Weekday::Friday);
}
