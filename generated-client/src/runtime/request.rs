//! What the generated operations hand to the client: one request, not yet sent.

use reqwest::Method;
use url::Url;

use super::error::Error;
use super::wire::WireParams;

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
}

impl RequestSpec {
    /// `path` is the already-filled path, segments percent-encoded with
    /// [`encode_path_segment`](super::wire::encode_path_segment).
    pub(crate) fn new(
        method: Method,
        operation_id: &'static str,
        path_template: &'static str,
        path: String,
    ) -> Self {
        Self {
            method,
            operation_id,
            path_template,
            target: Target::Path(path),
            query: WireParams::new(),
            headers: WireParams::new(),
            auth: Auth::Basic,
            body: Body::None,
        }
    }

    /// A GET of an already-validated next-page URL for the same operation.
    pub(crate) fn next_page(
        operation_id: &'static str,
        path_template: &'static str,
        url: Url,
    ) -> Self {
        Self {
            method: Method::GET,
            operation_id,
            path_template,
            target: Target::Url(url),
            query: WireParams::new(),
            headers: WireParams::new(),
            auth: Auth::Basic,
            body: Body::None,
        }
    }

    /// Adds query parameters (appended to any added before).
    pub(crate) fn query(mut self, params: WireParams) -> Self {
        self.query.extend(params);
        self
    }

    /// Adds header parameters. An `Authorization` header replaces the client's credentials for
    /// this request (the caller chose it explicitly); other headers are added as given.
    #[allow(dead_code)] // Only documents with header parameters use it.
    pub(crate) fn headers(mut self, params: WireParams) -> Self {
        self.headers.extend(params);
        self
    }

    /// Sets which credentials the request carries.
    #[allow(dead_code)] // Only documents with bearer or unauthenticated operations use it.
    pub(crate) fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    /// Sets an `application/x-www-form-urlencoded` body.
    pub(crate) fn form(mut self, params: WireParams) -> Self {
        self.body = Body::Form(params.to_urlencoded());
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn spec() -> RequestSpec {
        RequestSpec::new(Method::POST, "CreateEndUser", "/v2/X", "/v2/X".to_owned())
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
