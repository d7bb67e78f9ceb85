//! The OpenAPI document, generated from the handlers' annotations; committed
//! as `openapi.json` with a drift test, and served at `/openapi.json`.

use axum::Json;
use beredskab_protocol::VERSION_HEADER;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Required, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Beredskab central service", description = "Enrollment, exactly-once concern and activity upload with the audit anchor, signed content releases, and the yearly report for the administration."),
    paths(
        super::enroll::enroll,
        super::sync::sync,
        super::device::device,
        super::device::record,
        super::releases::latest,
        super::reports::report,
    ),
    modifiers(&DeviceAuth, &CommonAnswers),
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
        components.add_security_scheme(
            "admin",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// What every `/api/v1` operation may answer besides its own results, from
/// the layers in front of the handlers: the version check (400, 426), the
/// body limit and JSON reader (413, 415), the credential check (401, 403)
/// and a store that is down (503). Documented once here so no answer the
/// service gives is missing from the document.
struct CommonAnswers;

fn error_answer(description: &str) -> RefOr<Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build(),
    )
}

impl Modify for CommonAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            if !path.starts_with("/api/v1/") {
                continue;
            }
            for operation in [&mut item.get, &mut item.post].into_iter().flatten() {
                let mut common = vec![
                    (
                        "400",
                        "Malformed request, or no or an unknown protocol version",
                    ),
                    ("426", "Client too old (args: min)"),
                    ("503", "Storage unavailable; see Retry-After"),
                ];
                if operation.request_body.is_some() {
                    common.push(("413", "Body too large"));
                    common.push(("415", "Not JSON"));
                }
                if operation.security.is_some() {
                    common.push(("401", "No or unknown credential"));
                    common.push(("403", "Device revoked"));
                }
                for (status, description) in common {
                    operation
                        .responses
                        .responses
                        .entry(status.to_string())
                        .or_insert_with(|| error_answer(description));
                }
                for parameter in operation.parameters.iter_mut().flatten() {
                    if parameter.name == VERSION_HEADER {
                        parameter.required = Required::True;
                    }
                }
            }
        }
    }
}

pub fn document() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}

pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
