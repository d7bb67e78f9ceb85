//! A real service for tests: a store in a temp folder, the real router on a
//! loopback port chosen by the OS, stopped when the value is dropped.

#![allow(dead_code)]

use beredskab_protocol::{EnrollResponse, PROTOCOL_VERSION, VERSION_HEADER};
use beredskab_server::api::AppState;
use beredskab_server::storage::Storage;
use beredskab_server::{admin, data_dir, serve};
use std::sync::Arc;
use tokio::sync::oneshot;

pub struct TestServer {
    pub base: String,
    pub storage: Arc<dyn Storage>,
    pub dir: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl TestServer {
    pub async fn start() -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let storage: Arc<dyn Storage> =
            Arc::new(data_dir::init(&dir.path().join("service")).expect("init"));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let (stop, stopped) = oneshot::channel();
        let state = AppState::new(Arc::clone(&storage));
        let task = tokio::spawn(async move {
            serve::run(listener, state, None, async {
                let _ = stopped.await;
            })
            .await
            .expect("serve");
        });
        TestServer {
            base,
            storage,
            dir,
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A request with the protocol version set, as the app sends it.
    pub fn post(&self, path: &str) -> reqwest::RequestBuilder {
        reqwest::Client::new()
            .post(self.url(path))
            .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
    }

    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        reqwest::Client::new()
            .get(self.url(path))
            .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
    }

    pub async fn code(&self, unit: &str) -> String {
        admin::enroll(self.storage.as_ref(), unit, 15)
            .await
            .expect("code")
    }

    pub async fn enroll(&self, unit: &str) -> EnrollResponse {
        let code = self.code(unit).await;
        let response = self
            .post("/api/v1/enroll")
            .json(&serde_json::json!({ "code": code, "device_name": "pc-test" }))
            .send()
            .await
            .expect("enroll");
        assert_eq!(response.status(), 201);
        response.json().await.expect("body")
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
