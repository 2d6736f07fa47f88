use super::*;
use crate::Locale;
use proptest::prelude::*;

/// A unit's spread, best predikat first: Sangat Baik, Baik, Butuh Perbaikan,
/// Kurang/Misconduct, Sangat Kurang.
fn spread(sb: u32, b: u32, bp: u32, k: u32, sk: u32) -> Spread {
    Spread {
        sangat_baik: sb,
        baik: b,
        butuh_perbaikan: bp,
        kurang_misconduct: k,
        sangat_kurang: sk,
    }
}

/// The single breach `unit` finds in `s`; fails when there is none or several.
fn only_breach(unit: UnitResult, s: Spread) -> Breach {
    let found = breaches(unit, &s);
    assert_eq!(found.len(), 1, "{unit:?} {s:?}: {found:#?}");
    found.into_iter().next().unwrap()
}

fn assert_breach(unit: UnitResult, s: Spread, rule: Rule, direction: Direction, people: u32) {
    let b = only_breach(unit, s);
    assert_eq!(
        (b.rule, b.direction, b.people),
        (rule, direction, people),
        "{s:?}"
    );
}

fn assert_allowed(unit: UnitResult, s: Spread) {
    assert_eq!(breaches(unit, &s), vec![], "{unit:?} {s:?}");
    assert!(allowed(unit, &s));
}

// Rounding

#[test]
fn at_most_rounds_down_and_at_least_rounds_up() {
    assert_eq!(Bound::AtMost(70).people(10), 7);
    assert_eq!(Bound::AtMost(70).people(9), 6); // 6.3
    assert_eq!(Bound::AtMost(10).people(9), 0); // 0.9
    assert_eq!(Bound::AtLeast(60).people(7), 5); // 4.2
    assert_eq!(Bound::AtLeast(60).people(10), 6);
    assert_eq!(Bound::AtLeast(10).people(11), 2); // 1.1
    assert_eq!(Bound::AtLeast(10).people(1), 1);
    assert_eq!(Bound::AtLeastOne.people(50), 1);
    assert_eq!(Bound::NoneAllowed.people(50), 0);
    assert_eq!(Bound::AtMost(70).people(u32::MAX), 3_006_477_106);
}

#[test]
fn exactly_seventy_percent_of_ten_is_allowed_and_eight_is_one_too_many() {
    assert_allowed(UnitResult::Istimewa, spread(7, 3, 0, 0, 0));
    assert_breach(
        UnitResult::Istimewa,
        spread(8, 2, 0, 0, 0),
        Rule::IstimewaMaxSangatBaik,
        Direction::TooMany,
        1,
    );
}

#[test]
fn sixty_percent_of_seven_needs_five() {
    assert_allowed(UnitResult::ButuhPerbaikan, spread(0, 2, 5, 0, 0));
    assert_breach(
        UnitResult::ButuhPerbaikan,
        spread(0, 3, 4, 0, 0),
        Rule::ButuhPerbaikanMinButuhPerbaikan,
        Direction::TooFew,
        1,
    );
}

#[test]
fn an_empty_unit_has_no_breaches() {
    for unit in UnitResult::ALL {
        assert_allowed(unit, Spread::default());
    }
}

// Istimewa

#[test]
fn istimewa_at_most_70_percent_sangat_baik() {
    assert_allowed(UnitResult::Istimewa, spread(7, 0, 1, 1, 1));
    assert_breach(
        UnitResult::Istimewa,
        spread(10, 0, 0, 0, 0),
        Rule::IstimewaMaxSangatBaik,
        Direction::TooMany,
        3,
    );
}

// Baik

#[test]
fn baik_at_most_70_percent_baik() {
    assert_allowed(UnitResult::Baik, spread(2, 7, 1, 0, 0));
    assert_breach(
        UnitResult::Baik,
        spread(0, 9, 1, 0, 0),
        Rule::BaikMaxBaik,
        Direction::TooMany,
        2,
    );
}

#[test]
fn baik_needs_some_butuh_perbaikan_or_kurang() {
    assert_allowed(UnitResult::Baik, spread(3, 6, 0, 1, 0));
    assert_allowed(UnitResult::Baik, spread(3, 6, 1, 0, 0));
    assert_breach(
        UnitResult::Baik,
        spread(3, 7, 0, 0, 0),
        Rule::BaikSomeBelowBaik,
        Direction::TooFew,
        1,
    );
    // Sangat Kurang is not "some Butuh Perbaikan and/or Kurang/Misconduct".
    assert_breach(
        UnitResult::Baik,
        spread(0, 0, 0, 0, 4),
        Rule::BaikSomeBelowBaik,
        Direction::TooFew,
        1,
    );
}

// Butuh Perbaikan

