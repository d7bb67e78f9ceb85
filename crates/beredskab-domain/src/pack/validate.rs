//! Checks a parsed pack for everything that would mislead or break the app:
//! dangling references, duplicate ids, empty required text, dates in the
//! future, malformed phone numbers and steps too long to read under pressure.

use super::parse::{Parsed, CONTACTS_FILE, LEGAL_FILE, META_FILE};
use super::problem::{Problem, ProblemCode};
use crate::content::{Card, Contact, TargetGroup};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

pub const SUPPORTED_FORMAT: u32 = 2;
/// A step longer than this is hard to follow in a meeting.
pub const MAX_STEP_WORDS: usize = 40;

/// The lines of a card a reader acts on, each with its field name.
fn card_lines(card: &Card) -> Vec<(String, &str)> {
    let mut lines = vec![("situation".to_string(), card.situation.as_str())];
    for (name, list) in [
        ("steps", &card.steps),
        ("do", &card.do_list),
        ("dont", &card.dont_list),
    ] {
        lines.extend(
            list.iter()
                .enumerate()
                .map(|(i, l)| (format!("{name}[{}]", i + 1), l.as_str())),
        );
    }
    lines
}

/// "Send an underretning", "§ 133": the duty to notify, which concerns children.
fn speaks_of_duty_to_notify(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.contains("underret") || lower.contains("§ 133") || lower.contains("§133")
}

