//! The requests the server saw, with helpers to read what went on the wire.

use axum::http::{HeaderMap, Method};

/// One request as it arrived.
#[derive(Debug, Clone)]
pub(crate) struct Recorded {
    pub method: Method,
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Recorded {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The query string's pairs, decoded, in order.
    pub(crate) fn query_pairs(&self) -> Vec<(String, String)> {
        decode_pairs(self.query.as_deref().unwrap_or("").as_bytes())
    }

    /// The value of one query parameter.
    pub(crate) fn query_param(&self, name: &str) -> Option<String> {
        self.query_pairs()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// The form body's pairs, decoded, in order.
    pub(crate) fn form_pairs(&self) -> Vec<(String, String)> {
        decode_pairs(&self.body)
    }

    pub(crate) fn body_text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("request bodies are UTF-8")
    }
}

fn decode_pairs(text: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(text).into_owned().collect()
}
