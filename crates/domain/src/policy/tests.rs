use super::*;

fn unit(id: i64, overrides: Overrides) -> Level {
    Level {
        source: Source::Unit {
            id,
            name: format!("Unit {id}"),
        },
        overrides,
    }
}

#[test]
fn national_defaults_follow_perpres_21_2023_and_permen_panrb_4_2025() {
    let p = Policy::default();
    assert_eq!(p.weekly_minutes, 2250);
    assert_eq!(p.ramadan_weekly_minutes, 1950);
    assert_eq!(p.day_start.to_string(), "07:30");
    assert_eq!(p.ramadan_day_start.to_string(), "08:00");
    assert_eq!((p.break_minutes, p.friday_break_minutes), (60, 90));
    assert_eq!(
        (p.ramadan_break_minutes, p.ramadan_friday_break_minutes),
        (30, 60)
    );
    assert_eq!(p.max_flex_days_per_week, 2);
    assert_eq!(p.work_days.count(), 5);
    assert!(check(&p).is_empty());
}

#[test]
fn the_nearest_level_wins_and_sources_say_where() {
    let agency = Level {
        source: Source::Agency,
        overrides: Overrides {
            max_away_percent: Some(30),
            ..Default::default()
        },
    };
    let dinas = unit(
        1,
        Overrides {
            max_away_percent: Some(40),
            weekly_minutes: Some(2400),
            seats: Some(20),
            ..Default::default()
        },
    );
    let seksi = unit(
        2,
        Overrides {
            max_flex_days_per_week: Some(1),
            ..Default::default()
        },
    );
    let e = resolve(&[agency, dinas, seksi]);
    assert_eq!(e.policy.max_away_percent, 40);
    assert_eq!(e.policy.weekly_minutes, 2400);
    assert_eq!(e.policy.max_flex_days_per_week, 1);
    assert_eq!(
        e.sources[&Field::max_away_percent],
        Source::Unit {
            id: 1,
            name: "Unit 1".into()
        }
    );
    assert_eq!(
        e.sources[&Field::max_flex_days_per_week],
        Source::Unit {
            id: 2,
            name: "Unit 2".into()
        }
    );
    assert_eq!(e.sources[&Field::day_start], Source::National);
    // seats belong to the dinas's own office, not to its sections
    assert_eq!(e.policy.seats, None);
    assert_eq!(e.sources[&Field::seats], Source::National);
}

#[test]
fn overrides_refuse_unknown_keys_and_round_trip() {
    let o: Overrides =
        serde_json::from_str(r#"{"day_start":"07:00","allowed_locations":["office","home"]}"#)
            .unwrap();
    assert_eq!(o.day_start, Some(TimeOfDay::hm(7, 0)));
    assert!(o.sets(Field::allowed_locations));
    assert_eq!(
        serde_json::to_string(&o).unwrap(),
        r#"{"day_start":"07:00","allowed_locations":["office","home"]}"#
    );
    assert!(serde_json::from_str::<Overrides>(r#"{"day_strat":"07:00"}"#).is_err());
}

#[test]
fn time_of_day_parses_both_separators_and_refuses_nonsense() {
    assert_eq!(TimeOfDay::parse("7.30").unwrap(), TimeOfDay::hm(7, 30));
    assert_eq!(TimeOfDay::parse("16:00").unwrap().minutes(), 960);
    for bad in ["24:00", "7:5", "", "ab:cd", "12:60"] {
        assert!(TimeOfDay::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn inconsistent_values_name_the_field() {
    let p = Policy {
        core_start: TimeOfDay::hm(15, 0),
        core_end: TimeOfDay::hm(9, 0),
        max_away_percent: 120,
        ..Policy::default()
    };
    let fields: Vec<_> = check(&p).into_iter().map(|e| e.field).collect();
    assert!(fields.contains(&"core_end".to_string()));
    assert!(fields.contains(&"max_away_percent".to_string()));
}
