//! [`ApiError`]: a non-success HTTP answer, and the decoding of Twilio's error bodies (its JSON
//! errors with their codes, RFC 9457 problem details, anything else summarised).

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::excerpt::{content_type, excerpt, is_markup};
use crate::runtime::redact::Redacted;
use crate::runtime::response::{parse_retry_after, request_id};

/// A non-success HTTP answer, with whatever Twilio said about it.
///
/// Decodes Twilio's JSON error `{code, message, more_info, status, details}` and RFC 9457
/// problem details `{type, title, status, detail, instance, code}`; `Display` shows the status,
/// code, message and link, `Debug` those and the other fields except `details` (redacted: it
/// can quote what was sent). Twilio's `message` is shown as Twilio wrote it.
///
/// Any other body contributes to `Display` and `Debug` only its content type and length
/// (`text/html body, 5120 bytes`). Of a text body, the first 200 characters are kept for
/// [`body_excerpt`](Self::body_excerpt); of markup (HTML, XML: an error page from a proxy,
/// which can carry names, numbers and addresses) nothing is kept. Only what is kept is read:
/// 16 KiB of a JSON body, 800 bytes of any other. The HTTP status always comes from the
/// response line, not the body.
#[derive(Clone, PartialEq)]
pub struct ApiError {
    // Boxed so that `Result<T, Error>` stays small.
    inner: Box<ApiErrorInner>,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct ApiErrorInner {
    operation: &'static str,
    status: u16,
    code: Option<i64>,
    message: Option<String>,
    more_info: Option<String>,
    details: Option<serde_json::Value>,
    problem_type: Option<String>,
    title: Option<String>,
    instance: Option<String>,
    request_id: Option<String>,
    retry_after: Option<Duration>,
    body_excerpt: Option<String>,
    /// For a body that was not a JSON object: its content type and length.
    body_summary: Option<String>,
}

impl ApiError {
    /// Builds the error from a non-success response. Never fails, whatever the body holds.
    pub(crate) fn from_response(
        operation: &'static str,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        complete: bool,
    ) -> Self {
        let mut inner = ApiErrorInner {
            operation,
            status: status.as_u16(),
            request_id: request_id(headers).map(str::to_owned),
            retry_after: parse_retry_after(headers, jiff::Timestamp::now()),
            ..ApiErrorInner::default()
        };
        match serde_json::from_slice::<serde_json::Value>(body) {
            Ok(serde_json::Value::Object(map)) => {
                let text = |key: &str| map.get(key).and_then(|v| v.as_str()).map(str::to_owned);
                inner.code = map.get("code").and_then(|code| match code {
                    serde_json::Value::Number(n) => n.as_i64(),
                    serde_json::Value::String(s) => s.trim().parse().ok(),
                    _ => None,
                });
                // Twilio's `message`, else the problem's `detail`, else its `title`.
                inner.message = text("message").or_else(|| text("detail"));
                inner.title = text("title");
                if inner.message.is_none() {
                    inner.message.clone_from(&inner.title);
                }
                inner.more_info = text("more_info");
                inner.details = map.get("details").filter(|v| !v.is_null()).cloned();
                inner.problem_type = text("type");
                inner.instance = text("instance");
            }
            // Not a JSON object: an HTML error page, plain text, or nothing at all.
            _ if body.is_empty() => {}
            _ => {
                // Content-Length, when sent, is the true length even if less was read.
                let announced = headers
                    .get(reqwest::header::CONTENT_LENGTH)
                    .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
                let length = match announced {
                    Some(length) => format!("{length} bytes"),
                    None if complete => format!("{} bytes", body.len()),
                    None => format!("at least {} bytes", body.len()),
                };
                inner.body_summary = Some(match content_type(headers) {
                    Some(media) => format!("{media} body, {length}"),
                    None => format!("unlabelled body, {length}"),
                });
                if !is_markup(headers, body) {
                    let excerpt = excerpt(body);
                    inner.body_excerpt = (!excerpt.is_empty()).then_some(excerpt);
                }
            }
        }
        Self {
            inner: Box::new(inner),
        }
    }

