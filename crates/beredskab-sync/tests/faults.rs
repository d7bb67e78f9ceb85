//! Fault injection: a proxy between the sync engine and the real service on
//! a loopback port drops requests, drops answers (after the service
//! committed), duplicates, delays, reorders (an old batch delivered again
//! after newer ones) and restarts the service between and during batches.
//! A property test of 1,000 rounds drives two laptops through it; after each
//! round the service must hold exactly what the laptops committed: every
//! current concern at the laptop's revision and severity, every deleted one
//! gone, nothing twice, nothing kept as a conflict, no device flagged.
//!
//! One service, two enrolled laptops and one runtime serve all the rounds
//! (so the service's state grows as it would in use); a failing round is
//! shrunk in fresh surroundings, so the case reported stands on its own.
//! Set PROPTEST_RNG_SEED to replay a run (timing between the two laptops and
//! a restart during a request are not replayed exactly); PROPTEST_CASES
//! above 1,000 runs more rounds. With `--nocapture` the test prints how
//! often each fault struck and what the service answered.
//!
//! The proxy speaks plain HTTP/1.1 itself (one request per connection), so
//! it can close a connection with no answer at all. Temp folders are in
//! /dev/shm where there is one (no fsync waits); 1,000 rounds take about
//! 25 s there and about 35 s on disk, on two cores.

mod common;

use beredskab_domain::concern::Severity;
use beredskab_protocol::{
    DeviceStatus, ErrorCode, RecordState, SyncRequest, SyncResponse, UploadKind,
};
use beredskab_server::admin;
use beredskab_server::local::LocalServer;
use beredskab_server::storage::{Device, Storage};
use beredskab_sync::push::PushLimits;
use beredskab_sync::{enroll, push, RetryPolicy, ServiceClient};
use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::RwLock;
use uuid::Uuid;

/// Rounds of the property (more with PROPTEST_CASES, never fewer).
const ROUNDS: u32 = 1000;
/// Pushes a laptop may need to empty its queue once the faults are spent.
const MAX_PUSHES: usize = 40;
/// How many of a laptop's newest live concerns an update or deletion picks from,
/// so changes land on concerns whose earlier changes may still be in flight.
const RECENT: usize = 6;

/// What the faults did, over all rounds: shown at the end, so a run that
/// stopped exercising something shows it.
static STATS: Mutex<BTreeMap<String, u64>> = Mutex::new(BTreeMap::new());

fn count(what: impl Into<String>) {
    *STATS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .entry(what.into())
        .or_default() += 1;
}

// ---------------------------------------------------------------------------
// The faults

/// How a lost message looks to the laptop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lost {
    /// The connection closes without an answer.
    Close,
    /// 502 with a proxy's HTML-ish page (not the service's JSON).
    BadGateway,
    /// 503 with the service's own error body.
    Unavailable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Restart {
    /// Before the request is forwarded: it reaches the new process.
    Before,
    /// After the service committed it; the answer dies with the process.
    AfterCommit,
    /// While the request is on its way in: it commits or not.
    During,
}

/// What the proxy does to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
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
    /// later requests, so the laptop's retry and newer batches overtake it;
    /// at the latest when the sync ends, before the laptop works on (see
    /// `a_copy_of_an_old_sync_arriving_after_newer_work_…` for later than that).
    Reorder {
        after: u8,
        lost: Lost,
    },
    Restart(Restart),
}

fn fault_name(fault: Fault) -> &'static str {
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

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        12 => Just(Fault::Pass),
        2 => (1u8..=3).prop_map(Fault::Delay),
        3 => lost().prop_map(Fault::DropRequest),
        4 => lost().prop_map(Fault::DropResponse),
        2 => any::<bool>().prop_map(|answer_first| Fault::Duplicate { answer_first }),
        3 => (1u8..=3, lost()).prop_map(|(after, lost)| Fault::Reorder { after, lost }),
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
enum Op {
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
struct Step {
    ops: Vec<Op>,
    /// One fault per request, per laptop; requests after the plan pass.
    plans: [Vec<Fault>; 2],
    /// Items per batch, per laptop.
    batch: [usize; 2],
    /// Retries within one push (few, so that pushes also give up).
    retries: usize,
    /// Both laptops sync at the same time (else one after the other).
    together: bool,
    /// Push until the queue is empty; else push once and go on working
    /// with whatever the faults left queued (the last step always drains).
    drain: bool,
}

#[derive(Debug, Clone)]
struct Round {
    steps: Vec<Step>,
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
    )
        .prop_map(|(ops, a, b, batch, retries, together, drain)| Step {
            ops,
            plans: [a, b],
            batch: [batch.0, batch.1],
            retries,
            together,
            drain,
        })
}

