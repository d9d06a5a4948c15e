//! Property tests of webhook validation: a signed request validates, in any parameter order;
//! any change to the URL, a parameter's name or value, the set of parameters, the body or the
//! token is refused; arbitrary input never panics.

use proptest::prelude::*;
use reqwest::header::{HeaderMap, HeaderValue};

use super::properties::config;
use super::webhook::{form_body, headers};
use crate::runtime::webhook::{
    Algorithm, BODY_SHA256_PARAM, FormParams, SIGNATURE_HEADER, Validator, WebhookError,
    body_sha256_hex, sign,
};

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

/// A webhook URL: scheme, host, optional port, path and query.
fn url() -> impl Strategy<Value = String> {
    (
        prop::bool::ANY,
        "[a-z]{1,12}\\.(com|net|io)",
        prop::option::of(1u16..),
        "(/[a-zA-Z0-9._~-]{0,10}){0,3}",
        prop::option::of(
            "[a-zA-Z0-9]{1,6}=[a-zA-Z0-9%+]{0,8}(&[a-zA-Z0-9]{1,6}=[a-zA-Z0-9]{0,8}){0,2}",
        ),
    )
        .prop_map(|(https, host, port, path, query)| {
            let scheme = if https { "https" } else { "http" };
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            let query = query.map(|q| format!("?{q}")).unwrap_or_default();
            format!("{scheme}://{host}{port}{path}{query}")
        })
}

/// Parameters with distinct names, values of any text.
fn params() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::btree_map("[A-Z][a-zA-Z.]{1,10}", "\\PC{0,16}", 0..8)
        .prop_map(|map| map.into_iter().collect())
}

fn token() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9]{1,40}"
}

fn form(pairs: &[(String, String)]) -> FormParams {
    pairs
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect()
}

fn validate(
    token: &str,
    url: &str,
    signature: &str,
    params: &FormParams,
) -> Result<(), WebhookError> {
    Validator::new(token).validate(url, &headers(signature, FORM), &form_body(params))
}

/// One change to a signed request's URL or parameters.
#[derive(Clone, Debug)]
enum Change {
    /// A character added at the end of the URL (its path or query).
    UrlEnd(char),
    /// A character added to the path, right after the host.
    PathStart(char),
    /// A character added to the i-th parameter's name.
    Name(usize, char),
    /// A character added to the i-th parameter's value.
    Value(usize, char),
    /// The i-th parameter's value shortened by its last character.
    ValueShortened(usize),
    /// The i-th parameter removed.
    Removed(usize),
    /// A parameter added.
    Added(String, String),
}

fn change() -> impl Strategy<Value = Change> {
    let c = prop::char::range('a', 'z');
    prop_oneof![
        c.clone().prop_map(Change::UrlEnd),
        c.clone().prop_map(Change::PathStart),
        (any::<usize>(), c.clone()).prop_map(|(i, c)| Change::Name(i, c)),
        (any::<usize>(), c).prop_map(|(i, c)| Change::Value(i, c)),
        any::<usize>().prop_map(Change::ValueShortened),
        any::<usize>().prop_map(Change::Removed),
        ("Zz[a-z]{1,6}", "\\PC{0,8}").prop_map(|(n, v)| Change::Added(n, v)),
    ]
}

/// `url` and `pairs` with `change` applied; `None` when the change does not apply (no
/// parameters to change, or an empty value to shorten).
fn apply(
    change: &Change,
    url: &str,
    pairs: &[(String, String)],
) -> Option<(String, Vec<(String, String)>)> {
    let mut url = url.to_owned();
    let mut pairs = pairs.to_vec();
    let len = pairs.len();
    let pick = |i: &usize| (len > 0).then(|| i % len);
    match change {
        Change::UrlEnd(c) => url.push(*c),
        Change::PathStart(c) => {
            let host_start = url.find("://")? + 3;
            let path_start = url[host_start..]
                .find(['/', '?'])
                .map_or(url.len(), |i| host_start + i);
            url.insert_str(path_start, &format!("/{c}"));
        }
        Change::Name(i, c) => pairs[pick(i)?].0.push(*c),
        Change::Value(i, c) => pairs[pick(i)?].1.push(*c),
        Change::ValueShortened(i) => {
            pairs[pick(i)?].1.pop()?;
        }
        Change::Removed(i) => {
            pairs.remove(pick(i)?);
        }
        Change::Added(n, v) => pairs.push((n.clone(), v.clone())),
    }
    Some((url, pairs))
}

