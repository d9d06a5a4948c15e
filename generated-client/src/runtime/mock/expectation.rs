//! What an expectation matches (`When`), how it answers (`Then`), and the handle a test keeps
//! to check it was met (`Expectation`).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;

use super::request::MockRequest;
use super::server::Shared;
use crate::runtime::WireParams;

/// The request side of an expectation: every part set must match; a part not set matches
/// anything. The generated `...When` types (one per operation) wrap it with typed setters and
/// dereference to it, so these generic methods are there too.
#[derive(Clone)]
pub struct When {
    pub(crate) operation: &'static str,
    pub(crate) method: Method,
    pub(crate) template: &'static str,
    /// Fields whose values are JSON text (`Attributes`): compared as JSON values.
    pub(crate) json_fields: &'static [&'static str],
    pub(crate) path_args: Vec<(&'static str, String)>,
    pub(crate) query: Fields,
    pub(crate) form: Fields,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) json_body: Option<serde_json::Value>,
}

/// Expected query or form fields: each key with its values in order (a list is several).
#[derive(Debug, Clone, Default)]
pub(crate) struct Fields {
    /// Set from a whole params value: the request may hold no other field.
    pub(crate) exact: bool,
    pub(crate) expected: Vec<(String, Vec<String>)>,
}

impl Fields {
    fn add(&mut self, key: &str, value: String) {
        match self.expected.iter_mut().find(|(k, _)| k == key) {
            Some((_, values)) => values.push(value),
            None => self.expected.push((key.to_owned(), vec![value])),
        }
    }

    fn set_all(&mut self, params: &WireParams) {
        self.exact = true;
        self.expected.clear();
        for (key, value) in params.pairs() {
            self.add(key, value.clone());
        }
    }
}

impl When {
    /// A `when` for one operation's route that matches any arguments.
    pub(crate) fn new(
        operation: &'static str,
        method: crate::runtime::Method,
        template: &'static str,
        json_fields: &'static [&'static str],
    ) -> Self {
        Self {
            operation,
            method: method.into(),
            template,
            json_fields,
            path_args: Vec::new(),
            query: Fields::default(),
            form: Fields::default(),
            headers: Vec::new(),
            json_body: None,
        }
    }

    /// The operation id this expectation is for (`CreateEndUser`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// Path argument `name` (as the template spells it, `Sid`) must be `value` (decoded).
    pub fn path_arg(&mut self, name: &'static str, value: impl Into<String>) -> &mut Self {
        let value = value.into();
        self.path_args.retain(|(n, _)| *n != name);
        self.path_args.push((name, value));
        self
    }

    /// Query field `name` must hold `value` (call again for each value of a list).
    pub fn query_field(&mut self, name: &str, value: impl Into<String>) -> &mut Self {
        self.query.add(name, value.into());
        self
    }

    /// Form field `name` must hold `value` (call again for each value of a list).
    pub fn form_field(&mut self, name: &str, value: impl Into<String>) -> &mut Self {
        self.form.add(name, value.into());
        self
    }

    /// Header `name` must be `value`.
    pub fn header(&mut self, name: &str, value: impl Into<String>) -> &mut Self {
        self.headers.push((name.to_ascii_lowercase(), value.into()));
        self
    }

    /// The JSON body must equal `value` (compared as JSON, key order aside).
    pub fn json_body_value(&mut self, value: serde_json::Value) -> &mut Self {
        self.json_body = Some(value);
        self
    }

    /// The query string must hold exactly these fields.
    pub(crate) fn query_params(&mut self, params: &WireParams) {
        self.query.set_all(params);
    }

    /// The form body must hold exactly these fields.
    pub(crate) fn form_params(&mut self, params: &WireParams) {
        self.form.set_all(params);
    }

    /// These headers must be sent (others may be too: the client adds its own).
    #[allow(dead_code)] // Only documents with header parameters use it.
    pub(crate) fn header_params(&mut self, params: &WireParams) {
        for (name, value) in params.pairs() {
            self.header(name, value.clone());
        }
    }

    /// The JSON body must equal `body` serialized.
    #[allow(dead_code)] // Only documents with JSON request bodies use it.
    pub(crate) fn json_body<T: serde::Serialize + ?Sized>(&mut self, body: &T) {
        self.json_body = serde_json::to_value(body).ok();
    }

    /// `CreateEndUser (POST /v2/...)`.
    pub(crate) fn label(&self) -> String {
        format!("{} ({} {})", self.operation, self.method, self.template)
    }
}

impl fmt::Debug for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// A function computing the answer of an expectation from the request.
pub(crate) type Handler = Arc<dyn Fn(&MockRequest, &mut Then) + Send + Sync>;

/// How an expectation answers.
#[derive(Clone, Default)]
pub(crate) enum Answer {
    /// Nothing said: a 500 telling the test to say it.
    #[default]
    Unset,
    /// This status, with this JSON body (none for `None`).
    Fixed { status: u16, body: Option<Vec<u8>> },
    /// Computed per request.
    Handler(Handler),
}

/// The answer side of an expectation. The generated `...Then` types (one per operation) wrap it
/// with the operation's typed answers (`ok`, `page`, ...) and dereference to it.
#[derive(Clone)]
pub struct Then {
    pub(crate) operation: &'static str,
    pub(crate) answer: Answer,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) delay: Duration,
}

impl Then {
    /// An answer not yet chosen, for `operation`.
    pub(crate) fn new(operation: &'static str) -> Self {
        Self {
            operation,
            answer: Answer::Unset,
            headers: Vec::new(),
            delay: Duration::ZERO,
        }
    }

