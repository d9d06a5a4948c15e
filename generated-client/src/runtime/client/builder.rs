//! [`ClientBuilder`]: the settings of a client, checked when it is built.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::redirect;
use url::Url;

use super::{Client, Inner, Limits};
use crate::runtime::credentials::Credentials;
use crate::runtime::error::ConfigError;
use crate::runtime::host::{Location, OperationServers, origin_of, resolve_base_url};
use crate::runtime::redact::Secret;
use crate::runtime::retry::{RetryEvent, RetryHook, RetryPolicy};
use crate::runtime::user_agent::user_agent;

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
    on_retry: Option<RetryHook>,
    /// Declared operation server -> the URL to use instead.
    server_overrides: Vec<(String, String)>,
    /// Timeouts, body and page caps, retries.
    limits: Limits,
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
            on_retry: None,
            server_overrides: Vec::new(),
            limits: Limits::default(),
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
        self.limits.retry = policy;
        self
    }

    /// Called before every retry (in addition to a `tracing` warning), e.g. to count them.
    pub fn on_retry(mut self, hook: impl Fn(&RetryEvent) + Send + Sync + 'static) -> Self {
        self.on_retry = Some(Arc::new(hook));
        self
    }

    /// Time allowed to establish a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.limits.connect_timeout = timeout;
        self
    }

    /// Time allowed for each attempt, from sending to the end of the body (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.limits.timeout = timeout;
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
    ///
    /// [`Error::Paging`]: crate::Error::Paging
    pub fn max_pages(mut self, max_pages: u32) -> Self {
        self.limits.max_pages = max_pages.max(1);
        self
    }

    /// The largest success body accepted, in bytes (default 32 MiB). A larger one is
    /// [`Error::BodyTooLarge`](crate::Error::BodyTooLarge), refused on its Content-Length
    /// before any of it is read, or once the bytes read pass the cap; nothing of it is kept.
    /// The default holds Twilio's largest pages, 1,000 items of its largest resources (about
    /// 17 MiB for Sync Documents of 16 KiB each), twice over.
    ///
    /// Error bodies are never read further than what the error keeps: 16 KiB of JSON, or 800
    /// bytes of anything else.
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.limits.max_body_bytes = bytes;
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
    /// is [`Error::Upload`](crate::Error::Upload), refused on its known length before anything
    /// is sent.
    pub fn max_upload_size(mut self, bytes: u64) -> Self {
        self.limits.max_upload_bytes = bytes;
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
            .connect_timeout(self.limits.connect_timeout)
            .timeout(self.limits.timeout)
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
                limits: self.limits,
                on_retry: self.on_retry,
                user_agent,
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
            on_retry,
            server_overrides,
            limits,
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
            .field("on_retry", &on_retry.as_ref().map(|_| "Fn"))
            // Origins only, as for the base URL.
            .field(
                "server_overrides",
                &server_overrides
                    .iter()
                    .map(|(declared, url)| (declared.as_str(), origin_of(url)))
                    .collect::<Vec<_>>(),
            )
            .field("limits", limits)
            .finish()
    }
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