fn round() -> impl Strategy<Value = Round> {
    prop::collection::vec(step(), 1..=2).prop_map(|steps| Round { steps })
}

// ---------------------------------------------------------------------------
// The proxy: plain HTTP/1.1 on a loopback port, one connection per request
// (each answer says `connection: close`), handled one at a time in arrival
// order so that a laptop's requests meet its plan deterministically.

/// Where the service is now; a restart moves it to a new port.
struct Upstream {
    folder: PathBuf,
    server: Option<LocalServer>,
    base: String,
    restarts: usize,
}

type Shared = Arc<RwLock<Upstream>>;

async fn restart(upstream: &Shared) {
    let mut up = upstream.write().await;
    if let Some(server) = up.server.take() {
        server.stop().await;
    }
    let server = LocalServer::open(&up.folder, "127.0.0.1:0").await;
    up.base = server.base();
    up.server = Some(server);
    up.restarts += 1;
}

async fn current_storage(upstream: &Shared) -> Arc<dyn Storage> {
    let up = upstream.read().await;
    Arc::clone(&up.server.as_ref().expect("the service runs").storage)
}

#[derive(Debug, Clone)]
struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    /// A short account of a sync batch, for the failure report.
    fn label(&self) -> String {
        if self.path != "/api/v1/sync" {
            return format!("{} {}", self.method, self.path);
        }
        match serde_json::from_slice::<SyncRequest>(&self.body) {
            Ok(request) => {
                let items: Vec<String> = request
                    .items
                    .iter()
                    .map(|i| {
                        let kind = match i.kind {
                            UploadKind::Revision => "r",
                            UploadKind::Deletion => "del@",
                        };
                        format!("{}:{kind}{}", short(&i.concern_id), i.revision)
                    })
                    .collect();
                format!(
                    "sync head {} [{}]",
                    request.anchor.head.count,
                    items.join(" ")
                )
            }
            Err(_) => "sync (unreadable)".into(),
        }
    }
}

#[derive(Debug, Clone)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn label(&self) -> String {
        let mut out = self.status.to_string();
        if let Ok(response) = serde_json::from_slice::<SyncResponse>(&self.body) {
            let outcomes: Vec<String> = response
                .results
                .iter()
                .map(|r| format!("{:?}", r.outcome).to_lowercase())
                .collect();
            let _ = write!(out, " [{}]", outcomes.join(" "));
        } else if self.status >= 300 {
            let _ = write!(out, " {}", String::from_utf8_lossy(&self.body));
        }
        out
    }
}

fn short(id: &Uuid) -> String {
    id.simple().to_string()[..6].to_string()
}

fn lost_answer(lost: Lost) -> Option<Answer> {
    match lost {
        Lost::Close => None,
        Lost::BadGateway => Some(Answer {
            status: 502,
            headers: vec![("content-type".into(), "text/html".into())],
            body: b"<html><body>502 Bad Gateway</body></html>".to_vec(),
        }),
        Lost::Unavailable => Some(Answer {
            status: 503,
            headers: vec![("content-type".into(), "application/json".into())],
            body: br#"{"code":"unavailable","args":{}}"#.to_vec(),
        }),
    }
}

struct Held {
    after: u8,
    request: Request,
    number: usize,
}

#[derive(Default)]
struct ProxyState {
    plan: VecDeque<Fault>,
    held: Vec<Held>,
    requests: usize,
    log: Vec<String>,
}

struct ProxyInner {
    upstream: Shared,
    http: reqwest::Client,
    state: Mutex<ProxyState>,
}

struct Proxy {
    addr: SocketAddr,
    inner: Arc<ProxyInner>,
    task: tokio::task::JoinHandle<()>,
}

impl Proxy {
    async fn start(upstream: Shared) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the proxy");
        let addr = listener.local_addr().expect("proxy address");
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(30))
            .build()
            .expect("proxy client");
        let inner = Arc::new(ProxyInner {
            upstream,
            http,
            state: Mutex::new(ProxyState::default()),
        });
        let serving = Arc::clone(&inner);
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                serving.handle(stream).await;
            }
        });
        Proxy { addr, inner, task }
    }

    fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn begin(&self, plan: &[Fault]) {
        let mut state = self.inner.lock();
        state.plan = plan.iter().copied().collect();
    }

    /// Delivers whatever is still held back (before the laptop changes
    /// anything again), then forgets the rest of the plan.
    async fn flush(&self) {
        let held = std::mem::take(&mut self.inner.lock().held);
        for held in held {
            self.inner.deliver_held(held).await;
        }
        self.inner.lock().plan.clear();
    }

    fn take_log(&self) -> Vec<String> {
        std::mem::take(&mut self.inner.lock().log)
    }

    async fn stop(self) {
        self.task.abort();
        let _ = self.task.await;
    }
}

