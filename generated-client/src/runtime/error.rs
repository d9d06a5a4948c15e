//! The crate's one error type, [`enum@Error`]: what can go wrong around a call (transport,
//! timeouts, decoding, limits, paging). Twilio's own answers are in `api.rs`, configuration
//! errors in `config.rs`, the kept start of a body in `excerpt.rs`.

mod api;
mod config;
mod excerpt;

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;

pub use api::ApiError;
pub use config::ConfigError;
pub use excerpt::BodyExcerpt;

use super::decode::DecodeError;
use super::retry::is_transient_status;
use super::sid::InvalidSid;

/// Shorthand for results whose error is this crate's [`enum@Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

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

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn api_error(status: u16) -> ApiError {
        ApiError::from_response(
            "FetchEndUser",
            StatusCode::from_u16(status).unwrap(),
            &HeaderMap::new(),
            b"{}",
            true,
        )
    }

    #[test]
    fn retryable_classification() {
        let retryable = |status| Error::Api(api_error(status)).is_retryable();
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
        let err = crate::runtime::decode::decode_json::<u8>(
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
    fn error_stays_small() {
        // Large errors make every `Result` in the crate expensive to move around.
        assert!(
            std::mem::size_of::<Error>() <= 64,
            "{}",
            std::mem::size_of::<Error>()
        );
    }
}
