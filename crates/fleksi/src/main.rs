//! `fleksi`: one binary that serves, migrates, imports, manages accounts and backs up.

mod cli;
mod roster;
mod serve;

use clap::Parser;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = cli::Cli::parse();
    serve::init_logging(&cli.log_format);
    cli::run(cli).await
}
