//! HTTP to the central service: the protocol version on every request,
//! timeouts, HTTPS (plain HTTP only to this computer), and every refusal
//! read as the service's typed error.

use crate::error::SyncError;
use beredskab_protocol::{
    EnrollRequest, EnrollResponse, ErrorBody, ErrorCode, SignedRelease, SyncRequest, SyncResponse,
    PROTOCOL_VERSION, VERSION_HEADER,
};
use reqwest::{Response, StatusCode};
use serde::de::DeserializeOwned;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct ServiceClient {
    base: String,
    http: reqwest::Client,
}

/// An address the app accepts: https, or http to this computer only.
pub fn checked_address(address: &str) -> Result<String, SyncError> {
    let url = reqwest::Url::parse(address.trim()).map_err(|_| SyncError::BadAddress)?;
    let host = url.host_str().ok_or(SyncError::BadAddress)?;
    let loopback = matches!(host, "localhost" | "127.0.0.1" | "[::1]" | "::1");
    let ok = match url.scheme() {
        "https" => true,
        "http" => loopback,
        _ => false,
    };
    if !ok || !url.username().is_empty() || url.password().is_some() || url.query().is_some() {
        return Err(SyncError::BadAddress);
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

impl ServiceClient {
    pub fn new(address: &str) -> Result<ServiceClient, SyncError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|_| SyncError::Offline)?;
        Ok(ServiceClient {
            base: checked_address(address)?,
            http,
        })
    }

    /// The same client with other timeouts (tests use short ones).
    pub fn with_timeout(address: &str, timeout: Duration) -> Result<ServiceClient, SyncError> {
        let http = reqwest::Client::builder()
            .connect_timeout(timeout)
            .timeout(timeout)
            .build()
            .map_err(|_| SyncError::Offline)?;
        Ok(ServiceClient {
            base: checked_address(address)?,
            http,
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn enroll(&self, code: &str, device_name: &str) -> Result<EnrollResponse, SyncError> {
        let request = EnrollRequest {
            code: code.to_string(),
            device_name: device_name.to_string(),
        };
        let response = self
            .http
            .post(self.url("/api/v1/enroll"))
            .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
            .json(&request)
            .send()
            .await
            .map_err(network)?;
        answer(response).await
    }

    pub async fn sync(
        &self,
        credential: &str,
        request: &SyncRequest,
    ) -> Result<SyncResponse, SyncError> {
        let response = self
            .http
            .post(self.url("/api/v1/sync"))
            .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
            .bearer_auth(credential)
            .json(request)
            .send()
            .await
            .map_err(network)?;
        answer(response).await
    }

    /// The newest release if it is newer than `after`; None if there is none.
    pub async fn latest_release(
        &self,
        after: Option<u32>,
    ) -> Result<Option<SignedRelease>, SyncError> {
        let mut request = self
            .http
            .get(self.url("/api/v1/releases/latest"))
            .header(VERSION_HEADER, PROTOCOL_VERSION.to_string());
        if let Some(after) = after {
            request = request.query(&[("after", after)]);
        }
        let response = request.send().await.map_err(network)?;
        match response.status() {
            StatusCode::NO_CONTENT => Ok(None),
            StatusCode::NOT_FOUND => Ok(None),
            _ => answer(response).await.map(Some),
        }
    }
}

fn network(_: reqwest::Error) -> SyncError {
    // The error's text may name the address; the code is enough for the log.
    SyncError::Offline
}

async fn answer<T: DeserializeOwned>(response: Response) -> Result<T, SyncError> {
    let status = response.status();
    if status.is_success() {
        return response.json::<T>().await.map_err(|e| {
            if e.is_decode() {
                SyncError::BadAnswer
            } else {
                SyncError::Offline
            }
        });
    }
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let body = response.json::<ErrorBody>().await.unwrap_or_else(|_| {
        // Not the service's own answer (a proxy's page): classed by status.
        ErrorBody::new(if status.is_server_error() {
            ErrorCode::Unavailable
        } else {
            ErrorCode::BadRequest
        })
    });
    Err(SyncError::Service {
        status: status.as_u16(),
        body,
        retry_after,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_this_computer_is_an_address() {
        assert_eq!(
            checked_address("https://beredskab.kk.dk/").ok().as_deref(),
            Some("https://beredskab.kk.dk")
        );
        assert!(checked_address("http://127.0.0.1:8417").is_ok());
        assert!(checked_address("http://localhost:8417").is_ok());
        for bad in [
            "http://beredskab.kk.dk",
            "ftp://x",
            "beredskab.kk.dk",
            "https://u:p@x.dk",
            "https://x.dk/?a=1",
        ] {
            assert!(checked_address(bad).is_err(), "{bad}");
        }
    }
}
