//! The items of the daily report (*laporan harian / progres harian*, required nationally
//! from 2026): what was worked on, how far it got, and for anything stuck, what is needed
//! to unstick it — the format the remote-work training in the seeds teaches ("Hasil Kerja
//! Harian: 3 item, status: selesai/berjalan/terhambat, kebutuhan: …").

use super::parse_choice;
use crate::message::{FieldError, Message};
use serde::{Deserialize, Serialize};

/// A day's report is a short list, not a diary: more than this is better grouped.
pub const MAX_ITEMS_PER_DAY: usize = 20;
/// The longest text of one item.
pub const MAX_ITEM_TEXT: usize = 1000;
/// The longest text of what an item needs.
pub const MAX_NEEDS: usize = 1000;

/// How far one item of work got today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// *Selesai*.
    Done,
    /// *Berjalan*.
    InProgress,
    /// *Terhambat*: the item must say what it needs.
    Blocked,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 3] = [
        ItemStatus::Done,
        ItemStatus::InProgress,
        ItemStatus::Blocked,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ItemStatus::Done => "done",
            ItemStatus::InProgress => "in_progress",
            ItemStatus::Blocked => "blocked",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::Done => "Selesai",
            ItemStatus::InProgress => "Berjalan",
            ItemStatus::Blocked => "Terhambat",
        }
    }

    /// The name in both languages of the product.
    pub fn text(self) -> Message {
        let en = match self {
            ItemStatus::Done => "Done",
            ItemStatus::InProgress => "In progress",
            ItemStatus::Blocked => "Blocked",
        };
        Message::text_of(self.label(), en)
    }

    /// Reads a status by its code or its Indonesian word (`selesai`, `berjalan`,
    /// `terhambat`), as people write it in the report template.
    pub fn parse(s: &str) -> Result<ItemStatus, Message> {
        parse_choice(
            s,
            ("status", "status"),
            &ItemStatus::ALL,
            ItemStatus::code,
            ItemStatus::label,
        )
    }
}

/// One item as typed in the form or sent as JSON: strings, so every problem can be
/// named per field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub needs: String,
    /// The task this item reports on, if any (checked by the service: one of the
    /// reporter's own tasks).
    #[serde(default)]
    pub task_id: Option<i64>,
    /// The SKP result this item contributes to, if any (one of the reporter's own).
    #[serde(default)]
    pub result_id: Option<i64>,
}

impl ItemInput {
    fn is_blank(&self) -> bool {
        [&self.text, &self.status, &self.needs]
            .iter()
            .all(|f| f.trim().is_empty())
            && self.task_id.is_none()
            && self.result_id.is_none()
    }
}

/// One checked item of the daily report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportItem {
    pub text: String,
    pub status: ItemStatus,
    /// What the work needs to go on; always there when the item is blocked, and kept
    /// for the others too when given (e.g. "berjalan, kebutuhan: data dari bidang X").
    pub needs: Option<String>,
    pub task_id: Option<i64>,
    pub result_id: Option<i64>,
}

/// Checks a day's items and returns them trimmed, or every problem at once, each named
/// by its field (`items[2].needs`, counting from 0 as the form's field names do).
///
/// Rows left entirely blank are skipped: a form without JavaScript offers a few empty
/// rows, and an unused row is not a mistake.
pub fn check_items(items: &[ItemInput]) -> Result<Vec<ReportItem>, Vec<FieldError>> {
    let filled: Vec<(usize, &ItemInput)> = items
        .iter()
        .enumerate()
        .filter(|(_, i)| !i.is_blank())
        .collect();
    if filled.is_empty() {
        return Err(vec![FieldError::new(
            "items",
            Message::text_of(
                "tuliskan paling sedikit satu hasil kerja hari ini",
                "write at least one work result for today",
            ),
        )]);
    }
    if filled.len() > MAX_ITEMS_PER_DAY {
        return Err(vec![FieldError::new(
            "items",
            Message::text_of(
                format!(
                    "paling banyak {MAX_ITEMS_PER_DAY} hasil kerja per hari (ada {}); gabungkan pekerjaan yang sejenis",
                    filled.len()
                ),
                format!(
                    "at most {MAX_ITEMS_PER_DAY} work results a day ({} given); group similar work together",
                    filled.len()
                ),
            ),
        )]);
    }
    let mut errors = Vec::new();
    let mut checked = Vec::with_capacity(filled.len());
    for (i, item) in filled {
        if let Some(ok) = check_item(i, item, &mut errors) {
            checked.push(ok);
        }
    }
    if errors.is_empty() {
        Ok(checked)
    } else {
        Err(errors)
    }
}

