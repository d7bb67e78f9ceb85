//! What the user should know about start-up or the pack in use: a code and
//! its values; the words are chosen at the edge.

use serde::Serialize;
use specta::Type;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Type, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum NoticeCode {
    /// The store could not be used at all; the embedded pack is served from memory.
    StoreFailed,
    /// The store is from a newer app: left untouched, the embedded pack is served from memory.
    StoreNewerVersion,
    /// A damaged store was moved aside and built again.
    StoreRebuilt,
    /// A newer default pack came with the app and is now in use.
    PackUpdated,
    /// The pack in use could not be read; the one before it is shown instead.
    StoredPackUnreadablePreviousUsed,
    /// The pack in use could not be read; the default pack is shown instead.
    StoredPackUnreadableEmbeddedUsed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Notice {
    pub code: NoticeCode,
    pub args: BTreeMap<String, String>,
}

impl Notice {
    pub fn new(code: NoticeCode) -> Notice {
        Notice {
            code,
            args: BTreeMap::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl ToString) -> Notice {
        self.args.insert(name.to_string(), value.to_string());
        self
    }
}
