//! The first characters of a response body, kept for debugging but never shown: which bodies
//! are kept (not markup), how much of them, and how they are hidden from `Debug`.

use std::fmt;

use reqwest::header::HeaderMap;

/// How much of a non-JSON body is kept, in characters.
const EXCERPT_CHARS: usize = 200;

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
pub(super) fn is_markup(headers: &HeaderMap, body: &[u8]) -> bool {
    let labelled =
        content_type(headers).is_some_and(|ct| ct.contains("html") || ct.contains("xml"));
    labelled || body.trim_ascii_start().starts_with(b"<")
}

/// The media type of the Content-Type header (`text/html`), lowercase, when it is a plain
/// token of at most 64 characters.
pub(super) fn content_type(headers: &HeaderMap) -> Option<String> {
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
pub(super) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    let mut out: String = text.chars().take(EXCERPT_CHARS).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}
