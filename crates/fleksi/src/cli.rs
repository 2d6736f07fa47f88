//! The command line. Every flag is also an environment variable `FLEKSI_*`.

use crate::roster::RosterCommand;
use crate::serve;
use anyhow::{bail, Context};
use clap::{Parser, Subcommand, ValueEnum};
use fleksi_domain::AgencyId;
use fleksi_service::{auth, demo, import, user, Actor, App, ServiceError};
use fleksi_store::Db;

#[derive(Parser)]
#[command(
    name = "fleksi",
    version,
    about = "Kerja fleksibel ASN — flexible and hybrid work for civil servants"
)]
pub struct Cli {
    /// sqlite://FILE (created if missing) or postgres://USER:PASS@HOST/DB
    #[arg(
        long,
        global = true,
        env = "FLEKSI_DATABASE_URL",
        default_value = "sqlite://fleksi.db"
    )]
    pub database_url: String,
    /// Log lines as `text` or `json`.
    #[arg(long, global = true, env = "FLEKSI_LOG_FORMAT", default_value = "text")]
    pub log_format: String,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Args, Clone)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "FLEKSI_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Cookies with `Secure` and the `__Host-` prefix (browsers accept them on
    /// http://127.0.0.1 and http://localhost). Set to false only for a plain-HTTP trial
    /// reached from another machine.
    #[arg(long, env = "FLEKSI_SECURE_COOKIES", default_value_t = true, action = clap::ArgAction::Set)]
    pub secure_cookies: bool,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the web app and the API.
    Serve(ServeArgs),
    /// Load the demo agency into an empty database (idempotent), then serve.
    Demo {
        #[command(flatten)]
        serve: ServeArgs,
        /// Password of every demo login.
        #[arg(long, env = "FLEKSI_DEMO_PASSWORD", default_value = "fleksi-demo-2026")]
        password: String,
        /// Load the data and exit without serving.
        #[arg(long, env = "FLEKSI_DEMO_NO_SERVE")]
        no_serve: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Import units or employees from a CSV file into an agency.
    Import {
        what: ImportKind,
        file: String,
        /// Agency code (e.g. KAB-NUSARAYA).
        #[arg(long, env = "FLEKSI_AGENCY")]
        agency: String,
        /// Language of the error report: id or en.
        #[arg(long, env = "FLEKSI_LANG", default_value = "id")]
        lang: String,
    },
    /// Accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Copy a SQLite database consistently while the server runs.
    Backup {
        #[arg(long)]
        to: String,
    },
    /// Create an agency.
    Agency {
        #[command(subcommand)]
        command: AgencyCommand,
    },
    /// The hybrid-roster solver on JSON files (no database).
    Roster {
        #[command(subcommand)]
        command: RosterCommand,
        /// Language of explanations and errors on stderr: id or en.
        #[arg(long, env = "FLEKSI_LANG", default_value = "id")]
        lang: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ImportKind {
    Units,
    Employees,
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create the system administrator (or reset its password).
    CreateAdmin {
        #[arg(long, default_value = "admin")]
        username: String,
        /// Read from FLEKSI_ADMIN_PASSWORD when not given.
        #[arg(long, env = "FLEKSI_ADMIN_PASSWORD")]
        password: String,
    },
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Print a new API token for a login.
    Create {
        #[arg(long)]
        login: String,
    },
}

#[derive(Subcommand)]
pub enum AgencyCommand {
    /// Create an agency.
    Create {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
    },
}

async fn open(url: &str) -> anyhow::Result<App> {
    let db = Db::connect(url)
        .await
        .with_context(|| format!("opening {url}"))?;
    db.migrate().await.context("running migrations")?;
    let app = App::new(db);
    // Every database has the national calendar (loaded once; later corrections stay).
    fleksi_service::calendar::ensure_builtin(&app.db, app.now())
        .await
        .map_err(|e| anyhow::anyhow!("loading the national calendar: {e}"))?;
    Ok(app)
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Roster { command, lang } => {
            // Pure computation on files: no database is opened.
            let code = crate::roster::run(command, &lang)?;
            if code != 0 {
                std::process::exit(code);
            }
            Ok(())
        }
        Command::Serve(args) => {
            let app = open(&cli.database_url).await?;
            serve::serve(app, &args).await
        }
        Command::Demo {
            serve: args,
            password,
            no_serve,
        } => {
            let started = std::time::Instant::now();
            let app = open(&cli.database_url).await?;
            let logins = demo::seed(&app, &password).await.map_err(describe)?;
            println!(
                "Fleksi demo: {} siap dalam {:.1} s",
                demo::AGENCY_CODE,
                started.elapsed().as_secs_f64()
            );
            println!(
                "Buka http://{}  — kata sandi semua akun demo: {password}",
                args.bind
            );
            for l in logins {
                println!("  {:<36} {}", l.role, l.login);
            }
            if no_serve {
                return Ok(());
            }
            serve::serve(app, &args).await
        }
        Command::Migrate => {
            open(&cli.database_url).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Import {
            what,
            file,
            agency,
            lang,
        } => {
            let app = open(&cli.database_url).await?;
            let bytes = std::fs::read(&file).with_context(|| format!("reading {file}"))?;
            let mut c = app.db.conn().await?;
            let Some(a) = fleksi_store::agency::by_code(&mut c, &agency.to_uppercase()).await?
            else {
                bail!("agency {agency} not found");
            };
            drop(c);
            let actor = Actor::cli(Some(AgencyId(a.id)));
            let started = std::time::Instant::now();
            let result = match what {
                ImportKind::Units => import::import_units(&app, &actor, &bytes).await,
                ImportKind::Employees => import::import_employees(&app, &actor, &bytes).await,
            };
            match result {
                Ok(s) => {
                    println!(
                        "imported in {:.2} s: {} created, {} updated, {} unchanged",
                        started.elapsed().as_secs_f64(),
                        s.created,
                        s.updated,
                        s.unchanged
                    );
                    Ok(())
                }
                Err(ServiceError::ImportRefused { errors, more }) => {
                    let locale = fleksi_domain::Locale::from_code(&lang);
                    eprintln!(
                        "{}",
                        if lang == "en" {
                            "Import refused; nothing was changed:"
                        } else {
                            "Impor ditolak; tidak ada data yang diubah:"
                        }
                    );
                    for e in &errors {
                        eprintln!(
                            "  line {}, {}: {}",
                            e.line,
                            e.column,
                            e.message.text(locale)
                        );
                    }
                    if more > 0 {
                        eprintln!("  … +{more}");
                    }
                    std::process::exit(2);
                }
                Err(e) => Err(describe(e)),
            }
        }
        Command::User {
            command: UserCommand::CreateAdmin { username, password },
        } => {
            let app = open(&cli.database_url).await?;
            user::create_system_admin(&app, &username, &password)
                .await
                .map_err(describe)?;
            println!("system administrator '{username}' is ready");
            Ok(())
        }
        Command::Token {
            command: TokenCommand::Create { login },
        } => {
            let app = open(&cli.database_url).await?;
            let (token, expires) = auth::create_token_for(&app, &login)
                .await
                .map_err(describe)?;
            eprintln!(
                "expires {}",
                jiff::Timestamp::from_millisecond(expires)
                    .map(|t| t.to_string())
                    .unwrap_or_default()
            );
            println!("{token}");
            Ok(())
        }
        Command::Backup { to } => {
            let db = Db::connect(&cli.database_url).await?;
            db.backup_to(&to).await.context("backup")?;
            println!("backup written to {to}");
            Ok(())
        }
        Command::Agency {
            command: AgencyCommand::Create { code, name },
        } => {
            let app = open(&cli.database_url).await?;
            let id = user::create_agency(&app, &Actor::cli(None), &code, &name)
                .await
                .map_err(describe)?;
            println!("agency {code} created (id {id})");
            Ok(())
        }
    }
}

fn describe(e: ServiceError) -> anyhow::Error {
    match e {
        ServiceError::Invalid(errors) => {
            let text: Vec<String> = errors
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message.text(fleksi_domain::Locale::En)))
                .collect();
            anyhow::anyhow!("invalid input: {}", text.join("; "))
        }
        ServiceError::NotFound => anyhow::anyhow!("not found"),
        other => anyhow::anyhow!(other.to_string()),
    }
}
