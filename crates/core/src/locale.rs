//! The user's language for every message the core produces.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    #[default]
    Da,
    En,
}

impl Locale {
    pub fn code(self) -> &'static str {
        match self {
            Locale::Da => "da",
            Locale::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Locale> {
        match code {
            "da" => Some(Locale::Da),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Messages are localised when they are made, so switch the process-wide locale.
    pub fn activate(self) {
        rust_i18n::set_locale(self.code());
    }
}

/// The translated text for `key` in the active locale.
pub fn text(key: &str) -> String {
    rust_i18n::t!(key).into_owned()
}

/// The translated text for `key` with `%{name}` placeholders filled in.
pub fn text_with(key: &str, args: &[(&str, &str)]) -> String {
    let mut s = text(key);
    for (name, value) in args {
        s = s.replace(&format!("%{{{name}}}"), value);
    }
    s
}
