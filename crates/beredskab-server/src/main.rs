//! `beredskab-server`: the thin binary over the library.

use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // One JSON object per line for the operators' log pipeline, each
    // request's lines with its id; `BEREDSKAB_LOG_FORMAT=text` for a person.
    if std::env::var("BEREDSKAB_LOG_FORMAT").as_deref() == Ok("text") {
        logs.init();
    } else {
        logs.json()
            .with_current_span(true)
            .with_span_list(false)
            .init();
    }
    match beredskab_server::cli::run(beredskab_server::cli::Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("beredskab-server: {e}");
            ExitCode::FAILURE
        }
    }
}