/// Every item but the plan (see `plan_check`).
pub fn validate_items(parsed: &Parsed, today: NaiveDate) -> Vec<Problem> {
    let mut v = Validator {
        problems: Vec::new(),
    };
    let pack = &parsed.pack;
    let released = pack.meta.released;
    v.meta(parsed);

    let categories: HashSet<&str> = pack.meta.categories.iter().map(|c| c.id.as_str()).collect();
    let cards = v.ids(
        parsed
            .card_files
            .iter()
            .map(String::as_str)
            .zip(pack.cards.iter().map(|c| c.id.as_str())),
    );
    let contacts = v.ids(pack.contacts.iter().map(|c| (CONTACTS_FILE, c.id.as_str())));
    let legal = v.ids(pack.legal.iter().map(|l| (LEGAL_FILE, l.id.as_str())));
    v.ids(
        parsed
            .sign_files
            .iter()
            .map(String::as_str)
            .zip(pack.signs.iter().map(|s| s.id.as_str())),
    );

    if let Some(refs) = &pack.meta.guidance {
        let at = At {
            file: META_FILE,
            item: "guidance",
        };
        let card = std::slice::from_ref(&refs.notify_card);
        v.refs(&at, "notify_card", card, &cards, ProblemCode::UnknownCard);
        let legal_id = std::slice::from_ref(&refs.notify_legal);
        v.refs(
            &at,
            "notify_legal",
            legal_id,
            &legal,
            ProblemCode::UnknownLegal,
        );
    }
    for (sign, file) in pack.signs.iter().zip(&parsed.sign_files) {
        let at = At {
            file,
            item: &sign.id,
        };
        v.non_empty(&at, "title", &sign.title);
        v.non_empty(&at, "description", &sign.description);
        v.non_empty_list(&at, "target_groups", sign.target_groups.len());
        v.non_empty_list(&at, "cards", sign.cards.len());
        v.non_empty_list(&at, "sources", sign.sources.len());
        if !categories.contains(sign.category.as_str()) {
            v.push(
                &at,
                "category",
                ProblemCode::UnknownCategory,
                &[("id", &sign.category)],
            );
        }
        v.refs(&at, "cards", &sign.cards, &cards, ProblemCode::UnknownCard);
        let known = sign.cards.iter().all(|id| pack.card(id).is_some());
        for group in &sign.target_groups {
            let covered = sign
                .cards
                .iter()
                .filter_map(|id| pack.card(id))
                .any(|card| card.target_groups.contains(group));
            if known && !covered {
                let group = crate::serde_name::serde_name(group);
                v.push(
                    &at,
                    "cards",
                    ProblemCode::NoCardForGroup,
                    &[("group", &group)],
                );
            }
        }
    }
    for (card, file) in pack.cards.iter().zip(&parsed.card_files) {
        let at = At {
            file,
            item: &card.id,
        };
        v.non_empty(&at, "title", &card.title);
        v.non_empty(&at, "situation", &card.situation);
        v.non_empty_list(&at, "roles", card.roles.len());
        v.non_empty_list(&at, "target_groups", card.target_groups.len());
        if card.target_groups == [TargetGroup::Voksen] {
            for (field, line) in card_lines(card) {
                if speaks_of_duty_to_notify(line) && !line.to_lowercase().contains("husstand") {
                    v.push(&at, &field, ProblemCode::AdultCardDutyToNotify, &[]);
                }
            }
        }
        v.non_empty_list(&at, "steps", card.steps.len());
        v.non_empty_list(&at, "contacts", card.contacts.len());
        v.non_empty_list(&at, "sources", card.sources.len());
        for (i, step) in card.steps.iter().enumerate() {
            let field = format!("steps[{}]", i + 1);
            v.non_empty(&at, &field, step);
            let words = step.split_whitespace().count();
            if words > MAX_STEP_WORDS {
                let (step, words, max) = (
                    (i + 1).to_string(),
                    words.to_string(),
                    MAX_STEP_WORDS.to_string(),
                );
                v.push(
                    &at,
                    &field,
                    ProblemCode::StepTooLong,
                    &[("step", &step), ("words", &words), ("max", &max)],
                );
            }
        }
        v.refs(
            &at,
            "contacts",
            &card.contacts,
            &contacts,
            ProblemCode::UnknownContact,
        );
        v.refs(&at, "legal", &card.legal, &legal, ProblemCode::UnknownLegal);
    }
    for contact in &pack.contacts {
        let at = At {
            file: CONTACTS_FILE,
            item: &contact.id,
        };
        v.non_empty(&at, "organisation", &contact.organisation);
        v.non_empty(&at, "hours", &contact.hours);
        v.non_empty(&at, "out_of_hours", &contact.out_of_hours);
        v.non_empty(&at, "when_to_use", &contact.when_to_use);
        v.non_empty(&at, "source", &contact.source);
        v.non_empty_list(&at, "audience", contact.audience.len());
        v.verification(&at, contact, released, today);
        if let Some(phone) = &contact.phone {
            if !is_danish_phone(phone) {
                v.push(&at, "phone", ProblemCode::BadPhone, &[("phone", phone)]);
            }
        }
    }
    for legal in &pack.legal {
        let at = At {
            file: LEGAL_FILE,
            item: &legal.id,
        };
        v.non_empty(&at, "law", &legal.law);
        v.non_empty(&at, "section", &legal.section);
        v.non_empty(&at, "summary", &legal.summary);
        v.non_empty_list(&at, "applies_to", legal.applies_to.len());
        v.non_empty_list(&at, "sources", legal.sources.len());
    }
    v.problems
}

/// Danish numbers: 8 digits (optionally after +45), a short service number of
/// 3–4 digits such as 112, 114 or 1888, or a European 116 number such as
/// BørneTelefonen's 116 111. Spaces are allowed between groups.
pub fn is_danish_phone(phone: &str) -> bool {
    let compact: String = phone.chars().filter(|c| *c != ' ').collect();
    let digits = compact.strip_prefix("+45").unwrap_or(&compact);
    let all_digits = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    let long_ok = digits.len() == 8 && !digits.starts_with('0');
    let short_ok = !compact.starts_with('+') && (3..=4).contains(&digits.len());
    let european_116 = !compact.starts_with('+') && digits.len() == 6 && digits.starts_with("116");
    all_digits && (long_ok || short_ok || european_116)
}

/// Ids are used in file names, links and stored records: keep them plain.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

struct At<'a> {
    file: &'a str,
    item: &'a str,
}

struct Validator {
    problems: Vec<Problem>,
}

impl Validator {
    fn push(&mut self, at: &At<'_>, field: &str, code: ProblemCode, args: &[(&str, &str)]) {
        let mut problem = Problem {
            item: Some(at.item.to_string()),
            field: Some(field.to_string()),
            ..Problem::in_file(at.file, code)
        };
        for (name, value) in args {
            problem = problem.with(name, value);
        }
        self.problems.push(problem);
    }

