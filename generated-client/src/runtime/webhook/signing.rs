//! What Twilio signs and how: the signed string (URL, then sorted parameters), the URL's port
//! forms, and the HMACs over them.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

use super::params::FormParams;
use super::validator::WebhookError;

/// The MAC Twilio signs a webhook with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC-SHA1, keyed with the Auth Token: what Twilio uses unless a Webhook Rule says
    /// otherwise.
    HmacSha1,
    /// HMAC-SHA256, keyed with a shared key's secret, under a Webhook Rule
    /// (`X-Twilio-Webhooks-Signature-Settings: key=...,algorithm=HMAC_SHA256`).
    HmacSha256,
}

impl Algorithm {
    /// The algorithm a settings header names (`HMAC_SHA1`, `HMAC_SHA256`; case ignored).
    pub(super) fn from_settings_name(name: &str) -> Option<Self> {
        if name.eq_ignore_ascii_case("HMAC_SHA256") {
            Some(Self::HmacSha256)
        } else if name.eq_ignore_ascii_case("HMAC_SHA1") {
            Some(Self::HmacSha1)
        } else {
            None
        }
    }
}

/// The signature Twilio sends for a request to `url` with `params` (empty for a JSON body or a
/// GET): base64 (standard alphabet, padded) of the HMAC of the signed string keyed with `key`.
///
/// For tests of a receiver: sign a request the way Twilio would. Validation never compares
/// these strings; it checks the MAC in constant time.
pub fn sign(algorithm: Algorithm, key: &str, url: &str, params: &FormParams) -> String {
    let suffix = params_suffix(params);
    let tag = match algorithm {
        Algorithm::HmacSha1 => {
            mac::<Hmac<Sha1>>(key, url, &suffix).map(|m| m.finalize().into_bytes().to_vec())
        }
        Algorithm::HmacSha256 => {
            mac::<Hmac<Sha256>>(key, url, &suffix).map(|m| m.finalize().into_bytes().to_vec())
        }
    };
    tag.map(|t| STANDARD.encode(t)).unwrap_or_default()
}

/// The lowercase hex SHA-256 of a raw body, as Twilio puts it in the `bodySHA256` query
/// parameter of a request with a JSON body.
pub fn body_sha256_hex(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    hex
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The parameters' part of the signed string: each name followed by its value, sorted by name;
/// a name sent with several values contributes each distinct value once, values sorted.
pub(super) fn params_suffix(params: &FormParams) -> String {
    let mut pairs: Vec<(&str, &str)> = params.iter().collect();
    // Sorting the pairs sorts by name, then by value within a name.
    pairs.sort_unstable();
    pairs.dedup();
    let mut out = String::with_capacity(pairs.iter().map(|(n, v)| n.len() + v.len()).sum());
    for (name, value) in pairs {
        out.push_str(name);
        out.push_str(value);
    }
    out
}

/// Whether `tag` (the decoded signature) is the MAC of `url` + `suffix` under `key`, compared
/// in constant time.
pub(super) fn verify(algorithm: Algorithm, key: &str, url: &str, suffix: &str, tag: &[u8]) -> bool {
    match algorithm {
        Algorithm::HmacSha1 => {
            mac::<Hmac<Sha1>>(key, url, suffix).is_some_and(|m| m.verify_slice(tag).is_ok())
        }
        Algorithm::HmacSha256 => {
            mac::<Hmac<Sha256>>(key, url, suffix).is_some_and(|m| m.verify_slice(tag).is_ok())
        }
    }
}

fn mac<M: Mac + KeyInit>(key: &str, url: &str, suffix: &str) -> Option<M> {
    // HMAC takes keys of any length; `new_from_slice` cannot fail for it.
    let mut mac = <M as KeyInit>::new_from_slice(key.as_bytes()).ok()?;
    mac.update(url.as_bytes());
    mac.update(suffix.as_bytes());
    Some(mac)
}

/// The public URL checked and taken apart: the forms of it a signature may cover, and the
/// `bodySHA256` values of its query.
pub(super) struct SignedUrl {
    /// The URL as given first, then without its port and with its scheme's default port
    /// (Twilio signs with or without the port): at most three, all different.
    pub(super) forms: Vec<String>,
    /// Every `bodySHA256` value of the query (normally none or one).
    pub(super) body_hashes: Vec<String>,
}

impl SignedUrl {
    /// Parses `url` (absolute `http` or `https`, with a host). Port and userinfo come from the
    /// parsed URL; the path and query are kept exactly as given, since they are signed as sent.
    pub(super) fn parse(url: &str) -> Result<Self, WebhookError> {
        let parsed = url::Url::parse(url).map_err(|_| WebhookError::InvalidUrl)?;
        let (Some(host), Some(port)) = (parsed.host_str(), parsed.port_or_known_default()) else {
            return Err(WebhookError::InvalidUrl);
        };
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(WebhookError::InvalidUrl);
        }
        // The given text must start with the scheme and `//` (no leading spaces or a scheme
        // the parser had to repair), so that what follows the authority is the given text.
        let prefix_len = parsed.scheme().len() + 3;
        let given_prefix = url.get(..prefix_len).ok_or(WebhookError::InvalidUrl)?;
        let expected_prefix = format!("{}://", parsed.scheme());
        if !given_prefix.eq_ignore_ascii_case(&expected_prefix) {
            return Err(WebhookError::InvalidUrl);
        }
        let after = &url[prefix_len..];
        // The authority ends where the path, query or fragment starts: none of these
        // characters can appear inside it.
        let rest = after
            .find(['/', '?', '#', '\\'])
            .map_or("", |end| &after[end..]);
        let mut authority = String::with_capacity(after.len() - rest.len() + 6);
        if !parsed.username().is_empty() || parsed.password().is_some() {
            authority.push_str(parsed.username());
            if let Some(password) = parsed.password() {
                authority.push(':');
                authority.push_str(password);
            }
            authority.push('@');
        }
        authority.push_str(host);
        let without_port = format!("{expected_prefix}{authority}{rest}");
        let with_port = format!("{expected_prefix}{authority}:{port}{rest}");
        let mut forms = vec![url.to_owned()];
        for form in [without_port, with_port] {
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
        let body_hashes = parsed
            .query_pairs()
            .filter(|(name, _)| name == super::BODY_SHA256_PARAM)
            .map(|(_, value)| value.into_owned())
            .collect();
        Ok(Self { forms, body_hashes })
    }
}
