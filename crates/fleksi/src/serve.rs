//! Serving: bind, run until SIGTERM or Ctrl-C, then finish in-flight requests.

use crate::cli::ServeArgs;
use anyhow::Context;
use fleksi_service::App;
use fleksi_web::WebConfig;
use std::net::SocketAddr;
use tokio::net::TcpListener;

pub fn init_logging(format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FLEKSI_LOG")
        .unwrap_or_else(|_| "info,sqlx=warn".into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

pub async fn serve(app: App, args: &ServeArgs) -> anyhow::Result<()> {
    let listener = TcpListener::bind(&args.bind)
        .await
        .with_context(|| format!("binding {}", args.bind))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "listening");
    // Tests and scripts read this line to find the port when binding to :0.
    println!("listening on http://{addr}");
    let db = app.db.clone();
    tokio::spawn(housekeeping(app.clone()));
    // Reminders and roll-ups (see `fleksi_service::jobs`): claimed through the database,
    // so several processes on one PostgreSQL share them.
    fleksi_service::jobs::start(app.clone());
    let router = fleksi_web::router(
        app,
        WebConfig {
            secure_cookies: args.secure_cookies,
        },
    );
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Every ten minutes, forget expired sessions and old sign-in failures, so those tables
/// hold only what is live.
async fn housekeeping(app: App) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        every.tick().await;
        match fleksi_service::auth::purge_expired(&app).await {
            Ok((sessions, failures)) => tracing::debug!(sessions, failures, "purged expired"),
            Err(e) => tracing::warn!(error = %e, "housekeeping failed"),
        }
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
