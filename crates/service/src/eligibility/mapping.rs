//! Changing a unit's activity mapping: adding, renaming or reassessing, and deleting an
//! activity of a position. Only admins of the unit's subtree may; each change is checked
//! (a named field on bad input, nothing written) and audited in the same transaction.

use super::{unit_with_right, Right};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::eligibility::{check_activity_name, Criterion, MAX_ACTIVITIES_PER_POSITION};
use fleksi_domain::{AgencyId, FieldError, Message};
use fleksi_store::eligibility::{self as store, ActivityRow, NewActivity};
use fleksi_store::org::UnitRow;
use fleksi_store::{audit as audit_store, commit, Conn};

/// An activity as a form sends it: the position, the name and the criteria met.
#[derive(Debug, Clone, Default)]
pub struct ActivityForm {
    pub position_id: String,
    pub activity: String,
    /// In `Criterion::ALL` order (a–f).
    pub criteria: [bool; 6],
}

/// How an activity is written in the audit log.
fn audit_state(
    position: &str,
    position_id: i64,
    name: &str,
    criteria: [bool; 6],
) -> serde_json::Value {
    let mut c = serde_json::Map::new();
    for k in Criterion::ALL {
        c.insert(k.code().into(), criteria[k.index()].into());
    }
    serde_json::json!({
        "position_id": position_id,
        "position": position,
        "activity": name,
        "criteria": c,
        "qualifies": criteria.iter().all(|m| *m),
    })
}

/// Checks the name against the position's other activities: required, bounded, and not
/// the same (ignoring case) as another activity of the position.
fn check_name(
    name: &str,
    others: &[ActivityRow],
    except: Option<i64>,
) -> std::result::Result<String, FieldError> {
    let name = check_activity_name(name)?;
    let key = name.to_lowercase();
    if others
        .iter()
        .any(|a| Some(a.id) != except && a.activity.to_lowercase() == key)
    {
        return Err(FieldError::new("activity", Message::AlreadyExists));
    }
    Ok(name)
}

/// Refuses every change from someone who administers nothing in the agency, before
/// anything is read.
fn may_edit_some(actor: &Actor, agency: AgencyId) -> Result<()> {
    if actor.access.administers_any(agency) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// Adds an activity to a position of the unit.
pub async fn add_activity(
    app: &App,
    actor: &Actor,
    unit_id: i64,
    form: &ActivityForm,
) -> Result<i64> {
    let agency = actor.agency()?;
    may_edit_some(actor, agency)?;
    let mut tx = app.db.begin().await?;
    let (unit, _) = unit_with_right(&mut tx, actor, agency, unit_id, Right::Edit).await?;
    let positions = store::positions(&mut tx, agency.0, unit.id).await?;
    let position = form
        .position_id
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| positions.iter().find(|p| p.position_id == id));
    let mut errors = Vec::new();
    let mut existing = Vec::new();
    match position {
        None => errors.push(FieldError::new(
            "position_id",
            Message::text_of(
                "jabatan tidak ditemukan di unit ini",
                "no such position in this unit",
            ),
        )),
        Some(p) => {
            existing = store::of_position(&mut tx, agency.0, unit.id, p.position_id).await?;
            if existing.len() >= MAX_ACTIVITIES_PER_POSITION {
                errors.push(FieldError::new(
                    "activity",
                    Message::text_of(
                        format!(
                            "jabatan ini sudah memiliki {MAX_ACTIVITIES_PER_POSITION} aktivitas (batas); gabungkan atau hapus yang lain dulu"
                        ),
                        format!(
                            "this position already has {MAX_ACTIVITIES_PER_POSITION} activities (the limit); merge or delete some first"
                        ),
                    ),
                ));
            }
        }
    }
    let name = check_name(&form.activity, &existing, None).map_err(|e| errors.push(e));
    let (Some(position), Ok(name), true) = (position, name, errors.is_empty()) else {
        return Err(ServiceError::Invalid(errors));
    };
    let new = NewActivity {
        unit_id: unit.id,
        position_id: position.position_id,
        activity: &name,
        criteria: form.criteria,
    };
    let id = store::insert(&mut tx, agency.0, &new, actor.audit_user(), app.now()).await?;
    let after = audit_state(&position.name, position.position_id, &name, form.criteria);
    audit_store::append(
        &mut tx,
        &[audit::event(
            app,
            actor,
            "eligibility.activity_add",
            "position_activity",
            id,
        )
        .in_unit(&unit.path)
        .after(&after)],
    )
    .await?;
    commit(tx).await?;
    Ok(id)
}

/// An activity of the unit, with its position's name ("not found" if it belongs to
/// another unit: ids of other units cannot be probed through this unit's page).
async fn activity_in(
    c: &mut Conn,
    agency: AgencyId,
    unit: &UnitRow,
    id: i64,
) -> Result<(ActivityRow, String)> {
    let a = store::get(&mut *c, agency.0, id)
        .await?
        .filter(|a| a.unit_id == unit.id)
        .ok_or(ServiceError::NotFound)?;
    let name = store::positions(&mut *c, agency.0, unit.id)
        .await?
        .into_iter()
        .find(|p| p.position_id == a.position_id)
        .map(|p| p.name)
        .unwrap_or_default();
    Ok((a, name))
}

/// Renames an activity or changes the criteria it meets.
pub async fn update_activity(
    app: &App,
    actor: &Actor,
    unit_id: i64,
    id: i64,
    form: &ActivityForm,
) -> Result<()> {
    let agency = actor.agency()?;
    may_edit_some(actor, agency)?;
    let mut tx = app.db.begin().await?;
    let (unit, _) = unit_with_right(&mut tx, actor, agency, unit_id, Right::Edit).await?;
    let (before, position) = activity_in(&mut tx, agency, &unit, id).await?;
    let siblings = store::of_position(&mut tx, agency.0, unit.id, before.position_id).await?;
    let name = check_name(&form.activity, &siblings, Some(id))
        .map_err(|e| ServiceError::Invalid(vec![e]))?;
    store::update(
        &mut tx,
        agency.0,
        id,
        &name,
        form.criteria,
        actor.audit_user(),
        app.now(),
    )
    .await?;
    let was = audit_state(
        &position,
        before.position_id,
        &before.activity,
        before.criteria(),
    );
    let now = audit_state(&position, before.position_id, &name, form.criteria);
    audit_store::append(
        &mut tx,
        &[audit::event(
            app,
            actor,
            "eligibility.activity_update",
            "position_activity",
            id,
        )
        .in_unit(&unit.path)
        .before(&was)
        .after(&now)],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

/// Deletes an activity from the mapping.
pub async fn delete_activity(app: &App, actor: &Actor, unit_id: i64, id: i64) -> Result<()> {
    let agency = actor.agency()?;
    may_edit_some(actor, agency)?;
    let mut tx = app.db.begin().await?;
    let (unit, _) = unit_with_right(&mut tx, actor, agency, unit_id, Right::Edit).await?;
    let (before, position) = activity_in(&mut tx, agency, &unit, id).await?;
    store::delete(&mut tx, agency.0, id).await?;
    let was = audit_state(
        &position,
        before.position_id,
        &before.activity,
        before.criteria(),
    );
    audit_store::append(
        &mut tx,
        &[audit::event(
            app,
            actor,
            "eligibility.activity_delete",
            "position_activity",
            id,
        )
        .in_unit(&unit.path)
        .before(&was)],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}
