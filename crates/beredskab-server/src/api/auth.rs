//! A device proves itself with `Authorization: Bearer <credential>`; the
//! server looks up the credential's hash. A revoked device is told so.

use super::error::ApiError;
use super::state::AppState;
use crate::storage::Device;
use crate::tokens;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use beredskab_protocol::{DeviceStatus, ErrorCode};

pub struct Authed(pub Device);

/// The secret in `Authorization: Bearer …`, if it is there and of a sane length.
fn bearer(parts: &Parts) -> Result<&str, ApiError> {
    parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|c| !c.is_empty() && c.len() <= 128)
        .ok_or_else(ApiError::unauthenticated)
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let credential = bearer(parts)?;
        let device = state
            .storage
            .device_by_credential(&tokens::hash(credential))
            .await?
            .ok_or_else(ApiError::unauthenticated)?;
        if device.status == DeviceStatus::Revoked {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                ErrorCode::DeviceRevoked,
            ));
        }
        Ok(Authed(device))
    }
}

/// The administration proves itself with `Authorization: Bearer <token>`
/// from `beredskab-server admin-token`; the token's label names the reader.
pub struct AdminAuthed(pub crate::storage::AdminToken);

impl FromRequestParts<AppState> for AdminAuthed {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(parts)?;
        state
            .storage
            .admin_by_token(&tokens::hash(token))
            .await?
            .map(AdminAuthed)
            .ok_or_else(ApiError::unauthenticated)
    }
}
