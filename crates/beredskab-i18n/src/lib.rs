//! Every message a person reads, in the language they chose, from the one
//! source in `locales/`. The locale is an argument of every call, never a
//! process-wide setting, so one server can answer two users in two languages
//! at the same time.

use beredskab_domain::concern::FieldProblem;
use beredskab_domain::pack::Problem;
use beredskab_domain::serde_name::serde_name;
use beredskab_domain::Locale;
use std::collections::BTreeMap;

rust_i18n::i18n!("../../locales", fallback = "da");

/// The text for `key` in `locale` (Danish when the key has no translation),
/// with each `%{name}` filled from `args`.
pub fn text(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = rust_i18n::t!(key, locale = locale.code()).into_owned();
    for (name, value) in args {
        s = s.replace(&format!("%{{{name}}}"), value);
    }
    s
}

fn text_map(locale: Locale, key: &str, args: &BTreeMap<String, String>) -> String {
    let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    text(locale, key, &pairs)
}

/// Whether `key` exists in the locale files (for tests of every code's words).
pub fn has_key(locale: Locale, key: &str) -> bool {
    rust_i18n::t!(key, locale = locale.code()) != key
}

/// The words for a pack problem: `validation.<code>`.
pub fn problem_message(locale: Locale, problem: &Problem) -> String {
    text_map(
        locale,
        &format!("validation.{}", serde_name(&problem.code)),
        &problem.args,
    )
}

/// The words for a form field's problem: `concern_errors.<code>`.
pub fn field_message(locale: Locale, problem: &FieldProblem) -> String {
    text_map(
        locale,
        &format!("concern_errors.{}", serde_name(&problem.code)),
        &problem.args,
    )
}

/// The words for any code under a section of the locale files, e.g. `vault_errors`.
pub fn code_message<C: serde::Serialize>(
    locale: Locale,
    section: &str,
    code: &C,
    args: &[(&str, &str)],
) -> String {
    text(locale, &format!("{section}.{}", serde_name(code)), args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use beredskab_domain::pack::ProblemCode;

    #[test]
    fn two_threads_get_two_languages_at_once() {
        let problem = Problem::in_file("contacts.toml", ProblemCode::BadPhone).with("phone", "12");
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let problem = problem.clone();
                std::thread::spawn(move || {
                    let locale = if i % 2 == 0 { Locale::Da } else { Locale::En };
                    (0..200)
                        .map(|_| problem_message(locale, &problem))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for (i, handle) in handles.into_iter().enumerate() {
            let messages = handle.join().expect("thread");
            let prefix = if i % 2 == 0 {
                "Telefonnummeret \"12\""
            } else {
                "The phone number \"12\""
            };
            assert!(
                messages.iter().all(|m| m.starts_with(prefix)),
                "{:?}",
                messages[0]
            );
        }
    }

    #[test]
    fn every_problem_and_field_code_has_words_in_both_languages() {
        use beredskab_domain::concern::FieldCode;
        use strum::IntoEnumIterator;
        for locale in Locale::ALL {
            for code in ProblemCode::iter() {
                let key = format!("validation.{}", serde_name(&code));
                assert!(has_key(locale, &key), "{key} in {locale:?}");
            }
            for code in FieldCode::iter() {
                let key = format!("concern_errors.{}", serde_name(&code));
                assert!(has_key(locale, &key), "{key} in {locale:?}");
            }
        }
    }
}
