use super::*;
use crate::policy::WorkDays;
use crate::Locale;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn all(n: usize) -> Vec<Assessment> {
    vec![Assessment([true; 6]); n]
}

fn failing(c: Criterion) -> Assessment {
    let mut a = [true; 6];
    a[c.index()] = false;
    Assessment(a)
}

fn share(q: u32, t: u32) -> Share {
    Share {
        qualifying: q,
        total: t,
    }
}

fn clean(since: &str) -> EmployeeFacts {
    EmployeeFacts {
        discipline: Discipline::None,
        position_since: Some(d(since)),
    }
}

fn texts(ms: &[Message]) -> Vec<String> {
    ms.iter().map(|m| m.text(Locale::Id)).collect()
}

#[test]
fn the_six_criteria_in_the_regulations_order_and_wording() {
    let letters: String = Criterion::ALL.iter().map(|c| c.letter()).collect();
    assert_eq!(letters, "abcdef");
    assert_eq!(
        Criterion::OutsideOffice.text().text(Locale::Id),
        "dapat dilaksanakan di luar kantor"
    );
    assert_eq!(
        Criterion::NoSpecialWorkspace.text().text(Locale::Id),
        "tidak memerlukan ruang kerja dan/atau peralatan khusus"
    );
    assert_eq!(
        Criterion::IctPossible.text().text(Locale::Id),
        "dapat dilaksanakan dengan memanfaatkan teknologi informasi dan komunikasi"
    );
    assert_eq!(
        Criterion::MinimalFaceToFace.text().text(Locale::Id),
        "memerlukan interaksi tatap muka yang minimal"
    );
    assert_eq!(
        Criterion::NoContinuousSupervision.text().text(Locale::Id),
        "tidak memerlukan pengawasan secara terus-menerus"
    );
    assert_eq!(
        Criterion::AgencyCriteria.text().text(Locale::En),
        "meets the further criteria set by the head of the agency"
    );
    let codes: Vec<_> = Criterion::ALL.iter().map(|c| c.code()).collect();
    assert_eq!(
        codes,
        [
            "outside_office",
            "no_special_workspace",
            "ict_possible",
            "minimal_face_to_face",
            "no_continuous_supervision",
            "agency_criteria"
        ]
    );
}

#[test]
fn an_activity_qualifies_only_when_all_six_hold() {
    assert!(activity_qualifies(&Assessment([true; 6])));
    assert!(!activity_qualifies(&Assessment([false; 6])));
    // Each criterion alone is enough to fail it.
    for c in Criterion::ALL {
        let a = failing(c);
        assert!(!activity_qualifies(&a), "{c:?}");
        assert_eq!(a.missing(), vec![c]);
    }
}

#[test]
fn classification_cell_by_cell() {
    // (qualifying, total) → class
    let cells = [
        (0, 0, PositionClass::Unmapped),
        (0, 1, PositionClass::OnSite),
        (0, 5, PositionClass::OnSite),
        (1, 1, PositionClass::RemoteCapable),
        (5, 5, PositionClass::RemoteCapable),
        (1, 2, PositionClass::Hybrid),
        (1, 5, PositionClass::Hybrid),
        (4, 5, PositionClass::Hybrid),
    ];
    for (q, t, class) in cells {
        assert_eq!(classify(share(q, t)), class, "{q}/{t}");
    }
    // From assessments: two qualifying, one failing on face-to-face contact.
    let mut acts = all(2);
    acts.push(failing(Criterion::MinimalFaceToFace));
    let s = Share::of(&acts);
    assert_eq!(s, share(2, 3));
    assert_eq!(s.percent(), 66);
    assert_eq!(classify(s), PositionClass::Hybrid);
    assert_eq!(Share::of(&[]).percent(), 0);
}

