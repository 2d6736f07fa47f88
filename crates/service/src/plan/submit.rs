//! The employee's side: submitting a request (approved at once when the unit's policy
//! needs no approval), resubmitting after "changes requested", withdrawing an open one,
//! evidence files, and one's own list.

use super::apply::{approve_in, notify_deciders};
use super::check::{evaluate, Checked};
use super::{me, today_in, views, RequestView};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::plan::{Request, RequestInput, Stage};
use fleksi_domain::{FieldError, Message};
use fleksi_store::employee::EmployeeRow;
use fleksi_store::flex_request::{self as store, DayRow, NewRequest};
use fleksi_store::{audit as audit_store, commit, Conn};

use crate::evidence::clean_name;
pub use crate::evidence::{sniff, Upload, MAX_EVIDENCE_BYTES};

async fn store_upload(
    c: &mut Conn,
    app: &App,
    actor: &Actor,
    agency: i64,
    u: &Upload,
) -> Result<i64> {
    crate::evidence::store_upload(c, app, actor, agency, u, "evidence_file").await
}

/// Uploads an evidence file on its own (the API), for a request sent next.
pub async fn upload_evidence(app: &App, actor: &Actor, u: &Upload) -> Result<i64> {
    let mut tx = app.db.begin().await?;
    let (agency, e) = me(&mut tx, actor).await?;
    let id = store_upload(&mut tx, app, actor, agency.0, u).await?;
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "plan.evidence", "evidence_file", id)
                .in_unit(&e.unit_path)
                .after(&serde_json::json!({"name": clean_name(&u.name), "size": u.bytes.len()})),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(id)
}

/// A request is always one's own: an input naming anyone else is refused.
fn only_self(input: &RequestInput, me: &EmployeeRow) -> Result<()> {
    let text = || {
        Message::text_of(
            "pengajuan hanya untuk diri sendiri; pegawai lain mengajukan dari akunnya sendiri",
            "requests are for oneself only; others submit from their own account",
        )
    };
    if input.employee_id.is_some_and(|id| id != me.id) {
        return Err(ServiceError::field("employee_id", text()));
    }
    if input.nip.as_deref().is_some_and(|n| n.trim() != me.nip) {
        return Err(ServiceError::field("nip", text()));
    }
    Ok(())
}

/// The evidence file a request points to: an upload now, an earlier upload of the actor's
/// own (`evidence_file_id`), or `keep` (a resubmission keeps its file).
async fn evidence_file(
    c: &mut Conn,
    app: &App,
    actor: &Actor,
    agency: i64,
    input: &RequestInput,
    upload: Option<&Upload>,
    keep: Option<i64>,
) -> Result<Option<i64>> {
    if let Some(u) = upload {
        return Ok(Some(store_upload(c, app, actor, agency, u).await?));
    }
    match input.evidence_file_id {
        Some(id) => Ok(Some(
            crate::evidence::own_file(c, actor, agency, id, "evidence_file_id").await?,
        )),
        None => Ok(keep),
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| ServiceError::Internal(e.to_string()))
}

fn new_request(
    e: &EmployeeRow,
    req: &Request,
    checked: &Checked,
    file: Option<i64>,
) -> Result<NewRequest> {
    Ok(NewRequest {
        employee_id: e.id,
        unit_id: e.unit_id,
        first_day: req.first_day.to_string(),
        last_day: req.last_day.to_string(),
        pattern: if req.pattern.is_empty() {
            None
        } else {
            Some(to_json(&req.pattern)?)
        },
        time_mode: req.time_mode.code().into(),
        shift_start: req.start.map(|s| s.to_string()),
        reason: req.reason.clone(),
        evidence_link: req.evidence_link.clone(),
        evidence_file_id: file,
        work_plan: req.work_plan.clone(),
        flags: if checked.flags.is_empty() {
            None
        } else {
            Some(to_json(&checked.flags)?)
        },
    })
}

fn day_rows(checked: &Checked) -> Vec<DayRow> {
    checked
        .days
        .iter()
        .map(|d| DayRow {
            request_id: 0,
            date: d.date.to_string(),
            location: d.place.location.code().into(),
            description: d.place.description.clone(),
        })
        .collect()
}

