//! What the generated operations hand to the client: one request, not yet sent.

use url::Url;

use super::error::Error;
use super::method::Method;
use super::multipart::MultipartParts;
use super::wire::{WireParams, encode_path_segment};

/// A request described by a generated operation.
#[derive(Debug, Clone)]
pub(crate) struct RequestSpec {
    pub(crate) method: Method,
    /// e.g. `"CreateEndUser"`; names the operation in errors and traces.
    pub(crate) operation_id: &'static str,
    /// e.g. `"/v2/RegulatoryCompliance/EndUsers/{Sid}"`; traced instead of the filled path.
    pub(crate) path_template: &'static str,
    pub(crate) target: Target,
    pub(crate) query: WireParams,
    /// Header parameters, under their exact wire names.
    pub(crate) headers: WireParams,
    pub(crate) auth: Auth,
    pub(crate) body: Body,
    /// A path argument that must not be sent (empty, `.` or `..`): the send fails with
    /// [`Error::InvalidPathArgument`] before any request.
    pub(crate) path_problem: Option<PathProblem>,
    /// For lists paged by token (`pageToken` in, `meta.nextToken` out): the query key that
    /// carries the token of the page to fetch.
    pub(crate) page_token: Option<&'static str>,
    /// The operation's own server (one of the generated `OPERATION_SERVERS`), when it is not
    /// the client's base URL.
    pub(crate) server: Option<&'static str>,
}

/// Which path argument is unusable, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PathProblem {
    /// The parameter's name in the template (`Sid`), or the template segment itself.
    pub(crate) parameter: &'static str,
    pub(crate) reason: &'static str,
}

/// Which credentials a request carries, from the operation's `security`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Auth {
    /// HTTP basic with the client's [`Credentials`](crate::Credentials) (the default).
    Basic,
    /// `Authorization: Bearer` with the client's access token.
    #[allow(dead_code)] // Only documents with bearer-token operations use it.
    Bearer,
    /// No credentials at all (`security: []`).
    #[allow(dead_code)] // Only documents with unauthenticated operations use it.
    None,
}

/// Where the request goes.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    /// A path (segments already percent-encoded) on the configured origin.
    Path(String),
    /// A full URL already checked to be on the configured origin (a next page).
    Url(Url),
}

/// The request body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Body {
    None,
    /// `application/x-www-form-urlencoded` text.
    Form(String),
    /// `application/json` bytes.
    #[allow(dead_code)] // Built by `RequestSpec::json` only; see there.
    Json(Vec<u8>),
    /// A `multipart/form-data` body, built anew for each attempt.
    #[allow(dead_code)] // Only documents with multipart bodies use it.
    Multipart(MultipartParts),
}

impl RequestSpec {
    /// A request to `path_template` (`/v2/Things/{Sid}/Items`) filled with `args`, one per
    /// `{...}` in the order they appear, each percent-encoded as one segment. An argument
    /// that is empty, or makes its segment `.` or `..`, is recorded: the send fails with
    /// [`Error::InvalidPathArgument`] before any request.
    pub(crate) fn new(
        method: Method,
        operation_id: &'static str,
        path_template: &'static str,
        args: &[&str],
    ) -> Self {
        let (path, path_problem) = fill_path(path_template, args);
        Self {
            method,
            operation_id,
            path_template,
            path_problem,
            target: Target::Path(path),
            query: WireParams::new(),
            headers: WireParams::new(),
            auth: Auth::Basic,
            body: Body::None,
            page_token: None,
            server: None,
        }
    }

    /// A GET of an already-validated next-page URL for the same operation.
    pub(crate) fn next_page(
        operation_id: &'static str,
        path_template: &'static str,
        url: Url,
    ) -> Self {
        Self {
            method: Method::Get,
            operation_id,
            path_template,
            target: Target::Url(url),
            query: WireParams::new(),
            headers: WireParams::new(),
            auth: Auth::Basic,
            body: Body::None,
            path_problem: None,
            page_token: None,
            server: None,
        }
    }

