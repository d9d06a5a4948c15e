//! Property tests of the generated types and of the whole client against a local server
//! answering arbitrary bodies. (The runtime's own properties are in `src/runtime/tests`.)
//!
//! Outside the crate's own tests because it names spec-specific types, and the runtime's tests
//! are copied into crates generated from other documents.
//!
//! Each property runs `PROPTEST_CASES` cases (2,000 when unset); see the README.

use std::sync::{Arc, Mutex};

use futures_util::StreamExt;
use proptest::prelude::*;
use serde_json::Value;
use twilio_numbers_v2::params::ListEndUserParams;
use twilio_numbers_v2::sids::{AccountSid, EndUserSid, EndUserTypeSid};
use twilio_numbers_v2::{Client, Credentials, Error, RetryPolicy, models};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(2_000);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Whether `value` is `prefix` followed by 32 hex digits.
fn is_sid(value: &str, prefix: &str) -> bool {
    value.len() == 34
        && value.starts_with(prefix)
        && value[2..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Keys of the End-User resources and of Twilio's pages and errors.
const KEYS: &[&str] = &[
    "sid",
    "account_sid",
    "friendly_name",
    "type",
    "attributes",
    "date_created",
    "date_updated",
    "url",
    "fields",
    "machine_name",
    "results",
    "end_user_types",
    "meta",
    "next_page_url",
    "previous_page_url",
    "page_size",
    "page",
    "key",
    "code",
    "message",
];

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,36}".prop_map(Value::String),
        "(IT|AC|OY)[0-9a-f]{32}".prop_map(Value::String),
        prop::sample::select(
            &[
                "individual",
                "business",
                "2024-02-29T12:00:00Z",
                "/v2/x?Page=1"
            ][..]
        )
        .prop_map(|text| Value::String(text.to_owned())),
    ];
    let key = prop_oneof![
        4 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => ".{0,10}",
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => json().prop_map(|value| value.to_string().into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..120),
        1 => (json(), any::<prop::sample::Index>()).prop_map(|(value, at)| {
            let text = value.to_string().into_bytes();
            text[..at.index(text.len() + 1)].to_vec()
        }),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_string_parses_as_a_sid_type_iff_its_prefix_and_32_hex_digits(
        value in prop_oneof![
            ".{0,40}",
            "(AC|IT|OY|SK|it|Ac)[0-9a-fA-F]{31,33}",
            "(AC|IT|OY)[0-9a-fA-Fg-zé]{32}",
        ],
    ) {
        prop_assert_eq!(value.parse::<AccountSid>().is_ok(), is_sid(&value, "AC"), "{}", value);
        prop_assert_eq!(value.parse::<EndUserSid>().is_ok(), is_sid(&value, "IT"), "{}", value);
        prop_assert_eq!(value.parse::<EndUserTypeSid>().is_ok(), is_sid(&value, "OY"), "{}", value);
        // Deserializing (what the client does with Twilio's answers) keeps any text as sent,
        // and tells whether it is well formed the same way.
        let json = Value::String(value.clone());
        let decoded = serde_json::from_value::<EndUserSid>(json).unwrap();
        prop_assert_eq!(decoded.as_str(), value.as_str());
        prop_assert_eq!(decoded.is_well_formed(), is_sid(&value, "IT"));
    }

    #[test]
    fn any_json_decodes_into_the_models_or_fails_without_panicking(value in json()) {
        let _ = serde_json::from_value::<models::EndUser>(value.clone()).map(|m| format!("{m:?}"));
        let _ = serde_json::from_value::<models::EndUserType>(value.clone());
        let _ = serde_json::from_value::<models::ListEndUserResponse>(value.clone());
        let _ = serde_json::from_value::<models::ListEndUserTypeResponse>(value);
    }
}

/// A local server answering every request with the current `(status, body)`.
struct Server {
    answer: Arc<Mutex<(u16, Vec<u8>)>>,
    requests: Arc<Mutex<usize>>,
    client: Client,
}

async fn server() -> Server {
    let answer = Arc::new(Mutex::new((200, Vec::new())));
    let requests = Arc::new(Mutex::new(0));
    let (shared, count) = (Arc::clone(&answer), Arc::clone(&requests));
    let app = axum::Router::new().fallback(move || {
        let (status, body) = shared.lock().unwrap().clone();
        *count.lock().unwrap() += 1;
        async move {
            (
                axum::http::StatusCode::from_u16(status).unwrap(),
                [("content-type", "application/json")],
                body,
            )
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let credentials = Credentials::new("AC0123456789abcdef0123456789abcdef", "tok").unwrap();
    let client = Client::builder(credentials)
        .base_url(base)
        .allow_insecure_http(true)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    Server {
        answer,
        requests,
        client,
    }
}

#[test]
fn the_client_survives_any_answer() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let server = runtime.block_on(server());
    let sid: EndUserSid = "IT0123456789abcdef0123456789abcdef".parse().unwrap();
    let status = prop_oneof![4 => Just(200u16), 1 => 400u16..600];
    proptest!(config(), |(status in status, body in body())| {
        *server.answer.lock().unwrap() = (status, body);
        *server.requests.lock().unwrap() = 0;
        runtime.block_on(async {
            let client = &server.client;
            let show = |error: Error| format!("{error} {error:?}");
            if let Err(error) = client.fetch_end_user(&sid).await {
                let _ = show(error);
            }
            let page = client.list_end_user(&ListEndUserParams::default()).await;
            if let Ok(page) = &page
                && let Err(error) = client.next_page(page).await
            {
                let _ = show(error);
            }
            let stream = client.list_end_user_stream(&ListEndUserParams::default(), Some(5));
            let results: Vec<_> = stream.collect().await;
            prop_assert!(results.iter().filter(|r| r.is_ok()).count() <= 5);
            for error in results.into_iter().filter_map(Result::err) {
                let _ = show(error);
            }
            Ok(())
        })?;
        // fetch, list, next page, and a stream that repeats the same answer: its second page
        // links where the first did, which ends it.
        prop_assert!(*server.requests.lock().unwrap() <= 5);
    });
}