/// Refuses a second open request for the same dates: one waits for its decision or is
/// withdrawn first.
async fn no_open_overlap(
    c: &mut Conn,
    agency: i64,
    e: &EmployeeRow,
    req: &Request,
    except: Option<i64>,
) -> Result<()> {
    let (f, t) = (req.first_day.to_string(), req.last_day.to_string());
    if let Some((id, date)) = store::open_overlapping(c, agency, e.id, &f, &t, except).await? {
        return Err(ServiceError::field(
            "first_day",
            Message::text_of(
                format!("pengajuan #{id} untuk tanggal {date} masih menunggu keputusan; tarik kembali dulu atau tunggu keputusannya"),
                format!("request #{id} for {date} is still waiting for a decision; withdraw it first or wait"),
            ),
        ));
    }
    Ok(())
}

/// What a submission did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Submitted {
    pub id: i64,
    pub status: String,
    pub view: RequestView,
}

/// Submits a request for oneself. A valid request waits for the approver, or is approved
/// at once when the unit's policy needs no approval.
pub async fn submit(
    app: &App,
    actor: &Actor,
    input: &RequestInput,
    upload: Option<&Upload>,
) -> Result<Submitted> {
    let mut tx = app.db.begin().await?;
    let (agency, e) = me(&mut tx, actor).await?;
    only_self(input, &e)?;
    let req = input.parse().map_err(ServiceError::Invalid)?;
    let today = today_in(app, &e.time_zone);
    let checked = evaluate(&mut tx, agency, &e, &req, Stage::Submit, today, None).await?;
    no_open_overlap(&mut tx, agency.0, &e, &req, None).await?;
    let file = evidence_file(&mut tx, app, actor, agency.0, input, upload, None).await?;
    let now = app.now();
    let new = new_request(&e, &req, &checked, file)?;
    let id = store::insert(&mut tx, agency.0, &new, now).await?;
    store::put_days(&mut tx, agency.0, id, e.id, &day_rows(&checked)).await?;
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "plan.submit", "flex_request", id)
            .in_unit(&e.unit_path)
            .after(&serde_json::json!({"request": new, "days": day_rows(&checked)}))],
    )
    .await?;
    let row = store::get(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if checked.policy.plans_need_approval {
        notify_deciders(&mut tx, app, agency, &row, today, false).await?;
    } else {
        approve_in(&mut tx, app, actor, &row, &checked, None, false, true).await?;
    }
    let row = store::get(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let status = row.status.clone();
    let view = views(&mut tx, agency.0, vec![row]).await?.remove(0);
    commit(tx).await?;
    Ok(Submitted { id, status, view })
}

/// The actor's own request, or not found.
async fn own(
    c: &mut Conn,
    actor: &Actor,
    id: i64,
) -> Result<(fleksi_domain::AgencyId, EmployeeRow, store::RequestRow)> {
    let (agency, e) = me(c, actor).await?;
    let row = store::get(c, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if row.employee_id != e.id {
        return Err(ServiceError::Forbidden);
    }
    Ok((agency, e, row))
}

/// Sends a request back after the approver asked for changes: checked again in full,
/// pending again, the approver told.
pub async fn resubmit(
    app: &App,
    actor: &Actor,
    id: i64,
    input: &RequestInput,
    upload: Option<&Upload>,
) -> Result<Submitted> {
    let mut tx = app.db.begin().await?;
    let (agency, e, before) = own(&mut tx, actor, id).await?;
    only_self(input, &e)?;
    if before.status != "changes_requested" {
        return Err(ServiceError::field(
            "status",
            Message::text_of(
                "hanya pengajuan yang diminta perbaikan yang dapat diajukan ulang",
                "only a request sent back for changes can be resubmitted",
            ),
        ));
    }
    let req = input.parse().map_err(ServiceError::Invalid)?;
    let today = today_in(app, &e.time_zone);
    let checked = evaluate(&mut tx, agency, &e, &req, Stage::Submit, today, None).await?;
    no_open_overlap(&mut tx, agency.0, &e, &req, Some(id)).await?;
    let file = evidence_file(
        &mut tx,
        app,
        actor,
        agency.0,
        input,
        upload,
        before.evidence_file_id,
    )
    .await?;
    let new = new_request(&e, &req, &checked, file)?;
    if !store::replace(&mut tx, agency.0, id, &new, app.now()).await? {
        return Err(ServiceError::field("status", Message::NotFound));
    }
    store::put_days(&mut tx, agency.0, id, e.id, &day_rows(&checked)).await?;
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "plan.resubmit", "flex_request", id)
                .in_unit(&e.unit_path)
                .before(&before)
                .after(&serde_json::json!({"request": new, "days": day_rows(&checked)})),
        ],
    )
    .await?;
    let row = store::get(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if checked.policy.plans_need_approval {
        notify_deciders(&mut tx, app, agency, &row, today, true).await?;
    } else {
        approve_in(&mut tx, app, actor, &row, &checked, None, false, true).await?;
    }
    let row = store::get(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let status = row.status.clone();
    let view = views(&mut tx, agency.0, vec![row]).await?.remove(0);
    commit(tx).await?;
    Ok(Submitted { id, status, view })
}

/// Withdraws one's own request while it waits (pending or sent back for changes).
pub async fn withdraw(app: &App, actor: &Actor, id: i64) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let (agency, e, before) = own(&mut tx, actor, id).await?;
    let moved = store::set_status(
        &mut tx,
        agency.0,
        id,
        &["pending", "changes_requested"],
        "withdrawn",
        before.decided_by,
        before.decided_as_acting != 0,
        before.decision_comment.as_deref(),
        before.decided_at.unwrap_or(0),
    )
    .await?;
    if !moved {
        return Err(ServiceError::field(
            "status",
            Message::text_of(
                "pengajuan ini sudah diputuskan atau ditarik dan tidak dapat ditarik lagi",
                "this request was already decided or withdrawn",
            ),
        ));
    }
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "plan.withdraw", "flex_request", id)
                .in_unit(&e.unit_path)
                .before(&serde_json::json!({"status": before.status}))
                .after(&serde_json::json!({"status": "withdrawn"})),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

