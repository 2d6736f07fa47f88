//! The org tree page.

use super::{page, Ctx};
use crate::extract::PageActor;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use axum_extra::extract::cookie::CookieJar;
use fleksi_service::org::{self, UnitNode};

pub fn router() -> Router<AppState> {
    Router::new().route("/org", get(tree))
}

/// A tree row with how many lists to open or close before it, so the template stays flat.
struct Row {
    node: UnitNode,
    open: usize,
    close: usize,
}

#[derive(Template)]
#[template(path = "org/tree.html")]
struct TreePage {
    ctx: Ctx,
    rows: Vec<Row>,
    close_last: usize,
    /// Link each unit's policy page: for admins and auditors, who read units beyond their
    /// own (everyone reaches their own unit's policy from the home page).
    policy_links: bool,
}

async fn tree(
    State(s): State<AppState>,
    jar: CookieJar,
    who: PageActor,
) -> Result<Response, WebError> {
    let nodes = org::tree(&s.app, &who.actor)
        .await
        .map_err(WebError::page(who.actor.locale))?;
    let mut rows = Vec::with_capacity(nodes.len());
    let mut depth = 0usize;
    for (i, node) in nodes.into_iter().enumerate() {
        let d = node.depth + 1;
        let (open, close) = if i == 0 {
            (d, 0)
        } else if d > depth {
            (d - depth, 0)
        } else {
            (0, depth - d)
        };
        depth = d;
        rows.push(Row { node, open, close });
    }
    let (jar, ctx) = Ctx::for_actor(&s, jar, &who.actor, "org");
    Ok(page(
        jar,
        TreePage {
            ctx,
            rows,
            close_last: depth,
            policy_links: who
                .actor
                .access
                .agency_id
                .is_some_and(|a| who.actor.access.can_read_audit(a)),
        },
    ))
}
