//! Building answers: Twilio's JSON and error bodies with a request id, scripted replies, and a
//! body cut short.

use axum::body::{Body, Bytes};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::twilio_error::TwilioError;

/// Every Twilio answer carries a request id (`RQ` + 32 hex digits).
pub(super) fn with_request_id(mut response: Response) -> Response {
    let id = format!("RQ{:032x}", fastrand::u128(..));
    response.headers_mut().insert(
        HeaderName::from_static("twilio-request-id"),
        HeaderValue::from_str(&id).expect("hex is a valid header value"),
    );
    response
}

pub(super) fn json_response(status: StatusCode, body: String) -> Response {
    with_request_id(
        (
            status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body,
        )
            .into_response(),
    )
}

pub(super) fn error_response(error: &TwilioError) -> Response {
    let status = StatusCode::from_u16(error.status).expect("a valid status");
    let mut response = json_response(status, error.body().to_string());
    if error.status == 401 {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"Twilio API\""),
        );
    }
    response
}

pub(super) fn scripted(status: u16, headers: &[(&'static str, String)], body: &str) -> Response {
    let mut response = (
        StatusCode::from_u16(status).expect("a valid scripted status"),
        body.to_owned(),
    )
        .into_response();
    for (name, value) in headers {
        response.headers_mut().insert(
            HeaderName::from_static(name),
            HeaderValue::from_str(value).expect("a valid scripted header"),
        );
    }
    with_request_id(response)
}

/// Announces the whole body's length, sends the first half, then fails the body stream, which
/// makes hyper drop the connection with the body incomplete.
pub(super) fn cut_body(status: StatusCode, body: String) -> Response {
    let full_length = body.len();
    let half = Bytes::from(body.into_bytes()).slice(..full_length / 2);
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(half),
        Err(std::io::Error::other("connection dropped mid-body")),
    ];
    let mut response = Response::new(Body::from_stream(futures_util::stream::iter(chunks)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(full_length));
    with_request_id(response)
}
