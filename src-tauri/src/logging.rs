//! The app's log: one line per event on stderr and in a daily file under the
//! data folder (`logs/`, the last 14 days kept). What is logged is codes,
//! command names and counts; never a note, a case reference, a passphrase,
//! a path or anything a user typed.

use std::path::Path;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter};

pub const LOG_DIR: &str = "logs";
const LOG_PREFIX: &str = "beredskab";
const KEEP_FILES: usize = 14;

pub fn init(data_dir: &Path) {
    let filter =
        EnvFilter::try_from_env("BEREDSKAB_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let file = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix(LOG_PREFIX)
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(data_dir.join(LOG_DIR));
    let registry = tracing_subscriber::registry()
        .with(filter)
        .with(fmt::layer().with_writer(std::io::stderr).with_target(false));
    let result = match file {
        Ok(file) => registry
            .with(
                fmt::layer()
                    .with_writer(file)
                    .with_ansi(false)
                    .with_target(false),
            )
            .try_init(),
        Err(_) => registry.try_init(),
    };
    if result.is_err() {
        eprintln!("Beredskab: logging was already set up");
    }
}
