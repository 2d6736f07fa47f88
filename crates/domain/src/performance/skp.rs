//! The performance plan (*SKP*, Permen PANRB 6/2022): planned results (*RHK*, utama or
//! tambahan), each supporting a result of the supervisor's ("RHK atasan yang
//! diintervensi"), each measured by indicators (*IKI*) with an aspect, a target and its
//! unit; the supervisor's expectations per BerAKHLAK value; and the annex. The plan is
//! drafted by the employee, submitted, and approved by the supervisor, which locks it;
//! a later change is an explicit revision with a reason.

use super::parse_choice;
use crate::message::{FieldError, Message};
use serde::{Deserialize, Serialize};

#[cfg(test)]
mod tests;

/// The longest text of a result, an indicator, an expectation or an annex part.
pub const MAX_TEXT: usize = 2000;
/// The longest unit of an indicator's target ("dokumen", "%", "hari kerja").
pub const MAX_UNIT: usize = 40;
/// A plan this large is a list of activities, not of results.
pub const MAX_RESULTS: usize = 30;
pub const MAX_INDICATORS: usize = 10;
/// Targets and actual values are at most this (a budget in rupiah fits).
pub const MAX_VALUE: f64 = 1e15;

/// Whether a planned result is the main work of the position or additional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    Utama,
    Tambahan,
}

impl ResultKind {
    pub const ALL: [ResultKind; 2] = [ResultKind::Utama, ResultKind::Tambahan];

    pub fn code(self) -> &'static str {
        match self {
            ResultKind::Utama => "utama",
            ResultKind::Tambahan => "tambahan",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ResultKind::Utama => "Utama",
            ResultKind::Tambahan => "Tambahan",
        }
    }

    pub fn text(self) -> Message {
        match self {
            ResultKind::Utama => Message::text_of("Utama", "Main"),
            ResultKind::Tambahan => Message::text_of("Tambahan", "Additional"),
        }
    }

    pub fn parse(s: &str) -> Result<ResultKind, Message> {
        parse_choice(
            s,
            ("jenis hasil kerja", "kind of result"),
            &ResultKind::ALL,
            ResultKind::code,
            ResultKind::label,
        )
    }
}

/// What an indicator measures (the aspects of Permen PANRB 6/2022).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aspect {
    Kuantitas,
    Kualitas,
    Waktu,
    Biaya,
}

impl Aspect {
    pub const ALL: [Aspect; 4] = [
        Aspect::Kuantitas,
        Aspect::Kualitas,
        Aspect::Waktu,
        Aspect::Biaya,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Aspect::Kuantitas => "kuantitas",
            Aspect::Kualitas => "kualitas",
            Aspect::Waktu => "waktu",
            Aspect::Biaya => "biaya",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Aspect::Kuantitas => "Kuantitas",
            Aspect::Kualitas => "Kualitas",
            Aspect::Waktu => "Waktu",
            Aspect::Biaya => "Biaya",
        }
    }

    pub fn text(self) -> Message {
        let en = match self {
            Aspect::Kuantitas => "Quantity",
            Aspect::Kualitas => "Quality",
            Aspect::Waktu => "Time",
            Aspect::Biaya => "Cost",
        };
        Message::text_of(self.label(), en)
    }

    pub fn parse(s: &str) -> Result<Aspect, Message> {
        parse_choice(
            s,
            ("aspek", "aspect"),
            &Aspect::ALL,
            Aspect::code,
            Aspect::label,
        )
    }

    /// More is better for quantity and quality; for time and cost, less is better (the
    /// work took fewer days or less money than planned).
    pub fn higher_is_better(self) -> bool {
        matches!(self, Aspect::Kuantitas | Aspect::Kualitas)
    }
}

/// How far an actual value reached its target, in percent: actual ÷ target, or target ÷
/// actual where less is better. None when it cannot be said (nothing spent or taken yet).
pub fn achievement(aspect: Aspect, target: f64, actual: f64) -> Option<f64> {
    if target <= 0.0 || actual < 0.0 {
        return None;
    }
    if aspect.higher_is_better() {
        Some(actual / target * 100.0)
    } else if actual > 0.0 {
        Some(target / actual * 100.0)
    } else {
        None
    }
}

/// Reads a number as people type it: `12`, `12.5`, `12,5`, `1.500.000` is not accepted
/// (ambiguous) — digits with at most one decimal separator.
pub fn parse_value(s: &str) -> Result<f64, Message> {
    let s = s.trim();
    if s.is_empty() {
        return Err(Message::Required);
    }
    let normal = s.replace(',', ".");
    let ok_shape = normal.bytes().filter(|b| *b == b'.').count() <= 1
        && normal.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && normal.bytes().any(|b| b.is_ascii_digit());
    let v: f64 = if ok_shape {
        normal.parse().map_err(|_| Message::InvalidNumber)?
    } else {
        return Err(Message::InvalidNumber);
    };
    if v > MAX_VALUE {
        return Err(Message::OutOfRange {
            min: "0".into(),
            max: "1000000000000000".into(),
        });
    }
    Ok(v)
}