/// One item, adding its problems to `errors`.
fn check_item(i: usize, item: &ItemInput, errors: &mut Vec<FieldError>) -> Option<ReportItem> {
    let field = |name: &str| format!("items[{i}].{name}");
    let before = errors.len();

    let text = item.text.trim();
    if text.is_empty() {
        errors.push(FieldError::new(field("text"), Message::Required));
    } else if text.chars().count() > MAX_ITEM_TEXT {
        errors.push(FieldError::new(
            field("text"),
            Message::TooLong { max: MAX_ITEM_TEXT },
        ));
    }

    let status = ItemStatus::parse(&item.status)
        .map_err(|m| errors.push(FieldError::new(field("status"), m)))
        .ok();

    let needs = item.needs.trim();
    if needs.chars().count() > MAX_NEEDS {
        errors.push(FieldError::new(
            field("needs"),
            Message::TooLong { max: MAX_NEEDS },
        ));
    } else if needs.is_empty() && status == Some(ItemStatus::Blocked) {
        errors.push(FieldError::new(
            field("needs"),
            Message::text_of(
                "hasil kerja yang terhambat harus menyebutkan kebutuhannya: apa yang diperlukan agar dapat berjalan lagi",
                "a blocked item must say what it needs to get going again",
            ),
        ));
    }

    match status {
        Some(status) if errors.len() == before => Some(ReportItem {
            text: text.to_string(),
            status,
            needs: (!needs.is_empty()).then(|| needs.to_string()),
            task_id: item.task_id,
            result_id: item.result_id,
        }),
        _ => None,
    }
}

/// The longest text of one part of the weekly reflection.
pub const MAX_REFLECTION: usize = 2000;

/// The employee's reflection that closes a weekly report (seed 001, §5.9): what went
/// well, what to improve, and the plan for next week.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reflection {
    #[serde(default)]
    pub went_well: String,
    #[serde(default)]
    pub to_improve: String,
    #[serde(default)]
    pub next_week: String,
}