impl ProxyInner {
    fn lock(&self) -> std::sync::MutexGuard<'_, ProxyState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn note(&self, line: String) {
        self.lock().log.push(line);
    }

    async fn handle(&self, stream: TcpStream) {
        let mut stream = BufReader::new(stream);
        let Some(request) = read_request(&mut stream).await else {
            return;
        };
        let (number, fault) = {
            let mut state = self.lock();
            state.requests += 1;
            (
                state.requests,
                state.plan.pop_front().unwrap_or(Fault::Pass),
            )
        };
        let label = request.label();
        count("requests");
        count(format!("fault {}", fault_name(fault)));
        let mut seen = Vec::new();
        let answer = match fault {
            Fault::Pass => self.forward(&request, &mut seen).await,
            Fault::Delay(ms) => {
                tokio::time::sleep(Duration::from_millis(ms.into())).await;
                self.forward(&request, &mut seen).await
            }
            Fault::DropRequest(how) => lost_answer(how),
            Fault::DropResponse(how) => {
                self.forward(&request, &mut seen).await;
                lost_answer(how)
            }
            Fault::Duplicate { answer_first } => {
                let first = self.forward(&request, &mut seen).await;
                let second = self.forward(&request, &mut seen).await;
                if answer_first {
                    first
                } else {
                    second
                }
            }
            Fault::Reorder { after, lost } => {
                self.lock().held.push(Held {
                    after,
                    request: request.clone(),
                    number,
                });
                lost_answer(lost)
            }
            Fault::Restart(Restart::Before) => {
                restart(&self.upstream).await;
                self.forward(&request, &mut seen).await
            }
            Fault::Restart(Restart::AfterCommit) => {
                self.forward(&request, &mut seen).await;
                restart(&self.upstream).await;
                None
            }
            Fault::Restart(Restart::During) => {
                let (_, ()) = tokio::join!(self.forward(&request, &mut seen), async {
                    tokio::task::yield_now().await;
                    restart(&self.upstream).await;
                });
                None
            }
        };
        let shown = answer
            .as_ref()
            .map(Answer::label)
            .unwrap_or_else(|| "closed".into());
        self.note(format!(
            "#{number} {label} | {fault:?} | service: {} | laptop got: {shown}",
            if seen.is_empty() {
                "-".to_string()
            } else {
                seen.join(", ")
            }
        ));
        // Held requests whose turn has come reach the service after this
        // newer one, before the laptop hears anything.
        let due: Vec<Held> = {
            let mut state = self.lock();
            if matches!(fault, Fault::Reorder { .. }) {
                Vec::new()
            } else {
                let mut due = Vec::new();
                let mut keep = Vec::new();
                for mut held in state.held.drain(..) {
                    held.after = held.after.saturating_sub(1);
                    if held.after == 0 {
                        due.push(held);
                    } else {
                        keep.push(held);
                    }
                }
                state.held = keep;
                due
            }
        };
        for held in due {
            self.deliver_held(held).await;
        }
        if let Some(answer) = answer {
            let _ = write_answer(stream.get_mut(), &answer).await;
        }
        // Dropping the stream closes the connection: with no answer written,
        // the laptop sees a connection closed before any answer.
    }

    async fn deliver_held(&self, held: Held) {
        count("held requests delivered late");
        let mut seen = Vec::new();
        self.forward(&held.request, &mut seen).await;
        self.note(format!(
            "   held #{} {} delivered late | service: {}",
            held.number,
            held.request.label(),
            seen.join(", ")
        ));
    }

    /// Forwards to wherever the service is now. If it cannot be reached (it
    /// is restarting), the laptop gets a proxy's 502.
    async fn forward(&self, request: &Request, seen: &mut Vec<String>) -> Option<Answer> {
        let base = self.upstream.read().await.base.clone();
        let method =
            reqwest::Method::from_bytes(request.method.as_bytes()).expect("an HTTP method");
        let mut builder = self
            .http
            .request(method, format!("{base}{}", request.path))
            .body(request.body.clone());
        for (name, value) in &request.headers {
            if !matches!(
                name.as_str(),
                "host" | "content-length" | "connection" | "transfer-encoding"
            ) {
                builder = builder.header(name, value);
            }
        }
        let result = async {
            let response = builder.send().await?;
            let status = response.status().as_u16();
            let headers = ["content-type", "retry-after"]
                .into_iter()
                .filter_map(|name| {
                    response
                        .headers()
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .map(|v| (name.to_string(), v.to_string()))
                })
                .collect();
            let body = response.bytes().await?.to_vec();
            Ok::<_, reqwest::Error>(Answer {
                status,
                headers,
                body,
            })
        }
        .await;
        match result {
            Ok(answer) => {
                if let Ok(response) = serde_json::from_slice::<SyncResponse>(&answer.body) {
                    for result in &response.results {
                        count(format!("service answered {:?}", result.outcome));
                    }
                } else {
                    count(format!("service answered status {}", answer.status));
                }
                seen.push(answer.label());
                Some(answer)
            }
            Err(_) => {
                count("service unreachable (restarting)");
                seen.push("unreachable".into());
                lost_answer(Lost::BadGateway)
            }
        }
    }
}