    /// The operation id of the failed request, e.g. `"CreateEndUser"`.
    pub fn operation(&self) -> &'static str {
        self.inner.operation
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        // The status came from a parsed `StatusCode`, so converting back cannot fail.
        StatusCode::from_u16(self.inner.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// Twilio's numeric error code (e.g. `20404`), see <https://www.twilio.com/docs/api/errors>.
    pub fn code(&self) -> Option<i64> {
        self.inner.code
    }

    /// Twilio's human-readable message (or the problem-details `detail`/`title`).
    pub fn message(&self) -> Option<&str> {
        self.inner.message.as_deref()
    }

    /// Link to Twilio's documentation of the error code.
    pub fn more_info(&self) -> Option<&str> {
        self.inner.more_info.as_deref()
    }

    /// Extra structured information Twilio attached, as raw JSON.
    pub fn details(&self) -> Option<&serde_json::Value> {
        self.inner.details.as_ref()
    }

    /// The RFC 9457 problem `type` URI, when the body was problem details.
    pub fn problem_type(&self) -> Option<&str> {
        self.inner.problem_type.as_deref()
    }

    /// The RFC 9457 problem `title`.
    pub fn title(&self) -> Option<&str> {
        self.inner.title.as_deref()
    }

    /// The RFC 9457 problem `instance`.
    pub fn instance(&self) -> Option<&str> {
        self.inner.instance.as_deref()
    }

    /// The `Twilio-Request-Id` response header, useful when contacting Twilio support.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// The `Retry-After` delay the server asked for.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after
    }

    /// The first 200 characters of a body that was neither a JSON object nor markup (HTML,
    /// XML). Not part of `Display` or `Debug`.
    pub fn body_excerpt(&self) -> Option<&str> {
        self.inner.body_excerpt.as_deref()
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Destructured, so a new field cannot be forgotten here: it must be shown or redacted.
        let ApiErrorInner {
            operation,
            status,
            code,
            message,
            more_info,
            details,
            problem_type,
            title,
            instance,
            request_id,
            retry_after,
            body_excerpt,
            body_summary,
        } = &*self.inner;
        f.debug_struct("ApiError")
            .field("operation", operation)
            .field("status", status)
            .field("code", code)
            .field("message", message)
            .field("more_info", more_info)
            .field("details", &details.as_ref().map(|_| Redacted))
            .field("problem_type", problem_type)
            .field("title", title)
            .field("instance", instance)
            .field("request_id", request_id)
            .field("retry_after", retry_after)
            .field(
                "body_excerpt",
                &body_excerpt
                    .as_ref()
                    .map(|text| format!("<{} chars redacted>", text.chars().count())),
            )
            .field("body", body_summary)
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: HTTP {}", self.inner.operation, self.status())?;
        if let Some(code) = self.inner.code {
            write!(f, ", Twilio error {code}")?;
        }
        if let Some(message) = &self.inner.message {
            write!(f, ": {message}")?;
        } else if let Some(summary) = &self.inner.body_summary {
            write!(f, ": {summary}")?;
        }
        if let Some(more_info) = &self.inner.more_info {
            write!(f, " ({more_info})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn api_error(status: u16, body: &str) -> ApiError {
        let mut headers = HeaderMap::new();
        headers.insert("twilio-request-id", HeaderValue::from_static("RQ123"));
        ApiError::from_response(
            "FetchEndUser",
            StatusCode::from_u16(status).unwrap(),
            &headers,
            body.as_bytes(),
            true,
        )
    }

    #[test]
    fn decodes_twilio_json_error() {
        let err = api_error(
            404,
            r#"{"code": 20404, "message": "The requested resource was not found",
                "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404,
                "details": {"field": "Sid"}}"#,
        );
        assert_eq!(err.status(), StatusCode::NOT_FOUND);
        assert_eq!(err.code(), Some(20404));
        assert_eq!(err.message(), Some("The requested resource was not found"));
        assert_eq!(
            err.more_info(),
            Some("https://www.twilio.com/docs/errors/20404")
        );
        assert_eq!(err.details(), Some(&serde_json::json!({"field": "Sid"})));
        assert_eq!(err.request_id(), Some("RQ123"));
        assert_eq!(err.body_excerpt(), None);
        assert_eq!(
            err.to_string(),
            "FetchEndUser: HTTP 404 Not Found, Twilio error 20404: The requested resource was \
             not found (https://www.twilio.com/docs/errors/20404)"
        );
    }

    #[test]
    fn decodes_problem_details() {
        let err = api_error(
            400,
            r#"{"type": "https://www.twilio.com/docs/errors/20001", "title": "Invalid parameter",
                "status": 400, "detail": "PageSize must be at most 1000",
                "instance": "/v2/RegulatoryCompliance/EndUsers", "code": 20001}"#,
        );
        assert_eq!(err.code(), Some(20001));
        assert_eq!(err.message(), Some("PageSize must be at most 1000"));
        assert_eq!(err.title(), Some("Invalid parameter"));
        assert_eq!(
            err.problem_type(),
            Some("https://www.twilio.com/docs/errors/20001")
        );
        assert_eq!(err.instance(), Some("/v2/RegulatoryCompliance/EndUsers"));
    }