/// Checks a reflection: all three parts are written, none too long.
pub fn check_reflection(r: &Reflection) -> Result<Reflection, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut part = |field: &str, v: &str| {
        let v = v.trim();
        if v.is_empty() {
            errors.push(FieldError::new(field, Message::Required));
        } else if v.chars().count() > MAX_REFLECTION {
            errors.push(FieldError::new(
                field,
                Message::TooLong {
                    max: MAX_REFLECTION,
                },
            ));
        }
        v.to_string()
    };
    let out = Reflection {
        went_well: part("went_well", &r.went_well),
        to_improve: part("to_improve", &r.to_improve),
        next_week: part("next_week", &r.next_week),
    };
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Locale;

    fn item(text: &str, status: &str, needs: &str) -> ItemInput {
        ItemInput {
            text: text.into(),
            status: status.into(),
            needs: needs.into(),
            ..ItemInput::default()
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn statuses_parse_by_code_or_the_indonesian_word() {
        assert_eq!(ItemStatus::parse("selesai"), Ok(ItemStatus::Done));
        assert_eq!(ItemStatus::parse("Berjalan"), Ok(ItemStatus::InProgress));
        assert_eq!(ItemStatus::parse(" TERHAMBAT "), Ok(ItemStatus::Blocked));
        for s in ItemStatus::ALL {
            assert_eq!(ItemStatus::parse(s.code()), Ok(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.code())
            );
        }
        let m = ItemStatus::parse("macet").unwrap_err().text(Locale::Id);
        assert!(m.contains("status «macet» tidak dikenal"), "{m}");
        assert!(m.contains("blocked (Terhambat)"), "{m}");
    }

    #[test]
    fn a_good_report_comes_back_trimmed() {
        let got = check_items(&[
            item(" Menyusun notula rapat ", "selesai", ""),
            item("Verifikasi berkas izin", "berjalan", " data dari bidang X "),
            item("Rekap absensi", "terhambat", "akses aplikasi kepegawaian"),
        ])
        .unwrap();
        assert_eq!(
            got,
            vec![
                ReportItem {
                    text: "Menyusun notula rapat".into(),
                    status: ItemStatus::Done,
                    needs: None,
                    task_id: None,
                    result_id: None,
                },
                ReportItem {
                    text: "Verifikasi berkas izin".into(),
                    status: ItemStatus::InProgress,
                    needs: Some("data dari bidang X".into()),
                    task_id: None,
                    result_id: None,
                },
                ReportItem {
                    text: "Rekap absensi".into(),
                    status: ItemStatus::Blocked,
                    needs: Some("akses aplikasi kepegawaian".into()),
                    task_id: None,
                    result_id: None,
                },
            ]
        );
    }

    #[test]
    fn a_blocked_item_must_say_what_it_needs() {
        let errors = check_items(&[
            item("Menyusun notula", "selesai", ""),
            item("Rekap absensi", "berjalan", ""),
            item("Input SKP", "terhambat", "   "),
        ])
        .unwrap_err();
        assert_eq!(fields(&errors), ["items[2].needs"]);
        assert!(errors[0]
            .message
            .text(Locale::Id)
            .starts_with("hasil kerja yang terhambat harus menyebutkan kebutuhannya"));
    }

    #[test]
    fn every_problem_is_reported_at_once_by_field() {
        let long = "x".repeat(MAX_ITEM_TEXT + 1);
        let errors = check_items(&[
            item("", "selesai", ""),
            item(&long, "macet", ""),
            item("Rapat", "blocked", &"y".repeat(MAX_NEEDS + 1)),
        ])
        .unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                "items[0].text",
                "items[1].text",
                "items[1].status",
                "items[2].needs"
            ]
        );
        assert_eq!(errors[0].message, Message::Required);
        assert_eq!(errors[1].message, Message::TooLong { max: MAX_ITEM_TEXT });
        assert_eq!(errors[3].message, Message::TooLong { max: MAX_NEEDS });
    }

    #[test]
    fn the_longest_texts_just_fit() {
        let got = check_items(&[item(
            &"x".repeat(MAX_ITEM_TEXT),
            "terhambat",
            &"y".repeat(MAX_NEEDS),
        )]);
        assert!(got.is_ok());
    }

    #[test]
    fn blank_rows_are_skipped_but_keep_their_place_in_field_names() {
        let errors = check_items(&[
            item("", "", ""),
            item("Rapat koordinasi", "selesai", ""),
            item("  ", " ", ""),
            item("Input SKP", "terhambat", ""),
        ])
        .unwrap_err();
        assert_eq!(fields(&errors), ["items[3].needs"]);
        let ok = check_items(&[item("", "", ""), item("Rapat", "selesai", "")]).unwrap();
        assert_eq!(ok.len(), 1);
    }

    #[test]
    fn a_report_needs_at_least_one_item() {
        for items in [vec![], vec![item(" ", "", "")]] {
            let errors = check_items(&items).unwrap_err();
            assert_eq!(fields(&errors), ["items"]);
        }
    }

    #[test]
    fn at_most_twenty_items_a_day() {
        let many = |n: usize| vec![item("Rapat", "selesai", ""); n];
        assert_eq!(check_items(&many(MAX_ITEMS_PER_DAY)).unwrap().len(), 20);
        let errors = check_items(&many(MAX_ITEMS_PER_DAY + 1)).unwrap_err();
        assert_eq!(fields(&errors), ["items"]);
        assert_eq!(
            errors[0].message.text(Locale::Id),
            "paling banyak 20 hasil kerja per hari (ada 21); gabungkan pekerjaan yang sejenis"
        );
    }

    #[test]
    fn reads_json_and_refuses_unknown_fields() {
        let ok: Vec<ItemInput> =
            serde_json::from_str(r#"[{"text":"Rapat","status":"selesai"}]"#).unwrap();
        assert_eq!(ok, vec![item("Rapat", "selesai", "")]);
        assert!(serde_json::from_str::<ItemInput>(r#"{"txt":"Rapat"}"#).is_err());
    }

    #[test]
    fn a_reflection_has_all_three_parts() {
        let ok = check_reflection(&Reflection {
            went_well: " Verifikasi selesai lebih cepat ".into(),
            to_improve: "Koordinasi dengan bidang lain".into(),
            next_week: "Rekap bulanan".into(),
        })
        .unwrap();
        assert_eq!(ok.went_well, "Verifikasi selesai lebih cepat");
        let errors = check_reflection(&Reflection {
            went_well: "".into(),
            to_improve: "x".repeat(MAX_REFLECTION + 1),
            next_week: " ".into(),
        })
        .unwrap_err();
        assert_eq!(fields(&errors), ["went_well", "to_improve", "next_week"]);
    }
}
