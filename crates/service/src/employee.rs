//! The employee directory: search, list and detail, limited to what the actor may see.

use crate::{org, Actor, App, Result, ServiceError};
use fleksi_store::clamp_page;
use fleksi_store::employee::{self, EmployeeRow, Filter, Visible};
use serde::Serialize;

#[derive(Debug, Clone, Default)]
pub struct Query {
    pub q: Option<String>,
    pub unit_id: Option<i64>,
    /// The key of the last row of the previous page: `(name, id)`.
    pub after: Option<(String, i64)>,
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub items: Vec<EmployeeRow>,
    /// The key to ask for the next page with, if there is one.
    pub next: Option<(String, i64)>,
}

pub async fn list(app: &App, actor: &Actor, query: Query) -> Result<Page> {
    let agency = actor.agency()?;
    let visible = org::visible(actor)?;
    let mut c = app.db.conn().await?;
    let unit_path = match query.unit_id {
        Some(u) => Some(
            fleksi_store::org::get_unit(&mut c, agency.0, u)
                .await?
                .ok_or(ServiceError::NotFound)?
                .path,
        ),
        None => None,
    };
    // PostgreSQL refuses a NUL byte in text, and no name or NIP holds one: a search for
    // one finds nobody, and a page key with one sorts as the name without it.
    if query.q.as_deref().is_some_and(|q| q.contains('\0')) {
        return Ok(Page {
            items: vec![],
            next: None,
        });
    }
    let limit = clamp_page(query.limit);
    let filter = Filter {
        q: query.q.clone(),
        unit_path,
        supervisor_id: None,
    };
    let after_name = query.after.as_ref().map(|(n, i)| (n.replace('\0', ""), *i));
    let after = after_name.as_ref().map(|(n, i)| (n.as_str(), *i));
    // One row more than the page tells whether another page follows.
    let mut items = employee::list(&mut c, agency.0, &visible, &filter, after, limit + 1).await?;
    let next = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items.last().map(|e| (e.name.clone(), e.id))
    } else {
        None
    };
    Ok(Page { items, next })
}

/// One employee, if the actor may see them; otherwise `NotFound`, as for an id that does
/// not exist, so ids of other units and agencies cannot be probed.
pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<EmployeeRow> {
    let agency = actor.agency()?;
    let visible = org::visible(actor)?;
    let mut c = app.db.conn().await?;
    let row = employee::get(&mut c, agency.0, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let allowed = match &visible {
        Visible::Agency => true,
        Visible::Nobody => false,
        _ => {
            let page = employee::list(
                &mut c,
                agency.0,
                &visible,
                &Filter {
                    q: Some(row.nip.clone()),
                    ..Filter::default()
                },
                None,
                5,
            )
            .await?;
            page.iter().any(|e| e.id == id)
        }
    };
    if allowed {
        Ok(row)
    } else {
        Err(ServiceError::NotFound)
    }
}

/// The actor's own employee record, if they have one.
pub async fn me(app: &App, actor: &Actor) -> Result<Option<EmployeeRow>> {
    match (actor.access.agency_id, actor.access.employee_id) {
        (Some(a), Some(e)) => {
            let mut c = app.db.conn().await?;
            Ok(employee::get(&mut c, a.0, e.0).await?)
        }
        _ => Ok(None),
    }
}

/// Direct reports of an employee the actor may see.
pub async fn reports(app: &App, actor: &Actor, id: i64) -> Result<Vec<EmployeeRow>> {
    let agency = actor.agency()?;
    let visible = org::visible(actor)?;
    let mut c = app.db.conn().await?;
    let filter = Filter {
        supervisor_id: Some(id),
        ..Filter::default()
    };
    Ok(employee::list(
        &mut c,
        agency.0,
        &visible,
        &filter,
        None,
        clamp_page(Some(200)),
    )
    .await?)
}
