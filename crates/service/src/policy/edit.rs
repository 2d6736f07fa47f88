//! Changing one level's overrides: the agency level (agency admins) or a unit's (admins of
//! its subtree). The change replaces what the level set; it is refused, naming the field,
//! when the level itself or any unit below it that sets values of its own would end up
//! with a policy that breaks `policy::check`. Written with its audit entry in one
//! transaction.

use super::form;
use super::{levels_in_order, parse_overrides, path_ids};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::org::OrgPath;
use fleksi_domain::policy::{check, resolve, Field, Overrides};
use fleksi_domain::{AgencyId, FieldError, Message};
use fleksi_store::policy as store;
use fleksi_store::{audit as audit_store, commit, org, Conn};
use std::collections::BTreeMap;

/// A level's new values as typed: field code → text. A field left out or empty is not set
/// at this level any more (it is inherited again).
#[derive(Debug, Clone, Default)]
pub struct Change {
    pub values: BTreeMap<String, String>,
}

fn parse(change: &Change) -> Result<Overrides> {
    form::parse(&change.values).map_err(ServiceError::Invalid)
}

/// Checks the policy of every unit at or below `path` that sets values of its own, with
/// `replace` standing in for the level being changed. A unit's problem names the field
/// and, when it is not the level being changed, the unit.
async fn check_below(
    c: &mut Conn,
    agency: AgencyId,
    path: &str,
    replace: (Option<i64>, &Overrides),
    errors: &mut Vec<FieldError>,
) -> Result<()> {
    for (id, name, unit_path) in store::below(&mut *c, agency.0, path).await? {
        if replace.0 == Some(id) {
            continue;
        }
        let ids = path_ids(&unit_path);
        let rows = store::levels(&mut *c, agency.0, &ids).await?;
        let effective = resolve(&levels_in_order(&rows, &ids, Some(replace))?);
        for e in check(&effective.policy) {
            let message = match e.message {
                Message::Text { id, en } => Message::text_of(
                    format!("{id} (berlaku untuk {name})"),
                    format!("{en} (for {name})"),
                ),
                other => other,
            };
            if !errors.iter().any(|x| x.field == e.field) {
                errors.push(FieldError::new(e.field, message));
            }
        }
    }
    Ok(())
}

fn settings_json(o: &Overrides) -> Result<String> {
    serde_json::to_string(o).map_err(|e| ServiceError::Internal(format!("policy json: {e}")))
}

/// Replaces the values a unit sets. Only admins of the unit's subtree may.
pub async fn set_unit(app: &App, actor: &Actor, unit_id: i64, change: &Change) -> Result<()> {
    let agency = actor.agency()?;
    if !actor.access.administers_any(agency) {
        return Err(ServiceError::Forbidden);
    }
    let mut tx = app.db.begin().await?;
    let unit = org::get_unit(&mut tx, agency.0, unit_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !actor
        .access
        .can_administer(agency, &OrgPath::from_trusted(unit.path.clone()))
    {
        return Err(ServiceError::Forbidden);
    }
    let new = parse(change)?;
    let ids = path_ids(&unit.path);
    let rows = store::levels(&mut tx, agency.0, &ids).await?;
    let mut errors =
        check(&resolve(&levels_in_order(&rows, &ids, Some((Some(unit.id), &new)))?).policy);
    check_below(
        &mut tx,
        agency,
        &unit.path,
        (Some(unit.id), &new),
        &mut errors,
    )
    .await?;
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let before = store::get(&mut tx, agency.0, Some(unit.id)).await?;
    let before = before.as_deref().map(parse_overrides).transpose()?;
    if before.as_ref().unwrap_or(&Overrides::default()) == &new {
        return Ok(());
    }
    write(&mut tx, app, actor, agency, Some(unit.id), &new).await?;
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "policy.set", "unit_policy", unit.id)
                .in_unit(&unit.path)
                .before_opt(before.as_ref())
                .after(&new),
        ],
    )
    .await?;
    commit(tx).await?;
    app.calendars.clear();
    Ok(())
}

/// Replaces the agency-wide values. Only agency admins may. Unit-only values (seats, the
/// minimum on site) belong to one office and cannot be set for the whole agency.
pub async fn set_agency(app: &App, actor: &Actor, change: &Change) -> Result<()> {
    let agency = actor.agency()?;
    if !actor.access.is_agency_admin(agency) {
        return Err(ServiceError::Forbidden);
    }
    let new = parse(change)?;
    let mut errors: Vec<FieldError> = Field::ALL
        .iter()
        .filter(|f| !f.inherited() && new.sets(**f))
        .map(|f| {
            FieldError::new(
                f.code(),
                Message::text_of(
                    "nilai ini diatur per unit, bukan untuk seluruh instansi",
                    "this value is set per unit, not for the whole agency",
                ),
            )
        })
        .collect();
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let mut tx = app.db.begin().await?;
    let rows = store::levels(&mut tx, agency.0, &[]).await?;
    errors = check(&resolve(&levels_in_order(&rows, &[], Some((None, &new)))?).policy);
    check_below(&mut tx, agency, "/", (None, &new), &mut errors).await?;
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let before = store::get(&mut tx, agency.0, None).await?;
    let before = before.as_deref().map(parse_overrides).transpose()?;
    if before.as_ref().unwrap_or(&Overrides::default()) == &new {
        return Ok(());
    }
    write(&mut tx, app, actor, agency, None, &new).await?;
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "policy.set", "agency_policy", agency.0)
                .before_opt(before.as_ref())
                .after(&new),
        ],
    )
    .await?;
    commit(tx).await?;
    app.calendars.clear();
    Ok(())
}

/// Stores a level's values; a level that sets nothing has no row.
async fn write(
    c: &mut Conn,
    app: &App,
    actor: &Actor,
    agency: AgencyId,
    unit: Option<i64>,
    new: &Overrides,
) -> Result<()> {
    if new == &Overrides::default() {
        store::delete(c, agency.0, unit).await?;
    } else {
        let json = settings_json(new)?;
        store::put(c, agency.0, unit, &json, actor.audit_user(), app.now()).await?;
    }
    Ok(())
}
