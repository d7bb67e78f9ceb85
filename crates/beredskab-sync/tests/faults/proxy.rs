//! The proxy in front of one laptop: plain HTTP/1.1 on a loopback port, one
//! connection per request, handled one at a time in arrival order so that a
//! laptop's requests meet its plan deterministically. Each request gets the
//! plan's next fault; held (reordered) requests reach the service late, and a
//! late copy that is behind the laptop's newer work must be refused whole.

use crate::http::{read_request, write_answer, Answer, Request};
use crate::plan::{fault_name, Fault, Lost, Restart};
use crate::stats::count;
use crate::upstream::{current_storage, restart, Shared};
use beredskab_protocol::{ErrorCode, SyncResponse};
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::BufReader;
use tokio::net::{TcpListener, TcpStream};
use uuid::Uuid;

/// What `forward` notes when the service could not be reached at all.
const UNREACHABLE: &str = "unreachable";

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
    /// What a late delivery showed wrong, for the round's check.
    problems: Vec<String>,
}

struct ProxyInner {
    upstream: Shared,
    /// The laptop behind this proxy, as the service knows it.
    device: Uuid,
    http: reqwest::Client,
    state: Mutex<ProxyState>,
}

pub struct Proxy {
    addr: SocketAddr,
    inner: Arc<ProxyInner>,
    task: tokio::task::JoinHandle<()>,
}

impl Proxy {
    pub async fn start(upstream: Shared, device: Uuid) -> Proxy {
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
            device,
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

    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn begin(&self, plan: &[Fault]) {
        let mut state = self.inner.lock();
        state.plan = plan.iter().copied().collect();
    }

    /// Delivers whatever is still held back (before the laptop changes
    /// anything again), then forgets the rest of the plan.
    pub async fn flush(&self) {
        let held = std::mem::take(&mut self.inner.lock().held);
        for held in held {
            self.inner.deliver_held(held).await;
        }
        self.inner.lock().plan.clear();
    }

    /// The step's sync is over: forgets the rest of the plan, and delivers
    /// what is held back unless the plan carries it into the next step,
    /// where it counts down with the next step's requests and so arrives
    /// behind the laptop's newer work.
    pub async fn end_step(&self, carry_held: bool) {
        if !carry_held {
            return self.flush().await;
        }
        let mut guard = self.inner.lock();
        let state = &mut *guard;
        state.plan.clear();
        for held in &state.held {
            count("held requests carried into the next step");
            state.log.push(format!(
                "   held #{} {} carried into the next step",
                held.number,
                held.request.label()
            ));
        }
    }

    pub fn take_log(&self) -> Vec<String> {
        std::mem::take(&mut self.inner.lock().log)
    }

    pub fn take_problems(&self) -> Vec<String> {
        std::mem::take(&mut self.inner.lock().problems)
    }

    pub async fn stop(self) {
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

    /// A held request reaches the service late. If its audit head is behind
    /// the one the service now holds for this laptop, it is a stale copy of
    /// work the laptop has since gone past: the service must refuse it whole
    /// (409 `stale_request`), applying none of it and not flagging the laptop.
    /// Anything else it may take as it comes (its items were committed).
    async fn deliver_held(&self, held: Held) {
        count("held requests delivered late");
        let head = held.request.sync().map(|r| r.anchor.head.count);
        let service_head = self.service_head().await;
        let behind = match (head, service_head) {
            (Some(head), Some(service)) if head < service => Some(service),
            _ => None,
        };
        let mut seen = Vec::new();
        let answer = self.forward(&held.request, &mut seen).await;
        let reached = seen.first().is_some_and(|s| s != UNREACHABLE);
        if let (Some(service), true) = (behind, reached) {
            let code = answer.as_ref().and_then(Answer::error).map(|e| e.code);
            let status = answer.as_ref().map(|a| a.status);
            if status == Some(409) && code == Some(ErrorCode::StaleRequest) {
                count("stale copies refused (409 stale_request)");
            } else {
                count("stale copies not refused");
                self.lock().problems.push(format!(
                    "held #{} {} arrived behind the service's head {service} and was \
                     answered {}, not refused as stale_request",
                    held.number,
                    held.request.label(),
                    seen.join(", ")
                ));
            }
        } else if reached {
            count("held requests taken late (not behind)");
        }
        self.note(format!(
            "   held #{} {} delivered late{} | service: {}",
            held.number,
            held.request.label(),
            behind.map_or(String::new(), |s| format!(" behind head {s}")),
            seen.join(", ")
        ));
    }

    /// The audit head the service holds for this laptop now, if any.
    async fn service_head(&self) -> Option<u64> {
        let storage = current_storage(&self.upstream).await;
        let devices = storage.devices().await.expect("devices");
        devices
            .into_iter()
            .find(|d| d.id == self.device)
            .and_then(|d| d.anchor)
            .map(|a| a.count)
    }

    /// Forwards to wherever the service is now. If it cannot be reached (it
    /// is restarting), the laptop gets a proxy's 502.
    async fn forward(&self, request: &Request, seen: &mut Vec<String>) -> Option<Answer> {
        let base = self.upstream.read().await.next_base();
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
                } else if let Some(error) = answer.error() {
                    count(format!(
                        "service answered {} {:?}",
                        answer.status, error.code
                    ));
                } else {
                    count(format!("service answered status {}", answer.status));
                }
                seen.push(answer.label());
                Some(answer)
            }
            Err(_) => {
                count("service unreachable (restarting)");
                seen.push(UNREACHABLE.into());
                lost_answer(Lost::BadGateway)
            }
        }
    }
}
