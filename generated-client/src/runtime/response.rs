//! A decoded response with its HTTP metadata.

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

/// The header Twilio uses to identify a request in its logs.
const REQUEST_ID: &str = "twilio-request-id";

/// A successful response: the decoded body plus status and headers.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        Self {
            status,
            headers,
            body,
        }
    }

    /// The HTTP status, e.g. `201 Created`.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// All response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The `Twilio-Request-Id` header, useful when contacting Twilio support.
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers)
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, dropping the metadata.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Transforms the body, keeping status and headers.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
        }
    }
}

/// A success answer whose body type depends on its status, as the generated decoder of such an
/// operation sees it ([`Client::send_by_status`](crate::Client)): the status, and the body
/// decoded on demand, decode errors naming the operation and path template of the request.
pub(crate) struct Answer<'a> {
    pub(crate) status: StatusCode,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: &'a [u8],
    pub(crate) operation: &'static str,
    pub(crate) path_template: &'static str,
}

// Only documents with status-dependent answers use it.
#[allow(dead_code)]
impl Answer<'_> {
    /// The HTTP status code (`202`).
    pub(crate) fn status(&self) -> u16 {
        self.status.as_u16()
    }

    /// The body decoded as `T`: [`Error::Decode`](crate::Error::Decode) when it does not fit.
    pub(crate) fn json<T: serde::de::DeserializeOwned>(&self) -> crate::Result<T> {
        super::decode::decode_json(self.operation, self.path_template, self.headers, self.body)
    }

    /// The body as any JSON value, `null` when it is not JSON (the answer to a status the
    /// document does not list).
    pub(crate) fn json_value(&self) -> serde_json::Value {
        serde_json::from_slice(self.body).unwrap_or_default()
    }
}

/// Parses `Retry-After`: whole seconds, or an HTTP-date (relative to `now`; a past date means
/// "now"). Anything else is ignored.
pub(crate) fn parse_retry_after(headers: &HeaderMap, now: jiff::Timestamp) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Absurdly long digit strings saturate rather than fail.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    // IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) is a subset of RFC 2822.
    let when = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(value)
        .ok()?;
    let wait = now.duration_until(when);
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

/// The `Twilio-Request-Id` header value, if present and readable.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<&str> {
    headers.get(REQUEST_ID).and_then(|v| v.to_str().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn exposes_metadata_and_maps_body() {
        let mut headers = HeaderMap::new();
        headers.insert("Twilio-Request-Id", HeaderValue::from_static("RQabc"));
        let response = Response::new(StatusCode::CREATED, headers, 21);
        assert_eq!(response.status(), StatusCode::CREATED);
        assert_eq!(response.request_id(), Some("RQabc"));
        assert_eq!(*response.body(), 21);
        let doubled = response.map(|n| n * 2);
        assert_eq!(doubled.request_id(), Some("RQabc"));
        assert_eq!(doubled.status(), StatusCode::CREATED);
        assert_eq!(doubled.into_body(), 42);
    }

    #[test]
    fn missing_or_binary_request_id_is_none() {
        let response = Response::new(StatusCode::OK, HeaderMap::new(), ());
        assert_eq!(response.request_id(), None);
        let mut headers = HeaderMap::new();
        headers.insert(
            "twilio-request-id",
            HeaderValue::from_bytes(&[0xff]).unwrap(),
        );
        assert_eq!(request_id(&headers), None);
    }

    fn retry_after(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn parses_retry_after_seconds_and_http_date() {
        let now: jiff::Timestamp = "1994-11-06T08:49:30Z".parse().unwrap();
        assert_eq!(
            parse_retry_after(&retry_after("120"), now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after(&retry_after("Sun, 06 Nov 1994 08:49:37 GMT"), now),
            Some(Duration::from_secs(7))
        );
        // A date in the past means "retry now".
        assert_eq!(
            parse_retry_after(&retry_after("Sun, 06 Nov 1994 08:00:00 GMT"), now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after(&retry_after("soon"), now), None);
        assert_eq!(parse_retry_after(&retry_after("-5"), now), None);
        assert_eq!(
            parse_retry_after(&retry_after("99999999999999999999999"), now),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(parse_retry_after(&HeaderMap::new(), now), None);
    }
}
