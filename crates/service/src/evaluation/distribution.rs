//! A unit's spread of predikat for a period against what its result allows (SE MenPANRB
//! 3/2023), as e-Kinerja's "monitoring kurva": the unit's result — set by an admin, or
//! else taken from its head's rating of results (RULES.md) — the count per predikat of
//! everyone in the unit's subtree, who is not rated yet, each broken rule with how many
//! people would have to move; and the final step, refused while any rule is broken or
//! anyone is unrated.

use super::heads_unit;
use crate::schedule::{unit_param, Viewer};
use crate::{audit, Actor, App, Result, ServiceError};
use fleksi_domain::org::OrgPath;
use fleksi_domain::performance::{breaches, Breach, Period, Predikat, Rating, Spread, UnitResult};
use fleksi_domain::{FieldError, Message};
use fleksi_store::evaluation as store;
use fleksi_store::org::UnitRow;
use fleksi_store::{audit as audit_store, commit, employee, Conn};

/// Where the unit's result comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Set by an admin for the period.
    Set,
    /// Taken from the rating of results of the unit's head.
    Head,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Distribution {
    pub unit: UnitRow,
    pub period: Period,
    pub result: Option<(UnitResult, Source)>,
    pub spread: Spread,
    /// Evaluations not rated yet, and evaluations already final.
    pub unrated: i64,
    pub finals: i64,
    pub breaches: Vec<Breach>,
    /// The actor may set the result and finalise (an admin of the subtree).
    pub can_manage: bool,
}

async fn readable(c: &mut Conn, actor: &Actor, raw_unit: &str) -> Result<(UnitRow, bool)> {
    let viewer = Viewer::load(c, actor).await?;
    if !viewer.reads_any_unit(actor) {
        return Err(ServiceError::Forbidden);
    }
    let unit = unit_param(c, viewer.agency, raw_unit, "unit").await?;
    if !viewer.reads_unit(actor, &unit) {
        return Err(ServiceError::Forbidden);
    }
    let manage = actor
        .access
        .can_administer(viewer.agency, &OrgPath::from_trusted(unit.path.clone()));
    Ok((unit, manage))
}

/// The unit's result for the period: set, or from its head's rating of results.
async fn result_of(
    c: &mut Conn,
    unit: &UnitRow,
    period: Period,
) -> Result<Option<(UnitResult, Source)>> {
    if let Some(r) = store::unit_result(c, unit.agency_id, unit.id, &period.code()).await? {
        return Ok(UnitResult::parse(&r).ok().map(|u| (u, Source::Set)));
    }
    for e in store::below(c, unit.agency_id, &period.code(), &unit.path, 2000)
        .await?
        .into_iter()
        .filter(|e| e.unit_id == unit.id)
    {
        let Some(r) = e
            .results_rating
            .as_deref()
            .and_then(|r| Rating::parse(r).ok())
        else {
            continue;
        };
        if let Some(who) = employee::get(c, unit.agency_id, e.employee_id).await? {
            if heads_unit(c, unit.agency_id, &who).await? {
                return Ok(Some((UnitResult::from_head_results(r), Source::Head)));
            }
        }
    }
    Ok(None)
}

async fn compute(
    c: &mut Conn,
    unit: UnitRow,
    period: Period,
    manage: bool,
) -> Result<Distribution> {
    let rows = store::spread_below(c, unit.agency_id, &period.code(), &unit.path).await?;
    let mut rated = Vec::new();
    let (mut unrated, mut finals) = (0, 0);
    for r in &rows {
        match r.predikat.as_deref().and_then(|p| Predikat::parse(p).ok()) {
            Some(p) => {
                for _ in 0..r.people {
                    rated.push(p);
                }
                if r.status == "final" {
                    finals += r.people;
                }
            }
            None => unrated += r.people,
        }
    }
    let spread = Spread::of(rated);
    let result = result_of(c, &unit, period).await?;
    Ok(Distribution {
        breaches: result
            .map(|(u, _)| breaches(u, &spread))
            .unwrap_or_default(),
        unit,
        period,
        result,
        spread,
        unrated,
        finals,
        can_manage: manage,
    })
}

