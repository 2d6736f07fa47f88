//! `/skp/cascade`: the tree of results of a unit's plans, as a plain nested list.

use super::Params;
use crate::extract::PageActor;
use crate::pages::{page_with, Ctx};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::cookie::CookieJar;
use fleksi_service::skp::cascade::{self, Node};

/// A node of the cascade, flattened with its depth for a plain nested list.
pub struct Line {
    pub depth: usize,
    pub text: String,
    pub kind: String,
    pub owner: String,
    pub position: String,
    pub plan_id: i64,
}

fn flatten(nodes: &[Node], depth: usize, out: &mut Vec<Line>) {
    for n in nodes {
        out.push(Line {
            depth,
            text: n.result.text.clone(),
            kind: n.result.kind.clone(),
            owner: n.owner.clone(),
            position: n.position.clone(),
            plan_id: n.plan_id,
        });
        flatten(&n.children, depth + 1, out);
    }
}

#[derive(Template)]
#[template(path = "skp/cascade.html")]
struct CascadePage {
    ctx: Ctx,
    year: i64,
    unit: String,
    unit_name: String,
    lines: Vec<Line>,
    plans: usize,
    truncated: bool,
}

pub async fn cascade_page(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let locale = who.actor.locale;
    let unit = (!q.unit.trim().is_empty()).then_some(q.unit.as_str());
    let c = cascade::of(&s.app, &who.actor, &q.year, unit)
        .await
        .map_err(WebError::page(locale))?;
    let mut lines = Vec::new();
    flatten(&c.roots, 0, &mut lines);
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "skp");
    Ok(page_with(
        StatusCode::OK,
        jar,
        CascadePage {
            ctx,
            year: c.year,
            unit: q.unit.clone(),
            unit_name: c.unit_name.unwrap_or_default(),
            lines,
            plans: c.plans,
            truncated: c.truncated,
        },
    ))
}