/// Trims a text and adds its problems: required or not, at most `max` characters.
pub fn text_field(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    required: bool,
    max: usize,
) -> String {
    let v = value.trim();
    if required && v.is_empty() {
        errors.push(FieldError::new(field, Message::Required));
    } else if v.chars().count() > max {
        errors.push(FieldError::new(field, Message::TooLong { max }));
    }
    v.to_string()
}

/// A planned result as a form or the API sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ResultInput {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub text: String,
}

/// A planned result, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResultDraft {
    pub kind: ResultKind,
    pub text: String,
}

pub fn check_result(input: &ResultInput) -> Result<ResultDraft, Vec<FieldError>> {
    let mut errors = Vec::new();
    let kind = ResultKind::parse(&input.kind)
        .map_err(|m| errors.push(FieldError::new("kind", m)))
        .ok();
    let text = text_field(&mut errors, "text", &input.text, true, MAX_TEXT);
    match kind {
        Some(kind) if errors.is_empty() => Ok(ResultDraft { kind, text }),
        _ => Err(errors),
    }
}

/// An indicator as a form or the API sends it (strings, so each problem is named).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct IndicatorInput {
    #[serde(default)]
    pub aspect: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub unit: String,
}

/// An indicator, checked: every indicator has a target above zero and its unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorDraft {
    pub aspect: Aspect,
    pub text: String,
    pub target: f64,
    pub unit: String,
}

pub fn check_indicator(input: &IndicatorInput) -> Result<IndicatorDraft, Vec<FieldError>> {
    let mut errors = Vec::new();
    let aspect = Aspect::parse(&input.aspect)
        .map_err(|m| errors.push(FieldError::new("aspect", m)))
        .ok();
    let text = text_field(&mut errors, "text", &input.text, true, MAX_TEXT);
    let target = match parse_value(&input.target) {
        Ok(v) if v > 0.0 => Some(v),
        Ok(_) => {
            errors.push(FieldError::new(
                "target",
                Message::text_of(
                    "target harus lebih dari nol",
                    "the target must be above zero",
                ),
            ));
            None
        }
        Err(Message::Required) => {
            errors.push(FieldError::new(
                "target",
                Message::text_of(
                    "setiap indikator harus memiliki target yang terukur (angka)",
                    "every indicator needs a measurable target (a number)",
                ),
            ));
            None
        }
        Err(m) => {
            errors.push(FieldError::new("target", m));
            None
        }
    };
    let unit = text_field(&mut errors, "unit", &input.unit, true, MAX_UNIT);
    match (aspect, target) {
        (Some(aspect), Some(target)) if errors.is_empty() => Ok(IndicatorDraft {
            aspect,
            text,
            target,
            unit,
        }),
        _ => Err(errors),
    }
}

/// Where a plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Being written by the employee; the only editable state.
    Draft,
    /// Waiting for the supervisor.
    Submitted,
    /// Agreed and locked.
    Approved,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 3] = [
        PlanStatus::Draft,
        PlanStatus::Submitted,
        PlanStatus::Approved,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::Submitted => "submitted",
            PlanStatus::Approved => "approved",
        }
    }

    pub fn text(self) -> Message {
        match self {
            PlanStatus::Draft => Message::text_of("Konsep", "Draft"),
            PlanStatus::Submitted => Message::text_of("Diajukan", "Submitted"),
            PlanStatus::Approved => Message::text_of("Disetujui (terkunci)", "Approved (locked)"),
        }
    }

    pub fn parse(s: &str) -> Result<PlanStatus, Message> {
        PlanStatus::ALL
            .into_iter()
            .find(|p| p.code() == s.trim())
            .ok_or(Message::InvalidChoice {
                allowed: "draft, submitted, approved".into(),
            })
    }

    /// Only a draft's content may change.
    pub fn editable(self) -> bool {
        self == PlanStatus::Draft
    }
}

/// Why a plan's content may not change now.
pub fn locked_message(status: PlanStatus) -> Message {
    match status {
        PlanStatus::Approved => Message::text_of(
            "SKP sudah disetujui dan terkunci; ajukan revisi (dengan alasan) untuk mengubahnya",
            "the SKP is approved and locked; open a revision (with a reason) to change it",
        ),
        _ => Message::text_of(
            "SKP sedang diajukan kepada atasan; tarik kembali pengajuan untuk mengubahnya",
            "the SKP is with the supervisor; withdraw it to change it",
        ),
    }
}

