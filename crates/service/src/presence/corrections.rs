//! Corrections of a missed or wrong punch. The employee asks (for a past day or today, at
//! most 31 days back); the direct supervisor — or the official standing in for them that
//! day (Plt/Plh, `acting_officials`) — approves or rejects with a comment. Approving
//! recomputes the day from the corrected times, moves the week's total by the difference,
//! adds events marked `correction`, and audits the day before and after; the events that
//! came from the person stay untouched.

use super::punch::{plan_of, required_of};
use super::{instant_of, minute_of, no_employee, parse_stored_date};
use crate::{audit, calendar, policy, Actor, App, Result, ServiceError};
use fleksi_domain::policy::{TimeOfDay, WorkLocation};
use fleksi_domain::presence::{
    check_correction, check_out_before_check_in, day_totals, is_mismatch, CorrectionForm, DayRule,
    NOTE_MAX,
};
use fleksi_domain::roster::monday_of;
use fleksi_domain::timezone::Zone;
use fleksi_domain::{FieldError, Message};
use fleksi_store::notification::{self, NewNotification};
use fleksi_store::presence::{self as store, CorrectionRow, DayRow, NewCorrection, NewEvent};
use fleksi_store::{audit as audit_store, commit, employee, Conn};

/// At most this many corrections in a list.
const LIST: i64 = 50;

fn me_of(actor: &Actor) -> Result<i64> {
    actor.agency()?;
    Ok(actor.access.employee_id.ok_or_else(no_employee)?.0)
}