#[test]
fn max_flex_days_cell_by_cell() {
    let p = Policy::default(); // 2 a week, Monday–Friday
    let cells = [
        (PositionClass::RemoteCapable, share(3, 3), 2),
        (PositionClass::OnSite, share(0, 4), 0),
        (PositionClass::Unmapped, share(0, 0), 0),
        // Hybrid: floor(share × 5 working days), at most the policy's 2.
        (PositionClass::Hybrid, share(1, 10), 0), // 0.5 day
        (PositionClass::Hybrid, share(1, 5), 1),  // 1 day
        (PositionClass::Hybrid, share(1, 3), 1),  // 1.67 days
        (PositionClass::Hybrid, share(2, 5), 2),  // 2 days
        (PositionClass::Hybrid, share(4, 5), 2),  // 4 days, capped at 2
    ];
    for (class, s, days) in cells {
        assert_eq!(max_flex_days(class, s, &p), days, "{class:?} {s:?}");
    }
    // A service unit working six days and a policy allowing four.
    let six = Policy {
        work_days: WorkDays((1..=6).collect()),
        max_flex_days_per_week: 4,
        ..Policy::default()
    };
    assert_eq!(max_flex_days(PositionClass::Hybrid, share(1, 2), &six), 3);
    assert_eq!(
        max_flex_days(PositionClass::RemoteCapable, share(2, 2), &six),
        4
    );
    let none = Policy {
        max_flex_days_per_week: 0,
        ..Policy::default()
    };
    assert_eq!(
        max_flex_days(PositionClass::RemoteCapable, share(2, 2), &none),
        0
    );
}

#[test]
fn months_in_position_count_whole_months() {
    assert_eq!(months_in_position(d("2026-05-23"), d("2026-11-23")), 6);
    assert_eq!(months_in_position(d("2026-05-24"), d("2026-11-23")), 5);
    assert_eq!(months_in_position(d("2020-01-01"), d("2026-11-23")), 82);
    assert_eq!(months_in_position(d("2026-12-01"), d("2026-11-23")), 0);
    assert_eq!(eligible_from(d("2026-09-01"), 6), Some(d("2027-03-01")));
}

#[test]
fn employee_criteria_give_one_reason_each() {
    let today = d("2026-11-23");
    assert!(employee_reasons(&clean("2020-01-01"), today, 6).is_empty());
    // Exactly six months is no longer new.
    assert!(employee_reasons(&clean("2026-05-23"), today, 6).is_empty());

    let newly = employee_reasons(&clean("2026-09-01"), today, 6);
    assert_eq!(
        texts(&newly),
        ["baru 2 bulan pada jabatan ini (TMT 2026-09-01); minimal 6 bulan, memenuhi syarat mulai 2027-03-01"]
    );
    assert_eq!(
        newly[0].text(Locale::En),
        "only 2 months in this position (since 2026-09-01); at least 6 months are needed, eligible from 2027-03-01"
    );
    // The agency sets the number: with 0 months nobody is new.
    assert!(employee_reasons(&clean("2026-11-01"), today, 0).is_empty());

    let serving = EmployeeFacts {
        discipline: Discipline::Serving,
        position_since: Some(d("2020-01-01")),
    };
    assert_eq!(
        texts(&employee_reasons(&serving, today, 6)),
        ["sedang menjalani hukuman disiplin"]
    );
    let in_process = EmployeeFacts {
        discipline: Discipline::InProcess,
        position_since: Some(d("2026-10-01")),
    };
    assert_eq!(
        texts(&employee_reasons(&in_process, today, 6)),
        [
            "sedang dalam proses penjatuhan hukuman disiplin",
            "baru 1 bulan pada jabatan ini (TMT 2026-10-01); minimal 6 bulan, memenuhi syarat mulai 2027-04-01"
        ]
    );
    let unknown = EmployeeFacts {
        discipline: Discipline::None,
        position_since: None,
    };
    let r = employee_reasons(&unknown, today, 6);
    assert_eq!(r.len(), 1);
    assert!(r[0]
        .text(Locale::Id)
        .starts_with("TMT jabatan belum tercatat"));
}

