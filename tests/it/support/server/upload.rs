//! The upload host, a second origin on its own port: `POST
//! /v2/RegulatoryCompliance/SupportingDocuments` with a `multipart/form-data` body creates a
//! Supporting Document in the same store, and keeps the file it received.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::Response;

use super::compliance::{COMPLIANCE_PATH, NewDocument};
use super::recorded::Recorded;
use super::responses::{error_response, json_response};
use super::twilio_error::TwilioError;
use super::{Shared, authorized};

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

pub(super) async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    shared.upload_requests.lock().unwrap().push(Recorded {
        method: method.clone(),
        path: uri.path().to_owned(),
        query: uri.query().map(str::to_owned),
        headers: headers.clone(),
        body: body.to_vec(),
    });
    if uri.path() != format!("{COMPLIANCE_PATH}/SupportingDocuments") || method != Method::POST {
        return error_response(&TwilioError::not_found(uri.path()));
    }
    if !authorized(&headers) {
        return error_response(&TwilioError::unauthenticated());
    }
    {
        let mut failures = shared.upload_failures.lock().unwrap();
        if *failures > 0 {
            *failures -= 1;
            return error_response(&TwilioError::unavailable());
        }
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let Some(parts) = parse_multipart(content_type, &body) else {
        return error_response(&TwilioError::bad_request(
            "expected a multipart/form-data body",
        ));
    };
    let text = |name: &str| {
        parts
            .iter()
            .find(|p| p.name == name && p.file_name.is_none())
            .and_then(|p| String::from_utf8(p.data.clone()).ok())
    };
    let Some(file) = parts.iter().find(|p| p.name == "File").cloned() else {
        return error_response(&TwilioError::missing("File"));
    };
    let created = shared
        .compliance
        .lock()
        .unwrap()
        .create_document(NewDocument {
            friendly_name: text("FriendlyName"),
            type_: text("Type"),
            attributes: text("Attributes"),
            mime_type: file.content_type.clone(),
        });
    match created {
        Ok(document) => {
            shared.uploads.lock().unwrap().push(file);
            json_response(StatusCode::CREATED, document.to_string())
        }
        Err(error) => error_response(&error),
    }
}

/// The parts of a `multipart/form-data` body (RFC 7578), or `None` when it is not one.
pub(crate) fn parse_multipart(content_type: &str, body: &[u8]) -> Option<Vec<Part>> {
    let boundary = content_type
        .strip_prefix("multipart/form-data")?
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))?
        .trim_matches('"');
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut rest = body.strip_prefix(delimiter.as_bytes())?;
    while let Some(after) = rest.strip_prefix(b"\r\n") {
        let split = find(after, b"\r\n\r\n")?;
        let head = std::str::from_utf8(&after[..split]).ok()?;
        let content = &after[split + 4..];
        let end = find(content, format!("\r\n{delimiter}").as_bytes())?;
        let mut part = Part {
            name: String::new(),
            file_name: None,
            content_type: None,
            data: content[..end].to_vec(),
        };
        for line in head.split("\r\n") {
            let (key, value) = line.split_once(':')?;
            match key.trim().to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    for item in value.split(';').map(str::trim) {
                        if let Some(v) = item.strip_prefix("name=") {
                            part.name = v.trim_matches('"').to_owned();
                        } else if let Some(v) = item.strip_prefix("filename=") {
                            part.file_name = Some(v.trim_matches('"').to_owned());
                        }
                    }
                }
                "content-type" => part.content_type = Some(value.trim().to_owned()),
                _ => {}
            }
        }
        parts.push(part);
        rest = &content[end + 2 + delimiter.len()..];
    }
    rest.starts_with(b"--").then_some(parts)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
