//! The agency's kind of evaluation period: quarters unless an agency admin chooses
//! months or semesters (RULES.md: e-Kinerja uses quarters; make it configurable).

use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::performance::PeriodKind;
use fleksi_store::evaluation as store;
use fleksi_store::{audit as audit_store, commit, Conn};

/// The agency's kind of period (quarter by default).
pub(crate) async fn kind_of(c: &mut Conn, agency: i64) -> Result<PeriodKind> {
    Ok(store::period_kind(c, agency)
        .await?
        .and_then(|k| PeriodKind::parse(&k).ok())
        .unwrap_or_default())
}

pub async fn get(app: &App, actor: &Actor) -> Result<PeriodKind> {
    let agency = actor.agency()?;
    let mut c = app.db.conn().await?;
    kind_of(&mut c, agency.0).await
}

/// Sets the agency's kind of period (agency admins).
pub async fn set(app: &App, actor: &Actor, kind: &str) -> Result<PeriodKind> {
    let agency = actor.agency()?;
    if !actor.access.is_agency_admin(agency) {
        return Err(ServiceError::Forbidden);
    }
    let kind = PeriodKind::parse(kind).map_err(|m| ServiceError::field("period_kind", m))?;
    let mut tx = app.db.begin().await?;
    let before = kind_of(&mut tx, agency.0).await?;
    store::set_period_kind(&mut tx, agency.0, kind.code(), app.now()).await?;
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "evaluation.period_kind", "agency", agency.0)
                .before(&before)
                .after(&kind),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(kind)
}