proptest! {
    #![proptest_config(config(2_000))]

    #[test]
    fn signed_requests_validate_in_any_order(url in url(), pairs in params(), token in token(), seed in any::<u64>()) {
        let params = form(&pairs);
        let signature = sign(Algorithm::HmacSha1, &token, &url, &params);
        prop_assert_eq!(validate(&token, &url, &signature, &params), Ok(()));
        // Twilio's order is not the signed order: any order of the pairs validates.
        let mut shuffled = pairs.clone();
        fastrand::Rng::with_seed(seed).shuffle(&mut shuffled);
        prop_assert_eq!(validate(&token, &url, &signature, &form(&shuffled)), Ok(()));
    }

    #[test]
    fn any_change_to_url_or_parameters_is_refused(url in url(), pairs in params(), token in token(), change in change()) {
        let signature = sign(Algorithm::HmacSha1, &token, &url, &form(&pairs));
        if let Some((changed_url, changed_pairs)) = apply(&change, &url, &pairs) {
            // Refused: the signature no longer matches, or the change broke the URL itself
            // (a character added to a port).
            let verdict = validate(&token, &changed_url, &signature, &form(&changed_pairs));
            prop_assert!(
                matches!(verdict, Err(WebhookError::BadSignature | WebhookError::InvalidUrl)),
                "{:?}: {:?}", change, verdict
            );
        }
    }

    #[test]
    fn another_token_is_refused(url in url(), pairs in params(), token in token(), extra in "[a-zA-Z0-9]{1,4}", other in token()) {
        let params = form(&pairs);
        let signature = sign(Algorithm::HmacSha1, &token, &url, &params);
        let longer = format!("{token}{extra}");
        prop_assert_eq!(validate(&longer, &url, &signature, &params), Err(WebhookError::BadSignature));
        if other != token {
            prop_assert_eq!(validate(&other, &url, &signature, &params), Err(WebhookError::BadSignature));
        }
    }

    #[test]
    fn any_change_to_a_json_body_is_refused(url in url(), body in prop::collection::vec(any::<u8>(), 0..64), other in prop::collection::vec(any::<u8>(), 0..64), token in token()) {
        let separator = if url.contains('?') { '&' } else { '?' };
        let url = format!("{url}{separator}{BODY_SHA256_PARAM}={}", body_sha256_hex(&body));
        let signature = sign(Algorithm::HmacSha1, &token, &url, &FormParams::new());
        let json = Some("application/json");
        let validator = Validator::new(&token);
        prop_assert_eq!(validator.validate(&url, &headers(&signature, json), &body), Ok(()));
        if other != body {
            prop_assert_eq!(
                validator.validate(&url, &headers(&signature, json), &other),
                Err(WebhookError::BodyHashMismatch)
            );
        }
    }

    #[test]
    fn arbitrary_input_never_panics(url in "\\PC{0,40}", signature in prop::collection::vec(any::<u8>(), 0..40), settings in prop::option::of("\\PC{0,30}"), content_type in prop::option::of("\\PC{0,30}"), body in prop::collection::vec(any::<u8>(), 0..64)) {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_bytes(&signature) {
            headers.insert(SIGNATURE_HEADER, value);
        }
        for (name, value) in [("x-twilio-webhooks-signature-settings", settings), ("content-type", content_type)] {
            if let Some(Ok(value)) = value.map(|v| HeaderValue::from_str(&v)) {
                headers.insert(name, value);
            }
        }
        let validator = Validator::new("token").with_shared_key("KS1", "secret");
        let _ = validator.validate(&url, &headers, &body);
        let _ = FormParams::parse(&body);
    }
}
