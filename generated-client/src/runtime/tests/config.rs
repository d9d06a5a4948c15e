//! Building a client: environment, hosts, and what `Debug` shows.

use super::env;
use super::server::{ACCOUNT_SID, API_KEY_SID, AUTH_TOKEN};
use crate::runtime::{Client, ClientBuilder, ConfigError, Credentials, RetryPolicy};

/// A Twilio product host; edge and region rewriting is the same for every product.
const TWILIO_HOST: &str = "https://numbers.twilio.com";

#[test]
fn from_env_reads_credentials_edge_and_region() {
    let client = ClientBuilder::from_env_with(env(&[
        ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
        ("TWILIO_AUTH_TOKEN", AUTH_TOKEN),
        ("TWILIO_EDGE", "dublin"),
        ("TWILIO_REGION", "ie1"),
    ]))
    .unwrap()
    .base_url(TWILIO_HOST)
    .build()
    .unwrap();
    assert_eq!(client.base_url(), "https://numbers.dublin.ie1.twilio.com/");
    assert_eq!(client.account_sid(), ACCOUNT_SID);
}

#[test]
fn from_env_edge_only_uses_us1_and_empty_values_count_as_unset() {
    let client = ClientBuilder::from_env_with(env(&[
        ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
        ("TWILIO_AUTH_TOKEN", AUTH_TOKEN),
        ("TWILIO_EDGE", "ashburn"),
        ("TWILIO_REGION", ""),
    ]))
    .unwrap()
    .base_url(TWILIO_HOST)
    .build()
    .unwrap();
    assert_eq!(client.base_url(), "https://numbers.ashburn.us1.twilio.com/");
}

#[test]
fn from_env_says_which_variable_is_missing() {
    let err =
        ClientBuilder::from_env_with(env(&[("TWILIO_ACCOUNT_SID", ACCOUNT_SID)])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "missing environment variable: TWILIO_AUTH_TOKEN"
    );
    let err = ClientBuilder::from_env_with(env(&[("TWILIO_API_KEY", API_KEY_SID)])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "missing environment variables: TWILIO_API_SECRET, TWILIO_ACCOUNT_SID (required \
         because TWILIO_API_KEY is set)"
    );
}

#[test]
fn default_host_comes_from_the_spec() {
    let built = Client::builder(Credentials::new(ACCOUNT_SID, AUTH_TOKEN).unwrap()).build();
    if crate::generated::DEFAULT_BASE_URL.is_empty() {
        // A document without servers: the base URL must be given.
        assert!(
            matches!(built, Err(ConfigError::MissingBaseUrl)),
            "{built:?}"
        );
        return;
    }
    assert_eq!(
        built.unwrap().base_url().trim_end_matches('/'),
        crate::generated::DEFAULT_BASE_URL
    );
}

#[test]
fn plain_http_base_url_is_refused_unless_allowed() {
    let builder = || {
        Client::builder(Credentials::new(ACCOUNT_SID, AUTH_TOKEN).unwrap())
            .base_url("http://127.0.0.1:9")
    };
    let err = builder().build().unwrap_err();
    assert!(matches!(err, ConfigError::InsecureHttp(_)), "{err}");
    assert!(builder().allow_insecure_http(true).build().is_ok());
}

#[test]
fn invalid_edge_is_a_builder_error() {
    let err = Client::builder(Credentials::new(ACCOUNT_SID, AUTH_TOKEN).unwrap())
        .edge("evil.example.com/")
        .build()
        .unwrap_err();
    assert!(
        matches!(err, ConfigError::InvalidLocation { kind: "edge", .. }),
        "{err}"
    );
}

#[test]
fn debug_never_shows_token_or_secret() {
    let builder = Client::builder(Credentials::new(ACCOUNT_SID, AUTH_TOKEN).unwrap())
        .base_url(TWILIO_HOST)
        .retry_policy(RetryPolicy::disabled())
        .on_retry(|_| {});
    let client = builder.clone().build().unwrap();
    for shown in [
        format!("{builder:?}"),
        format!("{builder:#?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
    ] {
        assert!(!shown.contains(AUTH_TOKEN), "{shown}");
        assert!(shown.contains(ACCOUNT_SID), "{shown}");
        assert!(shown.contains("auth_token: \"<redacted>\""), "{shown}");
    }
    let key = Credentials::api_key(API_KEY_SID, "key-secret-value", ACCOUNT_SID).unwrap();
    let client = Client::builder(key).base_url(TWILIO_HOST).build().unwrap();
    let shown = format!("{client:?}");
    assert!(!shown.contains("key-secret-value"), "{shown}");
    assert!(shown.contains("api_secret: \"<redacted>\""), "{shown}");
}
