//! The proxy's wire: plain HTTP/1.1, one request per connection, read and
//! written by hand so that the proxy can also close a connection with no
//! answer at all. Requests and answers label themselves for the report.

use beredskab_protocol::{ErrorBody, SyncRequest, SyncResponse, UploadKind};
use std::fmt::Write as _;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The sync batch this request carries, if it is one.
    pub fn sync(&self) -> Option<SyncRequest> {
        if self.path != "/api/v1/sync" {
            return None;
        }
        serde_json::from_slice(&self.body).ok()
    }

    /// A short account of a sync batch, for the failure report.
    pub fn label(&self) -> String {
        if self.path != "/api/v1/sync" {
            return format!("{} {}", self.method, self.path);
        }
        match self.sync() {
            Some(request) => {
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
            None => "sync (unreadable)".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    /// The service's error body, if this answer is one.
    pub fn error(&self) -> Option<ErrorBody> {
        (self.status >= 400)
            .then(|| serde_json::from_slice(&self.body).ok())
            .flatten()
    }

    pub fn label(&self) -> String {
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

/// The first six hex digits of an id: enough to tell concerns apart in a report.
pub fn short(id: &Uuid) -> String {
    id.simple().to_string()[..6].to_string()
}

pub async fn read_request(stream: &mut BufReader<TcpStream>) -> Option<Request> {
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

/// Writes the answer and closes: every answer says `connection: close`, so
/// each request has a connection of its own.
pub async fn write_answer(stream: &mut TcpStream, answer: &Answer) -> std::io::Result<()> {
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
