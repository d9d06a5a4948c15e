//! Sending one request: the attempt loop with its retries, one attempt (authentication,
//! headers, body), and reading the answer's body within its cap.

use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, HeaderMap};
use tracing::Instrument;
use url::Url;

use super::{Client, Limits};
use crate::runtime::error::{ApiError, ConfigError, Error, Result};
use crate::runtime::request::{Auth, Body, RequestSpec};
use crate::runtime::response::request_id;
use crate::runtime::retry::{Failure, RetryCause, RetryEvent};

/// The raw parts of an answer, before decoding.
pub(crate) struct RawResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    /// The whole body of a success; the first bytes of an error body.
    pub(crate) body: Vec<u8>,
    /// Whether `body` is all of it (an error body is read only up to what is kept of it).
    pub(crate) complete: bool,
}

/// Why one attempt produced no response.
enum AttemptError {
    Http(reqwest::Error),
    /// A success body over the cap: refused on its Content-Length, or once the bytes read pass
    /// the cap. Nothing of it is kept.
    TooLarge {
        content_length: Option<u64>,
    },
    /// An error no retry can fix, found before sending (a missing access token, a header
    /// value that cannot be sent).
    Final(Error),
}

impl Client {
    /// Sends `request` until it succeeds, fails for good, or the retry policy gives up.
    pub(crate) async fn execute(&self, request: &RequestSpec) -> Result<RawResponse> {
        self.execute_with(request, false).await
    }

    /// `execute`, also accepting 3xx answers as success (never following them).
    #[allow(dead_code)] // Only documents with redirect-only operations use it.
    pub(crate) async fn execute_allowing_redirects(
        &self,
        request: &RequestSpec,
    ) -> Result<RawResponse> {
        self.execute_with(request, true).await
    }

    async fn execute_with(&self, request: &RequestSpec, redirects_ok: bool) -> Result<RawResponse> {
        if let Some(problem) = request.path_problem {
            return Err(Error::InvalidPathArgument {
                operation: request.operation_id,
                parameter: problem.parameter,
                reason: problem.reason,
            });
        }
        if let Body::Multipart(parts) = &request.body {
            // A file over the limit is refused before anything is sent.
            parts
                .check_size(self.inner.limits.max_upload_bytes)
                .map_err(|problem| Error::Upload {
                    operation: request.operation_id,
                    reason: problem.to_string(),
                })?;
        }
        let url = self.url_for(request);
        // The template, not the filled path or query: those can carry identifiers or PII.
        let span = tracing::debug_span!(
            "twilio_request",
            operation = request.operation_id,
            method = %request.method,
            path = request.path_template,
        );
        async {
            let mut attempt = 1u32;
            loop {
                let (failure, error) = match self.attempt(request, &url, attempt).await {
                    Ok(raw) if raw.status.is_success() => return Ok(raw),
                    Ok(raw) if redirects_ok && raw.status.is_redirection() => return Ok(raw),
                    Ok(raw) => {
                        let api = ApiError::from_response(
                            request.operation_id,
                            raw.status,
                            &raw.headers,
                            &raw.body,
                            raw.complete,
                        );
                        let failure = Failure::Status {
                            status: raw.status,
                            retry_after: api.retry_after(),
                        };
                        (Some(failure), Error::Api(api))
                    }
                    Err(AttemptError::Http(source)) => {
                        transport_error(request.operation_id, source)
                    }
                    Err(AttemptError::Final(error)) => return Err(error),
                    Err(AttemptError::TooLarge { content_length }) => (
                        None,
                        Error::BodyTooLarge {
                            operation: request.operation_id,
                            limit: self.inner.limits.max_body_bytes,
                            content_length,
                        },
                    ),
                };
                let delay = failure.as_ref().and_then(|failure| {
                    self.inner
                        .limits
                        .retry
                        .delay_after(request.method, attempt, failure)
                });
                let (Some(failure), Some(delay)) = (failure, delay) else {
                    return Err(error);
                };
                self.report_retry(RetryEvent {
                    operation: request.operation_id,
                    attempt,
                    cause: match failure {
                        Failure::Status { status, .. } => RetryCause::Status(status),
                        Failure::Connection => RetryCause::Connection,
                    },
                    delay,
                });
                tokio::time::sleep(delay).await;
                attempt += 1;
            }
        }
        .instrument(span)
        .await
    }