async fn read_request(stream: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    stream.read_line(&mut line).await.ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut headers = Vec::new();
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if stream.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        let name = name.trim().to_ascii_lowercase();
        let value = value.trim().to_string();
        if name == "content-length" {
            length = value.parse().ok()?;
        }
        assert!(
            name != "transfer-encoding",
            "the proxy reads bodies with a length only"
        );
        headers.push((name, value));
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await.ok()?;
    Some(Request {
        method,
        path,
        headers,
        body,
    })
}

async fn write_answer(stream: &mut TcpStream, answer: &Answer) -> std::io::Result<()> {
    let reason = reqwest::StatusCode::from_u16(answer.status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Status");
    let mut head = format!("HTTP/1.1 {} {reason}\r\n", answer.status);
    for (name, value) in &answer.headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    let _ = write!(
        head,
        "content-length: {}\r\nconnection: close\r\n\r\n",
        answer.body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(&answer.body).await?;
    stream.flush().await?;
    stream.shutdown().await
}

// ---------------------------------------------------------------------------
// The laptops, their model, and the service

/// A temp folder, in memory where the system has one: the rounds test what
/// is stored and answered, not the disk (a restart here is in-process), and
/// every fsync saved keeps 1,000 rounds fast.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(dir) = tempfile::Builder::new().prefix("faults").tempdir_in(shm) {
            return dir;
        }
    }
    tempfile::tempdir().expect("temp dir")
}

/// `Laptop::new`, in a scratch folder.
fn laptop() -> Laptop {
    let dir = scratch();
    let mut manager = manager_at(dir.path());
    manager.setup(PASSPHRASE).expect("set up the vault");
    Laptop {
        dir,
        vault: Arc::new(Mutex::new(manager)),
        pack: beredskab_content::load_embedded(today())
            .expect("built-in pack")
            .pack,
    }
}

/// What a laptop committed for one concern, as this test keeps it.
#[derive(Debug, Clone)]
struct Committed {
    id: String,
    revision: i64,
    severity: Severity,
    deleted: bool,
}

struct Peer {
    unit: String,
    laptop: Laptop,
    device: Uuid,
    proxy: Proxy,
    client: ServiceClient,
    committed: Vec<Committed>,
}

