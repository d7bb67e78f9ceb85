//! What the faults did over all rounds, counted by name and printed at the
//! end (with `--nocapture`): a run that stopped exercising something — no
//! stale copies any more, no restarts — shows it there.

use std::collections::BTreeMap;
use std::sync::Mutex;

static STATS: Mutex<BTreeMap<String, u64>> = Mutex::new(BTreeMap::new());

pub fn count(what: impl Into<String>) {
    *STATS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .entry(what.into())
        .or_default() += 1;
}

/// Everything counted so far.
pub fn counted() -> BTreeMap<String, u64> {
    STATS.lock().unwrap_or_else(|p| p.into_inner()).clone()
}
