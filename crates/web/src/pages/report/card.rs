//! A report with its texts resolved, as every report page shows one.

use crate::i18n::T;
use fleksi_domain::performance::{ItemStatus, WorkPlace};
use fleksi_service::report::ReportView;

/// One item with its texts resolved.
pub struct ItemLine {
    pub text: String,
    pub status: String,
    pub status_label: String,
    pub needs: String,
    pub task_id: Option<i64>,
    pub task: String,
    pub result: String,
}

/// One report with its texts resolved.
pub struct Card {
    pub id: i64,
    pub date: String,
    pub version: i64,
    pub late: bool,
    pub place: &'static str,
    pub items: Vec<ItemLine>,
    pub blocked: i64,
    pub evidence_link: String,
    pub has_file: bool,
    pub acknowledged: bool,
    pub comment: String,
}

impl Card {
    pub fn of(t: T, v: &ReportView) -> Card {
        let r = &v.row;
        Card {
            id: r.id,
            date: r.date.clone(),
            version: r.version,
            late: r.late != 0,
            place: match WorkPlace::parse(&r.place) {
                Some(WorkPlace::Remote) => t.s("reports.place.remote"),
                _ => t.s("reports.place.office"),
            },
            items: v
                .items
                .iter()
                .map(|i| ItemLine {
                    text: i.text.clone(),
                    status: i.status.clone(),
                    status_label: ItemStatus::parse(&i.status)
                        .map(|s| s.text().text(t.0))
                        .unwrap_or_default(),
                    needs: i.needs.clone().unwrap_or_default(),
                    task_id: i.task_id,
                    task: i.task_title.clone().unwrap_or_default(),
                    result: i.result_text.clone().unwrap_or_default(),
                })
                .collect(),
            blocked: r.items_blocked,
            evidence_link: r.evidence_link.clone().unwrap_or_default(),
            has_file: r.evidence_file_id.is_some(),
            acknowledged: r.acknowledged_at.is_some(),
            comment: r.comment.clone().unwrap_or_default(),
        }
    }
}