impl Peer {
    /// Index into `committed` of one of the newest live concerns.
    fn pick(&self, recent: usize) -> Option<usize> {
        let live: Vec<usize> = self
            .committed
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, c)| !c.deleted)
            .map(|(i, _)| i)
            .take(RECENT)
            .collect();
        (!live.is_empty()).then(|| live[recent % live.len()])
    }

    fn apply(&mut self, op: Op) -> Option<String> {
        match op {
            Op::Register { .. } => {
                let summary = self.laptop.register("bekymring");
                assert_eq!(summary.revision, 1);
                self.committed.push(Committed {
                    id: summary.id.clone(),
                    revision: 1,
                    severity: Severity::Middel,
                    deleted: false,
                });
                Some(summary.id)
            }
            Op::Update {
                recent, severity, ..
            } => {
                let index = self.pick(recent)?;
                let id = self.committed[index].id.clone();
                let mut data = concern(&self.laptop.pack, "ændret");
                data.severity = Some(severity);
                let pack = self.laptop.pack.clone();
                let target = id.clone();
                let summary = self
                    .laptop
                    .with(move |v| v.update(&target, &data, false, &pack, today()));
                let entry = &mut self.committed[index];
                entry.revision += 1;
                entry.severity = severity;
                assert_eq!(summary.revision, entry.revision, "the laptop's revision");
                Some(id)
            }
            Op::Delete { recent, .. } => {
                let index = self.pick(recent)?;
                let id = self.committed[index].id.clone();
                let target = id.clone();
                self.laptop.with(move |v| v.delete(&target));
                self.committed[index].deleted = true;
                Some(id)
            }
        }
    }

    /// Pushes through the proxy: until the queue is empty if `drain`, else once.
    async fn sync(&self, batch: usize, retries: usize, drain: bool) -> Result<(), String> {
        let limits = PushLimits {
            max_items: batch,
            ..PushLimits::default()
        };
        let policy = RetryPolicy {
            max_times: retries,
            ..quick_retries()
        };
        for _ in 0..MAX_PUSHES {
            match push(&self.laptop.vault, Some(&self.client), limits, policy).await {
                Ok(report) if report.refused > 0 => {
                    return Err(format!(
                        "{}: the service refused a change: {report:?}",
                        self.unit
                    ));
                }
                Ok(_) if !drain || self.laptop.queued() == 0 => {
                    count("pushes ended ok");
                    return Ok(());
                }
                Ok(_) => count("pushes ended ok"),
                // Faults that outlast the retries, and the anchor check after an
                // answer was lost: the next push picks up where this one ended.
                Err(e) if e.is_transient() || e.service_code() == Some(ErrorCode::AnchorCheck) => {
                    count(match e.service_code() {
                        Some(code) => format!("pushes ended {code:?}"),
                        None => format!("pushes ended {:?}", e.code()),
                    });
                    if !drain {
                        return Ok(());
                    }
                }
                Err(e) => return Err(format!("{}: push failed: {e:?}", self.unit)),
            }
        }
        Err(format!(
            "{}: {} changes still queued after {MAX_PUSHES} pushes",
            self.unit,
            self.laptop.queued()
        ))
    }
}

/// The service, two enrolled laptops, a proxy in front of each.
struct World {
    _dir: tempfile::TempDir,
    upstream: Shared,
    peers: Vec<Peer>,
    store: StoreLook,
}

impl World {
    async fn new() -> World {
        let dir = scratch();
        let folder = dir.path().join("service");
        let server = LocalServer::init(&folder).await;
        let base = server.base();
        let storage = Arc::clone(&server.storage);
        let upstream: Shared = Arc::new(RwLock::new(Upstream {
            folder: folder.clone(),
            server: Some(server),
            base: base.clone(),
            restarts: 0,
        }));
        let mut peers = Vec::new();
        for (n, unit) in ["Skole Nord", "Jobcenter Syd"].into_iter().enumerate() {
            let laptop = laptop();
            let code = admin::enroll(storage.as_ref(), unit, 15)
                .await
                .expect("an enrollment code");
            enroll(&laptop.vault, &base, &code, &format!("pc-{n}"))
                .await
                .expect("enroll");
            let account = laptop.with(|v| v.sync_account()).expect("enrolled");
            let device = Uuid::parse_str(&account.device_id).expect("device id");
            let proxy = Proxy::start(Arc::clone(&upstream)).await;
            let client = ServiceClient::with_timeout(&proxy.base(), Duration::from_secs(30))
                .expect("client");
            peers.push(Peer {
                unit: unit.to_string(),
                laptop,
                device,
                proxy,
                client,
                committed: Vec::new(),
            });
        }
        World {
            store: StoreLook::open(&folder),
            _dir: dir,
            upstream,
            peers,
        }
    }

    async fn stop(self) {
        for peer in self.peers {
            peer.proxy.stop().await;
        }
        let server = self.upstream.write().await.server.take();
        if let Some(server) = server {
            server.stop().await;
        }
    }

    /// One round; on failure, what went wrong and what the proxies saw.
    async fn run(&mut self, round: &Round) -> Result<(), String> {
        for peer in &self.peers {
            peer.proxy.take_log();
        }
        let mut trace = Vec::new();
        let result = self.steps(round, &mut trace).await;
        result.map_err(|failure| {
            let mut report = format!("{failure}\n-- laptop work:\n");
            for line in &trace {
                let _ = writeln!(report, "   {line}");
            }
            for peer in &self.peers {
                let _ = writeln!(report, "-- proxy of {}:", peer.unit);
                for line in peer.proxy.take_log() {
                    let _ = writeln!(report, "   {line}");
                }
            }
            report
        })
    }

