//! The org tree: units with head-counts, as the actor may see them.

use crate::{Actor, App, Result, ServiceError};
use fleksi_domain::role::ReadScope;
use fleksi_store::org::{self, UnitRow};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
pub struct UnitNode {
    #[serde(flatten)]
    pub unit: UnitRow,
    pub depth: usize,
    /// People placed directly in this unit.
    pub headcount: i64,
    /// People in this unit and below.
    pub total: i64,
}

/// The units the actor may see, in tree order (parents before children, siblings by
/// name). Everyone sees the tree of their own agency: structure is not personal data.
pub async fn tree(app: &App, actor: &Actor) -> Result<Vec<UnitNode>> {
    let agency = actor.agency()?;
    let mut c = app.db.conn().await?;
    let units = org::list_units(&mut c, agency.0).await?;
    let counts: HashMap<i64, i64> = org::headcounts(&mut c, agency.0)
        .await?
        .into_iter()
        .collect();
    Ok(order_tree(units, &counts))
}

fn order_tree(units: Vec<UnitRow>, counts: &HashMap<i64, i64>) -> Vec<UnitNode> {
    let mut children: HashMap<Option<i64>, Vec<UnitRow>> = HashMap::new();
    for u in units {
        children.entry(u.parent_id).or_default().push(u);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let mut out = Vec::new();
    fn walk(
        parent: Option<i64>,
        depth: usize,
        children: &mut HashMap<Option<i64>, Vec<UnitRow>>,
        counts: &HashMap<i64, i64>,
        out: &mut Vec<UnitNode>,
    ) -> i64 {
        let mut sum = 0;
        for u in children.remove(&parent).unwrap_or_default() {
            let idx = out.len();
            let id = u.id;
            let own = counts.get(&id).copied().unwrap_or(0);
            out.push(UnitNode {
                unit: u,
                depth,
                headcount: own,
                total: 0,
            });
            let below = walk(Some(id), depth + 1, children, counts, out);
            out[idx].total = own + below;
            sum += own + below;
        }
        sum
    }
    walk(None, 0, &mut children, counts, &mut out);
    out
}

/// One unit of the actor's agency.
pub async fn unit(app: &App, actor: &Actor, id: i64) -> Result<UnitRow> {
    let agency = actor.agency()?;
    let mut c = app.db.conn().await?;
    org::get_unit(&mut c, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// The subtrees an actor may list people in, as store paths (`None` = whole agency).
pub fn visible(actor: &Actor) -> Result<fleksi_store::employee::Visible> {
    use fleksi_store::employee::Visible;
    let agency = actor.agency()?;
    let me = actor.access.employee_id.map(|e| e.0);
    Ok(match actor.access.read_scope(agency) {
        ReadScope::Agency => Visible::Agency,
        ReadScope::Units(paths) => Visible::Units {
            paths: paths.iter().map(|p| p.as_str().to_string()).collect(),
            employee: me,
        },
        ReadScope::Own => match me {
            Some(e) => Visible::Circle(e),
            None => Visible::Nobody,
        },
    })
}
