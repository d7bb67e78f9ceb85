//! Parsing a pack's TOML files. Each item is deserialised on its own so that one
//! bad item yields a problem naming it, and the rest are still checked.

use super::files::PackFiles;
use super::problem::{Problem, ProblemCode};
use crate::content::{Card, Contact, LegalRef, Pack, PackMeta, Sign};
use crate::plan::Plan;
use serde::de::DeserializeOwned;
use toml::{Table, Value};

/// A parsed pack with the file each item came from, for validation messages.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub pack: Pack,
    pub sign_files: Vec<String>,
    pub card_files: Vec<String>,
}

pub const CONTACTS_FILE: &str = "contacts.toml";
pub const LEGAL_FILE: &str = "legal.toml";
pub const META_FILE: &str = "pack.toml";
/// The action plan's targets; a pack without one is still a pack.
pub const PLAN_FILE: &str = "plan.toml";

/// Parses every file; fails with all syntax and shape problems found.
pub fn parse(files: &PackFiles) -> Result<Parsed, Vec<Problem>> {
    let mut problems = Vec::new();
    let meta = parse_meta(files, &mut problems);
    let mut signs = Vec::new();
    let mut sign_files = Vec::new();
    for (path, text) in files.in_folder("signs") {
        for sign in parse_array::<Sign>(path, text, "sign", &mut problems) {
            signs.push(sign);
            sign_files.push(path.to_string());
        }
    }
    let mut cards = Vec::new();
    let mut card_files = Vec::new();
    for (path, text) in files.in_folder("cards") {
        if let Some(table) = parse_table(path, text, &mut problems) {
            if let Some(card) = item::<Card>(path, Value::Table(table), &mut problems) {
                cards.push(card);
                card_files.push(path.to_string());
            }
        }
    }
    let contacts = optional_array::<Contact>(files, CONTACTS_FILE, "contact", &mut problems);
    let legal = optional_array::<LegalRef>(files, LEGAL_FILE, "legal", &mut problems);
    let plan = files
        .get(PLAN_FILE)
        .and_then(|text| parse_table(PLAN_FILE, text, &mut problems))
        .and_then(|table| item::<Plan>(PLAN_FILE, Value::Table(table), &mut problems));
    match meta {
        Some(meta) if problems.is_empty() => Ok(Parsed {
            pack: Pack {
                meta,
                signs,
                cards,
                contacts,
                legal,
                plan,
            },
            sign_files,
            card_files,
        }),
        _ => Err(problems),
    }
}

fn parse_meta(files: &PackFiles, problems: &mut Vec<Problem>) -> Option<PackMeta> {
    let Some(text) = files.get(META_FILE) else {
        problems.push(Problem::in_file(META_FILE, ProblemCode::MissingFile));
        return None;
    };
    let table = parse_table(META_FILE, text, problems)?;
    item::<PackMeta>(META_FILE, Value::Table(table), problems)
}

fn optional_array<T: DeserializeOwned>(
    files: &PackFiles,
    path: &str,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Vec<T> {
    match files.get(path) {
        Some(text) => parse_array(path, text, key, problems),
        None => {
            problems.push(Problem::in_file(path, ProblemCode::MissingFile));
            Vec::new()
        }
    }
}

/// Reads a file of `[[key]]` entries.
fn parse_array<T: DeserializeOwned>(
    path: &str,
    text: &str,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Vec<T> {
    let Some(mut table) = parse_table(path, text, problems) else {
        return Vec::new();
    };
    let entries = match table.remove(key) {
        Some(Value::Array(entries)) => entries,
        Some(_) => {
            problems.push(Problem {
                field: Some(key.to_string()),
                ..Problem::in_file(path, ProblemCode::BadValue).with("detail", format!("[[{key}]]"))
            });
            return Vec::new();
        }
        None => Vec::new(),
    };
    for unknown in table.keys() {
        problems.push(Problem {
            field: Some(unknown.clone()),
            ..Problem::in_file(path, ProblemCode::UnknownField)
        });
    }
    entries
        .into_iter()
        .filter_map(|entry| item::<T>(path, entry, problems))
        .collect()
}

fn parse_table(path: &str, text: &str, problems: &mut Vec<Problem>) -> Option<Table> {
    match text.parse::<Table>() {
        Ok(table) => Some(table),
        Err(e) => {
            let detail = e.to_string().replace('\n', " ").trim().to_string();
            problems.push(Problem::in_file(path, ProblemCode::Syntax).with("detail", detail));
            None
        }
    }
}

/// Deserialises one item, turning serde's complaint into a problem that names
/// the item's id and the field.
fn item<T: DeserializeOwned>(path: &str, value: Value, problems: &mut Vec<Problem>) -> Option<T> {
    let id = value.get("id").and_then(Value::as_str).map(str::to_string);
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(item) => Some(item),
        Err(e) => {
            let at = e.path().to_string();
            let raw = e.into_inner().message().to_string();
            let (code, field) = if raw.starts_with("missing field") {
                (ProblemCode::MissingField, backticked(&raw))
            } else if raw.starts_with("unknown field") {
                (ProblemCode::UnknownField, backticked(&raw))
            } else {
                (ProblemCode::BadValue, (at != ".").then_some(at))
            };
            let mut problem = Problem::in_file(path, code);
            if code == ProblemCode::BadValue {
                problem = problem.with("detail", raw);
            }
            problems.push(Problem {
                item: id,
                field,
                ..problem
            });
            None
        }
    }
}

fn backticked(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}
