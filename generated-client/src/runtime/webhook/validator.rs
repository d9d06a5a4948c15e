//! The validator: which key and algorithm, which parts of the request are signed, and why a
//! request is refused.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use subtle::ConstantTimeEq;

use super::params::FormParams;
use super::signing::{Algorithm, SignedUrl, body_sha256_hex, params_suffix, verify};
use super::{SIGNATURE_HEADER, SIGNATURE_SETTINGS_HEADER};
use crate::runtime::redact::Secret;

/// Why a webhook request was refused. No variant carries the signature, the body, a key or
/// anything else the request sent: the reasons are safe to log and to show.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The request has no `X-Twilio-Signature` header: not from Twilio.
    #[error("the request has no X-Twilio-Signature header")]
    MissingSignature,
    /// The signature does not match the public URL and parameters under any accepted key (a
    /// stranger's request, a tampered one, or a public URL that differs from the one Twilio
    /// was given).
    #[error("the X-Twilio-Signature header does not match the request")]
    BadSignature,
    /// The signature matches the URL, but the body's SHA-256 is not the URL's `bodySHA256`:
    /// the body was changed on the way.
    #[error("the body's SHA-256 does not match the bodySHA256 query parameter")]
    BodyHashMismatch,
    /// The request has a body that is not a form and no `bodySHA256` in the URL: nothing
    /// signs the body.
    #[error("the request body is not a form and the URL has no bodySHA256: the body is unsigned")]
    UnsignedBody,
    /// `X-Twilio-Webhooks-Signature-Settings` names an algorithm this validator does not
    /// implement.
    #[error("the X-Twilio-Webhooks-Signature-Settings header names an unsupported algorithm")]
    UnsupportedAlgorithm,
    /// `X-Twilio-Webhooks-Signature-Settings` names a shared key this validator was not given
    /// (see [`Validator::with_shared_key`]).
    #[error("the X-Twilio-Webhooks-Signature-Settings header names an unknown shared key")]
    UnknownKey,
    /// `X-Twilio-Webhooks-Signature-Settings` is not `key=...,algorithm=...`.
    #[error("the X-Twilio-Webhooks-Signature-Settings header is malformed")]
    InvalidSignatureSettings,
    /// The public URL given to the validator is not an absolute `http` or `https` URL with a
    /// host (a configuration error of the receiving application, not of the request).
    #[error("the public URL of the webhook is not an absolute http(s) URL")]
    InvalidUrl,
}

/// Checks that webhook requests come from Twilio.
///
/// Built with the account's Auth Token; [`with_auth_token`](Self::with_auth_token) accepts a
/// further one while a token is rotated, and [`with_shared_key`](Self::with_shared_key) adds
/// the shared keys of Webhook Rules. `Debug` never shows a token or a secret.
#[derive(Clone)]
pub struct Validator {
    auth_tokens: Vec<Secret>,
    shared_keys: Vec<(String, Secret)>,
}

impl Validator {
    /// A validator for requests signed with `auth_token` (HMAC-SHA1).
    pub fn new(auth_token: impl Into<String>) -> Self {
        Self {
            auth_tokens: vec![Secret::new(auth_token.into())],
            shared_keys: Vec::new(),
        }
    }

    /// Also accepts requests signed with `auth_token`: while the account's token is rotated
    /// (Twilio's secondary token), both are valid.
    pub fn with_auth_token(mut self, auth_token: impl Into<String>) -> Self {
        self.auth_tokens.push(Secret::new(auth_token.into()));
        self
    }

    /// Accepts requests that a Webhook Rule signs with the shared key `key_id` (the `key=` of
    /// `X-Twilio-Webhooks-Signature-Settings`) and its `secret`. Requests that name the key
    /// are checked with this secret only, never with the Auth Token.
    pub fn with_shared_key(mut self, key_id: impl Into<String>, secret: impl Into<String>) -> Self {
        self.shared_keys
            .push((key_id.into(), Secret::new(secret.into())));
        self
    }