#[test]
fn butuh_perbaikan_at_least_60_percent_butuh_perbaikan() {
    assert_allowed(UnitResult::ButuhPerbaikan, spread(1, 2, 6, 1, 0));
    assert_breach(
        UnitResult::ButuhPerbaikan,
        spread(0, 5, 3, 1, 1),
        Rule::ButuhPerbaikanMinButuhPerbaikan,
        Direction::TooFew,
        3,
    );
}

#[test]
fn butuh_perbaikan_at_most_10_percent_sangat_baik() {
    assert_allowed(UnitResult::ButuhPerbaikan, spread(1, 0, 9, 0, 0));
    assert_breach(
        UnitResult::ButuhPerbaikan,
        spread(2, 1, 7, 0, 0),
        Rule::ButuhPerbaikanMaxSangatBaik,
        Direction::TooMany,
        1,
    );
    // 10% of 9 is 0.9: no Sangat Baik at all.
    assert_breach(
        UnitResult::ButuhPerbaikan,
        spread(1, 2, 6, 0, 0),
        Rule::ButuhPerbaikanMaxSangatBaik,
        Direction::TooMany,
        1,
    );
}

// Kurang

#[test]
fn kurang_at_least_60_percent_kurang_misconduct() {
    assert_allowed(UnitResult::Kurang, spread(1, 1, 1, 6, 1));
    assert_breach(
        UnitResult::Kurang,
        spread(0, 2, 1, 5, 2),
        Rule::KurangMinKurang,
        Direction::TooFew,
        1,
    );
}

#[test]
fn kurang_at_least_10_percent_butuh_perbaikan() {
    assert_allowed(UnitResult::Kurang, spread(0, 1, 2, 7, 1));
    assert_breach(
        UnitResult::Kurang,
        spread(0, 2, 0, 7, 1),
        Rule::KurangMinButuhPerbaikan,
        Direction::TooFew,
        1,
    );
    // 10% of 11 is 1.1: two are needed.
    assert_breach(
        UnitResult::Kurang,
        spread(0, 1, 1, 7, 2),
        Rule::KurangMinButuhPerbaikan,
        Direction::TooFew,
        1,
    );
}

#[test]
fn kurang_at_most_10_percent_sangat_baik() {
    assert_allowed(UnitResult::Kurang, spread(1, 0, 2, 7, 0));
    assert_breach(
        UnitResult::Kurang,
        spread(3, 0, 1, 6, 0),
        Rule::KurangMaxSangatBaik,
        Direction::TooMany,
        2,
    );
}

// Sangat Kurang

#[test]
fn sangat_kurang_at_least_60_percent_sangat_kurang() {
    assert_allowed(UnitResult::SangatKurang, spread(0, 2, 1, 1, 6));
    assert_breach(
        UnitResult::SangatKurang,
        spread(0, 3, 1, 1, 5),
        Rule::SangatKurangMinSangatKurang,
        Direction::TooFew,
        1,
    );
}

#[test]
fn sangat_kurang_at_least_10_percent_kurang_and_butuh_perbaikan_together() {
    assert_allowed(UnitResult::SangatKurang, spread(0, 3, 1, 0, 6));
    assert_allowed(UnitResult::SangatKurang, spread(0, 3, 0, 1, 6));
    assert_breach(
        UnitResult::SangatKurang,
        spread(0, 4, 0, 0, 6),
        Rule::SangatKurangMinKurangOrButuhPerbaikan,
        Direction::TooFew,
        1,
    );
    // 10% of 20 is 2, counted over both predikat.
    assert_allowed(UnitResult::SangatKurang, spread(0, 6, 1, 1, 12));
    assert_breach(
        UnitResult::SangatKurang,
        spread(0, 7, 1, 0, 12),
        Rule::SangatKurangMinKurangOrButuhPerbaikan,
        Direction::TooFew,
        1,
    );
}

#[test]
fn sangat_kurang_allows_no_sangat_baik() {
    assert_allowed(UnitResult::SangatKurang, spread(0, 0, 4, 0, 6));
    assert_breach(
        UnitResult::SangatKurang,
        spread(2, 0, 1, 1, 6),
        Rule::SangatKurangNoSangatBaik,
        Direction::TooMany,
        2,
    );
}

// Several rules, small units, messages

#[test]
fn every_broken_rule_is_reported_in_the_circulars_order() {
    let found = breaches(UnitResult::Kurang, &spread(5, 5, 0, 0, 0));
    let got: Vec<_> = found
        .iter()
        .map(|b| (b.rule, b.direction, b.people))
        .collect();
    assert_eq!(
        got,
        vec![
            (Rule::KurangMinKurang, Direction::TooFew, 6),
            (Rule::KurangMinButuhPerbaikan, Direction::TooFew, 1),
            (Rule::KurangMaxSangatBaik, Direction::TooMany, 4),
        ]
    );
    assert!(!allowed(UnitResult::Kurang, &spread(5, 5, 0, 0, 0)));
}

