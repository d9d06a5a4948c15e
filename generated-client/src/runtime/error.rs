//! The crate's one error type, and the decoding of Twilio's error bodies.

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::decode::DecodeError;
use super::response::parse_retry_after;
use super::retry::is_transient_status;
use super::sid::InvalidSid;

/// Shorthand for results whose error is this crate's [`enum@Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How much of a non-JSON body is kept, in characters.
const EXCERPT_CHARS: usize = 200;

/// Everything that can go wrong when calling Twilio.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Twilio (or a proxy in front of it) answered with a non-success HTTP status.
    #[error(transparent)]
    Api(ApiError),

    /// The request could not be sent or the response could not be read (DNS, TLS, connection
    /// refused or reset).
    #[error("{operation}: could not reach Twilio")]
    Transport {
        /// The operation id, e.g. `"FetchEndUser"`.
        operation: &'static str,
        /// The underlying HTTP error (its URL is stripped: it may hold query values).
        #[source]
        source: reqwest::Error,
    },

    /// The connect or overall timeout elapsed.
    #[error("{operation}: timed out")]
    Timeout {
        /// The operation id.
        operation: &'static str,
        /// The underlying HTTP error (URL stripped).
        #[source]
        source: reqwest::Error,
    },

    /// A success response did not have the expected JSON shape.
    #[error("{operation}: could not decode the response body")]
    Decode {
        /// The operation id.
        operation: &'static str,
        /// Where (path template, JSON pointer, line and column) and what was expected; never
        /// the value, which serde_json's own messages would quote.
        #[source]
        source: DecodeError,
        /// The start of the body. Kept for debugging but hidden from `Debug` and `Display`,
        /// because a success body can hold personal data; read it with [`Error::body_excerpt`].
        /// Empty for markup (HTML, XML), which is never kept.
        body_excerpt: BodyExcerpt,
    },

    /// A request body could not be serialized to JSON.
    #[error("{operation}: could not encode the request body")]
    Encode {
        /// The operation id.
        operation: &'static str,
        /// What serde_json objected to.
        #[source]
        source: serde_json::Error,
    },

    /// The client configuration (credentials, host, headers) is invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),

    /// A SID argument or response field is malformed.
    #[error(transparent)]
    InvalidSid(#[from] InvalidSid),

    /// Pagination stopped because `next_page_url` pointed at another origin; following it would
    /// have sent the credentials there.
    #[error(
        "{operation}: refused to follow next_page_url to {origin}, which is not the configured \
         Twilio origin"
    )]
    ForeignNextPage {
        /// The operation id.
        operation: &'static str,
        /// The foreign origin (`scheme://host:port`), without path or query.
        origin: String,
    },

    /// A success body was larger than the cap
    /// ([`ClientBuilder::max_body_size`](crate::ClientBuilder::max_body_size)). Nothing of it
    /// is kept, and the request is not retried.
    #[error("{operation}: the response body is larger than the {limit}-byte limit")]
    BodyTooLarge {
        /// The operation id.
        operation: &'static str,
        /// The cap, in bytes.
        limit: usize,
        /// The Content-Length the server announced, if it did.
        content_length: Option<u64>,
    },

    /// A path argument was empty, `.` or `..`: sent, it would have named another resource
    /// (`/v2/Things/..` is `/v2/`). Nothing was sent.
    #[error("{operation}: path argument {parameter} {reason}; nothing was sent")]
    InvalidPathArgument {
        /// The operation id.
        operation: &'static str,
        /// The parameter's name in the path template, e.g. `"Sid"`.
        parameter: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },

    /// A file of a multipart body could not be sent: over the client's
    /// [`max_upload_size`](crate::ClientBuilder::max_upload_size) (refused before sending),
    /// no longer readable, or a reader already used by an earlier attempt.
    #[error("{operation}: could not upload the file: {reason}")]
    Upload {
        /// The operation id.
        operation: &'static str,
        /// What went wrong; never the file's path or content.
        reason: String,
    },

    /// A list stream stopped because the server's paging would not end (or not soon enough);
    /// nothing more was requested. The items yielded before are still valid.
    #[error("{operation}: stopped paging: {reason}")]
    Paging {
        /// The operation id.
        operation: &'static str,
        /// Which bound was reached.
        reason: PagingError,
    },
}

impl Error {
    /// Records the status of the answer a decode error is about (the decoder sees only the
    /// body).
    pub(crate) fn at_status(mut self, status: StatusCode) -> Self {
        if let Error::Decode { source, .. } = &mut self {
            source.set_status(status.as_u16());
        }
        self
    }

    /// The HTTP status of an [`Error::Api`], if this is one.
    pub fn status(&self) -> Option<StatusCode> {
        self.api_error().map(ApiError::status)
    }