    async fn steps(&mut self, round: &Round, trace: &mut Vec<String>) -> Result<(), String> {
        let mut touched = BTreeSet::new();
        for (n, step) in round.steps.iter().enumerate() {
            for &op in &step.ops {
                let laptop = match op {
                    Op::Register { laptop }
                    | Op::Update { laptop, .. }
                    | Op::Delete { laptop, .. } => laptop,
                };
                if let Some(id) = self.peers[laptop].apply(op) {
                    trace.push(format!(
                        "step {n}: {} {op:?} on {}",
                        self.peers[laptop].unit,
                        short(&Uuid::parse_str(&id).expect("id"))
                    ));
                    touched.insert((laptop, id));
                }
            }
            let drain = step.drain || n + 1 == round.steps.len();
            for (peer, plan) in self.peers.iter().zip(&step.plans) {
                peer.proxy.begin(plan);
            }
            let (a, b) = (&self.peers[0], &self.peers[1]);
            let (first, second) = if step.together {
                tokio::join!(
                    a.sync(step.batch[0], step.retries, drain),
                    b.sync(step.batch[1], step.retries, drain)
                )
            } else {
                let first = a.sync(step.batch[0], step.retries, drain).await;
                (first, b.sync(step.batch[1], step.retries, drain).await)
            };
            // Anything held back reaches the service before the laptops work on.
            for peer in &self.peers {
                peer.proxy.flush().await;
            }
            first?;
            second?;
        }
        self.check(&touched).await
    }

    /// The service holds exactly what the laptops committed.
    async fn check(&mut self, touched: &BTreeSet<(usize, String)>) -> Result<(), String> {
        let mut problems = Vec::new();
        for peer in &self.peers {
            let queued = peer.laptop.queued();
            if queued != 0 {
                problems.push(format!("{}: {queued} changes still queued", peer.unit));
            }
        }
        let storage = current_storage(&self.upstream).await;
        let conflicts = storage.conflicts().await.expect("conflicts");
        if !conflicts.is_empty() {
            problems.push(format!("conflicts kept for review: {conflicts:?}"));
        }
        let devices = storage.devices().await.expect("devices");
        for peer in &self.peers {
            match devices.iter().find(|d| d.id == peer.device) {
                Some(d) if d.status == DeviceStatus::Active && d.flag.is_none() => {}
                other => problems.push(format!("{}: device is {other:?}", peer.unit)),
            }
        }
        let stored = storage.current_concerns().await.expect("current concerns");
        let mut seen = HashSet::new();
        for c in &stored {
            if !seen.insert(c.concern_id) {
                problems.push(format!("{} is stored twice", c.concern_id));
            }
        }
        let actual: BTreeMap<Uuid, (&str, Severity)> = stored
            .iter()
            .map(|c| (c.concern_id, (c.unit.as_str(), c.severity)))
            .collect();
        let expected: BTreeMap<Uuid, (&str, Severity)> = self
            .peers
            .iter()
            .flat_map(|peer| {
                peer.committed.iter().filter(|c| !c.deleted).map(|c| {
                    (
                        Uuid::parse_str(&c.id).expect("id"),
                        (peer.unit.as_str(), c.severity),
                    )
                })
            })
            .collect();
        for (id, want) in &expected {
            match actual.get(id) {
                None => problems.push(format!("lost: {id} {want:?}")),
                Some(got) if got != want => problems.push(format!(
                    "{id}: the service has {got:?}, the laptop {want:?}"
                )),
                Some(_) => {}
            }
        }
        for (id, got) in &actual {
            if !expected.contains_key(id) {
                problems.push(format!("extra: {id} {got:?} (deleted or never made)"));
            }
        }

        for (laptop, id) in touched {
            let peer = &self.peers[*laptop];
            let committed = peer
                .committed
                .iter()
                .find(|c| &c.id == id)
                .expect("a touched concern is tracked");
            if let Err(p) = World::check_record(&storage, &devices, peer, committed).await {
                problems.push(p);
            }
        }
        problems.extend(self.store.new_uploads());
        for (_, id) in touched {
            problems.extend(self.store.history(id));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n"))
        }
    }

    async fn check_record(
        storage: &Arc<dyn Storage>,
        devices: &[Device],
        peer: &Peer,
        committed: &Committed,
    ) -> Result<(), String> {
        let device = devices
            .iter()
            .find(|d| d.id == peer.device)
            .expect("enrolled device");
        let id = Uuid::parse_str(&committed.id).expect("id");
        let record = storage.record(device, id).await.expect("record");
        let ok = match &record {
            Some(r) if committed.deleted => r.state == RecordState::Deleted && r.conflicts == 0,
            Some(r) => {
                r.state == RecordState::Current
                    && i64::from(r.revision) == committed.revision
                    && r.conflicts == 0
            }
            None => false,
        };
        if ok {
            Ok(())
        } else {
            Err(format!(
                "{}: {id} committed as {committed:?}, the service's record is {record:?}",
                peer.unit
            ))
        }
    }

