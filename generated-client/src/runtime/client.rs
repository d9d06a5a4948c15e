//! The client: configuration, and sending one request with retries.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, HeaderMap};
use reqwest::{StatusCode, redirect};
use tracing::Instrument;
use url::Url;

use super::credentials::Credentials;
use super::decode::decode_json;
use super::error::{ApiError, ConfigError, Error, Result};
use super::host::{Location, OperationServers, resolve_base_url};
use super::multipart::DEFAULT_MAX_UPLOAD_BYTES;
use super::redact::Secret;
use super::request::{Auth, Body, RequestSpec, Target};
use super::response::{Response, request_id};
use super::retry::{Failure, RetryCause, RetryEvent, RetryHook, RetryPolicy};
use super::user_agent::user_agent;

/// Default time allowed to establish a connection (as twilio-java).
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for a whole attempt, body included (as twilio-node).
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default page budget of one list stream: 10 million items at Twilio's largest page size
/// (1,000), half a million at its default (50). See [`ClientBuilder::max_pages`].
pub(crate) const DEFAULT_MAX_PAGES: u32 = 10_000;
/// Default cap on a success body: 32 MiB. Twilio's largest pages are 1,000 items; a Sync
/// Document holds up to 16 KiB of data, so a full page of them is about 17 MiB with its
/// metadata, and pages of calls, messages or numbers (1 to 3 KiB an item) stay under 4 MiB.
pub(crate) const DEFAULT_MAX_BODY_BYTES: usize = 32 * 1024 * 1024;
/// How much of an error (non-2xx) body is read when it is JSON: Twilio's error objects are a
/// few hundred bytes, `details` included.
const ERROR_JSON_BYTES: usize = 16 * 1024;
/// How much of any other error body is read: the excerpt that is kept (200 characters of at
/// most 4 bytes each).
const ERROR_TEXT_BYTES: usize = 800;

/// A client for the Twilio API this crate was generated from. Cheap to clone: clones share
/// connections.
///
/// Build one with [`Client::builder`] or [`Client::from_env`].
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    /// The account account-scoped paths name (`/2010-04-01/Accounts/{AccountSid}/...`) when it
    /// is not the credentials' own: a subaccount (see [`Client::for_account`]).
    account: Option<Arc<str>>,
}

struct Inner {
    http: reqwest::Client,
    credentials: Credentials,
    access_token: Option<Secret>,
    base_url: Url,
    /// The servers operations declare as their own, resolved like the base URL.
    servers: OperationServers,
    location: Location,
    retry: RetryPolicy,
    on_retry: Option<RetryHook>,
    user_agent: String,
    max_pages: u32,
    max_body_bytes: usize,
    max_upload_bytes: u64,
}