    /// Adds query parameters (appended to any added before).
    pub(crate) fn query(mut self, params: WireParams) -> Self {
        self.query.extend(params);
        self
    }

    /// Adds header parameters. An `Authorization` header replaces the client's credentials for
    /// this request (the caller chose it explicitly); other headers are added as given.
    pub(crate) fn headers(mut self, params: WireParams) -> Self {
        self.headers.extend(params);
        self
    }

    /// Marks a list paged by token: later pages repeat this request with `key` set to the
    /// token the previous page returned.
    #[allow(dead_code)] // Only documents with token-paged lists use it.
    pub(crate) fn page_token(mut self, key: &'static str) -> Self {
        self.page_token = Some(key);
        self
    }

    /// This request for the page `token` names (same query, token replaced).
    pub(crate) fn with_page_token(&self, key: &'static str, token: &str) -> Self {
        let mut next = self.clone();
        next.query.remove(key);
        next.query.push(key, token);
        next
    }

    /// Sets which credentials the request carries.
    pub(crate) fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    /// Sets an `application/x-www-form-urlencoded` body.
    pub(crate) fn form(mut self, params: WireParams) -> Self {
        self.body = Body::Form(params.to_urlencoded());
        self
    }

    /// Sets a `multipart/form-data` body.
    #[allow(dead_code)] // Only documents with multipart bodies use it.
    pub(crate) fn multipart(mut self, parts: MultipartParts) -> Self {
        self.body = Body::Multipart(parts);
        self
    }

    /// Sends the request to the operation's own server (`url` as the document declares it)
    /// instead of the base URL.
    #[allow(dead_code)] // Only documents with per-operation servers use it.
    pub(crate) fn server(mut self, url: &'static str) -> Self {
        self.server = Some(url);
        self
    }

    /// Sets an `application/json` body.
    // In the contract, but Numbers v2 has no JSON request bodies, so no generated code calls it.
    #[allow(dead_code)]
    pub(crate) fn json<T: serde::Serialize>(mut self, body: &T) -> crate::Result<Self> {
        let bytes = serde_json::to_vec(body).map_err(|source| Error::Encode {
            operation: self.operation_id,
            source,
        })?;
        self.body = Body::Json(bytes);
        Ok(self)
    }
}

/// Fills `template` with `args`, one per `{...}` in order, each encoded with
/// [`encode_path_segment`] (which escapes `/`, so an argument stays within its segment), and
/// reports the first argument that cannot be sent: an empty one, or one whose segment is `.`
/// or `..`, which URL resolution would remove (`/v2/Things/..` is `/v2/`); percent-encoding
/// does not help, since URL parsing reads `%2e` as a dot too. A missing argument (the
/// generated code always passes one per placeholder) is reported too; extra ones are ignored.
fn fill_path(template: &'static str, args: &[&str]) -> (String, Option<PathProblem>) {
    let capacity = template.len() + args.iter().map(|arg| arg.len()).sum::<usize>();
    let mut path = String::with_capacity(capacity);
    let mut args = args.iter();
    let mut problem = None;
    for (index, part) in template.split('/').enumerate() {
        if index > 0 {
            path.push('/');
        }
        let start = path.len();
        // The segment's first parameter names it in a dot-segment problem.
        let mut first_parameter = None;
        let mut rest = part;
        while let Some((literal, after)) = rest.split_once('{') {
            path.push_str(literal);
            let Some((parameter, tail)) = after.split_once('}') else {
                // An unclosed brace is text.
                path.push('{');
                rest = after;
                break;
            };
            first_parameter.get_or_insert(parameter);
            let reason = match args.next() {
                Some(arg) => {
                    path.push_str(&encode_path_segment(arg));
                    arg.is_empty().then_some("is empty")
                }
                None => Some("is missing"),
            };
            if let (Some(reason), None) = (reason, &problem) {
                problem = Some(PathProblem { parameter, reason });
            }
            rest = tail;
        }
        path.push_str(rest);
        if let (Some(parameter), None) = (first_parameter, &problem)
            && is_dot_segment(&path[start..])
        {
            problem = Some(PathProblem {
                parameter,
                reason: "is `.` or `..`, which URL resolution would remove",
            });
        }
    }
    (path, problem)
}

