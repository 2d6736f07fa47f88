//! The approver's side: the queue (pending requests of direct reports, of the officials one
//! acts for today, and for admins those of their subtree), and decisions on one request or
//! many at once. Each approval is checked again at decision time (the unit's away share may
//! have filled since) and writes the approved plan days in the same transaction; a bulk
//! decision is all or nothing.

use super::apply::{approve_in, close};
use super::check::{evaluate, renamed, Checked};
use super::{stored_date, today_in, views, RequestView};
use crate::{Actor, App, Result, ServiceError};
use fleksi_domain::org::OrgPath;
use fleksi_domain::plan::{Exception, Place, PlannedDay, Request, Stage, MAX_COMMENT};
use fleksi_domain::policy::{TimeMode, TimeOfDay, WorkLocation};
use fleksi_domain::{AgencyId, FieldError, Message};
use fleksi_store::acting as acting_store;
use fleksi_store::employee::{self, EmployeeRow};
use fleksi_store::flex_request::{self as store, EvidenceMeta, RequestRow};
use fleksi_store::{commit, Conn};
use jiff::civil::Date;

/// At most this many requests in one decision.
pub const MAX_BULK: usize = 100;
/// The queue shows at most this many requests.
pub const QUEUE_LIMIT: i64 = 200;

/// On what grounds the actor decides a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    /// The requester's direct supervisor.
    Supervisor,
    /// Acting (Plt/Plh) today for the requester's supervisor.
    Acting,
    /// An admin whose subtree holds the requester's unit.
    Admin,
}

/// Whether (and why) the actor may decide `row` on `today`. Never one's own request.
pub async fn authority(
    c: &mut Conn,
    actor: &Actor,
    agency: AgencyId,
    row: &RequestRow,
    today: Date,
) -> Result<Option<Authority>> {
    let me = actor.access.employee_id.map(|e| e.0);
    if me == Some(row.employee_id) {
        return Ok(None);
    }
    if let (Some(me), Some(boss)) = (me, row.supervisor_id) {
        if boss == me {
            return Ok(Some(Authority::Supervisor));
        }
        let holders = acting_store::holders_for(c, agency.0, me, &today.to_string()).await?;
        if holders.contains(&boss) {
            return Ok(Some(Authority::Acting));
        }
    }
    if actor
        .access
        .can_administer(agency, &OrgPath::from_trusted(row.unit_path.clone()))
    {
        return Ok(Some(Authority::Admin));
    }
    Ok(None)
}

/// Today for the actor: in their own unit's zone (WIB for accounts without an employee).
async fn actor_today(
    c: &mut Conn,
    app: &App,
    actor: &Actor,
    agency: AgencyId,
) -> Result<(Option<EmployeeRow>, Date)> {
    let me = match actor.access.employee_id {
        Some(e) => employee::get(c, agency.0, e.0).await?,
        None => None,
    };
    let zone = me.as_ref().map(|e| e.time_zone.as_str()).unwrap_or("WIB");
    Ok((me.clone(), today_in(app, zone)))
}

/// The approver's queue.
pub struct Queue {
    pub items: Vec<RequestView>,
    /// Names of the officials the actor acts for today.
    pub acting_for: Vec<String>,
    /// The actor administers a subtree and may list all its pending requests.
    pub admin: bool,
    pub all: bool,
}

