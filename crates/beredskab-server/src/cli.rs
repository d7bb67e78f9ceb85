//! The `beredskab-server` command line: parsing and printing only; the work
//! is in `admin`, `data_dir` and `serve`.

use crate::admin;
use crate::api::AppState;
use crate::data_dir;
use crate::serve::{self, Tls};
use crate::storage::postgres;
use crate::storage::Storage;
use beredskab_protocol::{Period, StatsQuery};
use clap::{Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use uuid::Uuid;

#[derive(Parser)]
#[command(
    name = "beredskab-server",
    version,
    about = "Beredskab's central service"
)]
pub struct Cli {
    /// The service's folder (store and key).
    #[arg(
        long,
        env = "BEREDSKAB_SERVER_DATA",
        global = true,
        default_value = "/var/lib/beredskab-server"
    )]
    data: PathBuf,
    /// A PostgreSQL database instead of the folder's SQLite store
    /// (postgres://user@host/db; add ?sslmode=require for TLS). Prefer the
    /// environment variable when the URL holds a password.
    #[arg(
        long,
        env = "BEREDSKAB_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    database: Option<String>,
    /// A CA file for the database's certificate, instead of the system's roots.
    #[arg(long, env = "BEREDSKAB_DATABASE_CA", global = true)]
    database_ca: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Make a new service in an empty folder: a store key (0600) and an empty store.
    Init,
    /// Serve the API. Plain HTTP only on a loopback address; otherwise give a certificate.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8417")]
        listen: SocketAddr,
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
    },
    /// A one-time enrollment code for a unit (valid 15 minutes, single use).
    Enroll {
        #[arg(long)]
        unit: String,
        #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(i64).range(1..=60))]
        minutes: i64,
    },
    /// List or revoke devices.
    Devices {
        #[command(subcommand)]
        action: DevicesAction,
    },
    /// A new publisher key pair: the signing key to a file (keep it offline), the public key printed.
    PublisherKey {
        #[arg(long)]
        out: PathBuf,
    },
    /// Validate the pack in DIR with the app's own code, sign it as the next release and store it.
    Publish {
        dir: PathBuf,
        #[arg(long)]
        key: PathBuf,
        /// Shown in the app as who published it; the pack's own publisher if left out.
        #[arg(long)]
        publisher: Option<String>,
    },
    /// Counts of current concerns per period and dimension.
    Stats {
        #[arg(long, value_enum, default_value_t = PeriodArg::Year)]
        period: PeriodArg,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// A consistent copy of the service's folder (key and store) in a new folder, while serving.
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// A token for reading the yearly report over HTTP (e.g. for a dashboard); printed once.
    AdminToken {
        /// Who or what it is for; it names the reader in the service's log.
        #[arg(long)]
        label: String,
    },
    /// Copy everything from a SQLite service folder into an empty PostgreSQL
    /// database, then compare both sides; safe to run again if interrupted.
    /// Stop the service first.
    MigrateStore {
        /// sqlite:PATH, PATH being the service's folder (store and key).
        #[arg(long)]
        from: String,
        /// postgres://…; set BEREDSKAB_MIGRATE_TO instead when the URL holds a
        /// password, so it stays out of the process list and shell history.
        #[arg(long, env = "BEREDSKAB_MIGRATE_TO", hide_env_values = true)]
        to: String,
    },
    /// The yearly report against the action plan's targets, small numbers protected.
    Report {
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value_t = ReportFormat::Pdf)]
        format: ReportFormat,
        /// Where to write it; standard output if left out.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Pdf,
    Xlsx,
    Csv,
    Html,
    Json,
}

#[derive(Subcommand)]
enum DevicesAction {
    List,
    Revoke { id: Uuid },
}

#[derive(Clone, Copy, ValueEnum)]
enum PeriodArg {
    Year,
    Quarter,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Csv,
}

