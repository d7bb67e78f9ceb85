//! The HTTP API on a real loopback socket: enrollment and access, typed
//! errors for bad input with nothing stored, and release download.

mod common;

use beredskab_domain::concern::{AgeBand, ConcernActions, Severity};
use beredskab_domain::content::{Role, TargetGroup};
use beredskab_protocol::{
    AnchorPoint, AuditAnchor, ConcernUpload, EnrollResponse, SyncRequest, SyncResponse, UploadItem,
    UploadKind, MAX_BODY_BYTES,
};
use beredskab_server::storage::NewEnrollment;
use beredskab_server::tokens;
use chrono::{Duration, NaiveDate, Utc};
use common::TestServer;
use serde_json::{json, Value};
use uuid::Uuid;

fn item(concern_id: Uuid, revision: u32) -> UploadItem {
    UploadItem {
        upload_id: Uuid::now_v7(),
        concern_id,
        revision,
        kind: UploadKind::Revision,
        record: Default::default(),
        activity: None,
        concern: Some(ConcernUpload {
            observed_on: NaiveDate::from_ymd_opt(2026, 11, 2).expect("date"),
            recorder_role: Role::SocialKontrolVejleder,
            recorder_unit: "Jobcenter Nord".into(),
            target_group: TargetGroup::Voksen,
            age_band: AgeBand::A25to39,
            gender: None,
            signs: vec!["isolation".into()],
            severity: Severity::Hoej,
            actions: ConcernActions::default(),
            follow_up: None,
            case_stage: Default::default(),
        }),
    }
}

fn request(items: Vec<UploadItem>) -> SyncRequest {
    SyncRequest {
        anchor: AuditAnchor {
            head: AnchorPoint {
                count: 1,
                hash: "00".into(),
            },
            confirmed: None,
            taken_at: chrono::Utc::now(),
        },
        items,
    }
}

async fn code_of(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    (
        status,
        body["code"].as_str().unwrap_or_default().to_string(),
    )
}

async fn sync(
    server: &TestServer,
    device: &EnrollResponse,
    body: &SyncRequest,
) -> reqwest::Response {
    server
        .post("/api/v1/sync")
        .bearer_auth(&device.credential)
        .json(body)
        .send()
        .await
        .expect("sync")
}

#[tokio::test]
async fn an_enrollment_code_works_once_and_a_stale_one_not_at_all() {
    let server = TestServer::start().await;
    let code = server.code("Jobcenter Nord").await;
    let body = json!({ "code": code.to_lowercase().replace('-', " "), "device_name": "pc-17" });
    let first = server
        .post("/api/v1/enroll")
        .json(&body)
        .send()
        .await
        .expect("send");
    assert_eq!(first.status(), 201);
    let device: EnrollResponse = first.json().await.expect("json");
    assert_eq!(device.unit, "Jobcenter Nord");
    assert!(device.credential.len() >= 43, "at least 256 bits");
    let again = server
        .post("/api/v1/enroll")
        .json(&body)
        .send()
        .await
        .expect("send");
    assert_eq!(code_of(again).await, (403, "enrollment_refused".into()));

    server
        .storage
        .create_enrollment(NewEnrollment {
            code_hash: tokens::hash("STALECODE2345678"),
            unit: "U".into(),
            created_at: Utc::now() - Duration::minutes(20),
            expires_at: Utc::now() - Duration::minutes(5),
        })
        .await
        .expect("code");
    let stale = server
        .post("/api/v1/enroll")
        .json(&json!({ "code": "STALECODE2345678", "device_name": "pc" }))
        .send()
        .await
        .expect("send");
    assert_eq!(code_of(stale).await, (403, "enrollment_refused".into()));
    let devices = server.storage.devices().await.expect("devices");
    assert_eq!(devices.len(), 1);
    let stored = server
        .storage
        .device_by_credential(&tokens::hash(&device.credential))
        .await
        .expect("read");
    assert!(
        stored.is_some(),
        "the credential is stored only as its hash"
    );
    assert!(server
        .storage
        .device_by_credential(&device.credential)
        .await
        .expect("read")
        .is_none());
}

#[tokio::test]
async fn guessing_codes_is_slowed_down_with_retry_after() {
    let server = TestServer::start().await;
    let mut last = None;
    for i in 0..25 {
        let r = server
            .post("/api/v1/enroll")
            .json(&json!({ "code": format!("WRONG{i:011}"), "device_name": "pc" }))
            .send()
            .await
            .expect("send");
        last = Some(r);
    }
    let last = last.expect("response");
    assert_eq!(last.status(), 429);
    assert!(last.headers().get("retry-after").is_some());
    assert_eq!(code_of(last).await.1, "rate_limited");
}