/// `.` or `..`, also written with `%2e` (WHATWG URL parsing reads both as dot segments).
fn is_dot_segment(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "." | ".." | "%2e" | ".%2e" | "%2e." | "%2e%2e"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn spec() -> RequestSpec {
        RequestSpec::new(Method::Post, "CreateEndUser", "/v2/X", &[])
    }

    #[test]
    fn form_body_is_urlencoded_pairs_in_order() {
        let mut params = WireParams::new();
        params.push("FriendlyName", "a b");
        params.push("Type", "individual");
        assert_eq!(
            spec().form(params).body,
            Body::Form("FriendlyName=a+b&Type=individual".to_owned())
        );
    }

    #[test]
    fn json_body_and_its_encode_error() {
        let ok = spec().json(&serde_json::json!({"a": 1})).unwrap();
        assert_eq!(ok.body, Body::Json(br#"{"a":1}"#.to_vec()));
        // JSON object keys must be strings; a tuple key cannot be encoded.
        let bad: BTreeMap<(u8, u8), u8> = BTreeMap::from([((1, 2), 3)]);
        let err = spec().json(&bad).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Encode {
                    operation: "CreateEndUser",
                    ..
                }
            ),
            "{err:?}"
        );
    }

    fn problem(template: &'static str, value: &str) -> Option<PathProblem> {
        fill_path(template, &[value]).1
    }

    #[test]
    fn empty_and_dot_arguments_are_refused() {
        for template in [
            "/v2/Things/{Sid}",
            "/v2/Things/{Sid}/Items",
            "/v1/Calls/{Sid}.json",
        ] {
            for value in ["", ".", ".."] {
                let found = problem(template, value);
                if template.ends_with(".json") && !value.is_empty() {
                    // `..json` stays one segment: nothing to refuse.
                    assert_eq!(found, None, "{template} {value:?}");
                } else {
                    assert_eq!(
                        found.map(|p| p.parameter),
                        Some("Sid"),
                        "{template} {value:?}"
                    );
                }
            }
            for value in ["IT1", "...", "a.b", "%2e", "%2E%2e", "./", "é"] {
                assert_eq!(problem(template, value), None, "{template} {value:?}");
            }
        }
        assert!(is_dot_segment("%2E") && is_dot_segment(".%2e") && is_dot_segment("%2e%2E"));
        assert_eq!(
            fill_path("/v2/Things", &[]),
            ("/v2/Things".to_owned(), None)
        );
    }

    #[test]
    fn arguments_fill_their_placeholders_in_order_encoded() {
        let (path, problem) = fill_path(
            "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json",
            &["AC1", "a/b c"],
        );
        assert_eq!(path, "/2010-04-01/Accounts/AC1/Calls/a%2Fb%20c.json");
        assert_eq!(problem, None);
        let (path, problem) = fill_path("/v2/{A}-{B}/x", &["1", ""]);
        assert_eq!(path, "/v2/1-/x");
        assert_eq!(problem.map(|p| p.parameter), Some("B"));
        // Never from generated code, but never a panic either.
        let (_, problem) = fill_path("/v2/{A}/{B}", &["1"]);
        assert_eq!(
            problem,
            Some(PathProblem {
                parameter: "B",
                reason: "is missing"
            })
        );
        assert_eq!(fill_path("/v2/{A/x", &[]).0, "/v2/{A/x");
    }

    #[test]
    fn query_calls_accumulate() {
        let mut first = WireParams::new();
        first.push("A", "1");
        let mut second = WireParams::new();
        second.push("B", "2");
        let spec = spec().query(first).query(second);
        assert_eq!(spec.query.to_urlencoded(), "A=1&B=2");
    }
}
