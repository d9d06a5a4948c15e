//! Receiving Twilio's webhooks safely: checking `X-Twilio-Signature` before trusting a request.
//!
//! Twilio signs every request it sends to an application (a Bundle's `StatusCallback`, a
//! message's status, an incoming call) with an HMAC of the URL it requested and the request's
//! form parameters, keyed with the account's Auth Token (or, under a Webhook Rule, a shared key).
//! A [`Validator`] recomputes that signature from the **public URL** the webhook was configured
//! with, the headers and the raw body, and answers `Ok(())` or the reason it refuses
//! ([`WebhookError`]); it never guesses the URL from `Host`, so it works behind proxies.
//!
//! `Validator::new(auth_token).validate(public_url, &headers, &body)` checks one request;
//! [`FormParams::parse`] then reads its parameters (repeated names kept), and
//! [`WebhookPayload`] turns them into a typed payload such as [`BundleStatusCallback`]. (This
//! runtime is shared by every generated crate, so its complete, compiled example lives in the
//! crate's README, "Receiving webhooks".)
//!
//! With the `axum` feature, `TwilioWebhook` is an axum extractor that answers 403 before the
//! handler runs and hands it the parsed parameters or a typed payload such as
//! [`BundleStatusCallback`].

mod params;
mod payloads;
mod signing;
mod validator;

#[cfg(feature = "axum")]
mod extractor;

/// The `http` crate's header types the validator takes (`HeaderMap`, `HeaderValue`): the same
/// types reqwest and axum use, so their request headers pass as they are.
pub use reqwest::header;

#[cfg(feature = "axum")]
pub use extractor::{TwilioWebhook, WebhookConfig, WebhookRejection};
pub use params::FormParams;
pub use payloads::{BundleStatus, BundleStatusCallback, PayloadError, WebhookPayload};
pub use signing::{Algorithm, body_sha256_hex, sign};
pub use validator::{Validator, WebhookError};

/// The header that carries Twilio's signature (base64 of the HMAC).
pub const SIGNATURE_HEADER: &str = "x-twilio-signature";

/// The header a Webhook Rule adds when a shared key signs the request instead of the Auth
/// Token: `key=<shared key id>,algorithm=HMAC_SHA256`.
pub const SIGNATURE_SETTINGS_HEADER: &str = "x-twilio-webhooks-signature-settings";

/// The query parameter Twilio adds to the URL of a request with a JSON body: the lowercase hex
/// SHA-256 of the raw body. The signature then covers the URL alone.
pub const BODY_SHA256_PARAM: &str = "bodySHA256";