#[test]
fn eligibility_combines_position_and_person() {
    let p = Policy::default();
    let today = d("2026-11-23");
    let pos = |q, t| PositionFacts {
        position: "Analis Kebijakan",
        unit: "Bidang A",
        share: share(q, t),
    };

    let hybrid = eligibility(&p, &pos(3, 5), &clean("2020-01-01"), today);
    assert_eq!(
        hybrid,
        Eligibility {
            eligible: true,
            class: PositionClass::Hybrid,
            max_flex_days: 2,
            reasons: vec![],
        }
    );

    let unmapped = eligibility(&p, &pos(0, 0), &clean("2020-01-01"), today);
    assert!(!unmapped.eligible);
    assert_eq!(unmapped.class, PositionClass::Unmapped);
    assert_eq!(unmapped.max_flex_days, 0);
    assert_eq!(
        texts(&unmapped.reasons),
        ["aktivitas jabatan Analis Kebijakan di Bidang A belum dipetakan terhadap kriteria tugas (belum dipetakan)"]
    );

    let on_site = eligibility(&p, &pos(0, 3), &clean("2020-01-01"), today);
    assert_eq!(
        (on_site.eligible, on_site.class),
        (false, PositionClass::OnSite)
    );
    assert!(texts(&on_site.reasons)[0].starts_with("tidak ada aktivitas jabatan Analis Kebijakan"));

    let thin = eligibility(&p, &pos(1, 10), &clean("2020-01-01"), today);
    assert_eq!((thin.eligible, thin.class), (false, PositionClass::Hybrid));
    assert_eq!(
        texts(&thin.reasons),
        ["hanya 1 dari 10 aktivitas jabatan Analis Kebijakan yang memenuhi kriteria, kurang dari satu hari kerja per minggu"]
    );

    // A remote-capable position of someone new and under a penalty: both reasons, no days.
    let person = EmployeeFacts {
        discipline: Discipline::Serving,
        position_since: Some(d("2026-10-01")),
    };
    let both = eligibility(&p, &pos(4, 4), &person, today);
    assert_eq!(both.class, PositionClass::RemoteCapable);
    assert_eq!((both.eligible, both.max_flex_days), (false, 0));
    assert_eq!(both.reasons.len(), 2);

    let closed = Policy {
        max_flex_days_per_week: 0,
        ..Policy::default()
    };
    let r = eligibility(&closed, &pos(4, 4), &clean("2020-01-01"), today);
    assert!(!r.eligible);
    assert_eq!(
        texts(&r.reasons),
        ["kebijakan unit tidak memberi hari kerja fleksibel (paling banyak 0 hari per minggu)"]
    );
}

#[test]
fn activity_names_are_checked() {
    assert_eq!(
        check_activity_name("  Menyusun laporan  "),
        Ok("Menyusun laporan".into())
    );
    let e = check_activity_name("   ").unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.message),
        ("activity", Message::Required)
    );
    let e = check_activity_name(&"x".repeat(201)).unwrap_err();
    assert_eq!(e.message, Message::TooLong { max: 200 });
    assert!(check_activity_name(&"x".repeat(200)).is_ok());
    assert!(check_activity_name("a\nb").is_err());
    assert!(check_activity_name("a\0b").is_err());
}

#[test]
fn unit_summary_counts_people_by_class() {
    let s = UnitSummary::of([
        (share(3, 3), 4), // remote-capable
        (share(2, 5), 3), // hybrid
        (share(0, 2), 2), // on-site
        (share(0, 0), 1), // unmapped
    ]);
    assert_eq!(s.share, share(5, 10));
    assert_eq!(s.share.percent(), 50);
    assert_eq!(
        (s.remote_capable, s.hybrid, s.on_site, s.unmapped),
        (4, 3, 2, 1)
    );
    assert_eq!(s.people(), 10);
}
