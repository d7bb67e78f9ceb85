//! The OpenAPI document, generated from the handlers' annotations; committed
//! as `openapi.json` with a drift test, and served at `/openapi.json`.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Beredskab central service", description = "Enrollment, exactly-once concern upload with the audit anchor, and signed content releases."),
    paths(
        super::enroll::enroll,
        super::sync::sync,
        super::device::device,
        super::device::record,
        super::releases::latest,
    ),
    modifiers(&DeviceAuth),
)]
pub struct ApiDoc;

struct DeviceAuth;

impl Modify for DeviceAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "device",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub fn document() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}

pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
