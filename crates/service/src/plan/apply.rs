//! Writing a decision inside the caller's transaction: the approved plan days, the
//! request's new status, notifications to the employee and to whoever decides, and the
//! audit entries. Used by decisions (`decide`) and by auto-approval (`submit`).

use super::check::Checked;
use super::decide::{range, Decision};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::{AgencyId, Message};
use fleksi_store::acting as acting_store;
use fleksi_store::flex_request::{self as store, ApprovedDay, RequestRow};
use fleksi_store::notification::{self, NewNotification};
use fleksi_store::{audit as audit_store, Conn};
use jiff::civil::Date;

/// Approves inside the caller's transaction: the plan days, the status, a notification to
/// the employee and the audit entry. `auto`: the policy needs no approval. Returns the days
/// written.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn approve_in(
    c: &mut Conn,
    app: &App,
    actor: &Actor,
    row: &RequestRow,
    checked: &Checked,
    comment: Option<&str>,
    acting: bool,
    auto: bool,
) -> Result<u64> {
    let now = app.now();
    let agency = row.agency_id;
    let days: Vec<ApprovedDay> = checked
        .days
        .iter()
        .map(|d| ApprovedDay {
            date: d.date.to_string(),
            location: d.place.location.code().into(),
            note: d.place.description.clone(),
        })
        .collect();
    let decided_by = if auto { None } else { actor.audit_user() };
    let auto_text = "Disetujui otomatis: kebijakan unit tidak mensyaratkan persetujuan";
    let comment = if auto { Some(auto_text) } else { comment };
    if !store::set_status(
        c,
        agency,
        row.id,
        &["pending"],
        "approved",
        decided_by,
        acting,
        comment,
        now,
    )
    .await?
    {
        return Err(ServiceError::field(
            &format!("ids[{}]", row.id),
            Message::text_of(
                format!("pengajuan #{} tidak lagi menunggu keputusan", row.id),
                format!("request #{} is no longer waiting for a decision", row.id),
            ),
        ));
    }
    let written = store::approve_days(
        c,
        agency,
        row.employee_id,
        row.id,
        &days,
        &row.time_mode,
        row.shift_start.as_deref(),
        decided_by,
        now,
    )
    .await?;
    let flexible = days.iter().filter(|d| d.location != "office").count();
    notification::insert_many(
        c,
        agency,
        &[NewNotification {
            employee_id: row.employee_id,
            kind: "plan.approved".into(),
            text_id: format!(
                "Rencana kerja {} disetujui ({flexible} hari di luar kantor)",
                range(row)
            ),
            text_en: format!(
                "Your work plan for {} is approved ({flexible} days away from the office)",
                range(row)
            ),
            link: Some(format!("/plans/{}", row.id)),
        }],
        now,
    )
    .await?;
    audit_store::append(
        c,
        &[audit::event(
            app,
            actor,
            if auto {
                "plan.auto_approve"
            } else {
                "plan.approve"
            },
            "flex_request",
            row.id,
        )
        .in_unit(&row.unit_path)
        .before(&serde_json::json!({"status": row.status}))
        .after(&serde_json::json!({
            "status": "approved", "comment": comment, "as_acting": acting,
            "plan_days": written, "days": days,
        }))],
    )
    .await?;
    Ok(written)
}

/// Rejects or sends back for changes, with the comment, telling the employee.
pub(super) async fn close(
    c: &mut Conn,
    app: &App,
    actor: &Actor,
    row: &RequestRow,
    decision: Decision,
    comment: Option<&str>,
    acting: bool,
) -> Result<()> {
    let now = app.now();
    let to = decision.status();
    if !store::set_status(
        c,
        row.agency_id,
        row.id,
        &["pending"],
        to,
        actor.audit_user(),
        acting,
        comment,
        now,
    )
    .await?
    {
        return Err(ServiceError::field(
            &format!("ids[{}]", row.id),
            Message::NotFound,
        ));
    }
    let c_text = comment.unwrap_or("");
    let (kind, id, en) = if decision == Decision::Reject {
        (
            "plan.rejected",
            format!("Rencana kerja {} ditolak: {c_text}", range(row)),
            format!("Your work plan for {} was rejected: {c_text}", range(row)),
        )
    } else {
        (
            "plan.changes",
            format!("Rencana kerja {} perlu diperbaiki: {c_text}", range(row)),
            format!("Your work plan for {} needs changes: {c_text}", range(row)),
        )
    };
    notification::insert_many(
        c,
        row.agency_id,
        &[NewNotification {
            employee_id: row.employee_id,
            kind: kind.into(),
            text_id: id,
            text_en: en,
            link: Some(format!("/plans/{}", row.id)),
        }],
        now,
    )
    .await?;
    let action = if decision == Decision::Reject {
        "plan.reject"
    } else {
        "plan.changes"
    };
    audit_store::append(
        c,
        &[audit::event(app, actor, action, "flex_request", row.id)
            .in_unit(&row.unit_path)
            .before(&serde_json::json!({"status": row.status}))
            .after(&serde_json::json!({"status": to, "comment": comment, "as_acting": acting}))],
    )
    .await?;
    Ok(())
}

/// Tells whoever decides (the supervisor and anyone acting for them today) that a request
/// waits.
pub(crate) async fn notify_deciders(
    c: &mut Conn,
    app: &App,
    agency: AgencyId,
    row: &RequestRow,
    today: Date,
    again: bool,
) -> Result<()> {
    let Some(boss) = row.supervisor_id else {
        return Ok(());
    };
    let mut to = vec![boss];
    to.extend(acting_store::acting_for(c, agency.0, boss, &today.to_string()).await?);
    let (verb_id, verb_en) = if again {
        ("mengajukan ulang", "resubmitted")
    } else {
        ("mengajukan", "submitted")
    };
    let notes: Vec<NewNotification> = to
        .into_iter()
        .map(|employee_id| NewNotification {
            employee_id,
            kind: "plan.submitted".into(),
            text_id: format!(
                "{} {verb_id} rencana kerja fleksibel {}",
                row.employee_name,
                range(row)
            ),
            text_en: format!(
                "{} {verb_en} a flexible work plan for {}",
                row.employee_name,
                range(row)
            ),
            link: Some("/approvals".into()),
        })
        .collect();
    notification::insert_many(c, agency.0, &notes, app.now()).await?;
    Ok(())
}