    /// Every concern either laptop ever made, against the service's record.
    async fn check_everything(&self) -> Result<usize, String> {
        let storage = current_storage(&self.upstream).await;
        let devices = storage.devices().await.expect("devices");
        let mut problems = Vec::new();
        let mut count = 0;
        for peer in &self.peers {
            for committed in &peer.committed {
                count += 1;
                if let Err(p) = World::check_record(&storage, &devices, peer, committed).await {
                    problems.push(p);
                }
            }
        }
        problems.extend(self.store.everything());
        if problems.is_empty() {
            Ok(count)
        } else {
            Err(problems.join("\n"))
        }
    }
}

/// A second look (reads only) at the service's store, for what the storage
/// trait does not show: every upload's outcome, how often a change was
/// stored, and each record's stored revisions.
struct StoreLook {
    conn: rusqlite::Connection,
    /// Uploads up to this row were looked at already.
    seen_upto: i64,
    /// (concern, revision, kind) of every upload answered `stored`.
    stored: HashSet<(String, i64, String)>,
}

impl StoreLook {
    fn open(folder: &Path) -> StoreLook {
        let key = std::fs::read_to_string(folder.join("store.key")).expect("the store key");
        let conn = rusqlite::Connection::open_with_flags(
            folder.join("store.db"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .expect("open the store");
        conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key.trim()))
            .expect("key");
        conn.busy_timeout(Duration::from_secs(10))
            .expect("busy timeout");
        StoreLook {
            conn,
            seen_upto: 0,
            stored: HashSet::new(),
        }
    }

    /// The uploads received since the last look: each answered stored or
    /// duplicate, and no change stored twice.
    fn new_uploads(&mut self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT rowid, concern_id, revision, kind, outcome, code FROM upload
                 WHERE rowid > ?1 ORDER BY rowid",
            )
            .expect("query the store");
        let rows = statement
            .query_map([self.seen_upto], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })
            .expect("query the store");
        for row in rows {
            let (rowid, concern, revision, kind, outcome, code) = row.expect("an upload");
            self.seen_upto = self.seen_upto.max(rowid);
            match outcome.as_str() {
                "duplicate" => {}
                "stored" => {
                    if !self
                        .stored
                        .insert((concern.clone(), revision, kind.clone()))
                    {
                        problems.push(format!("{kind} {revision} of {concern} stored twice"));
                    }
                }
                _ => problems.push(format!(
                    "an upload of {kind} {revision} of {concern} was answered {outcome} ({code:?})"
                )),
            }
        }
        problems
    }

    /// A live record holds each of its revisions 1..=head once.
    fn history(&self, concern: &str) -> Option<String> {
        let (revision, deleted, stored): (i64, i64, i64) = self
            .conn
            .query_row(
                "SELECT c.revision, c.deleted,
                        (SELECT count(*) FROM concern_revision r WHERE r.concern_id = c.id)
                 FROM concern c WHERE c.id = ?1",
                [concern],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .ok()?;
        (deleted == 0 && revision != stored)
            .then(|| format!("{concern} is at revision {revision} with {stored} revisions stored"))
    }

    /// The same, over everything the store holds.
    fn everything(&self) -> Vec<String> {
        let number = |sql: &str| -> i64 {
            self.conn
                .query_row(sql, [], |r| r.get(0))
                .expect("query the store")
        };
        let mut problems = Vec::new();
        let refused =
            number("SELECT count(*) FROM upload WHERE outcome NOT IN ('stored', 'duplicate')");
        if refused != 0 {
            problems.push(format!(
                "{refused} uploads were answered conflict or rejected"
            ));
        }
        let twice = number(
            "SELECT count(*) FROM (SELECT 1 FROM upload WHERE outcome = 'stored'
             GROUP BY concern_id, revision, kind HAVING count(*) > 1)",
        );
        if twice != 0 {
            problems.push(format!("{twice} changes were stored more than once"));
        }
        let review = number("SELECT count(*) FROM review");
        if review != 0 {
            problems.push(format!("{review} uploads kept for review"));
        }
        let gaps = number(
            "SELECT count(*) FROM concern c WHERE c.deleted = 0 AND c.revision !=
             (SELECT count(*) FROM concern_revision r WHERE r.concern_id = c.id)",
        );
        if gaps != 0 {
            problems.push(format!(
                "{gaps} records whose stored revisions do not run 1..head"
            ));
        }
        problems
    }
}

// ---------------------------------------------------------------------------