fn period_of(raw: &str) -> Result<Period> {
    Period::parse(raw).map_err(|m| ServiceError::field("period", m))
}

/// The distribution of unit `unit` (an id) for `period`.
pub async fn get(app: &App, actor: &Actor, unit: &str, period: &str) -> Result<Distribution> {
    let mut c = app.db.conn().await?;
    let (u, manage) = readable(&mut c, actor, unit).await?;
    let period = match period.trim() {
        "" => {
            let zone = u.time_zone.clone();
            super::current_or(&mut c, app, u.agency_id, &zone, "").await?
        }
        p => period_of(p)?,
    };
    compute(&mut c, u, period, manage).await
}

/// Sets the unit's result for the period (admins of the subtree).
pub async fn set_result(
    app: &App,
    actor: &Actor,
    unit: &str,
    period: &str,
    result: &str,
) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let (u, manage) = readable(&mut tx, actor, unit).await?;
    if !manage {
        return Err(ServiceError::Forbidden);
    }
    let period = period_of(period)?;
    let result = UnitResult::parse(result).map_err(|m| ServiceError::field("result", m))?;
    let before = store::unit_result(&mut tx, u.agency_id, u.id, &period.code()).await?;
    store::set_unit_result(
        &mut tx,
        u.agency_id,
        u.id,
        &period.code(),
        result.code(),
        actor.audit_user(),
        app.now(),
    )
    .await?;
    audit_store::append(
        &mut tx,
        &[
            audit::event(app, actor, "evaluation.unit_result", "unit", u.id)
                .in_unit(&u.path)
                .before(&serde_json::json!({"period": period.code(), "result": before}))
                .after(&serde_json::json!({"period": period.code(), "result": result})),
        ],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

/// Makes the ratings of the unit's subtree for the period final — only when everyone is
/// rated, the unit's result is known and the spread breaks no rule; how many.
pub async fn finalize(app: &App, actor: &Actor, unit: &str, period: &str) -> Result<u64> {
    let mut tx = app.db.begin().await?;
    let (u, manage) = readable(&mut tx, actor, unit).await?;
    if !manage {
        return Err(ServiceError::Forbidden);
    }
    let period = period_of(period)?;
    let d = compute(&mut tx, u, period, manage).await?;
    let mut errors = Vec::new();
    if d.spread.total() == 0 && d.unrated == 0 {
        errors.push(FieldError::new(
            "period",
            Message::text_of(
                "belum ada penilaian di unit ini untuk periode tersebut",
                "there are no evaluations in this unit for that period",
            ),
        ));
    }
    if d.unrated > 0 {
        errors.push(FieldError::new(
            "period",
            Message::text_of(
                format!("{} pegawai belum dinilai atasannya", d.unrated),
                format!(
                    "{} people have not been rated by their supervisor yet",
                    d.unrated
                ),
            ),
        ));
    }
    if d.result.is_none() {
        errors.push(FieldError::new(
            "result",
            Message::text_of(
                "capaian kinerja unit belum ditetapkan",
                "the unit's result has not been set",
            ),
        ));
    }
    for b in &d.breaches {
        errors.push(FieldError::new("distribution", b.message.clone()));
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let n = store::finalize_below(
        &mut tx,
        d.unit.agency_id,
        &period.code(),
        &d.unit.path,
        app.now(),
    )
    .await?;
    audit_store::append(
        &mut tx,
        &[audit::event(app, actor, "evaluation.finalize", "unit", d.unit.id)
            .in_unit(&d.unit.path)
            .after(&serde_json::json!({"period": period.code(), "final": n, "spread": d.spread, "result": d.result}))],
    )
    .await?;
    commit(tx).await?;
    Ok(n)
}

/// The units whose distribution the actor may read, by path: (id, name).
pub async fn units(app: &App, actor: &Actor) -> Result<Vec<(i64, String)>> {
    let mut c = app.db.conn().await?;
    let viewer = Viewer::load(&mut c, actor).await?;
    if !viewer.reads_any_unit(actor) {
        return Err(ServiceError::Forbidden);
    }
    Ok(crate::schedule::team::choices(&mut c, actor, &viewer)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}