    #[test]
    fn http_status_wins_over_body_status_and_odd_types_are_tolerated() {
        let err = api_error(503, r#"{"status": "oops", "code": "30001", "message": 12}"#);
        assert_eq!(err.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(err.code(), Some(30001));
        assert_eq!(err.message(), None);
    }

    #[test]
    fn text_body_keeps_short_char_safe_excerpt_out_of_display() {
        let text = format!("upstream failed: {}", "é".repeat(500));
        let err = api_error(502, &text);
        let excerpt = err.body_excerpt().unwrap();
        assert_eq!(excerpt.chars().count(), 201); // 200 + ellipsis
        assert!(excerpt.starts_with("upstream failed: éé"));
        assert_eq!(
            err.to_string(),
            format!(
                "FetchEndUser: HTTP 502 Bad Gateway: unlabelled body, {} bytes",
                text.len()
            )
        );
        assert!(!format!("{err:?}").contains("upstream"), "{err:?}");
        assert_eq!(err.code(), None);
    }

    #[test]
    fn markup_contributes_only_its_type_and_length() {
        let page = "<html><body>Jane Doe +15551234567</body></html>";
        let mut headers = HeaderMap::new();
        headers.insert(
            "content-type",
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        let err = ApiError::from_response(
            "Op",
            StatusCode::BAD_GATEWAY,
            &headers,
            page.as_bytes(),
            true,
        );
        assert_eq!(err.body_excerpt(), None);
        assert_eq!(
            err.to_string(),
            format!(
                "Op: HTTP 502 Bad Gateway: text/html body, {} bytes",
                page.len()
            )
        );
        // Unlabelled markup is recognised by its first character; a cut body says "at least".
        let err = ApiError::from_response(
            "Op",
            StatusCode::BAD_GATEWAY,
            &HeaderMap::new(),
            b"  <p>Jane",
            false,
        );
        assert_eq!(err.body_excerpt(), None);
        assert!(
            err.to_string()
                .ends_with("unlabelled body, at least 9 bytes"),
            "{err}"
        );
    }

    #[test]
    fn garbage_bodies_never_panic() {
        for body in ["", "null", "[1,2]", "\"str\"", "{", "\u{0}\u{fffd}"] {
            let err = api_error(500, body);
            assert_eq!(err.status(), StatusCode::INTERNAL_SERVER_ERROR);
            let _ = err.to_string();
        }
        let bytes = ApiError::from_response(
            "Op",
            StatusCode::BAD_GATEWAY,
            &HeaderMap::new(),
            &[0xff, 0xfe, b'x'],
            true,
        );
        assert!(bytes.body_excerpt().unwrap().ends_with('x'));
    }
}