#[test]
fn a_one_person_kurang_unit_cannot_keep_every_rule() {
    // Documented consequence of rounding towards the stricter side.
    for p in Predikat::ALL {
        assert!(!allowed(UnitResult::Kurang, &Spread::of([p])), "{p:?}");
    }
}

#[test]
fn the_message_names_the_rule_the_numbers_and_who_must_move() {
    let b = only_breach(UnitResult::Istimewa, spread(10, 0, 0, 0, 0));
    assert_eq!(
        b.message.text(Locale::Id),
        "paling banyak 70% Sangat Baik (7 dari 10 orang); sekarang 10: 3 orang terlalu banyak"
    );
    assert_eq!(
        b.message.text(Locale::En),
        "at most 70% Sangat Baik (7 of 10 people); now 10: 3 people too many"
    );

    let b = only_breach(UnitResult::ButuhPerbaikan, spread(0, 3, 4, 0, 0));
    assert_eq!(
        b.message.text(Locale::Id),
        "paling sedikit 60% Butuh Perbaikan (5 dari 7 orang); sekarang 4: kurang 1 orang"
    );
    assert_eq!(
        b.message.text(Locale::En),
        "at least 60% Butuh Perbaikan (5 of 7 people); now 4: 1 person short"
    );

    let b = only_breach(UnitResult::Baik, spread(3, 7, 0, 0, 0));
    assert_eq!(
        b.message.text(Locale::Id),
        "harus ada Butuh Perbaikan dan/atau Kurang/Misconduct; sekarang 0: kurang 1 orang"
    );

    let b = only_breach(UnitResult::SangatKurang, spread(2, 0, 1, 1, 6));
    assert_eq!(
        b.message.text(Locale::Id),
        "tidak boleh ada Sangat Baik; sekarang 2: 2 orang terlalu banyak"
    );
}

#[test]
fn every_rule_belongs_to_exactly_one_unit_result() {
    for rule in Rule::ALL {
        let owners = UnitResult::ALL
            .iter()
            .filter(|u| Rule::of(**u).contains(&rule))
            .count();
        assert_eq!(owners, 1, "{rule:?}");
    }
}

#[test]
fn spread_counts_each_predikat() {
    use Predikat::*;
    let s = Spread::of([Baik, Baik, SangatKurang, ButuhPerbaikan, Baik]);
    assert_eq!(s, spread(0, 3, 1, 0, 1));
    assert_eq!(s.total(), 5);
    assert_eq!(s.count_of(&[Baik, SangatKurang]), 4);
}

fn any_spread() -> impl Strategy<Value = Spread> {
    (0u32..30, 0u32..30, 0u32..30, 0u32..30, 0u32..30)
        .prop_map(|(sb, b, bp, k, sk)| spread(sb, b, bp, k, sk))
}

fn any_unit() -> impl Strategy<Value = UnitResult> {
    proptest::sample::select(UnitResult::ALL.to_vec())
}

proptest! {
    /// Moving exactly the reported number of people is what the rule needs: the count
    /// lands on the bound, never past it.
    #[test]
    fn the_reported_people_close_the_gap_exactly(unit in any_unit(), s in any_spread()) {
        for b in breaches(unit, &s) {
            let count = s.count_of(b.rule.predikats());
            let limit = b.rule.bound().people(s.total());
            match b.direction {
                Direction::TooMany => prop_assert_eq!(count - b.people, limit),
                Direction::TooFew => prop_assert_eq!(count + b.people, limit),
            }
            prop_assert!(b.people > 0);
        }
    }

    /// A rule not reported holds, checked with percentages rather than rounded counts.
    #[test]
    fn unreported_rules_hold_as_percentages(unit in any_unit(), s in any_spread()) {
        let broken: Vec<Rule> = breaches(unit, &s).iter().map(|b| b.rule).collect();
        let n = s.total();
        for rule in Rule::of(unit).iter().filter(|r| !broken.contains(r)) {
            let count = s.count_of(rule.predikats());
            let holds = n == 0 || match rule.bound() {
                Bound::AtMost(p) => count * 100 <= p * n,
                Bound::AtLeast(p) => count * 100 >= p * n,
                Bound::AtLeastOne => count >= 1,
                Bound::NoneAllowed => count == 0,
            };
            prop_assert!(holds, "{:?} {:?}", rule, s);
        }
        prop_assert_eq!(allowed(unit, &s), broken.is_empty());
    }
}