/// The raw parts of an answer, before decoding.
pub(super) struct RawResponse {
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    /// The whole body of a success; the first bytes of an error body.
    pub(super) body: Vec<u8>,
    /// Whether `body` is all of it (an error body is read only up to what is kept of it).
    pub(super) complete: bool,
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
    /// A builder using `credentials`, with every other setting at its default.
    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder::new(credentials)
    }

    /// A client configured from the environment; see [`ClientBuilder::from_env`].
    pub fn from_env() -> std::result::Result<Self, ConfigError> {
        ClientBuilder::from_env()?.build()
    }

    /// The origin requests go to, after edge/region rewriting.
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str()
    }

    /// The Account SID the client acts on: its credentials' account, or the one named with
    /// [`Client::for_account`]. Account-scoped operations (`/2010-04-01/Accounts/{AccountSid}/...`)
    /// put it in their path, as Twilio's own libraries do.
    pub fn account_sid(&self) -> &str {
        self.account
            .as_deref()
            .unwrap_or_else(|| self.inner.credentials.account_sid())
    }

    /// The same client acting on another account, a subaccount of the credentials' account:
    /// account-scoped operations name `account_sid` in their path, and requests are still
    /// authenticated with the client's own credentials (Twilio lets a parent account reach its
    /// subaccounts). Shares connections and settings with `self`.
    ///
    /// # Errors
    ///
    /// [`InvalidSid`](crate::InvalidSid) when `account_sid` is not `AC` and 32 hex digits;
    /// nothing is sent.
    pub fn for_account(
        &self,
        account_sid: impl AsRef<str>,
    ) -> std::result::Result<Client, crate::InvalidSid> {
        let account_sid = account_sid.as_ref();
        super::sid::check_sid(account_sid, "AccountSid", "AC", false)?;
        Ok(Client {
            inner: Arc::clone(&self.inner),
            account: Some(Arc::from(account_sid)),
        })
    }

    /// The retry policy in use.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.inner.retry
    }

    /// The User-Agent header sent with every request.
    pub fn user_agent(&self) -> &str {
        &self.inner.user_agent
    }

    /// The largest success body accepted, in bytes; see [`ClientBuilder::max_body_size`].
    pub fn max_body_size(&self) -> usize {
        self.inner.max_body_bytes
    }

    /// The most pages one list stream fetches; see [`ClientBuilder::max_pages`].
    pub fn max_pages(&self) -> u32 {
        self.inner.max_pages
    }

    /// Sends, retries per policy, decodes a JSON body into `T`. Decode errors name the operation.
    pub(crate) async fn send_json<T: serde::de::DeserializeOwned>(
        &self,
        request: RequestSpec,
    ) -> Result<Response<T>> {
        let raw = self.execute(&request).await?;
        let body = decode_json(
            request.operation_id,
            request.path_template,
            &raw.headers,
            &raw.body,
        )
        .map_err(|e| e.at_status(raw.status))?;
        Ok(Response::new(raw.status, raw.headers, body))
    }

    /// For operations whose success statuses have different bodies: `decode` picks the body type
    /// by the status.
    #[allow(dead_code)] // Only documents with such operations use it.
    pub(crate) async fn send_by_status<T>(
        &self,
        request: RequestSpec,
        decode: impl FnOnce(StatusCode, &HeaderMap, &[u8]) -> Result<T>,
    ) -> Result<Response<T>> {
        let raw = self.execute(&request).await?;
        let body =
            decode(raw.status, &raw.headers, &raw.body).map_err(|e| e.at_status(raw.status))?;
        Ok(Response::new(raw.status, raw.headers, body))
    }

    /// For operations whose success response has no body (204): ignores any body.
    pub(crate) async fn send_empty(&self, request: RequestSpec) -> Result<Response<()>> {
        let raw = self.execute(&request).await?;
        Ok(Response::new(raw.status, raw.headers, ()))
    }

    /// Resolves a page's `next_page_url` and refuses it unless it is on the configured origin.
    ///
    /// Twilio answers with its global host, so edge/region rewriting is applied first, as the
    /// official libraries do for every URL.
    pub(crate) fn resolve_next_page(&self, operation: &'static str, raw: &str) -> Result<Url> {
        let base = &self.inner.base_url;
        let foreign = |origin: String| Error::ForeignNextPage { operation, origin };
        let mut url = base
            .join(raw)
            .map_err(|_| foreign("(unparseable URL)".to_owned()))?;
        self.inner.location.apply(&mut url);
        if url.origin() != base.origin() {
            return Err(foreign(url.origin().ascii_serialization()));
        }
        // Same origin, but user info would override our Authorization header.
        let _ = url.set_username("");
        let _ = url.set_password(None);
        url.set_fragment(None);
        Ok(url)
    }

    pub(crate) fn url_for(&self, request: &RequestSpec) -> Url {
        let mut url = match &request.target {
            Target::Path(path) => {
                // An operation's own server (an upload host), else the base URL.
                let mut url = request
                    .server
                    .and_then(|declared| self.inner.servers.get(declared))
                    .unwrap_or(&self.inner.base_url)
                    .clone();
                // A base URL with a path (`https://host/base`) prefixes every operation path.
                let prefix = url.path().trim_end_matches('/').to_owned();
                url.set_path(&format!("{prefix}{path}"));
                url
            }
            Target::Url(url) => url.clone(),
        };
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(request.query.pairs());
        }
        url
    }

    /// Sends `request` until it succeeds, fails for good, or the retry policy gives up.
    pub(super) async fn execute(&self, request: &RequestSpec) -> Result<RawResponse> {
        self.execute_with(request, false).await
    }

    /// `execute`, also accepting 3xx answers as success (never following them).
    #[allow(dead_code)] // Only documents with redirect-only operations use it.
    pub(super) async fn execute_allowing_redirects(
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
                .check_size(self.inner.max_upload_bytes)
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
                            limit: self.inner.max_body_bytes,
                            content_length,
                        },
                    ),
                };
                let delay = failure.as_ref().and_then(|failure| {
                    self.inner
                        .retry
                        .delay_after(&request.method, attempt, failure)
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
            .request(request.method.clone(), url.clone())
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
            Body::None
                if request.method != reqwest::Method::GET
                    && request.method != reqwest::Method::DELETE =>
            {
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
            let limit = self.inner.max_body_bytes;
            if content_length.is_some_and(|length| length > limit as u64) {
                return Err(AttemptError::TooLarge { content_length });
            }
            limit
        } else if is_json(&headers) {
            ERROR_JSON_BYTES
        } else {
            ERROR_TEXT_BYTES
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

/// reqwest is built without a default TLS crypto provider (see the workspace manifest): ring is
/// installed as the process's provider unless the application installed one already, in which
/// case that one is used.
fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing a race with another thread installing one is fine: a provider is set either way.
        // Newer rustls deprecates the ring provider (no post-quantum key exchange); it stays our
        // choice (no C build), and stand-alone crates resolve whichever rustls 0.23 is newest.
        #[allow(deprecated)]
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
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

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Destructured, so a new field cannot be forgotten here: it must be shown or skipped.
        let Inner {
            http: _,
            credentials,
            access_token,
            base_url,
            servers,
            location: _,
            retry,
            on_retry,
            user_agent,
            max_pages,
            max_body_bytes,
            max_upload_bytes,
        } = &*self.inner;
        f.debug_struct("Client")
            .field("base_url", &base_url.as_str())
            .field("account", &self.account)
            .field("servers", servers)
            .field("max_upload_bytes", max_upload_bytes)
            .field("credentials", credentials)
            .field("access_token", access_token)
            .field("retry", retry)
            .field("on_retry", &on_retry.as_ref().map(|_| "Fn"))
            .field("user_agent", user_agent)
            .field("max_pages", max_pages)
            .field("max_body_bytes", max_body_bytes)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`].
#[derive(Clone)]
pub struct ClientBuilder {
    credentials: Credentials,
    access_token: Option<Secret>,
    base_url: Option<String>,
    edge: Option<String>,
    region: Option<String>,
    allow_insecure_http: bool,
    user_agent_extensions: Vec<String>,
    retry: RetryPolicy,
    on_retry: Option<RetryHook>,
    connect_timeout: Duration,
    timeout: Duration,
    max_pages: u32,
    max_body_bytes: usize,
    /// Declared operation server -> the URL to use instead.
    server_overrides: Vec<(String, String)>,
    max_upload_bytes: u64,
}

impl ClientBuilder {
    /// A builder using `credentials`, with every other setting at its default.
    pub fn new(credentials: Credentials) -> Self {
        Self {
            credentials,
            access_token: None,
            base_url: None,
            edge: None,
            region: None,
            allow_insecure_http: false,
            user_agent_extensions: Vec::new(),
            retry: RetryPolicy::default(),
            on_retry: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_pages: DEFAULT_MAX_PAGES,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            server_overrides: Vec::new(),
            max_upload_bytes: DEFAULT_MAX_UPLOAD_BYTES,
        }
    }

    /// Credentials from [`Credentials::from_env`], plus `TWILIO_EDGE` and `TWILIO_REGION` when
    /// set and non-empty.
    pub fn from_env() -> std::result::Result<Self, ConfigError> {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables through `var`.
    pub fn from_env_with(
        var: impl Fn(&str) -> Option<String>,
    ) -> std::result::Result<Self, ConfigError> {
        let mut builder = Self::new(Credentials::from_env_with(&var)?);
        let get = |name: &str| var(name).filter(|value| !value.is_empty());
        builder.edge = get("TWILIO_EDGE");
        builder.region = get("TWILIO_REGION");
        Ok(builder)
    }

    /// Sends requests to this origin instead of the API document's own server (a test server or
    /// a proxy; required when the document names no server). Edge and region still rewrite
    /// `*.twilio.com` hosts only.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// An access token for the operations that authenticate with a bearer token (the API
    /// document's `bearer` security schemes); never sent to the others.
    pub fn access_token(mut self, token: impl Into<String>) -> Self {
        self.access_token = Some(Secret::new(token.into()));
        self
    }

    /// Allows a plain `http` base URL. Only for local test servers: credentials travel
    /// unencrypted.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// The Twilio edge location, e.g. `"sydney"` (region defaults to `us1` if unset).
    pub fn edge(mut self, edge: impl Into<String>) -> Self {
        self.edge = Some(edge.into());
        self
    }

    /// The Twilio region, e.g. `"au1"`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Appends `extension` (e.g. `"my-app/1.2"`) to the User-Agent. Call once per extension.
    pub fn user_agent_extension(mut self, extension: impl Into<String>) -> Self {
        self.user_agent_extensions.push(extension.into());
        self
    }

    /// How failed requests are retried; [`RetryPolicy::disabled`] turns retries off.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Called before every retry (in addition to a `tracing` warning), e.g. to count them.
    pub fn on_retry(mut self, hook: impl Fn(&RetryEvent) + Send + Sync + 'static) -> Self {
        self.on_retry = Some(Arc::new(hook));
        self
    }

    /// Time allowed to establish a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for each attempt, from sending to the end of the body (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The most pages one list stream (`*_stream`) fetches, the first included (default
    /// 10,000; at least 1). A server still reporting a next page after that many ends the
    /// stream with [`Error::Paging`]. 10,000 pages are 10 million items at Twilio's largest page
    /// size (1,000) and half a million at its default (50): raise it for longer lists.
    ///
    /// Streams have further bounds, always on: a `next_page_url` already fetched by the stream
    /// (a cycle), or five pages in a row with no items but a next page, end it with
    /// [`Error::Paging`]; with a `limit`, at most `ceil(limit / page size) + 2` requests are
    /// made, the page size being the one requested, or the server's `meta.page_size` when
    /// smaller.
    pub fn max_pages(mut self, max_pages: u32) -> Self {
        self.max_pages = max_pages.max(1);
        self
    }

    /// The largest success body accepted, in bytes (default 32 MiB). A larger one is
    /// [`Error::BodyTooLarge`], refused on its Content-Length before any of it is read, or
    /// once the bytes read pass the cap; nothing of it is kept. The default holds Twilio's
    /// largest pages, 1,000 items of its largest resources (about 17 MiB for Sync Documents
    /// of 16 KiB each), twice over.
    ///
    /// Error bodies are never read further than what the error keeps: 16 KiB of JSON, or 800
    /// bytes of anything else.
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// Sends the operations that declare `declared` as their own server (Numbers' upload host,
    /// `https://numbers-upload.twilio.com/v2`) to `url` instead: a proxy, or a local server in
    /// tests. `url` is checked like [`base_url`](Self::base_url), and edge and region apply to
    /// it by the same rule. Credentials go to the base URL and to these servers only.
    pub fn operation_server(mut self, declared: impl Into<String>, url: impl Into<String>) -> Self {
        self.server_overrides.push((declared.into(), url.into()));
        self
    }

    /// The largest file a multipart body may carry, in bytes (default 64 MiB). A larger file
    /// is [`Error::Upload`], refused on its known length before anything is sent.
    pub fn max_upload_size(mut self, bytes: u64) -> Self {
        self.max_upload_bytes = bytes;
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> std::result::Result<Client, ConfigError> {
        let location = Location::new(self.edge.as_deref(), self.region.as_deref())?;
        let base = self
            .base_url
            .as_deref()
            .unwrap_or(crate::generated::DEFAULT_BASE_URL);
        if base.is_empty() {
            return Err(ConfigError::MissingBaseUrl);
        }
        let base_url = resolve_base_url(base, &location, self.allow_insecure_http)?;
        let servers = OperationServers::resolve(
            crate::generated::OPERATION_SERVERS,
            &self.server_overrides,
            &location,
            self.allow_insecure_http,
        )?;
        let user_agent = user_agent(&self.user_agent_extensions)?;
        install_crypto_provider();
        let http = reqwest::Client::builder()
            .user_agent(user_agent.clone())
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            // A redirect could carry the Authorization header to another host; Twilio's API
            // does not redirect, so a 3xx surfaces as an error instead.
            .redirect(redirect::Policy::none())
            .https_only(!self.allow_insecure_http)
            .build()
            .map_err(ConfigError::HttpClient)?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                credentials: self.credentials,
                access_token: self.access_token,
                base_url,
                servers,
                location,
                retry: self.retry,
                on_retry: self.on_retry,
                user_agent,
                max_pages: self.max_pages,
                max_body_bytes: self.max_body_bytes,
                max_upload_bytes: self.max_upload_bytes,
            }),
            account: None,
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Destructured, so a new field cannot be forgotten here: it must be shown or skipped.
        let Self {
            credentials,
            access_token,
            base_url,
            edge,
            region,
            allow_insecure_http,
            user_agent_extensions,
            retry,
            on_retry,
            connect_timeout,
            timeout,
            max_pages,
            max_body_bytes,
            server_overrides,
            max_upload_bytes,
        } = self;
        f.debug_struct("ClientBuilder")
            .field("credentials", credentials)
            .field("access_token", access_token)
            // Its origin only: a URL given here can carry a token (`https://AC…:token@host`).
            .field(
                "base_url",
                &base_url.as_deref().map(|base| match Url::parse(base) {
                    Ok(url) => url.origin().ascii_serialization(),
                    Err(_) => "<not a URL>".to_owned(),
                }),
            )
            .field("edge", edge)
            .field("region", region)
            .field("allow_insecure_http", allow_insecure_http)
            .field("user_agent_extensions", user_agent_extensions)
            .field("retry", retry)
            .field("on_retry", &on_retry.as_ref().map(|_| "Fn"))
            .field("connect_timeout", connect_timeout)
            .field("timeout", timeout)
            .field("max_pages", max_pages)
            .field("max_body_bytes", max_body_bytes)
            // Origins only, as for the base URL.
            .field(
                "server_overrides",
                &server_overrides
                    .iter()
                    .map(|(declared, url)| (declared.as_str(), super::host::origin_of(url)))
                    .collect::<Vec<_>>(),
            )
            .field("max_upload_bytes", max_upload_bytes)
            .finish()
    }
}