/// Pending requests the actor may decide: their direct reports' and those of the officials
/// they act for today; with `all`, admins also see every pending request of their subtree.
pub async fn queue(app: &App, actor: &Actor, all: bool) -> Result<Queue> {
    let agency = actor.agency()?;
    let admin = actor.access.administers_any(agency);
    let mut c = app.db.conn().await?;
    let (me, today) = actor_today(&mut c, app, actor, agency).await?;
    let mut supervisors = Vec::new();
    let mut acting_for = Vec::new();
    if let Some(me) = &me {
        supervisors.push(me.id);
        for h in acting_store::holders_for(&mut c, agency.0, me.id, &today.to_string()).await? {
            if let Some(holder) = employee::get(&mut c, agency.0, h).await? {
                acting_for.push(holder.name);
                supervisors.push(h);
            }
        }
    }
    if !(actor.access.is_supervisor || !acting_for.is_empty() || admin) {
        return Err(ServiceError::Forbidden);
    }
    let mut rows = store::pending_of_reports(&mut c, agency.0, &supervisors, QUEUE_LIMIT).await?;
    let all = all && admin;
    if all {
        let paths: Option<Vec<String>> = actor
            .access
            .administered_paths(agency)
            .map(|ps| ps.iter().map(|p| p.as_str().to_string()).collect());
        for r in store::pending_below(&mut c, agency.0, paths.as_deref(), QUEUE_LIMIT).await? {
            if !rows.iter().any(|x| x.id == r.id) {
                rows.push(r);
            }
        }
        rows.sort_by_key(|r| r.id);
    }
    let mine = me.as_ref().map(|e| e.id);
    rows.retain(|r| Some(r.employee_id) != mine);
    Ok(Queue {
        items: views(&mut c, agency.0, rows).await?,
        acting_for,
        admin,
        all,
    })
}

/// What the approver decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
    Changes,
}

impl Decision {
    pub fn parse(s: &str) -> Result<Decision> {
        match s.trim() {
            "approve" => Ok(Decision::Approve),
            "reject" => Ok(Decision::Reject),
            "changes" => Ok(Decision::Changes),
            _ => Err(ServiceError::field(
                "decision",
                Message::InvalidChoice {
                    allowed: "approve, reject, changes".into(),
                },
            )),
        }
    }

    pub(super) fn status(self) -> &'static str {
        match self {
            Decision::Approve => "approved",
            Decision::Reject => "rejected",
            Decision::Changes => "changes_requested",
        }
    }
}

/// What a decision did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Decided {
    pub ids: Vec<i64>,
    pub status: &'static str,
    /// Plan days written by approvals.
    pub plan_days: u64,
}

