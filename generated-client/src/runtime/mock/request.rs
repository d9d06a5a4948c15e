//! A request as the mock server received it, parsed once for matching and for handlers.

use reqwest::Method;
use reqwest::header::HeaderMap;

pub use super::multipart::MockPart;

/// One request the mock server received: what expectations are matched against, and what a
/// [`Then::respond_with`](super::Then::respond_with) handler reads.
#[derive(Debug, Clone)]
pub struct MockRequest {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: Vec<u8>,
    form: Vec<(String, String)>,
    /// The path arguments, decoded, once an expectation's template matched.
    path_args: Vec<(String, String)>,
    /// The declared server the request came to (`None`: the base URL).
    server: Option<&'static str>,
}

impl MockRequest {
    /// Parses the parts of a request; `path` is already stripped of the API's base path.
    pub(crate) fn new(
        method: Method,
        path: String,
        query: Option<&str>,
        headers: HeaderMap,
        body: Vec<u8>,
    ) -> Self {
        let query = query.map(parse_pairs).unwrap_or_default();
        let is_form = headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        let form = if is_form {
            parse_pairs(&String::from_utf8_lossy(&body))
        } else {
            Vec::new()
        };
        Self {
            method,
            path,
            query,
            headers,
            body,
            form,
            path_args: Vec::new(),
            server: None,
        }
    }

    /// The same request, received by the stand-in for the declared server `server`.
    pub(crate) fn on_server(mut self, server: Option<&'static str>) -> Self {
        self.server = server;
        self
    }

    /// The server the request came to, as the document declares it
    /// (`https://numbers-upload.twilio.com/v2`) when it is one an operation declares as its
    /// own; `None` for the API's base URL.
    pub fn server(&self) -> Option<&str> {
        self.server
    }

    /// The parts of a `multipart/form-data` body in order, or `None` when the body is not one
    /// (or is malformed).
    pub fn multipart(&self) -> Option<Vec<MockPart>> {
        let content_type = self.header("content-type")?;
        super::multipart::parse(content_type, &self.body)
    }

    /// The same request with the path arguments the matching expectation's template read.
    pub(crate) fn with_path_args(mut self, path_args: Vec<(String, String)>) -> Self {
        self.path_args = path_args;
        self
    }

    /// Path argument `name` (as the template spells it, `Sid`), decoded; set for the requests
    /// a [`Then::respond_with`](super::Then::respond_with) handler gets.
    pub fn path_arg(&self, name: &str) -> Option<&str> {
        self.path_args
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path, percent-encoded as sent, without the API's base path (`/v2/EndUsers/IT…`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query string's pairs, decoded, in order (a list is repeated keys).
    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }

    /// The form body's pairs, decoded, in order; empty unless the body is a form.
    pub fn form(&self) -> &[(String, String)] {
        &self.form
    }

    /// Every value of form field `name`.
    pub fn form_values(&self, name: &str) -> Vec<&str> {
        values(&self.form, name)
    }

    /// Every value of query field `name`.
    pub fn query_values(&self, name: &str) -> Vec<&str> {
        values(&self.query, name)
    }

    /// The request headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The value of header `name`, when it is set and is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The raw body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body as JSON, when it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

fn parse_pairs(text: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(text.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub(super) fn values<'a>(pairs: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}
