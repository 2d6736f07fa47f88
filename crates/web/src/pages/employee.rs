//! The employee directory: search, list by unit, and one person's record.

use super::{page, Ctx};
use crate::extract::PageActor;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use axum_extra::extract::cookie::CookieJar;
use fleksi_domain::org::OrgPath;
use fleksi_service::{employee, org};
use fleksi_store::employee::EmployeeRow;
use fleksi_store::org::UnitRow;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/employees", get(list))
        .route("/employees/{id}", get(detail))
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    unit: String,
    /// Key of the last row shown: "<id>" and "<name>" of the last row.
    #[serde(default)]
    after_id: String,
    #[serde(default)]
    after_name: String,
}

#[derive(Template)]
#[template(path = "employee/list.html")]
struct ListPage {
    ctx: Ctx,
    q: String,
    /// (id, indented name, selected)
    units: Vec<(i64, String, bool)>,
    items: Vec<EmployeeRow>,
    next: Option<String>,
    paged: bool,
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn list(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    let actor = &who.actor;
    let err = WebError::page(actor.locale);
    // Unparseable numbers in the query are treated as absent, never as an error page.
    let unit = q.unit.trim().parse::<i64>().ok();
    let after = q
        .after_id
        .trim()
        .parse::<i64>()
        .ok()
        .map(|id| (q.after_name.clone(), id));
    let paged = after.is_some();
    let result = employee::list(
        &s.app,
        actor,
        employee::Query {
            q: Some(q.q.clone()),
            unit_id: unit,
            after,
            limit: Some(50),
        },
    )
    .await
    .map_err(&err)?;
    let units = org::tree(&s.app, actor)
        .await
        .map_err(&err)?
        .into_iter()
        .map(|n| {
            (
                n.unit.id,
                format!("{}{}", "· ".repeat(n.depth), n.unit.name),
                Some(n.unit.id) == unit,
            )
        })
        .collect();
    let next = result.next.map(|(name, id)| {
        format!(
            "/employees?q={}&unit={}&after_id={id}&after_name={}",
            enc(&q.q),
            unit.map(|u| u.to_string()).unwrap_or_default(),
            enc(&name)
        )
    });
    let (jar, ctx) = Ctx::for_actor(&s, jar, actor, "employees");
    Ok(page(
        jar,
        ListPage {
            ctx,
            q: q.q,
            units,
            items: result.items,
            next,
            paged,
        },
    ))
}

#[derive(Template)]
#[template(path = "employee/detail.html")]
struct DetailPage {
    ctx: Ctx,
    emp: EmployeeRow,
    nip_grouped: String,
    reports: Vec<EmployeeRow>,
    unit: UnitRow,
    can_administer: bool,
}

async fn detail(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let actor = &who.actor;
    let err = WebError::page(actor.locale);
    let id: i64 = id
        .parse()
        .map_err(|_| err(fleksi_service::ServiceError::NotFound))?;
    let emp = employee::get(&s.app, actor, id).await.map_err(&err)?;
    let reports = employee::reports(&s.app, actor, id).await.map_err(&err)?;
    let unit = org::unit(&s.app, actor, emp.unit_id).await.map_err(&err)?;
    let nip_grouped = fleksi_domain::Nip::from_trusted(emp.nip.clone()).display_grouped();
    let can_administer = actor.access.agency_id.is_some_and(|a| {
        actor
            .access
            .can_administer(a, &OrgPath::from_trusted(emp.unit_path.clone()))
    });
    let (jar, ctx) = Ctx::for_actor(&s, jar, actor, "employees");
    let detail = DetailPage {
        ctx,
        emp,
        nip_grouped,
        reports,
        unit,
        can_administer,
    };
    Ok(page(jar, detail))
}
