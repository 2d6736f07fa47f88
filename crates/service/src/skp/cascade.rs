//! The cascade of results (*cascading kinerja*): from the unit head's results down, each
//! result with the results of subordinates that support it. Built from the plans of one
//! unit subtree and year — a bounded read — and assembled in memory.

use super::year_param;
use crate::schedule::{unit_param, Viewer};
use crate::{Actor, App, Result, ServiceError};
use fleksi_store::skp::{self as store, PlanRow, ResultRow};
use std::collections::{BTreeMap, HashSet};

/// At most this many plans in one cascade (a very large unit is read a subunit at a time).
pub const MAX_PLANS: i64 = 2000;

/// One result in the tree.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Node {
    pub result: ResultRow,
    pub plan_id: i64,
    pub owner: String,
    pub position: String,
    pub status: String,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Cascade {
    pub year: i64,
    /// The unit whose plans are shown, or None for "my plan and my reports'".
    pub unit_name: Option<String>,
    pub roots: Vec<Node>,
    pub plans: usize,
    /// More plans than `MAX_PLANS`: the tree is cut.
    pub truncated: bool,
}

/// The cascade of `year` for a unit (`unit`: an id, for its readers), or — without a unit
/// — of the unit the actor heads, or of the actor's own plan and their reports' plans.
pub async fn of(app: &App, actor: &Actor, year: &str, unit: Option<&str>) -> Result<Cascade> {
    let mut c = app.db.conn().await?;
    let viewer = Viewer::load(&mut c, actor).await?;
    let year = year_param(year, super::this_year(app, viewer.me.as_ref()))?;
    let agency = viewer.agency.0;
    let (plans, unit_name) = match unit.filter(|u| !u.trim().is_empty()) {
        Some(raw) => {
            let u = unit_param(&mut c, viewer.agency, raw, "unit").await?;
            if !viewer.reads_unit(actor, &u) {
                return Err(ServiceError::Forbidden);
            }
            (
                store::below(&mut c, agency, year, &u.path, MAX_PLANS + 1).await?,
                Some(u.name),
            )
        }
        None => {
            let me = viewer.me.clone().ok_or(ServiceError::Forbidden)?;
            if viewer.heads {
                (
                    store::below(&mut c, agency, year, &me.unit_path, MAX_PLANS + 1).await?,
                    Some(me.unit_name.clone()),
                )
            } else {
                let mut list: Vec<PlanRow> = store::of_employee(&mut c, agency, me.id, year)
                    .await?
                    .into_iter()
                    .collect();
                list.extend(store::evaluated_by(&mut c, agency, me.id, year).await?);
                (list, None)
            }
        }
    };
    let truncated = plans.len() as i64 > MAX_PLANS;
    let plans: Vec<PlanRow> = plans.into_iter().take(MAX_PLANS as usize).collect();
    let ids: Vec<i64> = plans.iter().map(|p| p.id).collect();
    let results = store::results_of(&mut c, agency, &ids).await?;
    Ok(Cascade {
        year,
        unit_name,
        roots: build(&plans, results),
        plans: plans.len(),
        truncated,
    })
}

/// The tree: a result whose supported result is not among these plans is a root.
fn build(plans: &[PlanRow], results: Vec<ResultRow>) -> Vec<Node> {
    let present: HashSet<i64> = results.iter().map(|r| r.id).collect();
    let mut children: BTreeMap<Option<i64>, Vec<ResultRow>> = BTreeMap::new();
    for r in results {
        let key = r.parent_result_id.filter(|p| present.contains(p));
        children.entry(key).or_default().push(r);
    }
    let by_plan: BTreeMap<i64, &PlanRow> = plans.iter().map(|p| (p.id, p)).collect();
    let mut seen = HashSet::new();
    let roots = children.remove(&None).unwrap_or_default();
    roots
        .into_iter()
        .map(|r| node(r, &by_plan, &mut children, &mut seen))
        .collect()
}

fn node(
    r: ResultRow,
    plans: &BTreeMap<i64, &PlanRow>,
    children: &mut BTreeMap<Option<i64>, Vec<ResultRow>>,
    seen: &mut HashSet<i64>,
) -> Node {
    seen.insert(r.id);
    let kids = children.remove(&Some(r.id)).unwrap_or_default();
    let plan = plans.get(&r.plan_id);
    Node {
        plan_id: r.plan_id,
        owner: plan.map(|p| p.employee_name.clone()).unwrap_or_default(),
        position: plan.map(|p| p.position_name.clone()).unwrap_or_default(),
        status: plan.map(|p| p.status.clone()).unwrap_or_default(),
        children: {
            let mut out = Vec::with_capacity(kids.len());
            for k in kids {
                // A link back up the tree cannot be followed twice.
                if !seen.contains(&k.id) {
                    out.push(node(k, plans, children, seen));
                }
            }
            out
        },
        result: r,
    }
}
