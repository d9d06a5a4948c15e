//! The axum extractor (feature `axum`): a request reaches the handler only once its signature
//! is checked.

use std::sync::Arc;

use axum::extract::{FromRef, FromRequest, Request};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};

use super::params::FormParams;
use super::payloads::{PayloadError, WebhookPayload};
use super::signing::SignedUrl;
use super::validator::{Validator, WebhookError, is_form};

/// Largest webhook body the extractor reads by default: 1 MiB, far above what Twilio's
/// callbacks carry.
const DEFAULT_BODY_LIMIT: usize = 1 << 20;

/// What the extractor needs from the application: the [`Validator`] and the public base URL
/// Twilio reaches the application at. Put it in the router's state (or make it reachable from
/// the state with [`FromRef`]).
///
/// The URL checked for a request is the base URL followed by the request's path and query as
/// the router received them; nothing is taken from `Host` or `X-Forwarded-*`, so a proxy in
/// front changes nothing. An application nested under a path the proxy strips gives that path
/// in the base URL (`https://example.com/api`), and so does a router mounted with
/// `Router::nest("/api", ..)`, since axum hands nested routes their path without the prefix.
#[derive(Clone, Debug)]
pub struct WebhookConfig {
    validator: Arc<Validator>,
    public_base_url: Arc<str>,
    body_limit: usize,
}

impl WebhookConfig {
    /// The validator and the public base URL (`https://example.com`, or with the path prefix
    /// a proxy strips). Refused unless it is an absolute `http(s)` URL without query or
    /// fragment.
    pub fn new(validator: Validator, public_base_url: &str) -> Result<Self, WebhookError> {
        SignedUrl::parse(public_base_url)?;
        if public_base_url.contains(['?', '#']) {
            return Err(WebhookError::InvalidUrl);
        }
        Ok(Self {
            validator: Arc::new(validator),
            public_base_url: public_base_url.trim_end_matches('/').into(),
            body_limit: DEFAULT_BODY_LIMIT,
        })
    }

    /// The largest body read, in bytes (1 MiB by default); a larger one is answered 413.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }
}

/// An axum extractor for Twilio's webhooks: it reads the body, checks the signature with the
/// state's [`WebhookConfig`] and answers 403 before the handler runs when it does not match.
/// The handler receives the payload: [`FormParams`] by default, or a typed one such as
/// [`BundleStatusCallback`](super::BundleStatusCallback).
///
/// It consumes the body, so it is the handler's last argument.
#[derive(Clone, Debug)]
pub struct TwilioWebhook<T = FormParams>(pub T);

/// Why the extractor refused a request, and the answer it gets: 403 for a signature that does
/// not hold, 400 for a signed request without the payload the handler wants, 413 for a body
/// over the limit. Answers name the reason's kind only; the reason itself goes to `tracing`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// The signature check failed: 403.
    #[error(transparent)]
    Invalid(#[from] WebhookError),
    /// The request is Twilio's, but lacks what the payload type requires: 400.
    #[error(transparent)]
    Payload(#[from] PayloadError),
    /// The body was larger than the configured limit, or could not be read: 413.
    #[error("the webhook body could not be read within the size limit")]
    Body,
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        tracing::warn!(reason = %self, "refused a webhook request");
        let (status, text) = match self {
            // Whatever the reason, a stranger learns only that the request was refused.
            Self::Invalid(_) => (StatusCode::FORBIDDEN, "invalid Twilio signature"),
            Self::Payload(_) => (StatusCode::BAD_REQUEST, "unexpected webhook parameters"),
            Self::Body => (StatusCode::PAYLOAD_TOO_LARGE, "webhook body too large"),
        };
        (status, text).into_response()
    }
}

impl<S, T> FromRequest<S> for TwilioWebhook<T>
where
    S: Send + Sync,
    WebhookConfig: FromRef<S>,
    T: WebhookPayload,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let config = WebhookConfig::from_ref(state);
        let (parts, body) = request.into_parts();
        let path_and_query = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        let url = format!("{}{path_and_query}", config.public_base_url);
        let body = axum::body::to_bytes(body, config.body_limit)
            .await
            .map_err(|_| WebhookRejection::Body)?;
        config.validator.validate(&url, &parts.headers, &body)?;
        let params = if parts.method == Method::GET {
            FormParams::parse(parts.uri.query().unwrap_or_default().as_bytes())
        } else if is_form(&parts.headers) {
            FormParams::parse(&body)
        } else {
            FormParams::new()
        };
        Ok(Self(T::from_webhook(params, &body)?))
    }
}
