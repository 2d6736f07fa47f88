//! An evaluation with its texts resolved, as the detail page, the print sheet and the
//! performance overview show it.

use super::{period_label, predikat_label, rating_label};
use crate::i18n::T;
use crate::pages::skp::number;
use fleksi_domain::performance::Aspect;
use fleksi_service::evaluation::EvaluationView;

/// One indicator of the page.
pub struct Row {
    pub id: i64,
    pub result: String,
    pub first_of_result: bool,
    pub aspect: String,
    pub text: String,
    pub target: String,
    pub actual: String,
    pub achievement: String,
    pub note: String,
    pub evidence_link: String,
    pub has_file: bool,
}

/// The evaluation with its texts resolved (the page and the print sheet).
pub struct Sheet {
    pub id: i64,
    pub plan_id: i64,
    pub period_label: String,
    pub owner: String,
    pub nip: String,
    pub position: String,
    pub unit: String,
    pub evaluator: String,
    pub evaluator_nip: String,
    pub status: String,
    pub version: i64,
    pub rows: Vec<Row>,
    pub results_rating: String,
    pub results_label: String,
    pub behaviour_rating: String,
    pub behaviour_label: String,
    /// (code, name, rating code, rating label)
    pub values: Vec<(&'static str, String, String, String)>,
    pub predikat: String,
    pub feedback: String,
}

impl Sheet {
    pub fn of(t: T, v: &EvaluationView) -> Sheet {
        let r = &v.row;
        let mut rows = Vec::new();
        for res in &v.results {
            for (i, m) in res.indicators.iter().enumerate() {
                rows.push(Row {
                    id: m.indicator.id,
                    result: res.result.text.clone(),
                    first_of_result: i == 0,
                    aspect: Aspect::parse(&m.indicator.aspect)
                        .map(|a| a.text().text(t.0))
                        .unwrap_or_default(),
                    text: m.indicator.text.clone(),
                    target: format!("{} {}", number(m.indicator.target), m.indicator.unit),
                    actual: m
                        .actual
                        .as_ref()
                        .map(|a| number(a.actual))
                        .unwrap_or_default(),
                    achievement: m
                        .achievement
                        .map(|p| format!("{p:.0}%"))
                        .unwrap_or_default(),
                    note: m
                        .actual
                        .as_ref()
                        .map(|a| a.note.clone())
                        .unwrap_or_default(),
                    evidence_link: m
                        .actual
                        .as_ref()
                        .and_then(|a| a.evidence_link.clone())
                        .unwrap_or_default(),
                    has_file: m
                        .actual
                        .as_ref()
                        .is_some_and(|a| a.evidence_file_id.is_some()),
                });
            }
        }
        Sheet {
            id: r.id,
            plan_id: r.plan_id,
            period_label: period_label(t, &r.period),
            owner: r.employee_name.clone(),
            nip: r.nip.clone(),
            position: r.position_name.clone(),
            unit: r.unit_name.clone(),
            evaluator: r.evaluator_name.clone().unwrap_or_default(),
            evaluator_nip: r.evaluator_nip.clone().unwrap_or_default(),
            status: r.status.clone(),
            version: r.version,
            rows,
            results_rating: r.results_rating.clone().unwrap_or_default(),
            results_label: rating_label(t, r.results_rating.as_deref()),
            behaviour_rating: r.behaviour_rating.clone().unwrap_or_default(),
            behaviour_label: rating_label(t, r.behaviour_rating.as_deref()),
            values: v
                .behaviour
                .iter()
                .map(|(c, r)| {
                    (
                        c.code(),
                        c.text().text(t.0),
                        r.map(|x| x.code().to_string()).unwrap_or_default(),
                        r.map(|x| x.text().text(t.0)).unwrap_or_default(),
                    )
                })
                .collect(),
            predikat: predikat_label(r.predikat.as_deref()),
            feedback: r.feedback.clone(),
        }
    }
}