/// Asks for a correction of one of one's own days; returns its id.
pub async fn request(app: &App, actor: &Actor, form: &CorrectionForm<'_>) -> Result<i64> {
    let agency = actor.agency()?;
    let me = me_of(actor)?;
    let mut tx = app.db.begin().await?;
    let me = employee::get(&mut tx, agency.0, me)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    let zone = Zone::parse(&me.time_zone).unwrap_or_default();
    let today = app.clock.now().to_zoned(zone.tz()).date();
    let effective = policy::effective(&mut tx, agency, me.unit_id).await?;
    let c = check_correction(form, today, &effective.policy).map_err(ServiceError::Invalid)?;
    let mut errors = Vec::new();
    if me.supervisor_id.is_none() {
        errors.push(FieldError::new(
            "date",
            Message::text_of(
                "Anda tidak memiliki atasan langsung yang dapat memutuskan koreksi",
                "you have no direct supervisor to decide a correction",
            ),
        ));
    }
    let date = c.date.to_string();
    if store::pending_on(&mut tx, agency.0, me.id, &date).await? {
        errors.push(FieldError::new(
            "date",
            Message::text_of(
                "koreksi untuk tanggal ini masih menunggu keputusan",
                "a correction of this date is still waiting for a decision",
            ),
        ));
    }
    // The corrected day must make sense with what it keeps of the stored one.
    let day = store::days(&mut tx, agency.0, me.id, &date, &date)
        .await?
        .pop();
    let kept = |at: Option<i64>| -> Result<Option<u32>> {
        at.map(|a| minute_of(a, c.date, zone)).transpose()
    };
    let check_in = match c.check_in {
        Some(t) => Some(t.minutes() as u32),
        None => kept(day.as_ref().and_then(|d| d.check_in_at))?,
    };
    let check_out = match c.check_out {
        Some(t) => Some(t.minutes() as u32),
        None => kept(day.as_ref().and_then(|d| d.check_out_at))?,
    };
    match (check_in, check_out) {
        (None, _) => errors.push(FieldError::new(
            "check_in",
            Message::text_of(
                "hari ini tidak memiliki presensi masuk; isi jam masuk yang benar",
                "that day has no check-in; give the right check-in time",
            ),
        )),
        (Some(i), Some(o)) if o <= i => {
            errors.push(FieldError::new("check_out", check_out_before_check_in()))
        }
        _ => {}
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let new = NewCorrection {
        agency_id: agency.0,
        employee_id: me.id,
        date: date.clone(),
        check_in: c.check_in.map(|t| t.to_string()),
        check_out: c.check_out.map(|t| t.to_string()),
        location: c.location.map(|l| l.code().to_string()),
        reason: c.reason.clone(),
    };
    let now = app.now();
    let id = store::insert_correction(&mut tx, &new, now).await?;
    if let Some(boss) = me.supervisor_id {
        notification::insert_many(
            &mut tx,
            agency.0,
            &[NewNotification {
                employee_id: boss,
                kind: "presence.correction".into(),
                text_id: format!("{} meminta koreksi presensi tanggal {date}", me.name),
                text_en: format!("{} asks to correct their presence on {date}", me.name),
                link: Some("/presence/corrections".into()),
            }],
            now,
        )
        .await?;
    }
    audit_store::append(
        &mut tx,
        &[audit::event(
            app,
            actor,
            "presence.correction_request",
            "presence_correction",
            id,
        )
        .in_unit(&me.unit_path)
        .after(&serde_json::json!({
            "employee_id": me.id, "date": date, "check_in": new.check_in,
            "check_out": new.check_out, "location": new.location, "reason": new.reason,
            "day": day,
        }))],
    )
    .await?;
    commit(tx).await?;
    Ok(id)
}

/// One's own latest corrections.
pub async fn mine(app: &App, actor: &Actor) -> Result<Vec<CorrectionRow>> {
    let agency = actor.agency()?;
    let me = me_of(actor)?;
    let mut c = app.db.conn().await?;
    Ok(store::corrections_of(&mut c, agency.0, me, LIST).await?)
}

/// Today's date for the actor (their unit's zone), for acting periods.
async fn today_of(app: &App, c: &mut Conn, agency: i64, me: i64) -> Result<String> {
    let e = employee::get(c, agency, me)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    let zone = Zone::parse(&e.time_zone).unwrap_or_default();
    Ok(app.clock.now().to_zoned(zone.tz()).date().to_string())
}

/// Pending corrections the actor may decide: of their direct reports, and of the reports
/// of the officials they stand in for today. Empty for everyone else.
pub async fn to_decide(app: &App, actor: &Actor) -> Result<Vec<CorrectionRow>> {
    let agency = actor.agency()?;
    let Some(me) = actor.access.employee_id else {
        return Ok(vec![]);
    };
    let mut c = app.db.conn().await?;
    let today = today_of(app, &mut c, agency.0, me.0).await?;
    Ok(store::pending_for(&mut c, agency.0, me.0, &today, LIST).await?)
}

/// Approves (`decision` = `approve`) or rejects (`reject`) a pending correction. Only the employee's direct supervisor, or the
/// official standing in for that supervisor today, may; never the employee themselves.
/// A rejection needs a comment.
pub async fn decide(
    app: &App,
    actor: &Actor,
    id: i64,
    decision: &str,
    comment: &str,
) -> Result<()> {
    let agency = actor.agency()?;
    let decider = actor.access.employee_id.ok_or(ServiceError::Forbidden)?.0;
    let mut tx = app.db.begin().await?;
    let row = store::correction(&mut tx, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let today = today_of(app, &mut tx, agency.0, decider).await?;
    let allowed = match row.supervisor_id {
        _ if row.employee_id == decider => false,
        Some(boss) if boss == decider => true,
        Some(boss) => store::acts_for(&mut tx, agency.0, decider, boss, &today).await?,
        None => false,
    };
    if !allowed {
        return Err(ServiceError::Forbidden);
    }
    let approve = match decision.trim() {
        "approve" => true,
        "reject" => false,
        _ => {
            return Err(ServiceError::field(
                "decision",
                Message::InvalidChoice {
                    allowed: "approve, reject".into(),
                },
            ))
        }
    };
    let comment = fleksi_domain::org::bounded_text(comment, NOTE_MAX, !approve)
        .map_err(|m| ServiceError::field("comment", m))?;
    if row.status != "pending" {
        return Err(already_decided());
    }
    let now = app.now();
    let (before, after) = if approve {
        let (old, new) = apply(&mut tx, &row, now).await?;
        (
            serde_json::json!({"status": "pending", "day": old}),
            serde_json::json!({"status": "approved", "comment": comment, "day": new}),
        )
    } else {
        (
            serde_json::json!({"status": "pending"}),
            serde_json::json!({"status": "rejected", "comment": comment}),
        )
    };
    let status = if approve { "approved" } else { "rejected" };
    if !store::decide_correction(
        &mut tx,
        agency.0,
        id,
        status,
        actor.audit_user(),
        comment.as_deref(),
        now,
    )
    .await?
    {
        return Err(already_decided());
    }
    let (word_id, word_en) = if approve {
        ("disetujui", "approved")
    } else {
        ("ditolak", "rejected")
    };
    notification::insert_many(
        &mut tx,
        agency.0,
        &[NewNotification {
            employee_id: row.employee_id,
            kind: "presence.correction".into(),
            text_id: format!("Koreksi presensi tanggal {} {word_id}", row.date),
            text_en: format!("Your presence correction of {} was {word_en}", row.date),
            link: Some("/presence".into()),
        }],
        now,
    )
    .await?;
    audit_store::append(
        &mut tx,
        &[audit::event(
            app,
            actor,
            &format!(
                "presence.correction_{}",
                if approve { "approve" } else { "reject" }
            ),
            "presence_correction",
            id,
        )
        .in_unit(&row.unit_path)
        .before(&before)
        .after(&after)],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

fn already_decided() -> ServiceError {
    ServiceError::field(
        "id",
        Message::text_of(
            "koreksi ini sudah diputuskan",
            "this correction has already been decided",
        ),
    )
}

/// Rewrites the day from the correction: the corrected times and location over what was
/// stored, totals recomputed under the day's calendar and plan; the week moves by the
/// difference; the corrected punches are added as `correction` events. Returns the day
/// before and after.
async fn apply(c: &mut Conn, row: &CorrectionRow, now: i64) -> Result<(Option<DayRow>, DayRow)> {
    let agency = row.agency_id;
    let zone = Zone::parse(&row.time_zone).unwrap_or_default();
    let date = parse_stored_date(&row.date)?;
    let monday = monday_of(date);
    let sunday = super::week_dates(monday).last().copied().unwrap_or(date);
    let cal = calendar::for_unit(
        c,
        fleksi_domain::AgencyId(agency),
        row.unit_id,
        monday,
        sunday,
    )
    .await?;
    let (planned, mode, shift_start) = plan_of(c, agency, row.employee_id, date).await?;
    let rule = DayRule::new(&cal.day(date), &cal.policy, mode, shift_start);
    let old = store::days(c, agency, row.employee_id, &row.date, &row.date)
        .await?
        .pop();
    let stored_time = |t: &Option<String>| -> Result<Option<i64>> {
        t.as_deref()
            .map(|t| {
                let t = TimeOfDay::parse(t)
                    .map_err(|_| ServiceError::Internal(format!("stored time {t}")))?;
                instant_of(date, t, zone)
            })
            .transpose()
    };
    let check_in_at = stored_time(&row.check_in)?.or(old.as_ref().and_then(|d| d.check_in_at));
    let check_out_at = stored_time(&row.check_out)?.or(old.as_ref().and_then(|d| d.check_out_at));
    // The day may have changed since the request (a check-out came after it).
    let Some(check_in_at) = check_in_at else {
        return Err(ServiceError::field("check_in", Message::Required));
    };
    if check_out_at.is_some_and(|o| o <= check_in_at) {
        return Err(ServiceError::field(
            "check_out",
            check_out_before_check_in(),
        ));
    }
    let location = |stored: Option<&String>| -> Option<String> {
        row.location.clone().or_else(|| stored.cloned())
    };
    let in_location = location(old.as_ref().and_then(|d| d.check_in_location.as_ref()))
        .unwrap_or_else(|| "office".into());
    let out_location = check_out_at.map(|_| {
        location(old.as_ref().and_then(|d| d.check_out_location.as_ref()))
            .unwrap_or_else(|| in_location.clone())
    });
    let totals = day_totals(
        &rule,
        Some(minute_of(check_in_at, date, zone)?),
        check_out_at.map(|o| minute_of(o, date, zone)).transpose()?,
    );
    let mismatch = [Some(&in_location), out_location.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(|l| WorkLocation::parse(l).ok())
        .any(|l| is_mismatch(l, planned));
    let new = store::put_day(
        c,
        &DayRow {
            agency_id: agency,
            employee_id: row.employee_id,
            date: row.date.clone(),
            unit_id: row.unit_id,
            check_in_at: Some(check_in_at),
            check_in_location: Some(in_location.clone()),
            check_out_at,
            check_out_location: out_location.clone(),
            planned_location: Some(planned.code().into()),
            mismatch: mismatch as i64,
            expected_minutes: rule.expected_minutes as i64,
            effective_minutes: totals.effective_minutes as i64,
            late_minutes: totals.late_minutes as i64,
            core_hours_met: totals.core_hours_met as i64,
            corrected: 1,
            updated_at: now,
        },
    )
    .await?;
    let old_minutes = old.as_ref().map(|d| d.effective_minutes).unwrap_or(0);
    let old_present = old.as_ref().is_some_and(|d| d.check_in_at.is_some()) as i64;
    store::add_to_week(
        c,
        agency,
        row.employee_id,
        &monday.to_string(),
        required_of(&cal, monday),
        new.effective_minutes - old_minutes,
        1 - old_present,
        now,
    )
    .await?;
    for (kind, at, loc, given) in [
        (
            "check_in",
            Some(check_in_at),
            Some(in_location),
            row.check_in.is_some(),
        ),
        (
            "check_out",
            check_out_at,
            out_location,
            row.check_out.is_some(),
        ),
    ] {
        let (Some(at), Some(location), true) = (at, loc, given) else {
            continue;
        };
        store::insert_event(
            c,
            &NewEvent {
                agency_id: agency,
                employee_id: row.employee_id,
                date: row.date.clone(),
                kind,
                at,
                location,
                note: Some(row.reason.chars().take(NOTE_MAX).collect()),
                client_key: format!("correction-{}-{kind}", row.id),
                source: "correction",
            },
        )
        .await?;
    }
    Ok((old, new))
}