    fn meta(&mut self, parsed: &Parsed) {
        let meta = &parsed.pack.meta;
        let at = At {
            file: META_FILE,
            item: "pack",
        };
        if meta.format != SUPPORTED_FORMAT {
            let (found, expected) = (meta.format.to_string(), SUPPORTED_FORMAT.to_string());
            self.push(
                &at,
                "format",
                ProblemCode::UnsupportedFormat,
                &[("found", &found), ("expected", &expected)],
            );
        }
        self.non_empty(&at, "publisher", &meta.publisher);
        self.non_empty(&at, "title", &meta.title);
        self.non_empty(&at, "signs_caution", &meta.signs_caution);
        self.ids(meta.categories.iter().map(|c| (META_FILE, c.id.as_str())));
        for category in &meta.categories {
            self.non_empty(
                &At {
                    file: META_FILE,
                    item: &category.id,
                },
                "title",
                &category.title,
            );
        }
        for (kind, count) in [
            ("signs", parsed.pack.signs.len()),
            ("cards", parsed.pack.cards.len()),
        ] {
            if count == 0 {
                self.problems
                    .push(Problem::in_file(META_FILE, ProblemCode::NoItems).with("kind", kind));
            }
        }
    }

    /// Checks that ids are well-formed and unique; returns the set of ids.
    fn ids<'a>(&mut self, items: impl Iterator<Item = (&'a str, &'a str)>) -> HashSet<&'a str> {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (file, id) in items {
            let at = At { file, item: id };
            if !is_valid_id(id) {
                self.push(&at, "id", ProblemCode::BadId, &[("id", id)]);
            }
            if let Some(other) = seen.insert(id, file) {
                self.push(
                    &at,
                    "id",
                    ProblemCode::DuplicateId,
                    &[("id", id), ("other", other)],
                );
            }
        }
        seen.into_keys().collect()
    }

    /// A contact is either checked by a named person on a given day, or marked
    /// as needing a check, never both, never neither; its source has a date.
    fn verification(
        &mut self,
        at: &At<'_>,
        contact: &Contact,
        released: NaiveDate,
        today: NaiveDate,
    ) {
        match (contact.last_verified, contact.needs_verification) {
            (Some(_), true) => {
                self.push(at, "last_verified", ProblemCode::VerifiedAndUnverified, &[])
            }
            (None, false) => self.push(
                at,
                "needs_verification",
                ProblemCode::NotVerifiedNotMarked,
                &[],
            ),
            _ => {}
        }
        if let Some(date) = contact.last_verified {
            let shown = date.to_string();
            if date > today {
                self.push(
                    at,
                    "last_verified",
                    ProblemCode::FutureDate,
                    &[("date", &shown)],
                );
            }
            if contact
                .verified_by
                .as_deref()
                .is_none_or(|w| w.trim().is_empty())
            {
                self.push(at, "verified_by", ProblemCode::VerifiedWithoutWho, &[]);
            }
            if date == released && !contact.verified_on_release_day {
                self.push(
                    at,
                    "last_verified",
                    ProblemCode::VerifiedOnReleaseDay,
                    &[("date", &shown)],
                );
            }
        }
        match contact.source_date.first_day() {
            Some(day) if day <= today => {}
            _ => self.push(
                at,
                "source_date",
                ProblemCode::BadSourceDate,
                &[("date", &contact.source_date.0)],
            ),
        }
    }

    fn non_empty(&mut self, at: &At<'_>, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(at, field, ProblemCode::Empty, &[]);
        }
    }

    fn non_empty_list(&mut self, at: &At<'_>, field: &str, len: usize) {
        if len == 0 {
            self.push(at, field, ProblemCode::Empty, &[]);
        }
    }

    fn refs(
        &mut self,
        at: &At<'_>,
        field: &str,
        ids: &[String],
        known: &HashSet<&str>,
        code: ProblemCode,
    ) {
        for (i, id) in ids.iter().enumerate() {
            if !known.contains(id.as_str()) {
                self.push(at, &format!("{field}[{}]", i + 1), code, &[("id", id)]);
            }
        }
    }
}
