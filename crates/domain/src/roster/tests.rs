//! Roster rules: months, skills, settings and their bounds, wishes, planned days.

use super::*;
use jiff::civil::date;

#[test]
fn months_parse_strictly() {
    assert_eq!(Month::parse("2026-12").unwrap().code(), "2026-12");
    for bad in [
        "2026-13", "2026-00", "2026-1", "26-12", "2026/12", "", "abcd-ef", "1999-12",
    ] {
        assert_eq!(Month::parse(bad), Err(Message::InvalidMonth), "{bad}");
    }
    let m = Month::parse("2026-12").unwrap();
    assert_eq!(m.weekdays().len(), 23);
    assert_eq!(m.next().code(), "2027-01");
    assert_eq!(m.label(Locale::Id), "Desember 2026");
}

#[test]
fn skills_have_a_shape() {
    assert_eq!(parse_skill("loket"), Ok("loket".into()));
    assert_eq!(parse_skill("verifikator_2"), Ok("verifikator_2".into()));
    for bad in ["Loket", "1loket", "lo ket", "", "loket!", &"a".repeat(33)] {
        assert_eq!(parse_skill(bad), Err(Message::InvalidSkill), "{bad}");
    }
    assert_eq!(
        parse_skills("loket, verifikator loket"),
        Ok(vec!["loket".into(), "verifikator".into()])
    );
}

fn form() -> SettingsForm {
    SettingsForm::from_settings(&Settings::defaults(10))
}

#[test]
fn settings_round_trip_and_name_bad_fields() {
    let m = Month::parse("2026-12").unwrap();
    let mut f = form();
    f.coverage = "loket 2\nverifikator=1".into();
    f.non_working = "2026-12-25, 2026-12-24".into();
    f.seat_overrides = "2026-12-31 3".into();
    let s = f.parse(m).unwrap();
    assert_eq!(s.seats, [7; 5]);
    assert_eq!(s.coverage["loket"], 2);
    assert_eq!(s.working_dates(m).len(), 21);
    assert_eq!(s.seats_on(date(2026, 12, 31)), 3);
    assert_eq!(SettingsForm::from_settings(&s).parse(m).unwrap(), s);

    let mut bad = form();
    bad.seats[0] = "-1".into();
    bad.max_away_share = "1.5".into();
    bad.coverage = "Loket 2".into();
    bad.non_working = "2027-01-01".into();
    let fields: Vec<String> = bad
        .parse(m)
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        fields,
        ["seats_mon", "max_away_share", "non_working", "coverage"]
    );
}

#[test]
fn planned_days_mean_presence() {
    assert_eq!(
        PlanLocation::parse("other_office").unwrap().presence(),
        Presence::Office
    );
    assert_eq!(PlanLocation::Home.presence(), Presence::Remote);
    assert_eq!(PlanLocation::Leave.presence(), Presence::Away);
    assert_eq!(monday_of(date(2026, 12, 3)), date(2026, 11, 30));
    assert_eq!(parse_wish("3"), Ok(3));
    assert!(parse_wish("2").is_err());
}