pub async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    if cli.database.is_some() && matches!(cli.command, Command::Init | Command::Backup { .. }) {
        return Err(
            "init and backup are for the SQLite folder; PostgreSQL makes its tables \
                    when the service first connects, and is backed up with pg_dump"
                .into(),
        );
    }
    if let Command::Init = cli.command {
        data_dir::init(&cli.data)?;
        println!("Ny tjeneste oprettet i {}", cli.data.display());
        return Ok(());
    }
    if let Command::PublisherKey { out } = &cli.command {
        let key = admin::new_publisher_key(out)?;
        println!("{}", key.to_base64());
        eprintln!(
            "Nøgle-id {}. Den hemmelige nøgle ligger i {}: opbevar den offline.",
            key.key_id(),
            out.display()
        );
        return Ok(());
    }
    if let Command::Backup { out } = &cli.command {
        data_dir::backup(&cli.data, out)?;
        println!("Sikkerhedskopi skrevet til {}", out.display());
        eprintln!(
            "Kopien rummer nøglen: opbevar den lige så sikkert. Start fra den med --data {}.",
            out.display()
        );
        return Ok(());
    }
    if let Command::MigrateStore { from, to } = &cli.command {
        return migrate_store(from, to, cli.database_ca.as_deref()).await;
    }
    let storage = open_storage(&cli).await?;
    match cli.command {
        Command::Init
        | Command::PublisherKey { .. }
        | Command::Backup { .. }
        | Command::MigrateStore { .. } => {}
        Command::Serve {
            listen,
            tls_cert,
            tls_key,
        } => {
            let tls = tls_cert.zip(tls_key).map(|(cert, key)| Tls { cert, key });
            let listener = std::net::TcpListener::bind(listen)?;
            let scheme = if tls.is_some() { "https" } else { "http" };
            println!("listening on {scheme}://{}", listener.local_addr()?);
            serve::run(listener, AppState::new(storage), tls, shutdown_signal()).await?;
        }
        Command::Enroll { unit, minutes } => {
            let code = admin::enroll(storage.as_ref(), &unit, minutes).await?;
            println!("{code}");
            eprintln!("Koden gælder for {unit} i {minutes} minutter og kan bruges én gang.");
        }
        Command::Devices {
            action: DevicesAction::List,
        } => {
            for d in admin::devices(storage.as_ref()).await? {
                let last = d
                    .last_sync_at
                    .map(|t| t.to_rfc3339())
                    .unwrap_or_else(|| "-".into());
                let status = beredskab_sqlite::enum_text(&d.status);
                let flag = d.flag.unwrap_or_default();
                println!("{}\t{}\t{}\t{status}\t{flag}\t{last}", d.id, d.unit, d.name);
            }
        }
        Command::Devices {
            action: DevicesAction::Revoke { id },
        } => {
            admin::revoke(storage.as_ref(), id).await?;
            println!("Enheden {id} er tilbagekaldt.");
        }
        Command::Publish {
            dir,
            key,
            publisher,
        } => {
            let release =
                admin::publish(storage.as_ref(), &dir, &key, publisher.as_deref()).await?;
            println!("{}", release.manifest.number);
            eprintln!(
                "Udgivelse {} (pakke {}) er signeret med nøgle {} og gemt.",
                release.manifest.number, release.manifest.pack_version, release.key_id
            );
        }
        Command::AdminToken { label } => {
            let token = admin::new_admin_token(storage.as_ref(), &label).await?;
            println!("{token}");
            eprintln!(
                "Vises kun nu: giv det til {label}, og brug det som »Authorization: Bearer …«."
            );
        }
        Command::Report { year, format, out } => {
            let report = admin::report(storage.as_ref(), year, beredskab_content::today()).await?;
            let bytes = match format {
                ReportFormat::Pdf => crate::report::pdf::render(&report)?,
                ReportFormat::Xlsx => crate::report::xlsx::render(&report)?,
                ReportFormat::Csv => crate::report::csv::render(&report).into_bytes(),
                ReportFormat::Html => crate::report::html::render(&report).into_bytes(),
                ReportFormat::Json => serde_json::to_vec_pretty(&report)?,
            };
            match out {
                Some(path) => {
                    std::fs::write(&path, &bytes)?;
                    eprintln!("Årsrapporten for {year} er skrevet til {}", path.display());
                }
                None => std::io::Write::write_all(&mut std::io::stdout(), &bytes)?,
            }
        }
        Command::Stats {
            period,
            year,
            format,
        } => {
            let period = match period {
                PeriodArg::Year => Period::Year,
                PeriodArg::Quarter => Period::Quarter,
            };
            let report = admin::stats(storage.as_ref(), &StatsQuery { period, year }).await?;
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
                Format::Csv => print!("{}", report.to_csv()),
            }
        }
    }
    Ok(())
}

/// The store: PostgreSQL if a database URL is given, else the folder's SQLite.
async fn open_storage(cli: &Cli) -> Result<Arc<dyn Storage>, Box<dyn std::error::Error>> {
    Ok(match &cli.database {
        Some(url) if postgres::is_postgres_url(url) => {
            Arc::new(postgres::open(url, cli.database_ca.as_deref()).await?)
        }
        Some(_) => return Err("--database must be a postgres:// URL".into()),
        None => Arc::new(data_dir::open(&cli.data)?),
    })
}

async fn migrate_store(
    from: &str,
    to: &str,
    ca: Option<&std::path::Path>,
) -> Result<(), Box<dyn std::error::Error>> {
    let folder = from
        .strip_prefix("sqlite:")
        .ok_or("--from must be sqlite:PATH, PATH being the service's folder")?;
    if !postgres::is_postgres_url(to) {
        return Err("--to must be a postgres:// URL".into());
    }
    let source = data_dir::open(std::path::Path::new(folder))?;
    let target = postgres::open(to, ca).await?;
    let copied = crate::migrate_store::copy(&source, &target, None).await?;
    for table in &copied {
        println!(
            "{}\t{} rækker\t{} nye\tsha256 {}",
            table.table, table.rows, table.added, table.hash
        );
    }
    eprintln!("Alt er kopieret, og antal og kontrolsummer er ens på begge sider.");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