    /// Checks a request: `public_url` is the URL Twilio was given for this webhook, exactly as
    /// configured (scheme, host, port, path and the query Twilio requested), `headers` and
    /// `body` are the request's as received.
    ///
    /// A form body (`application/x-www-form-urlencoded`, or no `Content-Type`) is signed as
    /// its parameters; any other body must be covered by a `bodySHA256` in the URL, whose value
    /// is checked against the body once the signature matches.
    pub fn validate(
        &self,
        public_url: &str,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), WebhookError> {
        let signature = headers
            .get(SIGNATURE_HEADER)
            .ok_or(WebhookError::MissingSignature)?;
        // A signature that is not base64 matches nothing.
        let tag = STANDARD
            .decode(signature.as_bytes().trim_ascii())
            .map_err(|_| WebhookError::BadSignature)?;
        let (algorithm, keys) = self.keys_for(headers.get(SIGNATURE_SETTINGS_HEADER))?;
        let url = SignedUrl::parse(public_url)?;
        let suffix = if !url.body_hashes.is_empty() || body.is_empty() {
            // With bodySHA256 the URL alone is signed; an empty body has no parameters.
            String::new()
        } else if is_form(headers) {
            params_suffix(&FormParams::parse(body))
        } else {
            return Err(WebhookError::UnsignedBody);
        };
        let signed = keys.iter().any(|key| {
            url.forms
                .iter()
                .any(|form| verify(algorithm, key.expose(), form, &suffix, &tag))
        });
        if !signed {
            return Err(WebhookError::BadSignature);
        }
        match url.body_hashes.as_slice() {
            [] => Ok(()),
            [expected] => {
                let actual = body_sha256_hex(body);
                let expected = expected.to_ascii_lowercase();
                if bool::from(actual.as_bytes().ct_eq(expected.as_bytes())) {
                    Ok(())
                } else {
                    Err(WebhookError::BodyHashMismatch)
                }
            }
            // Twilio adds one; several leave it open which one covers the body.
            _ => Err(WebhookError::BodyHashMismatch),
        }
    }

    /// The algorithm and the keys to try: the Auth Tokens with HMAC-SHA1, or the shared key a
    /// settings header names with its algorithm.
    fn keys_for(
        &self,
        settings: Option<&reqwest::header::HeaderValue>,
    ) -> Result<(Algorithm, Vec<&Secret>), WebhookError> {
        let Some(settings) = settings else {
            return Ok((Algorithm::HmacSha1, self.auth_tokens.iter().collect()));
        };
        let settings = settings
            .to_str()
            .map_err(|_| WebhookError::InvalidSignatureSettings)?;
        let mut key_id = None;
        let mut algorithm = None;
        for entry in settings.split(',') {
            let (name, value) = entry
                .split_once('=')
                .ok_or(WebhookError::InvalidSignatureSettings)?;
            match name.trim() {
                "key" => key_id = Some(value.trim()),
                "algorithm" => algorithm = Some(value.trim()),
                // Entries Twilio may add later do not change what is checked.
                _ => {}
            }
        }
        let (Some(key_id), Some(algorithm)) = (key_id, algorithm) else {
            return Err(WebhookError::InvalidSignatureSettings);
        };
        let algorithm =
            Algorithm::from_settings_name(algorithm).ok_or(WebhookError::UnsupportedAlgorithm)?;
        let keys: Vec<&Secret> = self
            .shared_keys
            .iter()
            .filter(|(id, _)| id == key_id)
            .map(|(_, secret)| secret)
            .collect();
        if keys.is_empty() {
            return Err(WebhookError::UnknownKey);
        }
        Ok((algorithm, keys))
    }
}

/// Whether the body is a form: `application/x-www-form-urlencoded` (parameters ignored), or no
/// `Content-Type` at all, as Twilio's libraries assume.
pub(super) fn is_form(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE) else {
        return true;
    };
    let value = value.as_bytes();
    let media_type = value
        .split(|&b| b == b';')
        .next()
        .unwrap_or_default()
        .trim_ascii();
    media_type.eq_ignore_ascii_case(b"application/x-www-form-urlencoded")
}

impl fmt::Debug for Validator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Validator")
            .field("auth_tokens", &self.auth_tokens)
            .field("shared_keys", &self.shared_keys)
            .finish()
    }
}
