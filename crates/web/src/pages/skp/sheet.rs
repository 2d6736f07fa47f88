//! A plan's content with its texts resolved: the plan page and the print sheet.

use super::number;
use crate::i18n::T;
use fleksi_domain::performance::skp::Annex;
use fleksi_domain::performance::{Aspect, ResultKind};
use fleksi_service::skp::PlanView;

/// An indicator with its texts resolved.
pub struct IndicatorLine {
    pub id: i64,
    pub aspect: String,
    pub aspect_label: String,
    pub text: String,
    pub target: String,
    pub unit: String,
}

/// A result with its texts resolved.
pub struct ResultLine {
    pub id: i64,
    pub kind: String,
    pub kind_label: String,
    pub text: String,
    pub parent_id: String,
    pub parent: String,
    pub indicators: Vec<IndicatorLine>,
}

/// The plan's content with its texts resolved (the plan page, the print page).
pub struct Sheet {
    pub id: i64,
    pub year: i64,
    pub owner: String,
    pub nip: String,
    pub position: String,
    pub unit: String,
    pub evaluator: String,
    pub evaluator_nip: String,
    pub status: String,
    pub status_label: String,
    pub revision: i64,
    pub return_comment: String,
    pub results: Vec<ResultLine>,
    /// (code, name, indicators, expectation)
    pub values: Vec<(&'static str, String, &'static [&'static str; 3], String)>,
    pub annex: Annex,
    /// (date, recorded by, participants, topic, agreed)
    pub dialogues: Vec<(String, String, String, String, String)>,
    /// (revision, reason)
    pub revisions: Vec<(i64, String)>,
}

impl Sheet {
    pub fn of(t: T, v: &PlanView) -> Sheet {
        let r = &v.row;
        Sheet {
            id: r.id,
            year: r.year,
            owner: r.employee_name.clone(),
            nip: r.nip.clone(),
            position: r.position_name.clone(),
            unit: r.unit_name.clone(),
            evaluator: r.evaluator_name.clone().unwrap_or_default(),
            evaluator_nip: r.evaluator_nip.clone().unwrap_or_default(),
            status: r.status.clone(),
            status_label: v.status().text().text(t.0),
            revision: r.revision,
            return_comment: r.return_comment.clone().unwrap_or_default(),
            results: v
                .results
                .iter()
                .map(|x| ResultLine {
                    id: x.row.id,
                    kind: x.row.kind.clone(),
                    kind_label: ResultKind::parse(&x.row.kind)
                        .map(|k| k.text().text(t.0))
                        .unwrap_or_default(),
                    text: x.row.text.clone(),
                    parent_id: x
                        .row
                        .parent_result_id
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    parent: x.row.parent_text.clone().unwrap_or_default(),
                    indicators: x
                        .indicators
                        .iter()
                        .map(|i| IndicatorLine {
                            id: i.id,
                            aspect: i.aspect.clone(),
                            aspect_label: Aspect::parse(&i.aspect)
                                .map(|a| a.text().text(t.0))
                                .unwrap_or_default(),
                            text: i.text.clone(),
                            target: number(i.target),
                            unit: i.unit.clone(),
                        })
                        .collect(),
                })
                .collect(),
            values: v
                .expectations
                .iter()
                .map(|(c, text)| (c.code(), c.text().text(t.0), c.indicators(), text.clone()))
                .collect(),
            annex: Annex {
                resources: r.resources.clone(),
                accountability: r.accountability.clone(),
                consequences: r.consequences.clone(),
            },
            dialogues: v
                .dialogues
                .iter()
                .map(|d| {
                    (
                        d.date.clone(),
                        d.recorded_by_name.clone(),
                        d.participants.clone(),
                        d.topic.clone(),
                        d.agreed.clone(),
                    )
                })
                .collect(),
            revisions: v
                .revisions
                .iter()
                .map(|x| (x.revision, x.reason.clone()))
                .collect(),
        }
    }
}