/// Decides one request or many with one comment (required to reject or ask for changes).
/// Every request must be the actor's to decide and still pending; approvals are checked
/// again. Any refusal refuses them all: nothing changes.
pub async fn decide(
    app: &App,
    actor: &Actor,
    ids: &[i64],
    decision: &str,
    comment: &str,
) -> Result<Decided> {
    let agency = actor.agency()?;
    if actor.access.employee_id.is_none() && !actor.access.administers_any(agency) {
        return Err(ServiceError::Forbidden);
    }
    let decision = Decision::parse(decision)?;
    let mut ids: Vec<i64> = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Err(ServiceError::field(
            "ids",
            Message::text_of(
                "pilih setidaknya satu pengajuan",
                "choose at least one request",
            ),
        ));
    }
    if ids.len() > MAX_BULK {
        return Err(ServiceError::field(
            "ids",
            Message::TooManyRows { max: MAX_BULK },
        ));
    }
    let comment = comment.trim();
    if comment.chars().count() > MAX_COMMENT {
        return Err(ServiceError::field(
            "comment",
            Message::TooLong { max: MAX_COMMENT },
        ));
    }
    if comment.is_empty() && decision != Decision::Approve {
        return Err(ServiceError::field(
            "comment",
            Message::text_of(
                "beri alasan penolakan atau perbaikan yang diminta",
                "give the reason for rejecting or the changes asked for",
            ),
        ));
    }
    let comment = (!comment.is_empty()).then_some(comment);
    let mut tx = app.db.begin().await?;
    let (_, today) = actor_today(&mut tx, app, actor, agency).await?;
    let mut rows = Vec::new();
    for id in &ids {
        let row = store::get(&mut tx, agency.0, *id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let Some(how) = authority(&mut tx, actor, agency, &row, today).await? else {
            return Err(ServiceError::Forbidden);
        };
        rows.push((row, how));
    }
    let mut errors = Vec::new();
    let mut written = 0;
    for (row, how) in &rows {
        let field = format!("ids[{}]", row.id);
        if row.status != "pending" {
            errors.push(FieldError::new(
                field,
                Message::text_of(
                    format!("pengajuan #{} tidak lagi menunggu keputusan", row.id),
                    format!("request #{} is no longer waiting for a decision", row.id),
                ),
            ));
            continue;
        }
        let acting = *how == Authority::Acting;
        match decision {
            Decision::Approve => match recheck(&mut tx, app, agency, row).await {
                Ok(checked) => {
                    written +=
                        approve_in(&mut tx, app, actor, row, &checked, comment, acting, false)
                            .await?;
                }
                Err(ServiceError::Invalid(e)) => errors.extend(e),
                Err(e) => return Err(e),
            },
            Decision::Reject | Decision::Changes => {
                close(&mut tx, app, actor, row, decision, comment, acting).await?;
            }
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    commit(tx).await?;
    Ok(Decided {
        ids,
        status: decision.status(),
        plan_days: written,
    })
}

/// The stored request as the rules read it, its days as they were asked for.
fn stored_request(row: &RequestRow, days: &[PlannedDay]) -> Result<Request> {
    let mode = TimeMode::parse(&row.time_mode)
        .map_err(|_| ServiceError::Internal("stored time mode".into()))?;
    let start = match row.shift_start.as_deref() {
        Some(s) => {
            Some(TimeOfDay::parse(s).map_err(|_| ServiceError::Internal("stored start".into()))?)
        }
        None => None,
    };
    Ok(Request {
        first_day: stored_date(&row.first_day)?,
        last_day: stored_date(&row.last_day)?,
        // Every stored day is checked as a single date, so a location the policy stopped
        // allowing is caught whether it came from the pattern or an exception.
        pattern: Default::default(),
        exceptions: days
            .iter()
            .map(|d| Exception {
                date: d.date,
                place: d.place.clone(),
            })
            .collect(),
        time_mode: mode,
        start,
        reason: row.reason.clone(),
        evidence_link: row.evidence_link.clone(),
        work_plan: row.work_plan.clone(),
    })
}

/// Checks a pending request again, as of today, before approving it.
async fn recheck(c: &mut Conn, app: &App, agency: AgencyId, row: &RequestRow) -> Result<Checked> {
    let field = format!("ids[{}]", row.id);
    let e = employee::get(&mut *c, agency.0, row.employee_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut days = Vec::new();
    for d in store::days_of(&mut *c, agency.0, row.id).await? {
        let location = WorkLocation::parse(&d.location)
            .map_err(|_| ServiceError::Internal("stored location".into()))?;
        days.push(PlannedDay {
            date: stored_date(&d.date)?,
            place: Place {
                location,
                description: d.description,
            },
            field: field.clone(),
        });
    }
    let req = stored_request(row, &days)?;
    let today = today_in(app, &e.time_zone);
    evaluate(c, agency, &e, &req, Stage::Decide, today, Some(days))
        .await
        .map_err(|err| renamed(err, &field))
}

pub(super) fn range(row: &RequestRow) -> String {
    if row.first_day == row.last_day {
        row.first_day.clone()
    } else {
        format!("{} s.d. {}", row.first_day, row.last_day)
    }
}

/// One request with what the actor may do with it.
pub struct Detail {
    pub view: RequestView,
    pub own: bool,
    pub authority: Option<Authority>,
}

/// A request for its page: the requester, or whoever may decide it.
pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<Detail> {
    let agency = actor.agency()?;
    let mut c = app.db.conn().await?;
    let row = store::get(&mut c, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let own = actor.access.employee_id.map(|e| e.0) == Some(row.employee_id);
    let (_, today) = actor_today(&mut c, app, actor, agency).await?;
    let authority = authority(&mut c, actor, agency, &row, today).await?;
    if !own && authority.is_none() {
        return Err(ServiceError::Forbidden);
    }
    let view = views(&mut c, agency.0, vec![row]).await?.remove(0);
    Ok(Detail {
        view,
        own,
        authority,
    })
}

/// A request's evidence file, for the requester and whoever may decide it.
pub async fn evidence(app: &App, actor: &Actor, id: i64) -> Result<(EvidenceMeta, Vec<u8>)> {
    let d = get(app, actor, id).await?;
    let file = d.view.row.evidence_file_id.ok_or(ServiceError::NotFound)?;
    crate::evidence::read(app, d.view.row.agency_id, file).await
}
