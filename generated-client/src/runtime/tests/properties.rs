//! Property tests: whatever a server answers and whatever a caller passes, the runtime decides
//! without panicking, and SID and path checks accept exactly what they should.
//!
//! Each property runs `PROPTEST_CASES` cases (2,000 when unset); see the README for a longer
//! run.

use proptest::prelude::*;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use serde_json::Value;

use super::pagination::Listing;
use crate::runtime::decode::decode_json;
use crate::runtime::{ApiError, ClientBuilder, Credentials, Error, Method, RequestSpec, check_sid};

/// `PROPTEST_CASES` when set, else `default`.
pub(crate) fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Keys Twilio's bodies use, so that arbitrary JSON often has the expected shape in places.
const KEYS: &[&str] = &[
    "results",
    "meta",
    "next_page_url",
    "previous_page_url",
    "page_size",
    "page",
    "url",
    "key",
    "sid",
    "count",
    "created",
    "kind",
    "tags",
    "code",
    "message",
    "more_info",
    "details",
    "status",
    "type",
    "title",
    "detail",
    "instance",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => ".{0,12}",
    ]
}

/// Any JSON value, a few levels deep.
pub(crate) fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,40}".prop_map(Value::String),
        Just(Value::String("2024-01-01T00:00:00Z".to_owned())),
        Just(Value::String("/v2/Things?Page=1".to_owned())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// Bytes a server might send: arbitrary, JSON, or JSON cut or with a byte changed.
pub(crate) fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200),
        json().prop_map(|value| value.to_string().into_bytes()),
        (json(), any::<prop::sample::Index>()).prop_map(|(value, at)| {
            let text = value.to_string().into_bytes();
            let cut = at.index(text.len() + 1);
            text[..cut].to_vec()
        }),
        (json(), any::<prop::sample::Index>(), any::<u8>()).prop_map(|(value, at, byte)| {
            let mut text = value.to_string().into_bytes();
            if !text.is_empty() {
                let at = at.index(text.len());
                text[at] = byte;
            }
            text
        }),
    ]
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)] // Only decoded.
struct Thing {
    sid: String,
    count: Option<u8>,
    created: jiff::Timestamp,
    kind: Kind,
    tags: Vec<i32>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Individual,
    Business,
}

fn headers(content_type: &'static str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers
}

/// Formats an error every way it can be shown, as logging would.
fn show(error: &(dyn std::error::Error + 'static)) -> String {
    let mut shown = String::new();
    let mut next = Some(error);
    while let Some(error) = next {
        shown.push_str(&format!("{error} {error:?} {error:#?}"));
        next = error.source();
    }
    shown
}

proptest! {
    #![proptest_config(config(2_000))]

    #[test]
    fn decoding_any_body_never_panics(body in body()) {
        let headers = headers("application/json");
        for result in [
            decode_json::<Value>("Op", "/v2/Things", &headers, &body).map(drop),
            decode_json::<Listing>("Op", "/v2/Things", &headers, &body).map(drop),
            decode_json::<Thing>("Op", "/v2/Things/{Sid}", &headers, &body).map(drop),
            decode_json::<Vec<Thing>>("Op", "/v2/Things", &headers, &body).map(drop),
        ] {
            if let Err(error) = result {
                prop_assert!(matches!(error, Error::Decode { .. }), "{error:?}");
                let _ = show(&error);
                let _ = error.body_excerpt();
            }
        }
    }

    #[test]
    fn any_error_body_gives_an_api_error(
        body in body(),
        status in 400u16..600,
        complete: bool,
        content_type in prop::sample::select(&["application/json", "text/html", "text/plain"][..]),
    ) {
        let status = StatusCode::from_u16(status).unwrap();
        let error = ApiError::from_response("Op", status, &headers(content_type), &body, complete);
        prop_assert_eq!(error.status(), status);
        let error = Error::Api(error);
        let _ = show(&error);
        if let Some(excerpt) = error.body_excerpt() {
            prop_assert!(excerpt.chars().count() <= 201);
            prop_assert!(content_type != "text/html");
        }
    }

    #[test]
    fn a_string_is_a_sid_iff_prefix_and_32_hex_digits(
        value in prop_oneof![
            ".{0,40}",
            "[A-Za-z]{2}[0-9a-fA-F]{32}",
            "(AC|IT|SK|ac)[0-9a-fA-F]{30,33}",
            "(AC|IT)[0-9a-fA-Fg-zé ]{32}",
        ],
        prefix in prop::sample::select(&["AC", "IT", "SK", ""][..]),
        lowercase_only: bool,
    ) {
        let hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c)
            || (!lowercase_only && ('A'..='F').contains(&c));
        let chars: Vec<char> = value.chars().collect();
        let expected = chars.len() == 34
            && value.is_ascii()
            && if prefix.is_empty() {
                chars[..2].iter().all(char::is_ascii_alphabetic)
            } else {
                value.starts_with(prefix)
            }
            && chars[2..].iter().all(|c| hex(*c));
        let checked = check_sid(&value, "Sid", prefix, lowercase_only);
        prop_assert_eq!(checked.is_ok(), expected, "{:?} {:?}", value, checked);
        if let Err(error) = checked {
            let _ = error.to_string();
        }
    }

    #[test]
    fn a_path_argument_is_refused_iff_empty_or_dots_and_else_stays_one_segment(
        value in prop_oneof![
            ".{0,12}",
            "[./%2eE]{0,6}",
            Just(String::new()),
            Just(".".to_owned()),
            Just("..".to_owned()),
        ],
    ) {
        let request = RequestSpec::new(
            Method::Get,
            "FetchThing",
            "/v2/Things/{Sid}/Items",
            &[&value],
        );
        let refused = request.path_problem.is_some();
        prop_assert_eq!(refused, value.is_empty() || value == "." || value == "..");
        if !refused {
            let url = client().url_for(&request);
            let segments: Vec<&str> = url.path_segments().unwrap().collect();
            prop_assert_eq!(segments.len(), 4, "{}", url);
            prop_assert_eq!((segments[0], segments[1], segments[3]), ("v2", "Things", "Items"));
            let decoded = percent_encoding::percent_decode_str(segments[2]).decode_utf8().unwrap();
            prop_assert_eq!(decoded, value.as_str());
        }
    }
}

/// One client for every case (building one sets up TLS); nothing is ever sent with it.
fn client() -> &'static crate::runtime::Client {
    static CLIENT: std::sync::OnceLock<crate::runtime::Client> = std::sync::OnceLock::new();
    CLIENT.get_or_init(|| {
        ClientBuilder::new(Credentials::new(super::server::ACCOUNT_SID, "tok").unwrap())
            .base_url("http://127.0.0.1:9")
            .allow_insecure_http(true)
            .build()
            .unwrap()
    })
}
