use super::*;
use crate::Locale;

fn indicator(aspect: &str, text: &str, target: &str, unit: &str) -> IndicatorInput {
    IndicatorInput {
        aspect: aspect.into(),
        text: text.into(),
        target: target.into(),
        unit: unit.into(),
    }
}

fn fields(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.field.as_str()).collect()
}

#[test]
fn an_indicator_needs_a_measurable_target() {
    let ok = check_indicator(&indicator(
        "kuantitas",
        "Jumlah dokumen perizinan yang diverifikasi",
        "120",
        "dokumen",
    ))
    .unwrap();
    assert_eq!(ok.aspect, Aspect::Kuantitas);
    assert_eq!(ok.target, 120.0);
    let decimal = check_indicator(&indicator(
        "waktu",
        "Rata-rata waktu layanan",
        "2,5",
        "hari",
    ))
    .unwrap();
    assert_eq!(decimal.target, 2.5);

    let errors = check_indicator(&indicator("kuantitas", "Dokumen", "", "dokumen")).unwrap_err();
    assert_eq!(fields(&errors), ["target"]);
    assert!(errors[0]
        .message
        .text(Locale::Id)
        .contains("setiap indikator harus memiliki target"));
    for bad in ["0", "banyak", "1.2.3", "-5", "1e3"] {
        let errors = check_indicator(&indicator("kualitas", "Mutu", bad, "%")).unwrap_err();
        assert_eq!(fields(&errors), ["target"], "{bad}");
    }
    let errors = check_indicator(&indicator("rasa", "", "10", "")).unwrap_err();
    assert_eq!(fields(&errors), ["aspect", "text", "unit"]);
}

#[test]
fn a_result_needs_its_kind_and_text() {
    let ok = check_result(&ResultInput {
        kind: "Utama".into(),
        text: " Terlaksananya layanan KTP-el tepat waktu ".into(),
    })
    .unwrap();
    assert_eq!(ok.kind, ResultKind::Utama);
    assert_eq!(ok.text, "Terlaksananya layanan KTP-el tepat waktu");
    let errors = check_result(&ResultInput {
        kind: "lain".into(),
        text: "x".repeat(MAX_TEXT + 1),
    })
    .unwrap_err();
    assert_eq!(fields(&errors), ["kind", "text"]);
}

#[test]
fn achievement_follows_the_aspect() {
    assert_eq!(achievement(Aspect::Kuantitas, 100.0, 120.0), Some(120.0));
    assert_eq!(achievement(Aspect::Kualitas, 90.0, 45.0), Some(50.0));
    // Time and cost: less is better.
    assert_eq!(achievement(Aspect::Waktu, 3.0, 2.0), Some(150.0));
    assert_eq!(achievement(Aspect::Biaya, 100.0, 200.0), Some(50.0));
    assert_eq!(achievement(Aspect::Waktu, 3.0, 0.0), None);
    assert_eq!(achievement(Aspect::Kuantitas, 0.0, 5.0), None);
}

#[test]
fn the_plan_moves_between_draft_submitted_and_approved() {
    use PlanStatus::*;
    let t = |from, a: &PlanAction, owner, eval| plan_transition(from, a, owner, eval);
    assert_eq!(t(Draft, &PlanAction::Submit, true, false), Ok(Submitted));
    assert_eq!(t(Submitted, &PlanAction::Withdraw, true, false), Ok(Draft));
    assert_eq!(
        t(Submitted, &PlanAction::Approve, false, true),
        Ok(Approved)
    );
    let back = PlanAction::Return {
        comment: "Tambahkan indikator kualitas".into(),
    };
    assert_eq!(t(Submitted, &back, false, true), Ok(Draft));
    let revise = PlanAction::Revise {
        reason: "Pergeseran anggaran".into(),
    };
    assert_eq!(t(Approved, &revise, true, false), Ok(Draft));
    assert_eq!(t(Approved, &revise, false, true), Ok(Draft));

    // Not theirs, not now, or without the note.
    assert!(t(Draft, &PlanAction::Submit, false, true).is_err());
    assert!(t(Submitted, &PlanAction::Approve, true, false).is_err());
    assert!(t(Approved, &PlanAction::Approve, false, true).is_err());
    assert!(t(Draft, &PlanAction::Approve, false, true).is_err());
    assert!(t(Approved, &revise, false, false).is_err());
    assert!(t(Draft, &revise, true, false).is_err());
    let empty = PlanAction::Revise {
        reason: "  ".into(),
    };
    let m = t(Approved, &empty, true, false).unwrap_err();
    assert_eq!(m.text(Locale::Id), "alasan revisi wajib diisi");
    let m = t(Approved, &PlanAction::Submit, true, false).unwrap_err();
    assert!(m.text(Locale::Id).contains("Disetujui"), "{m:?}");
}

#[test]
fn only_a_draft_is_editable_and_the_lock_says_why() {
    assert!(PlanStatus::Draft.editable());
    assert!(!PlanStatus::Submitted.editable());
    assert!(!PlanStatus::Approved.editable());
    assert!(locked_message(PlanStatus::Approved)
        .text(Locale::Id)
        .contains("terkunci"));
}

#[test]
fn a_plan_is_submittable_with_a_measured_main_result() {
    use ResultKind::*;
    assert!(check_submittable(&[(Utama, 2), (Tambahan, 1)]).is_ok());
    assert!(check_submittable(&[]).is_err());
    assert!(check_submittable(&[(Tambahan, 1)]).is_err());
    assert!(check_submittable(&[(Utama, 1), (Tambahan, 0)]).is_err());
}

#[test]
fn values_parse_as_people_type_them() {
    assert_eq!(parse_value("12"), Ok(12.0));
    assert_eq!(parse_value(" 12,5 "), Ok(12.5));
    assert_eq!(parse_value("0.75"), Ok(0.75));
    assert_eq!(parse_value(""), Err(Message::Required));
    assert_eq!(parse_value("1.500.000"), Err(Message::InvalidNumber));
    assert!(parse_value("9999999999999999").is_err());
}
