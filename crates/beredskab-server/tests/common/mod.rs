//! A real service for tests: a store in a temp folder, the real router on a
//! loopback port chosen by the OS, stopped when the value is dropped.

#![allow(dead_code)]

use beredskab_protocol::{EnrollResponse, PROTOCOL_VERSION, VERSION_HEADER};
use beredskab_server::admin;
use beredskab_server::local::LocalServer;
use beredskab_server::storage::Storage;
use std::sync::Arc;

pub struct TestServer {
    pub base: String,
    pub storage: Arc<dyn Storage>,
    pub dir: tempfile::TempDir,
    server: LocalServer,
}

impl TestServer {
    pub async fn start() -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let server = LocalServer::init(&dir.path().join("service")).await;
        TestServer {
            base: server.base(),
            storage: Arc::clone(&server.storage),
            dir,
            server,
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

    pub async fn stop(self) {
        self.server.stop().await;
    }
}
