//! A decoded response with its HTTP metadata.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

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
}
