//! `beredskab-pack`: validate, count and search a content pack from the shell,
//! with the same core code as the app.

use beredskab_core::locale::{text_with, Locale};
use beredskab_core::pack::{self, PackFiles};
use beredskab_core::store::PackSource;
use beredskab_core::{CoreError, Library};
use clap::{Parser, Subcommand};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "beredskab-pack",
    version,
    about = "Tjek, optæl og søg i en Beredskab-indholdspakke"
)]
struct Cli {
    /// Language of messages: da or en.
    #[arg(long, global = true, default_value = "da")]
    lang: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the pack in DIR; exit 1 and list every problem if it is invalid.
    Validate { dir: PathBuf },
    /// Count items per type, category, tier and target group.
    Stats {
        dir: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Search a pack (the embedded default pack unless --pack is given).
    Search {
        query: String,
        #[arg(long)]
        pack: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    title: String,
    score: f64,
}

#[derive(Serialize)]
struct JsonError<'a> {
    code: beredskab_core::ErrorCode,
    message: String,
    problems: &'a [pack::Problem],
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    Locale::parse(&cli.lang).unwrap_or_default().activate();
    let today = pack::today();
    let json = matches!(
        cli.command,
        Command::Stats { json: true, .. } | Command::Search { json: true, .. }
    );
    let result = match cli.command {
        Command::Validate { dir } => validate(&dir, today),
        Command::Stats { dir, json } => stats(&dir, json, today),
        Command::Search { query, pack, json } => search(&query, pack.as_deref(), json, today),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if json => {
            let body = JsonError {
                code: e.code(),
                message: e.user_message(),
                problems: e.problems(),
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&body).unwrap_or_default()
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            report(&e);
            ExitCode::FAILURE
        }
    }
}

fn validate(dir: &Path, today: chrono::NaiveDate) -> Result<(), CoreError> {
    let pack = pack::load_dir(dir, today)?;
    let counts = [
        ("signs", pack.signs.len()),
        ("cards", pack.cards.len()),
        ("contacts", pack.contacts.len()),
        ("legal", pack.legal.len()),
    ]
    .map(|(k, n)| (k, n.to_string()));
    let args: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
    println!("{}", text_with("cli.valid", &args));
    Ok(())
}

fn stats(dir: &Path, json: bool, today: chrono::NaiveDate) -> Result<(), CoreError> {
    let files = PackFiles::read_dir(dir)?;
    let parsed = pack::parse(&files).map_err(|problems| CoreError::PackInvalid { problems })?;
    let problems = pack::validate(&parsed, today);
    let stats = pack::stats(&parsed.pack);
    if json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
    } else {
        println!(
            "signs\t{}\ncards\t{}\ncontacts\t{}\nlegal\t{}",
            stats.signs, stats.cards, stats.contacts, stats.legal
        );
        for (category, n) in &stats.signs_by_category {
            println!("category:{category}\t{n}");
        }
        for (tier, n) in &stats.signs_by_tier {
            println!("tier:{tier}\t{n}");
        }
        for (group, n) in &stats.signs_by_target_group {
            println!("target_group:{group}\t{n}");
        }
        println!("needs_verification\t{}", stats.needs_verification);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CoreError::PackInvalid { problems })
    }
}

fn search(
    query: &str,
    dir: Option<&Path>,
    json: bool,
    today: chrono::NaiveDate,
) -> Result<(), CoreError> {
    let (pack, source) = match dir {
        Some(dir) => (pack::load_dir(dir, today)?, PackSource::Folder),
        None => (pack::load_embedded(today)?, PackSource::Embedded),
    };
    let library = Library::in_memory(pack, source)?;
    let hits = library.search(query)?;
    let rows: Vec<JsonHit<'_>> = hits
        .iter()
        .map(|h| JsonHit {
            id: &h.id,
            kind: h.kind.as_str(),
            title: h.title.iter().map(|s| s.text.as_str()).collect(),
            score: h.score,
        })
        .collect();
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        for row in rows {
            println!(
                "{:>8.3}  {:<8} {:<32} {}",
                row.score, row.kind, row.id, row.title
            );
        }
    }
    Ok(())
}

fn report(error: &CoreError) {
    eprintln!("{}", error.user_message());
    if !error.problems().is_empty() {
        eprintln!(
            "{}",
            text_with(
                "cli.problems",
                &[("count", &error.problems().len().to_string())]
            )
        );
        for problem in error.problems() {
            eprintln!("  - {problem}");
        }
    }
}