#[tokio::test]
async fn the_protocol_version_is_required_and_checked() {
    let server = TestServer::start().await;
    let none = reqwest::Client::new()
        .get(server.url("/api/v1/releases/latest"))
        .send()
        .await
        .expect("send");
    assert_eq!(code_of(none).await, (400, "version_missing".into()));
    let old = reqwest::Client::new()
        .get(server.url("/api/v1/releases/latest"))
        .header("x-beredskab-protocol", "0")
        .send()
        .await
        .expect("send");
    let status = old.status().as_u16();
    let body: Value = old.json().await.expect("json");
    assert_eq!(
        (status, body["code"].as_str()),
        (426, Some("client_too_old"))
    );
    assert_eq!(body["args"]["min"], "1");
    let new = reqwest::Client::new()
        .get(server.url("/api/v1/releases/latest"))
        .header("x-beredskab-protocol", "99")
        .send()
        .await
        .expect("send");
    assert_eq!(code_of(new).await, (400, "client_too_new".into()));
}

#[tokio::test]
async fn no_credential_a_wrong_one_or_a_revoked_device_is_refused() {
    let server = TestServer::start().await;
    let body = request(vec![item(Uuid::new_v4(), 1)]);
    let none = server
        .post("/api/v1/sync")
        .json(&body)
        .send()
        .await
        .expect("send");
    assert_eq!(code_of(none).await, (401, "unauthenticated".into()));
    let wrong = server
        .post("/api/v1/sync")
        .bearer_auth("not-a-credential")
        .json(&body)
        .send()
        .await
        .expect("send");
    assert_eq!(code_of(wrong).await, (401, "unauthenticated".into()));
    let device = server.enroll("Nord").await;
    beredskab_server::admin::revoke(server.storage.as_ref(), device.device_id)
        .await
        .expect("revoke");
    let revoked = sync(&server, &device, &body).await;
    assert_eq!(code_of(revoked).await, (403, "device_revoked".into()));
    assert!(server
        .storage
        .current_concerns()
        .await
        .expect("read")
        .is_empty());
}

#[tokio::test]
async fn bad_bodies_get_typed_4xx_and_nothing_is_stored() {
    let server = TestServer::start().await;
    let device = server.enroll("Nord").await;
    let send = |body: Vec<u8>, content_type: &'static str| {
        server
            .post("/api/v1/sync")
            .bearer_auth(&device.credential)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let huge = vec![b' '; MAX_BODY_BYTES + 10];
    assert_eq!(
        code_of(send(huge, "application/json").await.expect("send")).await,
        (413, "payload_too_large".into())
    );
    let malformed = b"{\"anchor\": {".to_vec();
    assert_eq!(
        code_of(send(malformed, "application/json").await.expect("send")).await,
        (400, "bad_request".into())
    );
    let wrong_shape = b"{\"anchor\": 5, \"items\": []}".to_vec();
    assert_eq!(
        code_of(send(wrong_shape, "application/json").await.expect("send")).await,
        (400, "bad_request".into())
    );
    let text = serde_json::to_vec(&request(vec![item(Uuid::new_v4(), 1)])).expect("json");
    assert_eq!(
        code_of(send(text, "text/plain").await.expect("send")).await,
        (415, "unsupported_media_type".into())
    );
    let too_many = request((0..501).map(|_| item(Uuid::new_v4(), 1)).collect());
    assert_eq!(
        code_of(sync(&server, &device, &too_many).await).await,
        (400, "bad_request".into())
    );
    assert!(
        server
            .storage
            .current_concerns()
            .await
            .expect("read")
            .is_empty(),
        "nothing stored"
    );
}

