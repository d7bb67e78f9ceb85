//! `beredskab-pack`: validate, count and search a content pack from the shell,
//! with the same core code as the app.

use beredskab_content::{
    load_dir, load_embedded, read_dir, ContentError, ContentErrorCode, Library,
};
use beredskab_domain::pack;
use beredskab_domain::serde_name::serde_name;
use beredskab_domain::{Locale, PackSource};
use beredskab_i18n::{code_message, problem_message, text};
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
    kind: String,
    title: String,
    score: f64,
}

#[derive(Serialize)]
struct JsonError {
    code: ContentErrorCode,
    message: String,
    problems: Vec<JsonProblem>,
}

/// A problem with its words, for editors and scripts alike.
#[derive(Serialize)]
struct JsonProblem {
    #[serde(flatten)]
    problem: pack::Problem,
    message: String,
}

fn error_message(locale: Locale, e: &ContentError) -> String {
    let args = e.args();
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    code_message(locale, "errors", &e.code(), &args)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let locale = Locale::parse(&cli.lang).unwrap_or_default();
    let today = beredskab_content::today();
    let json = matches!(
        cli.command,
        Command::Stats { json: true, .. } | Command::Search { json: true, .. }
    );
    let result = match cli.command {
        Command::Validate { dir } => validate(&dir, today, locale),
        Command::Stats { dir, json } => stats(&dir, json, today),
        Command::Search { query, pack, json } => search(&query, pack.as_deref(), json, today),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if json => {
            let body = JsonError {
                code: e.code(),
                message: error_message(locale, &e),
                problems: e
                    .problems()
                    .iter()
                    .map(|p| JsonProblem {
                        problem: p.clone(),
                        message: problem_message(locale, p),
                    })
                    .collect(),
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&body).unwrap_or_default()
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            report(locale, &e);
            ExitCode::FAILURE
        }
    }
}

fn validate(dir: &Path, today: chrono::NaiveDate, locale: Locale) -> Result<(), ContentError> {
    let pack = load_dir(dir, today)?.pack;
    let counts = [
        ("signs", pack.signs.len()),
        ("cards", pack.cards.len()),
        ("contacts", pack.contacts.len()),
        ("legal", pack.legal.len()),
    ]
    .map(|(k, n)| (k, n.to_string()));
    let args: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
    println!("{}", text(locale, "cli.valid", &args));
    let unverified = pack::unverified_contacts(&pack);
    if !unverified.is_empty() {
        let count = unverified.len().to_string();
        let ids = unverified.join(", ");
        let args = [("count", count.as_str()), ("ids", ids.as_str())];
        println!("{}", text(locale, "cli.unverified", &args));
    }
    let notes = pack::editor_notes(&pack);
    if !notes.is_empty() {
        let count = notes.len().to_string();
        println!(
            "{}",
            text(locale, "cli.editor_notes", &[("count", count.as_str())])
        );
        for note in notes {
            println!("  {} {}: {}", note.kind, note.id, note.note);
        }
    }
    Ok(())
}

fn stats(dir: &Path, json: bool, today: chrono::NaiveDate) -> Result<(), ContentError> {
    let files = read_dir(dir)?;
    let parsed = pack::parse(&files).map_err(|problems| ContentError::PackInvalid { problems })?;
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
        Err(ContentError::PackInvalid { problems })
    }
}

fn search(
    query: &str,
    dir: Option<&Path>,
    json: bool,
    today: chrono::NaiveDate,
) -> Result<(), ContentError> {
    let (pack, source) = match dir {
        Some(dir) => (load_dir(dir, today)?, PackSource::Folder),
        None => (load_embedded(today)?, PackSource::Embedded),
    };
    let library = Library::in_memory(pack, source)?;
    let results = library.search(query)?;
    if let (false, Some(meant)) = (json, &results.suggestion) {
        println!("Mente du »{meant}«?");
    }
    let hits = results.hits;
    let rows: Vec<JsonHit<'_>> = hits
        .iter()
        .map(|h| JsonHit {
            id: &h.id,
            kind: serde_name(&h.kind),
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

fn report(locale: Locale, error: &ContentError) {
    eprintln!("{}", error_message(locale, error));
    if !error.problems().is_empty() {
        let count = error.problems().len().to_string();
        eprintln!("{}", text(locale, "cli.problems", &[("count", &count)]));
        for problem in error.problems() {
            eprintln!("  - {problem}: {}", problem_message(locale, problem));
        }
    }
}