    /// One attempt: send, then read the body in chunks, up to the cap for a success and up to
    /// what is kept for an error.
    async fn attempt(
        &self,
        request: &RequestSpec,
        url: &Url,
        attempt: u32,
    ) -> std::result::Result<RawResponse, AttemptError> {
        let credentials = &self.inner.credentials;
        let mut builder = self
            .inner
            .http
            .request(request.method.into(), url.clone())
            .header(ACCEPT, "application/json");
        // An `Authorization` header parameter set by the caller replaces the client's
        // credentials for this request; otherwise the operation's scheme decides.
        let explicit_authorization = request
            .headers
            .pairs()
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("authorization"));
        builder = match request.auth {
            _ if explicit_authorization => builder,
            Auth::Basic => builder.basic_auth(credentials.username(), Some(credentials.password())),
            Auth::Bearer => match &self.inner.access_token {
                Some(token) => builder.bearer_auth(token.expose()),
                None => {
                    return Err(AttemptError::Final(Error::Config(
                        ConfigError::MissingAccessToken(request.operation_id),
                    )));
                }
            },
            Auth::None => builder,
        };
        for (name, value) in request.headers.pairs() {
            // A value that cannot be a header (a line break, say) is refused before sending.
            let value = reqwest::header::HeaderValue::from_str(value).map_err(|_| {
                AttemptError::Final(Error::Config(ConfigError::InvalidHeaderValue {
                    operation: request.operation_id,
                    header: name,
                }))
            })?;
            builder = builder.header(*name, value);
        }
        builder = match &request.body {
            // Twilio's libraries send `Content-Length: 0` on a POST without a body (an
            // evaluation, an update with nothing to change); some servers answer 411 without it.
            Body::None if request.method.announces_empty_body() => {
                builder.header(CONTENT_LENGTH, "0")
            }
            Body::None => builder,
            // Built anew for each attempt: a path is opened again, bytes are shared.
            Body::Multipart(parts) => {
                builder.multipart(parts.to_form().await.map_err(|problem| {
                    AttemptError::Final(Error::Upload {
                        operation: request.operation_id,
                        reason: problem.to_string(),
                    })
                })?)
            }
            // An empty form (an update with nothing to change) says so too: hyper sends no
            // length for an empty body.
            Body::Form(text) if text.is_empty() => builder
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(CONTENT_LENGTH, "0"),
            Body::Form(text) => builder
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(text.clone()),
            Body::Json(bytes) => builder
                .header(CONTENT_TYPE, "application/json")
                .body(bytes.clone()),
        };
        let mut response = builder.send().await.map_err(AttemptError::Http)?;
        let status = response.status();
        // Taken, not cloned: reading the body does not need them.
        let headers = std::mem::take(response.headers_mut());
        tracing::debug!(
            attempt,
            status = status.as_u16(),
            request_id = request_id(&headers),
            "twilio response"
        );
        let content_length = response.content_length();
        let limit = if status.is_success() {
            let limit = self.inner.limits.max_body_bytes;
            if content_length.is_some_and(|length| length > limit as u64) {
                return Err(AttemptError::TooLarge { content_length });
            }
            limit
        } else if is_json(&headers) {
            Limits::ERROR_JSON_BYTES
        } else {
            Limits::ERROR_TEXT_BYTES
        };
        let (body, complete) = read_body(&mut response, content_length, limit)
            .await
            .map_err(AttemptError::Http)?;
        if !complete && status.is_success() {
            return Err(AttemptError::TooLarge { content_length });
        }
        Ok(RawResponse {
            status,
            headers,
            body,
            complete,
        })
    }

    fn report_retry(&self, event: RetryEvent) {
        tracing::warn!(
            operation = event.operation,
            attempt = event.attempt,
            cause = %event.cause,
            delay_ms = u64::try_from(event.delay.as_millis()).unwrap_or(u64::MAX),
            "retrying Twilio request"
        );
        if let Some(hook) = &self.inner.on_retry {
            hook(&event);
        }
    }
}

/// Reads the body chunk by chunk into one buffer, stopping once it would pass `limit` bytes:
/// `(the first limit bytes at most, whether that is the whole body)`. Dropping the response
/// afterwards closes the connection, so the rest is never read.
async fn read_body(
    response: &mut reqwest::Response,
    content_length: Option<u64>,
    limit: usize,
) -> std::result::Result<(Vec<u8>, bool), reqwest::Error> {
    // Content-Length, when it is within the limit, sizes the buffer once.
    let capacity = content_length.map_or(0, |length| {
        usize::try_from(length).unwrap_or(usize::MAX).min(limit)
    });
    let mut body = Vec::with_capacity(capacity);
    while let Some(chunk) = response.chunk().await? {
        let room = limit - body.len();
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            return Ok((body, false));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body, true))
}

/// Whether the Content-Type says JSON (`application/json`, `application/problem+json`, ...),
/// or says nothing.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_none_or(|value| value.to_ascii_lowercase().contains("json"))
}

/// Classifies a failed send: timeouts are final, other transport failures may be retried.
fn transport_error(operation: &'static str, source: reqwest::Error) -> (Option<Failure>, Error) {
    // The URL can carry query values; errors end up in logs.
    let source = source.without_url();
    if source.is_timeout() {
        (None, Error::Timeout { operation, source })
    } else {
        (
            Some(Failure::Connection),
            Error::Transport { operation, source },
        )
    }
}