    /// Answers with `status`, keeping a body already set (none otherwise).
    pub fn status(&mut self, status: u16) -> &mut Self {
        let body = match &mut self.answer {
            Answer::Fixed { body, .. } => body.take(),
            _ => None,
        };
        self.answer = Answer::Fixed { status, body };
        self
    }

    /// Answers with `status` and no body.
    pub(crate) fn empty(&mut self, status: u16) -> &mut Self {
        self.answer = Answer::Fixed { status, body: None };
        self
    }

    /// Answers with `status` and `body` as JSON, unchecked (the typed `ok` checks the type).
    pub fn json_value(&mut self, status: u16, body: serde_json::Value) -> &mut Self {
        self.json(status, &body)
    }

    /// Answers with `status` and `body` serialized as JSON.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, status: u16, body: &T) -> &mut Self {
        self.answer = match serde_json::to_vec(body) {
            Ok(bytes) => Answer::Fixed {
                status,
                body: Some(bytes),
            },
            Err(e) => error_answer(500, None, &format!("the answer cannot be serialized: {e}")),
        };
        self
    }

    /// Answers with Twilio's error shape: `{"code", "message", "more_info", "status"}`.
    pub fn error(&mut self, status: u16, code: i64, message: &str) -> &mut Self {
        self.answer = error_answer(status, Some(code), message);
        self
    }

    /// Adds a response header.
    pub fn header(&mut self, name: &str, value: impl Into<String>) -> &mut Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    /// Adds `Retry-After: seconds` (with a 429 or 503 the client waits that long, within its
    /// retry policy's maximum delay, and tries again).
    pub fn retry_after(&mut self, seconds: u64) -> &mut Self {
        self.header("retry-after", seconds.to_string())
    }

    /// Waits this long before answering (the client's timeout can be exercised).
    pub fn delay(&mut self, delay: Duration) -> &mut Self {
        self.delay = delay;
        self
    }

    /// Computes the answer per request: `handler` gets the request and a fresh `Then` to fill.
    /// The building block of stateful fakes (one handler per route).
    pub fn respond_with(
        &mut self,
        handler: impl Fn(&MockRequest, &mut Then) + Send + Sync + 'static,
    ) -> &mut Self {
        self.answer = Answer::Handler(Arc::new(handler));
        self
    }

    /// Answers `value` with `status` after checking that it decodes as `T`, the operation's
    /// response type.
    ///
    /// # Panics
    ///
    /// When `value` does not decode as `T`: the test's answer could never reach the code under
    /// test, and the message says why.
    pub(crate) fn typed_json<T: serde::de::DeserializeOwned>(
        &mut self,
        status: u16,
        value: serde_json::Value,
    ) -> &mut Self {
        if let Err(e) = serde_json::from_value::<T>(value.clone()) {
            panic!(
                "the answer given for {} does not decode as {}: {e}",
                self.operation,
                std::any::type_name::<T>()
            );
        }
        self.json(status, &value)
    }

    /// A one-page list: `{ <key>: items, meta: {...} }`, with no next page.
    pub(crate) fn page(
        &mut self,
        status: u16,
        key: &str,
        by_token: bool,
        items: Vec<serde_json::Value>,
    ) -> &mut Self {
        let size = items.len();
        let meta = if by_token {
            serde_json::json!({ "key": key, "pageSize": size, "nextToken": null, "previousToken": null })
        } else {
            serde_json::json!({
                "page": 0, "page_size": size, "key": key, "url": null,
                "first_page_url": null, "previous_page_url": null, "next_page_url": null,
            })
        };
        let mut body = serde_json::Map::new();
        body.insert(key.to_owned(), serde_json::Value::Array(items));
        body.insert("meta".to_owned(), meta);
        self.json(status, &body)
    }
}

impl fmt::Debug for Then {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Then")
            .field("operation", &self.operation)
            .field("delay", &self.delay)
            .finish_non_exhaustive()
    }
}

/// Twilio's error shape as a fixed answer.
pub(crate) fn error_answer(status: u16, code: Option<i64>, message: &str) -> Answer {
    let more_info = code.map(|c| format!("https://www.twilio.com/docs/errors/{c}"));
    let body = serde_json::json!({
        "code": code, "message": message, "more_info": more_info, "status": status,
    });
    Answer::Fixed {
        status,
        body: Some(body.to_string().into_bytes()),
    }
}

/// A registered expectation: check how often it was met, or limit it.
#[must_use = "an expectation is checked by `assert_hits` or by the server's `verify`"]
pub struct Expectation {
    pub(crate) shared: Arc<Shared>,
    pub(crate) index: usize,
}

impl Expectation {
    /// How many requests it answered so far.
    pub fn hits(&self) -> usize {
        self.shared.with_expectation(self.index, |e| e.hits)
    }

    /// Answers at most `n` requests (later ones go to the next matching expectation), and
    /// [`MockServer::verify`](super::MockServer::verify) requires exactly `n`.
    pub fn times(self, n: usize) -> Self {
        self.shared
            .with_expectation(self.index, |e| e.times = Some(n));
        self
    }

    /// Lets it answer no request at all: `verify` does not require it to be met. For the
    /// routes of a stateful fake, which registers every route a test might use.
    pub fn optional(self) -> Self {
        self.shared
            .with_expectation(self.index, |e| e.optional = true);
        self
    }

    /// Panics unless it answered exactly `n` requests; the message lists the requests no
    /// expectation matched, with their closest expectation.
    pub fn assert_hits(&self, n: usize) {
        let (hits, label) = self
            .shared
            .with_expectation(self.index, |e| (e.hits, e.when.label()));
        if hits != n {
            panic!(
                "expectation #{} {label}: expected {n} request(s), got {hits}{}",
                self.index + 1,
                self.shared.unmatched_report()
            );
        }
    }
}

impl fmt::Debug for Expectation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expectation")
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}