/// One's own requests, newest first, 50 a page before the id `before`.
pub async fn mine(app: &App, actor: &Actor, before: Option<i64>) -> Result<Vec<RequestView>> {
    let mut c = app.db.conn().await?;
    let (agency, e) = me(&mut c, actor).await?;
    let rows = store::of_employee(&mut c, agency.0, e.id, before, 50).await?;
    views(&mut c, agency.0, rows).await
}

/// A request field error as the form shows it, for handlers that build inputs.
pub fn field_error(field: &str, m: Message) -> ServiceError {
    ServiceError::Invalid(vec![FieldError::new(field, m)])
}

/// What the request form needs: the employee's unit policy (working weekdays, allowed
/// locations and time arrangements, the flexible-start window), their eligibility, and the
/// dates of next week as a default.
pub struct FormContext {
    pub employee: EmployeeRow,
    pub policy: fleksi_domain::policy::Policy,
    pub eligibility: fleksi_domain::eligibility::Eligibility,
    pub today: jiff::civil::Date,
    pub next_monday: jiff::civil::Date,
    pub next_last: jiff::civil::Date,
}

pub async fn form_context(app: &App, actor: &Actor) -> Result<FormContext> {
    let mut c = app.db.conn().await?;
    let (agency, e) = me(&mut c, actor).await?;
    let today = today_in(app, &e.time_zone);
    let policy = crate::policy::effective(&mut c, agency, e.unit_id)
        .await?
        .policy;
    let eligibility = crate::eligibility::of_employee(&mut c, agency, e.id, today).await?;
    let next_monday = fleksi_domain::roster::monday_of(today)
        .checked_add(jiff::Span::new().days(7))
        .unwrap_or(today);
    let last_weekday = policy.work_days.0.iter().max().copied().unwrap_or(5) as i64;
    let next_last = next_monday
        .checked_add(jiff::Span::new().days(last_weekday - 1))
        .unwrap_or(next_monday);
    Ok(FormContext {
        employee: e,
        policy,
        eligibility,
        today,
        next_monday,
        next_last,
    })
}