    /// The Twilio error, if this is an [`Error::Api`].
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The operation id the error happened in, when known.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::Api(api) => Some(api.operation()),
            Error::Transport { operation, .. }
            | Error::Timeout { operation, .. }
            | Error::Decode { operation, .. }
            | Error::Encode { operation, .. }
            | Error::ForeignNextPage { operation, .. }
            | Error::Paging { operation, .. }
            | Error::BodyTooLarge { operation, .. }
            | Error::Upload { operation, .. }
            | Error::InvalidPathArgument { operation, .. } => Some(operation),
            Error::Config(_) | Error::InvalidSid(_) => None,
        }
    }

    /// Whether sending the same request again later might succeed: HTTP 429 and 5xx (except
    /// 501), connection failures and timeouts.
    ///
    /// The client already retries per its [`RetryPolicy`](crate::RetryPolicy); this is for
    /// callers deciding what to do once retries are exhausted.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(api) => is_transient_status(api.status()),
            Error::Transport { source, .. } => !source.is_builder(),
            Error::Timeout { .. } => true,
            _ => false,
        }
    }

    /// How long the server asked to wait before retrying (`Retry-After`), if it said.
    pub fn retry_after(&self) -> Option<Duration> {
        self.api_error().and_then(ApiError::retry_after)
    }

    /// The start of the response body (at most 200 characters) for [`Error::Decode`] and for
    /// API errors whose body was neither JSON nor markup. Never part of `Display` or `Debug`:
    /// it can hold personal data. HTML and XML bodies are never kept.
    pub fn body_excerpt(&self) -> Option<&str> {
        match self {
            Error::Decode { body_excerpt, .. } => {
                Some(body_excerpt.as_str()).filter(|text| !text.is_empty())
            }
            Error::Api(api) => api.body_excerpt(),
            _ => None,
        }
    }
}

/// Why a list stream stopped early (see [`Error::Paging`]).
///
/// The bounds are described on [`ClientBuilder::max_pages`](crate::ClientBuilder::max_pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PagingError {
    /// A `next_page_url` the stream had already fetched: the pages form a cycle.
    RepeatedPage {
        /// Pages fetched before the repetition was noticed.
        pages: u32,
    },
    /// The page budget ([`ClientBuilder::max_pages`](crate::ClientBuilder::max_pages)) is used
    /// up and the server still reports a next page.
    PageBudget {
        /// The budget.
        max_pages: u32,
    },
    /// This many pages in a row had no items but still a next page.
    EmptyPages {
        /// Empty pages fetched in a row.
        in_a_row: u32,
    },
    /// With a `limit`, the pages fetched so far should have delivered it: the next request
    /// would exceed `ceil(limit / page size) + 2`.
    LimitRequests {
        /// The stream's `limit`.
        limit: usize,
        /// Requests made.
        requests: u32,
    },
}

impl fmt::Display for PagingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PagingError::RepeatedPage { pages } => write!(
                f,
                "page {} links to a page already fetched (a cycle)",
                pages
            ),
            PagingError::PageBudget { max_pages } => write!(
                f,
                "{max_pages} pages fetched and the server still reports a next page (raise \
                 ClientBuilder::max_pages for longer lists)"
            ),
            PagingError::EmptyPages { in_a_row } => {
                write!(f, "{in_a_row} pages in a row had no items but a next page")
            }
            PagingError::LimitRequests { limit, requests } => write!(
                f,
                "{requests} requests did not deliver the {limit} items asked for, although the \
                 server reports more"
            ),
        }
    }
}

/// The first characters of a response body; `Debug` shows only its length. Empty when the
/// body was markup (HTML, XML), which is never kept.
#[derive(Clone, PartialEq, Eq)]
pub struct BodyExcerpt(String);

impl BodyExcerpt {
    /// The excerpt text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn from_body(headers: &HeaderMap, body: &[u8]) -> Self {
        if is_markup(headers, body) {
            Self(String::new())
        } else {
            Self(excerpt(body))
        }
    }
}

/// HTML or XML, by Content-Type or by a leading `<`: a page whose text is not worth the risk
/// of carrying names, numbers and addresses into logs.
fn is_markup(headers: &HeaderMap, body: &[u8]) -> bool {
    let labelled =
        content_type(headers).is_some_and(|ct| ct.contains("html") || ct.contains("xml"));
    labelled || body.trim_ascii_start().starts_with(b"<")
}

/// The media type of the Content-Type header (`text/html`), lowercase, when it is a plain
/// token of at most 64 characters.
fn content_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(reqwest::header::CONTENT_TYPE)?.to_str().ok()?;
    let media = value.split(';').next()?.trim().to_ascii_lowercase();
    let plain = !media.is_empty()
        && media.len() <= 64
        && media
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-/".contains(&b));
    plain.then_some(media)
}

impl fmt::Debug for BodyExcerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} chars redacted>", self.0.chars().count())
    }
}

