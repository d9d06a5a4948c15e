//! Canary secrets and personal data never reach an error's `Display`, `Debug` or `source()`
//! chain.

use super::server::{ACCOUNT_SID, API_KEY_SID, Reply, TestServer};
use crate::runtime::{
    ClientBuilder, ConfigError, Credentials, Error, Method, RequestSpec, RetryPolicy,
};

/// Shaped like an Auth Token or API secret (32 hex digits).
const TOKEN: &str = "cafebabe0ddba11cafebabe0ddba11ca";
const NAME: &str = "Jane Canary";
const PHONE: &str = "+15557654321";
const EMAIL: &str = "jane.canary@example.com";

/// Every way an error shows itself: `Display`, `Debug` (plain and pretty) and the same for
/// each error in its `source()` chain.
fn everything_shown(error: &(dyn std::error::Error + 'static)) -> String {
    let mut shown = String::new();
    let mut next = Some(error);
    while let Some(error) = next {
        shown.push_str(&format!("{error}\n{error:?}\n{error:#?}\n"));
        next = error.source();
    }
    shown
}

fn assert_no_canary(error: &(dyn std::error::Error + 'static)) {
    let shown = everything_shown(error);
    for canary in [TOKEN, NAME, PHONE, "5557654321", EMAIL, "jane.canary"] {
        assert!(!shown.contains(canary), "{canary:?} leaked:\n{shown}");
    }
}

fn personal_page() -> String {
    format!(
        "<html><body><h1>Account of {NAME}</h1><p>Phone: {PHONE}</p><p>Email: {EMAIL}</p>\
         <p>token={TOKEN}</p></body></html>"
    )
}

fn get() -> RequestSpec {
    RequestSpec::new(Method::Get, "FetchThing", "/v2/Things/{Sid}", &["TH1"])
}

async fn fail_with(reply: Reply) -> Error {
    let server = TestServer::start(vec![reply]).await;
    let client = server
        .builder()
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    client
        .send_json::<serde_json::Value>(get())
        .await
        .unwrap_err()
}

#[tokio::test]
async fn api_errors_show_no_page_text_or_details() {
    let html = fail_with(Reply::html(500, personal_page())).await;
    assert!(html.api_error().is_some(), "{html:?}");
    assert_no_canary(&html);
    assert_eq!(html.body_excerpt(), None, "markup is never kept");

    // Plain text: kept for body_excerpt(), never shown.
    let text = format!("{NAME} {PHONE} {EMAIL} {TOKEN}");
    let plain = fail_with(Reply::json(502, text).header("content-type", "text/plain")).await;
    assert_no_canary(&plain);
    assert!(plain.body_excerpt().unwrap().contains(PHONE));

    // Twilio's JSON error: `details` may quote what was sent; it is available, not shown.
    let body = serde_json::json!({
        "code": 21211, "message": "Invalid 'To' Phone Number", "status": 400,
        "more_info": "https://www.twilio.com/docs/errors/21211",
        "details": { "to": PHONE, "name": NAME, "email": EMAIL },
    });
    let json = fail_with(Reply::json(400, body.to_string())).await;
    assert_no_canary(&json);
    let api = json.api_error().unwrap();
    assert_eq!(api.details().unwrap()["to"], PHONE);
}

#[tokio::test]
async fn decode_errors_name_the_place_but_not_the_value() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // Only decoded.
    struct Thing {
        count: u8,
        created: jiff::Timestamp,
        kind: Kind,
    }
    #[derive(Debug, serde::Deserialize)]
    enum Kind {
        #[serde(rename = "individual")]
        Individual,
    }
    let personal = format!("{NAME}, {PHONE}, {EMAIL}, {TOKEN}");
    let ok =
        serde_json::json!({"count": 1, "created": "2024-01-01T00:00:00Z", "kind": "individual"});
    for field in ["count", "created", "kind"] {
        let mut body = ok.clone();
        body[field] = serde_json::Value::String(personal.clone());
        let server = TestServer::start(vec![Reply::json(200, body.to_string())]).await;
        let client = server.builder().build().unwrap();
        let error = client.send_json::<Thing>(get()).await.unwrap_err();
        assert_no_canary(&error);
        let shown = everything_shown(&error);
        assert!(shown.contains("FetchThing"), "{shown}");
        assert!(shown.contains("/v2/Things/{Sid}"), "{shown}");
        assert!(shown.contains(&format!("at /{field}")), "{shown}");
        // The body stays reachable on purpose, for debugging.
        assert!(error.body_excerpt().unwrap().contains(NAME));
    }
    // An HTML success body (a captive portal, say): nothing of it is kept at all.
    let error = fail_with(Reply::html(200, personal_page())).await;
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert_no_canary(&error);
    assert_eq!(error.body_excerpt(), None);
}

#[test]
fn base_url_errors_never_echo_the_url() {
    let credentials = || Credentials::new(ACCOUNT_SID, "tok").unwrap();
    for base in [
        format!("https://{ACCOUNT_SID}:{TOKEN}@api.example.com"),
        format!("https://{ACCOUNT_SID}:{TOKEN}@api.example.com/v2?x={EMAIL}"),
        format!("http://{ACCOUNT_SID}:{TOKEN}@127.0.0.1:9"),
        format!("ftp://{ACCOUNT_SID}:{TOKEN}@api.example.com"),
        format!("https://api.example.com/?token={TOKEN}"),
        format!("https://api.example.com/#{TOKEN}"),
        TOKEN.to_owned(),
        format!("{TOKEN}:{TOKEN}"),
        format!("https://[{TOKEN}]"),
    ] {
        let builder = ClientBuilder::new(credentials()).base_url(&base);
        let shown = format!("{builder:?} {builder:#?}");
        assert!(!shown.contains(TOKEN), "{shown}");
        let error = builder.build().unwrap_err();
        assert!(
            matches!(
                error,
                ConfigError::InvalidBaseUrl(_) | ConfigError::InsecureHttp(_)
            ),
            "{base}: {error:?}"
        );
        assert_no_canary(&error);
        assert_no_canary(&Error::from(error));
    }
    let error = ClientBuilder::new(credentials())
        .base_url(format!("https://{ACCOUNT_SID}:{TOKEN}@api.example.com"))
        .build()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid base URL: https://api.example.com: credentials belong in Credentials, not in \
         the URL"
    );
}

#[test]
fn credentials_in_the_wrong_order_never_echo_the_secret() {
    for (first, second) in [(TOKEN, ACCOUNT_SID), (TOKEN, TOKEN), (API_KEY_SID, TOKEN)] {
        let error = Credentials::new(first, second).expect_err("a wrong order is refused");
        assert_no_canary(&error);
    }
    // Every order of (key SID, secret, account SID) but the right one.
    let args = [API_KEY_SID, TOKEN, ACCOUNT_SID];
    for order in [[0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
        let [a, b, c] = order.map(|i| args[i]);
        let error = Credentials::api_key(a, b, c).expect_err("a wrong order is refused");
        assert_no_canary(&error);
    }
    let error = Credentials::new(TOKEN, ACCOUNT_SID).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid AccountSid (a 32-character value): expected 34 characters, found 32"
    );
}
