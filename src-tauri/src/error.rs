//! The error every command returns across IPC: a code the UI can switch on
//! (a union generated from the Rust enums), the message in the user's
//! language, and the problems of a pack or a form, each with its own code.

use beredskab_content::{ContentError, ContentErrorCode};
use beredskab_domain::concern::{FieldCode, FieldProblem};
use beredskab_domain::guidance::GuidanceError;
use beredskab_domain::pack::{Problem, ProblemCode};
use beredskab_domain::Locale;
use beredskab_i18n::{code_message, field_message, problem_message, text};
use beredskab_sync::{SyncError, SyncErrorCode};
use beredskab_vault::{VaultError, VaultErrorCode};
use serde::Serialize;
use specta::Type;

/// Errors of the app shell itself, not of the content or the vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum AppErrorCode {
    /// The guided flow named a sign the pack in use does not have.
    UnknownSign,
    /// The guided flow was asked about more signs than anyone chooses.
    TooManySigns,
    /// A worker thread failed; nothing was changed.
    Internal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(untagged)]
pub enum ApiErrorCode {
    Content(ContentErrorCode),
    Vault(VaultErrorCode),
    Sync(SyncErrorCode),
    App(AppErrorCode),
}

/// A pack problem with its words.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ProblemView {
    pub file: String,
    pub item: Option<String>,
    pub field: Option<String>,
    pub code: ProblemCode,
    pub message: String,
}

/// A form field's problem with its words.
#[derive(Debug, Clone, Serialize, Type)]
pub struct FieldView {
    pub field: String,
    pub code: FieldCode,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ApiError {
    pub code: ApiErrorCode,
    pub message: String,
    /// Problems of a content pack, each with file, item and field.
    pub problems: Vec<ProblemView>,
    /// Problems of a concern form, each with its field.
    pub fields: Vec<FieldView>,
}

fn pairs<'a>(args: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    args.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

pub fn problem_view(locale: Locale, p: &Problem) -> ProblemView {
    ProblemView {
        file: p.file.clone(),
        item: p.item.clone(),
        field: p.field.clone(),
        code: p.code,
        message: problem_message(locale, p),
    }
}

pub fn field_view(locale: Locale, f: &FieldProblem) -> FieldView {
    FieldView {
        field: f.field.clone(),
        code: f.code,
        message: field_message(locale, f),
    }
}

impl ApiError {
    pub fn content(locale: Locale, e: &ContentError) -> ApiError {
        ApiError {
            code: ApiErrorCode::Content(e.code()),
            message: code_message(locale, "errors", &e.code(), &pairs(&e.args())),
            problems: e
                .problems()
                .iter()
                .map(|p| problem_view(locale, p))
                .collect(),
            fields: Vec::new(),
        }
    }

    pub fn vault(locale: Locale, e: &VaultError) -> ApiError {
        ApiError {
            code: ApiErrorCode::Vault(e.code()),
            message: text(locale, &e.message_key(), &pairs(&e.args())),
            problems: Vec::new(),
            fields: e.fields().iter().map(|f| field_view(locale, f)).collect(),
        }
    }

    /// A sync failure: the service's own refusal, the network or a release.
    pub fn sync(locale: Locale, e: &SyncError) -> ApiError {
        match e {
            SyncError::Vault(v) => ApiError::vault(locale, v),
            _ => ApiError {
                code: ApiErrorCode::Sync(e.code()),
                message: code_message(locale, "sync_errors", &e.code(), &pairs(&e.args())),
                problems: Vec::new(),
                fields: Vec::new(),
            },
        }
    }

    pub fn guidance(locale: Locale, e: &GuidanceError) -> ApiError {
        match e {
            GuidanceError::UnknownSign(id) => {
                let id: String = id.chars().filter(|c| !c.is_control()).take(40).collect();
                ApiError::app(locale, AppErrorCode::UnknownSign, &[("id", &id)])
            }
            GuidanceError::TooManySigns => ApiError::app(locale, AppErrorCode::TooManySigns, &[]),
        }
    }

    pub fn app(locale: Locale, code: AppErrorCode, args: &[(&str, &str)]) -> ApiError {
        ApiError {
            code: ApiErrorCode::App(code),
            message: code_message(locale, "app_errors", &code, args),
            problems: Vec::new(),
            fields: Vec::new(),
        }
    }

    pub fn internal(locale: Locale) -> ApiError {
        ApiError::app(locale, AppErrorCode::Internal, &[])
    }

    /// The code as it appears in the log: never the message, which may echo input.
    pub fn log_code(&self) -> String {
        match self.code {
            ApiErrorCode::Content(c) => beredskab_domain::serde_name::serde_name(&c),
            ApiErrorCode::Vault(c) => beredskab_domain::serde_name::serde_name(&c),
            ApiErrorCode::Sync(c) => beredskab_domain::serde_name::serde_name(&c),
            ApiErrorCode::App(c) => beredskab_domain::serde_name::serde_name(&c),
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;
    use beredskab_i18n::has_key;
    use strum::IntoEnumIterator;

    #[test]
    fn every_error_and_notice_code_has_words_in_both_languages() {
        for locale in Locale::ALL {
            let mut keys: Vec<String> = ContentErrorCode::iter()
                .map(|c| format!("errors.{}", beredskab_domain::serde_name::serde_name(&c)))
                .collect();
            keys.extend(VaultErrorCode::iter().map(|c| {
                format!(
                    "vault_errors.{}",
                    beredskab_domain::serde_name::serde_name(&c)
                )
            }));
            keys.extend(SyncErrorCode::iter().map(|c| {
                format!(
                    "sync_errors.{}",
                    beredskab_domain::serde_name::serde_name(&c)
                )
            }));
            keys.extend(AppErrorCode::iter().map(|c| {
                format!(
                    "app_errors.{}",
                    beredskab_domain::serde_name::serde_name(&c)
                )
            }));
            keys.extend(
                beredskab_content::NoticeCode::iter()
                    .map(|c| format!("notices.{}", beredskab_domain::serde_name::serde_name(&c))),
            );
            for key in keys {
                assert!(has_key(locale, &key), "{key} has no words in {locale:?}");
            }
        }
        assert!(!text(Locale::En, "errors.not_found", &[]).is_empty());
    }
}