/// The yearly report for the administration's dashboard: only with an
/// administration token (never a device's credential), logged with the
/// token's label; a bad year is a typed 400.
#[tokio::test]
async fn the_report_is_served_to_an_administration_token_only() {
    let server = TestServer::start().await;
    let device = server.enroll("Nord").await;
    let token = beredskab_server::admin::new_admin_token(server.storage.as_ref(), "dashboard")
        .await
        .expect("token");
    let year = chrono::Utc::now().format("%Y").to_string();
    let path = format!("/api/v1/admin/report?year={year}");
    let none = server.get(&path).send().await.expect("send");
    assert_eq!(code_of(none).await, (401, "unauthenticated".into()));
    let as_device = server
        .get(&path)
        .bearer_auth(&device.credential)
        .send()
        .await
        .expect("send");
    assert_eq!(code_of(as_device).await, (401, "unauthenticated".into()));
    let report: serde_json::Value = server
        .get(&path)
        .bearer_auth(&token)
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert_eq!(
        report["year"].as_i64().map(|y| y.to_string()),
        Some(year.clone())
    );
    assert!(
        report["targets"].as_array().is_some_and(|t| !t.is_empty()),
        "{report}"
    );
    let csv = server
        .get(&format!("{path}&format=csv"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("send");
    assert!(csv.headers()[reqwest::header::CONTENT_TYPE]
        .to_str()
        .is_ok_and(|t| t.starts_with("text/csv")));
    assert!(csv
        .text()
        .await
        .expect("text")
        .starts_with("sektion;række;kolonne;værdi"));
    for bad in [
        "/api/v1/admin/report",
        "/api/v1/admin/report?year=1850",
        "/api/v1/admin/report?year=x",
    ] {
        let refused = server
            .get(bad)
            .bearer_auth(&token)
            .send()
            .await
            .expect("send");
        assert_eq!(code_of(refused).await, (400, "bad_request".into()), "{bad}");
    }
    let log = server.storage.log_entries(10).await.expect("log");
    assert!(log
        .iter()
        .any(|e| e.actor == "admin-token:dashboard" && e.action == "report_read"));
}

#[tokio::test]
async fn a_device_reaches_only_its_own_records() {
    let server = TestServer::start().await;
    let nord = server.enroll("Nord").await;
    let syd = server.enroll("Syd").await;
    let concern = Uuid::new_v4();
    let stored: SyncResponse = sync(&server, &nord, &request(vec![item(concern, 1)]))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        stored.results[0].outcome,
        beredskab_protocol::ItemOutcome::Stored
    );
    let own = server
        .get(&format!("/api/v1/records/{concern}"))
        .bearer_auth(&nord.credential)
        .send()
        .await
        .expect("send");
    assert_eq!(own.status(), 200);
    let other = server
        .get(&format!("/api/v1/records/{concern}"))
        .bearer_auth(&syd.credential)
        .send()
        .await
        .expect("send");
    assert_eq!(code_of(other).await, (404, "not_found".into()));
    let write: SyncResponse = sync(&server, &syd, &request(vec![item(concern, 2)]))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(write.results[0].code.as_deref(), Some("not_yours"));
    let log = server.storage.log_entries(50).await.expect("log");
    assert!(log
        .iter()
        .any(|e| e.action == "record_read" && e.actor == format!("device:{}", nord.device_id)));
}

#[tokio::test]
async fn releases_download_without_a_credential_and_only_when_newer() {
    let server = TestServer::start().await;
    let none = server
        .get("/api/v1/releases/latest")
        .send()
        .await
        .expect("send");
    assert_eq!(code_of(none).await, (404, "not_found".into()));
    let key = server.dir.path().join("publisher.key");
    beredskab_server::admin::new_publisher_key(&key).expect("key");
    let content = beredskab_domain_content_dir();
    let release = beredskab_server::admin::publish(server.storage.as_ref(), &content, &key, None)
        .await
        .expect("publish");
    assert_eq!(release.manifest.number, 1);
    let latest = server
        .get("/api/v1/releases/latest")
        .send()
        .await
        .expect("send");
    assert_eq!(latest.status(), 200);
    let body: beredskab_protocol::SignedRelease = latest.json().await.expect("json");
    assert_eq!(body, release);
    let same = server
        .get("/api/v1/releases/latest?after=1")
        .send()
        .await
        .expect("send");
    assert_eq!(same.status(), 204);
    let bad = server
        .get("/api/v1/releases/latest?after=x")
        .send()
        .await
        .expect("send");
    assert_eq!(code_of(bad).await, (400, "bad_request".into()));
}

fn beredskab_domain_content_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

#[tokio::test]
async fn plain_http_is_refused_off_loopback() {
    let dir = tempfile::tempdir().expect("dir");
    let storage =
        std::sync::Arc::new(beredskab_server::data_dir::init(&dir.path().join("s")).expect("init"));
    let listener = std::net::TcpListener::bind("0.0.0.0:0").expect("bind");
    let state = beredskab_server::api::AppState::new(storage);
    let out = beredskab_server::serve::run(listener, state, None, async {}).await;
    assert!(
        matches!(
            out,
            Err(beredskab_server::serve::ServeError::PlainHttpOffLoopback(_))
        ),
        "{out:?}"
    );
}

#[test]
fn the_committed_openapi_document_matches_the_handlers() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
    let generated = beredskab_server::api::openapi::document();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).expect("write");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi.json is out of date: run `UPDATE_OPENAPI=1 cargo test -p beredskab-server --test api`"
    );
}
