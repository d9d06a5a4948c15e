//! The requests the server saw, with helpers to read what went on the wire.

use axum::http::Method;

/// One request as it arrived (what the fault tests count: its method, query and body).
#[derive(Debug, Clone)]
pub(crate) struct Recorded {
    pub method: Method,
    pub query: Option<String>,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The query string's pairs, decoded, in order.
    pub(crate) fn query_pairs(&self) -> Vec<(String, String)> {
        decode_pairs(self.query.as_deref().unwrap_or("").as_bytes())
    }

    /// The form body's pairs, decoded, in order.
    pub(crate) fn form_pairs(&self) -> Vec<(String, String)> {
        decode_pairs(&self.body)
    }
}

fn decode_pairs(text: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(text).into_owned().collect()
}