#[test]
fn through_dropped_doubled_reordered_and_restarted_traffic_the_service_holds_exactly_what_was_committed(
) {
    let started = Instant::now();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let rounds = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(ROUNDS, |n: u32| n.max(ROUNDS));
    let seed = std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| Uuid::new_v4().as_u64_pair().0);
    let mut runner = TestRunner::new(Config {
        cases: rounds,
        failure_persistence: None,
        max_shrink_iters: 400,
        rng_seed: RngSeed::Fixed(seed),
        ..Config::default()
    });

    let world = RefCell::new(Some(runtime.block_on(World::new())));
    // Set while a round runs in the shared world; still set after a failure
    // (or a panic), from then on every run gets fresh surroundings.
    let tainted = Cell::new(false);
    let passed = Cell::new(0u32);
    let first_failure = RefCell::new(None::<String>);
    let outcome = runner.run(&round(), |round| {
        if !tainted.get() {
            tainted.set(true);
            let mut world = world.borrow_mut();
            let world = world.as_mut().expect("the shared world");
            match runtime.block_on(world.run(&round)) {
                Ok(()) => {
                    tainted.set(false);
                    passed.set(passed.get() + 1);
                    Ok(())
                }
                Err(report) => {
                    let report = format!(
                        "round {} failed in the shared world:\n{report}\n{round:#?}",
                        passed.get() + 1
                    );
                    eprintln!("{report}");
                    *first_failure.borrow_mut() = Some(report.clone());
                    Err(TestCaseError::fail(report))
                }
            }
        } else {
            let mut fresh = runtime.block_on(World::new());
            let result = runtime.block_on(fresh.run(&round));
            runtime.block_on(fresh.stop());
            result.map_err(TestCaseError::fail)
        }
    });

    match outcome {
        Ok(()) => {}
        Err(TestError::Fail(reason, minimal)) => {
            let first = first_failure.borrow().clone().unwrap_or_default();
            panic!(
                "PROPTEST_RNG_SEED={seed}: after {} good rounds a round failed.\n\
                 == first failure ==\n{first}\n\
                 == smallest failing round (fresh service and laptops) ==\n{reason}\n{minimal:#?}",
                passed.get()
            );
        }
        Err(e) => panic!("PROPTEST_RNG_SEED={seed}: {e}"),
    }
    let world = world.borrow_mut().take().expect("the shared world");
    let everything = runtime
        .block_on(world.check_everything())
        .unwrap_or_else(|p| panic!("after all rounds:\n{p}"));
    let restarts = runtime.block_on(async { world.upstream.read().await.restarts });
    let live = runtime.block_on(async {
        current_storage(&world.upstream)
            .await
            .current_concerns()
            .await
            .expect("current concerns")
            .len()
    });
    runtime.block_on(world.stop());
    drop(runtime);
    eprintln!(
        "{} rounds (seed {seed}): {everything} concerns made, {live} current on the service, \
         {restarts} service restarts, in {:.1?}\n{:#?}",
        passed.get(),
        started.elapsed(),
        STATS.lock().unwrap_or_else(|p| p.into_inner())
    );
    assert_eq!(passed.get(), rounds);
}

/// A copy of an old sync that reaches the service late — after the laptop
/// has worked on and synced again — is an old request, not a rolled-back
/// laptop: the laptop keeps syncing and nothing is lost or doubled.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copy_of_an_old_sync_arriving_after_newer_work_does_not_flag_the_laptop() {
    let mut world = World::new().await;
    let mut touched = BTreeSet::new();
    let peer = &mut world.peers[0];
    touched.extend(peer.apply(Op::Register { laptop: 0 }).map(|id| (0, id)));
    // The first request is held back; the laptop's retry gets through.
    peer.proxy.begin(&[Fault::Reorder {
        after: u8::MAX,
        lost: Lost::Close,
    }]);
    peer.sync(4, 1, true).await.expect("sync");
    // More work, synced: the service now holds a longer audit log.
    touched.extend(peer.apply(Op::Register { laptop: 0 }).map(|id| (0, id)));
    peer.sync(4, 1, true).await.expect("sync");
    // Now the old copy arrives.
    peer.proxy.flush().await;
    let late = peer.proxy.take_log();
    touched.extend(peer.apply(Op::Register { laptop: 0 }).map(|id| (0, id)));
    let after = peer.sync(4, 1, true).await;
    let checked = world.check(&touched).await;
    let log = world.peers[0].proxy.take_log();
    world.stop().await;
    assert!(
        after.is_ok() && checked.is_ok(),
        "{after:?}\n{checked:?}\n{}\n{}",
        late.join("\n"),
        log.join("\n")
    );
}