/// A move of the plan between its states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanAction {
    Submit,
    Withdraw,
    Approve,
    /// The supervisor sends it back for changes.
    Return {
        comment: String,
    },
    /// An approved plan is opened again; the approved version is kept.
    Revise {
        reason: String,
    },
}

impl PlanAction {
    pub fn code(&self) -> &'static str {
        match self {
            PlanAction::Submit => "submit",
            PlanAction::Withdraw => "withdraw",
            PlanAction::Approve => "approve",
            PlanAction::Return { .. } => "return",
            PlanAction::Revise { .. } => "revise",
        }
    }

    /// Every action with a placeholder note, to ask which are open to a reader.
    pub fn all() -> [PlanAction; 5] {
        [
            PlanAction::Submit,
            PlanAction::Withdraw,
            PlanAction::Approve,
            PlanAction::Return {
                comment: "-".into(),
            },
            PlanAction::Revise { reason: "-".into() },
        ]
    }
}

/// The state after `action`, or why not. `by_owner`: the employee whose plan it is;
/// `by_evaluator`: their supervisor (who approves).
pub fn plan_transition(
    from: PlanStatus,
    action: &PlanAction,
    by_owner: bool,
    by_evaluator: bool,
) -> Result<PlanStatus, Message> {
    use PlanStatus::*;
    let not_now = || {
        Message::text_of(
            format!(
                "tindakan ini tidak dapat dilakukan pada SKP berstatus «{}»",
                from.text().text(crate::Locale::Id)
            ),
            format!(
                "this cannot be done to an SKP that is «{}»",
                from.text().text(crate::Locale::En)
            ),
        )
    };
    let not_yours = || {
        Message::text_of(
            "tindakan ini bukan untuk Anda pada SKP ini",
            "this action is not yours to take on this SKP",
        )
    };
    let note = |s: &str, what: (&str, &str)| -> Result<(), Message> {
        let s = s.trim();
        if s.is_empty() {
            Err(Message::text_of(
                format!("{} wajib diisi", what.0),
                format!("{} is required", what.1),
            ))
        } else if s.chars().count() > MAX_TEXT {
            Err(Message::TooLong { max: MAX_TEXT })
        } else {
            Ok(())
        }
    };
    match (action, from) {
        (PlanAction::Submit, Draft) if by_owner => Ok(Submitted),
        (PlanAction::Withdraw, Submitted) if by_owner => Ok(Draft),
        (PlanAction::Approve, Submitted) if by_evaluator => Ok(Approved),
        (PlanAction::Return { comment }, Submitted) if by_evaluator => {
            note(
                comment,
                ("catatan pengembalian", "the note on what to change"),
            )?;
            Ok(Draft)
        }
        (PlanAction::Revise { reason }, Approved) if by_owner || by_evaluator => {
            note(reason, ("alasan revisi", "the reason for the revision"))?;
            Ok(Draft)
        }
        (PlanAction::Submit | PlanAction::Withdraw, _) if !by_owner => Err(not_yours()),
        (PlanAction::Approve | PlanAction::Return { .. }, _) if !by_evaluator => Err(not_yours()),
        (PlanAction::Revise { .. }, _) if !by_owner && !by_evaluator => Err(not_yours()),
        _ => Err(not_now()),
    }
}

/// A plan is ready to submit when it has a main result and every result is measured.
/// `results`: each result's kind and its number of indicators.
pub fn check_submittable(results: &[(ResultKind, usize)]) -> Result<(), Message> {
    if !results.iter().any(|(k, _)| *k == ResultKind::Utama) {
        return Err(Message::text_of(
            "SKP belum memiliki hasil kerja utama",
            "the SKP has no main result yet",
        ));
    }
    if results.iter().any(|(_, n)| *n == 0) {
        return Err(Message::text_of(
            "setiap hasil kerja harus memiliki paling sedikit satu indikator dengan target",
            "every result needs at least one indicator with a target",
        ));
    }
    Ok(())
}

/// The annex of the plan (*lampiran SKP*).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Annex {
    #[serde(default)]
    pub resources: String,
    #[serde(default)]
    pub accountability: String,
    #[serde(default)]
    pub consequences: String,
}

pub fn check_annex(a: &Annex) -> Result<Annex, Vec<FieldError>> {
    let mut errors = Vec::new();
    let out = Annex {
        resources: text_field(&mut errors, "resources", &a.resources, false, MAX_TEXT),
        accountability: text_field(
            &mut errors,
            "accountability",
            &a.accountability,
            false,
            MAX_TEXT,
        ),
        consequences: text_field(
            &mut errors,
            "consequences",
            &a.consequences,
            false,
            MAX_TEXT,
        ),
    };
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
