//! `fleksi`: one binary that serves, migrates, imports, manages accounts and backs up.

mod cli;
mod roster;
mod serve;

use clap::Parser;

// mimalloc for Rust's allocations and, with its `override` feature, for C's (SQLite's) too.
// Under a check-in load glibc's malloc took about a seventh of the process's CPU — sqlx
// copies every value of every row, on SQLite's threads and again on the request's — and
// mimalloc's per-thread heaps made check-ins about a fifth faster on both engines
// (bench/presence/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = cli::Cli::parse();
    serve::init_logging(&cli.log_format);
    cli::run(cli).await
}
