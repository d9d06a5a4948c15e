//! The client: what it holds, what it tells about its configuration, and the typed entry
//! points the generated operations call. Building one is `client/builder.rs`, its bounds
//! `client/limits.rs`, sending one request with retries `client/send.rs`.

mod builder;
mod limits;
mod send;

use std::fmt;
use std::sync::Arc;

use url::Url;

pub use builder::ClientBuilder;
pub(crate) use limits::Limits;

use super::credentials::Credentials;
use super::decode::decode_json;
use super::error::{ConfigError, Error, Result};
use super::host::{Location, OperationServers};
use super::redact::Secret;
use super::request::{RequestSpec, Target};
use super::response::{Answer, Response};
use super::retry::{RetryHook, RetryPolicy};

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
    /// Timeouts, body and page caps, retries: every bound, set by the builder.
    limits: Limits,
    on_retry: Option<RetryHook>,
    user_agent: String,
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
        self.inner.limits.retry
    }

    /// The User-Agent header sent with every request.
    pub fn user_agent(&self) -> &str {
        &self.inner.user_agent
    }

    /// The largest success body accepted, in bytes; see [`ClientBuilder::max_body_size`].
    pub fn max_body_size(&self) -> usize {
        self.inner.limits.max_body_bytes
    }

    /// The most pages one list stream fetches; see [`ClientBuilder::max_pages`].
    pub fn max_pages(&self) -> u32 {
        self.inner.limits.max_pages
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
    /// by the status and decodes it through the [`Answer`].
    #[allow(dead_code)] // Only documents with such operations use it.
    pub(crate) async fn send_by_status<T>(
        &self,
        request: RequestSpec,
        decode: impl FnOnce(&Answer<'_>) -> Result<T>,
    ) -> Result<Response<T>> {
        let raw = self.execute(&request).await?;
        let answer = Answer {
            status: raw.status,
            headers: &raw.headers,
            body: &raw.body,
            operation: request.operation_id,
            path_template: request.path_template,
        };
        let body = decode(&answer).map_err(|e| e.at_status(raw.status))?;
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
            limits,
            on_retry,
            user_agent,
        } = &*self.inner;
        f.debug_struct("Client")
            .field("base_url", &base_url.as_str())
            .field("account", &self.account)
            .field("servers", servers)
            .field("credentials", credentials)
            .field("access_token", access_token)
            .field("on_retry", &on_retry.as_ref().map(|_| "Fn"))
            .field("user_agent", user_agent)
            .field("limits", limits)
            .finish_non_exhaustive()
    }
}
