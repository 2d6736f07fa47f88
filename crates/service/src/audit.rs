//! Audit entries for every write, and reading them back (admins and auditors only).

use crate::{Actor, App, Result, ServiceError};
use fleksi_store::audit::{self, AuditRow, Filter, NewEntry};

/// An entry about `record_type`/`record_id` by `actor`, at the app's time, from the
/// actor's address. Add the unit and the states with `NewEntry::in_unit`, `before`, `after`.
pub fn event(
    app: &App,
    actor: &Actor,
    action: &str,
    record_type: &str,
    record_id: impl ToString,
) -> NewEntry {
    NewEntry {
        agency_id: actor.access.agency_id.map(|a| a.0),
        actor_user_id: actor.audit_user(),
        actor_label: actor.username.clone(),
        action: action.to_string(),
        record_type: record_type.to_string(),
        record_id: record_id.to_string(),
        unit_path: None,
        before_json: None,
        after_json: None,
        at: app.now(),
        address: actor.address.clone(),
        request_id: actor.request_id.clone(),
    }
}

/// The audit log of the actor's agency, newest first. Unit admins and unit auditors see
/// entries about their subtree only.
pub async fn list(
    app: &App,
    actor: &Actor,
    mut filter: Filter,
    before: Option<i64>,
    limit: Option<i64>,
) -> Result<Vec<AuditRow>> {
    let agency = actor.agency()?;
    if !actor.access.can_read_audit(agency) {
        return Err(ServiceError::Forbidden);
    }
    filter.unit_paths = match actor.access.read_scope(agency) {
        fleksi_domain::role::ReadScope::Agency => None,
        fleksi_domain::role::ReadScope::Units(paths) => {
            Some(paths.into_iter().map(|p| p.as_str().to_string()).collect())
        }
        fleksi_domain::role::ReadScope::Own => return Err(ServiceError::Forbidden),
    };
    // PostgreSQL refuses a NUL byte in text, and no stored value holds one: nothing matches.
    let values = [&filter.action, &filter.record_type, &filter.record_id];
    if values
        .iter()
        .any(|v| v.as_deref().is_some_and(|s| s.contains('\0')))
    {
        return Ok(vec![]);
    }
    let mut c = app.db.conn().await?;
    Ok(audit::list(
        &mut c,
        Some(agency.0),
        &filter,
        before,
        fleksi_store::clamp_page(limit),
    )
    .await?)
}
