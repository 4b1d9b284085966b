//! The `atrium` command: serve (default), migrate, provision organizations and staff, seed demo data.

use atrium::clock::Clock;
use atrium::config::{Config, LogFormat};
use atrium::db::Db;
use atrium::seed;
use clap::{Parser, Subcommand};
use object_store::ObjectStoreExt;
use shared_types::StaffRole;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "atrium",
    version,
    about = "Atrium: a self-hostable client portal for agencies and studios"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create an organization and its owner.
    CreateOrg {
        #[arg(long)]
        name: String,
        #[arg(long)]
        slug: String,
        #[arg(long)]
        owner_email: String,
        #[arg(long)]
        owner_name: String,
        #[arg(long)]
        owner_password: String,
    },
    /// Add a staff user to an organization.
    CreateStaff {
        /// The organization's slug.
        #[arg(long)]
        org: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["admin", "member"])]
        role: String,
        #[arg(long)]
        password: String,
    },
    /// Seed a demo agency when the database is empty (does nothing otherwise).
    SeedDemo,
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,actix_server=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(err) => {
            eprintln!("atrium: configuration error: {err:#}");
            return ExitCode::from(2);
        }
    };
    init_logging(config.log_format);
    match run(cli.command.unwrap_or(Command::Serve), config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("atrium: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command, config: Config) -> anyhow::Result<()> {
    let clock = Clock::default();
    let with_db =
        |f: &dyn Fn(&mut atrium::db::DbConn) -> anyhow::Result<()>| -> anyhow::Result<()> {
            let db = Db::connect(&config.database_url)?;
            db.migrate()?;
            let mut conn = db.get().map_err(|e| anyhow::anyhow!("{e}"))?;
            f(&mut conn)
        };
    match command {
        Command::Serve => serve(config),
        Command::Migrate => with_db(&|_| {
            println!("Migrations are up to date.");
            Ok(())
        }),
        Command::CreateOrg {
            name,
            slug,
            owner_email,
            owner_name,
            owner_password,
        } => with_db(&|conn| {
            let new = seed::NewOrg {
                name: &name,
                slug: &slug,
                owner_email: &owner_email,
                owner_name: &owner_name,
                owner_password: &owner_password,
            };
            let (org, owner) =
                seed::create_org(conn, new, clock.now()).map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "Created organization {} ({}) with owner {}.",
                org.name, org.slug, owner.email
            );
            Ok(())
        }),
        Command::CreateStaff {
            org,
            email,
            name,
            role,
            password,
        } => with_db(&|conn| {
            let role: StaffRole = role.parse().map_err(|e| anyhow::anyhow!("--role: {e}"))?;
            let row = seed::create_staff(conn, &org, &email, &name, role, &password, clock.now())
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("Created {} {} in {org}.", role, row.email);
            Ok(())
        }),
        Command::SeedDemo => with_db(&|conn| {
            let storage = atrium::storage::Storage::from_url(&config.storage_url, &config.s3)?;
            let Some(objects) = seed::seed_demo_with_files(conn, clock.now())
                .map_err(|e| anyhow::anyhow!("{e}"))?
            else {
                println!("The database already has data; demo seed skipped.");
                return Ok(());
            };
            // The demo's files: stored once the rows are committed; the server's media worker
            // then makes their thumbnail and waveform.
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                for (key, bytes) in objects {
                    let path = atrium::storage::Storage::path(&key)?;
                    storage.store().put(&path, bytes.into()).await?;
                }
                anyhow::Ok(())
            })?;
            println!("Seeded the demo agency Northwind Studio.");
            Ok(())
        }),
    }
}

fn serve(config: Config) -> anyhow::Result<()> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    actix_web::rt::System::new().block_on(async move {
        let running = atrium::server::start(config, Arc::new(Clock::default()), workers).await?;
        tracing::info!(addr = %running.addr, "Atrium is listening");
        // actix stops the server gracefully on SIGTERM and Ctrl-C (finishing the requests in
        // flight, for up to its shutdown timeout); live streams never finish on their own, so
        // they are ended here on the same signals.
        let live = running.state.live.clone();
        actix_web::rt::spawn(async move {
            shutdown_requested().await;
            live.close();
        });
        running.server.await?;
        tracing::info!("Atrium stopped");
        Ok(())
    })
}

/// Resolves on the first SIGTERM or Ctrl-C (SIGINT).
async fn shutdown_requested() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM; live streams end only on Ctrl-C");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
