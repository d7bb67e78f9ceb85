//! What a round does, as proptest draws it: the laptops' work, and per
//! request the fault the proxy applies. Plain data, so a failing round
//! prints (and shrinks) as a readable plan.

use beredskab_domain::concern::Severity;
use proptest::prelude::*;

/// How many of a laptop's newest live concerns an update or deletion picks from,
/// so changes land on concerns whose earlier changes may still be in flight.
pub const RECENT: usize = 6;

// ---------------------------------------------------------------------------
// The faults

/// How a lost message looks to the laptop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lost {
    /// The connection closes without an answer.
    Close,
    /// 502 with a proxy's HTML-ish page (not the service's JSON).
    BadGateway,
    /// 503 with the service's own error body.
    Unavailable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restart {
    /// Before the request is forwarded: it reaches the new process.
    Before,
    /// After the service committed it; the answer dies with the process.
    AfterCommit,
    /// While the request is on its way in: it commits or not.
    During,
}

/// What the proxy does to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Pass,
    /// Forwarded after this many milliseconds.
    Delay(u8),
    /// Never forwarded.
    DropRequest(Lost),
    /// Forwarded and committed; the answer never arrives.
    DropResponse(Lost),
    /// Forwarded twice; the laptop gets the first or the second answer.
    Duplicate {
        answer_first: bool,
    },
    /// Held back (the laptop sees it lost) and delivered after `after`
    /// later requests, so the laptop's retry and newer batches overtake it.
    /// At the latest when the step's sync ends — or, when the step carries
    /// held requests (`Step::carry_held`), during or after the next step's
    /// sync, behind the laptop's newer work: a stale copy then.
    Reorder {
        after: u8,
        lost: Lost,
    },
    Restart(Restart),
}

/// The fault's kind, as the statistics count it.
pub fn fault_name(fault: Fault) -> &'static str {
    match fault {
        Fault::Pass => "pass",
        Fault::Delay(_) => "delay",
        Fault::DropRequest(_) => "drop request",
        Fault::DropResponse(_) => "drop response",
        Fault::Duplicate { .. } => "duplicate",
        Fault::Reorder { .. } => "reorder",
        Fault::Restart(Restart::Before) => "restart before",
        Fault::Restart(Restart::AfterCommit) => "restart after commit",
        Fault::Restart(Restart::During) => "restart during",
    }
}

fn lost() -> impl Strategy<Value = Lost> {
    prop_oneof![
        Just(Lost::Close),
        Just(Lost::BadGateway),
        Just(Lost::Unavailable)
    ]
}

/// How many later requests a reordered one waits for; now and then more
/// than the step will send, so that it is still held when the sync ends.
fn held_for() -> impl Strategy<Value = u8> {
    prop_oneof![3 => 1u8..=3, 1 => Just(u8::MAX)]
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        12 => Just(Fault::Pass),
        2 => (1u8..=3).prop_map(Fault::Delay),
        3 => lost().prop_map(Fault::DropRequest),
        4 => lost().prop_map(Fault::DropResponse),
        2 => any::<bool>().prop_map(|answer_first| Fault::Duplicate { answer_first }),
        3 => (held_for(), lost()).prop_map(|(after, lost)| Fault::Reorder { after, lost }),
        1 => prop_oneof![
            Just(Restart::Before),
            Just(Restart::AfterCommit),
            Just(Restart::During)
        ]
        .prop_map(Fault::Restart),
    ]
}

// ---------------------------------------------------------------------------
// The rounds

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Register {
        laptop: usize,
    },
    /// A new revision of one of the laptop's newest live concerns.
    Update {
        laptop: usize,
        recent: usize,
        severity: Severity,
    },
    Delete {
        laptop: usize,
        recent: usize,
    },
}

/// Laptop work, then a sync of both laptops through their proxies.
#[derive(Debug, Clone)]
pub struct Step {
    pub ops: Vec<Op>,
    /// One fault per request, per laptop; requests after the plan pass.
    pub plans: [Vec<Fault>; 2],
    /// Items per batch, per laptop.
    pub batch: [usize; 2],
    /// Retries within one push (few, so that pushes also give up).
    pub retries: usize,
    /// Both laptops sync at the same time (else one after the other).
    pub together: bool,
    /// Push until the queue is empty; else push once and go on working
    /// with whatever the faults left queued (the last step always drains).
    pub drain: bool,
    /// Requests still held back when the sync ends stay held into the next
    /// step, so they reach the service after the laptop worked on and synced
    /// newer heads (the last step always delivers them).
    pub carry_held: bool,
}

#[derive(Debug, Clone)]
pub struct Round {
    pub steps: Vec<Step>,
}

fn severity() -> impl Strategy<Value = Severity> {
    prop_oneof![
        Just(Severity::Lav),
        Just(Severity::Middel),
        Just(Severity::Hoej),
        Just(Severity::Akut)
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let laptop = 0usize..2;
    prop_oneof![
        4 => laptop.clone().prop_map(|laptop| Op::Register { laptop }),
        4 => (laptop.clone(), 0..RECENT, severity())
            .prop_map(|(laptop, recent, severity)| Op::Update { laptop, recent, severity }),
        3 => (laptop, 0..RECENT).prop_map(|(laptop, recent)| Op::Delete { laptop, recent }),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    (
        prop::collection::vec(op(), 0..=5),
        prop::collection::vec(fault(), 0..=8),
        prop::collection::vec(fault(), 0..=8),
        (1usize..=4, 1usize..=4),
        0usize..=3,
        any::<bool>(),
        prop::bool::weighted(0.7),
        // Mostly: only a round's first step can carry (the last delivers).
        prop::bool::weighted(0.75),
    )
        .prop_map(
            |(ops, a, b, batch, retries, together, drain, carry_held)| Step {
                ops,
                plans: [a, b],
                batch: [batch.0, batch.1],
                retries,
                together,
                drain,
                carry_held,
            },
        )
}

pub fn round() -> impl Strategy<Value = Round> {
    prop::collection::vec(step(), 1..=2).prop_map(|steps| Round { steps })
}