/// The first [`EXCERPT_CHARS`] characters of `body`, cut on a char boundary, trimmed, with an
/// ellipsis when something was cut.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    let mut out: String = text.chars().take(EXCERPT_CHARS).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

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
            request_id: super::response::request_id(headers).map(str::to_owned),
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
            .field(
                "details",
                &details.as_ref().map(|_| super::redact::Redacted),
            )
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

/// The client could not be configured.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// Required environment variables are unset or empty.
    #[error("missing environment variable{}: {}{}",
        if .missing.len() == 1 { "" } else { "s" },
        .missing.join(", "),
        if *.api_key_set { " (required because TWILIO_API_KEY is set)" } else { "" })]
    MissingEnv {
        /// The variable names, in the order they are needed.
        missing: Vec<&'static str>,
        /// Whether `TWILIO_API_KEY` was set, which changes what is required.
        api_key_set: bool,
    },

    /// An API key was given without the account SID it belongs to.
    #[error("an API key needs the account SID it belongs to (AC…)")]
    ApiKeyWithoutAccountSid,

    /// The auth token or API secret is empty.
    #[error("the {0} is empty")]
    EmptySecret(&'static str),

    /// An account SID or API key SID is malformed.
    #[error(transparent)]
    InvalidSid(#[from] InvalidSid),

    /// The base URL cannot be used. The text says why and shows at most the URL's origin
    /// (scheme, host, port), never the argument: it could hold a token.
    #[error("invalid base URL: {0}")]
    InvalidBaseUrl(String),

    /// The base URL uses plain `http`, which would send credentials unencrypted. Holds the
    /// URL's origin only.
    #[error(
        "refusing plain http base URL {0}: credentials would travel unencrypted; call \
         allow_insecure_http(true) for a local test server"
    )]
    InsecureHttp(String),

    /// An edge or region is not a DNS label.
    #[error("invalid {kind} {value:?}: expected letters, digits and '-' only")]
    InvalidLocation {
        /// `"edge"` or `"region"`.
        kind: &'static str,
        /// The rejected value.
        value: String,
    },

    /// A User-Agent extension cannot go in an HTTP header.
    #[error("invalid User-Agent extension {0:?}: it must be visible ASCII without spaces")]
    InvalidUserAgentExtension(String),

    /// The API document names no server and no base URL was configured.
    #[error("no base URL: the API document names no server, so call ClientBuilder::base_url")]
    MissingBaseUrl,

    /// An operation authenticates with a bearer token and none was configured.
    #[error("{0}: this operation needs an access token (ClientBuilder::access_token)")]
    MissingAccessToken(&'static str),

    /// A header parameter's value cannot go in an HTTP header (a line break, say).
    #[error("{operation}: the value of the {header} header is not a valid header value")]
    InvalidHeaderValue {
        /// The operation id.
        operation: &'static str,
        /// The header's name (its value is not repeated: it may be a credential).
        header: &'static str,
    },

    /// The HTTP client could not be built (TLS backend initialisation).
    #[error("could not build the HTTP client")]
    HttpClient(#[source] reqwest::Error),
}

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

    #[test]
    fn retryable_classification() {
        let retryable = |status| Error::Api(api_error(status, "{}")).is_retryable();
        assert!(retryable(429));
        assert!(retryable(500));
        assert!(retryable(503));
        assert!(!retryable(501));
        assert!(!retryable(400));
        assert!(!retryable(404));
    }

    #[test]
    fn retry_after_and_status_helpers() {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", HeaderValue::from_static("7"));
        let err = Error::Api(ApiError::from_response(
            "ListEndUser",
            StatusCode::TOO_MANY_REQUESTS,
            &headers,
            b"{}",
            true,
        ));
        assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
        assert_eq!(err.status(), Some(StatusCode::TOO_MANY_REQUESTS));
        assert_eq!(err.operation(), Some("ListEndUser"));
        assert!(err.api_error().is_some());
    }

    #[test]
    fn decode_error_hides_body_from_debug_and_display() {
        let body = br#"{"email": "jane@example.com"}"#;
        let err = super::super::decode::decode_json::<u8>(
            "FetchEndUser",
            "/v2/X",
            &HeaderMap::new(),
            body,
        )
        .unwrap_err();
        assert!(!format!("{err:?}").contains("jane@"));
        assert!(!err.to_string().contains("jane@"));
        assert_eq!(err.body_excerpt(), Some(r#"{"email": "jane@example.com"}"#));
    }

    #[test]
    fn missing_env_message_names_variables() {
        let err = ConfigError::MissingEnv {
            missing: vec!["TWILIO_AUTH_TOKEN"],
            api_key_set: false,
        };
        assert_eq!(
            err.to_string(),
            "missing environment variable: TWILIO_AUTH_TOKEN"
        );
    }

    #[test]
    fn error_stays_small() {
        // Large errors make every `Result` in the crate expensive to move around.
        assert!(
            std::mem::size_of::<Error>() <= 64,
            "{}",
            std::mem::size_of::<Error>()
        );
    }
}
