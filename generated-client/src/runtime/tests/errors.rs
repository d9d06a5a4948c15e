//! How error answers surface.

use serde_json::Value;

use super::server::{Reply, TestServer};
use crate::runtime::{Error, Method, RequestSpec, RetryPolicy};

fn get() -> RequestSpec {
    RequestSpec::new(Method::Get, "FetchEndUser", "/v2/X/{Sid}", &["IT1"])
}

#[tokio::test]
async fn twilio_json_error_keeps_code_message_and_status() {
    let server = TestServer::start(vec![
        Reply::json(
            404,
            r#"{"code": 20404, "message": "The requested resource /v2/X/IT1 was not found",
                "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404}"#,
        )
        .header("twilio-request-id", "RQ404"),
    ])
    .await;
    let client = server.builder().build().unwrap();
    let err = client.send_json::<Value>(get()).await.unwrap_err();
    assert_eq!(err.status(), Some(reqwest::StatusCode::NOT_FOUND));
    let api = err.api_error().expect("an API error");
    assert_eq!(api.code(), Some(20404));
    assert_eq!(
        api.message(),
        Some("The requested resource /v2/X/IT1 was not found")
    );
    assert_eq!(
        api.more_info(),
        Some("https://www.twilio.com/docs/errors/20404")
    );
    assert_eq!(api.request_id(), Some("RQ404"));
    assert_eq!(api.operation(), "FetchEndUser");
    assert!(!err.is_retryable());
    assert_eq!(server.requests().len(), 1, "4xx is never retried");
}

#[tokio::test]
async fn problem_details_error_decodes() {
    let server = TestServer::start(vec![
        Reply::json(
            400,
            r#"{"type": "https://www.twilio.com/docs/errors/20001", "title": "Bad request",
                "status": 400, "detail": "Type must be individual or business", "code": 20001}"#,
        )
        .header("content-type", "application/problem+json"),
    ])
    .await;
    let client = server.builder().build().unwrap();
    let err = client.send_json::<Value>(get()).await.unwrap_err();
    let api = err.api_error().unwrap();
    assert_eq!(api.status(), 400);
    assert_eq!(api.code(), Some(20001));
    assert_eq!(api.message(), Some("Type must be individual or business"));
    assert_eq!(api.title(), Some("Bad request"));
    assert_eq!(
        api.problem_type(),
        Some("https://www.twilio.com/docs/errors/20001")
    );
}

#[tokio::test]
async fn html_error_page_keeps_status_and_only_its_type_and_length() {
    let page = format!(
        "<html><head><title>502 Bad Gateway</title></head><body>{}</body></html>",
        "x".repeat(1000)
    );
    let server = TestServer::start(vec![Reply::html(502, page.clone())]).await;
    let client = server
        .builder()
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let err = client.send_json::<Value>(get()).await.unwrap_err();
    assert_eq!(err.status(), Some(reqwest::StatusCode::BAD_GATEWAY));
    assert_eq!(err.body_excerpt(), None);
    assert!(err.is_retryable());
    assert_eq!(
        err.to_string(),
        format!(
            "FetchEndUser: HTTP 502 Bad Gateway: text/html body, {} bytes",
            page.len()
        )
    );
}

#[tokio::test]
async fn unexpected_success_body_is_a_decode_error_naming_the_operation() {
    let server = TestServer::start(vec![Reply::html(200, "<html>captive portal</html>")]).await;
    let client = server.builder().build().unwrap();
    let err = client.send_json::<Value>(get()).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Decode {
                operation: "FetchEndUser",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.operation(), Some("FetchEndUser"));
    // Markup is never kept.
    assert_eq!(err.body_excerpt(), None);
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn wrong_json_shape_is_a_decode_error() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // Only decoded.
    struct EndUser {
        sid: String,
    }
    let server = TestServer::start(vec![Reply::json(200, r#"{"sid": 42}"#)]).await;
    let client = server.builder().build().unwrap();
    let err = client.send_json::<EndUser>(get()).await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn redirects_are_not_followed_so_credentials_stay_home() {
    let elsewhere = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let server = TestServer::start(vec![
        Reply::html(302, "").header("location", format!("{}/steal", elsewhere.url())),
    ])
    .await;
    let client = server.builder().build().unwrap();
    let err = client.send_json::<Value>(get()).await.unwrap_err();
    assert_eq!(err.status(), Some(reqwest::StatusCode::FOUND));
    assert!(elsewhere.requests().is_empty());
}

#[tokio::test]
async fn timeout_surfaces_as_timeout_and_is_not_retried() {
    let server = TestServer::start(vec![
        Reply::json(200, "{}").delayed(std::time::Duration::from_secs(5)),
        Reply::json(200, "{}"),
    ])
    .await;
    let client = server
        .builder()
        .timeout(std::time::Duration::from_millis(200))
        .build()
        .unwrap();
    let err = client.send_json::<Value>(get()).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                operation: "FetchEndUser",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.is_retryable());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn transport_errors_do_not_leak_query_values() {
    // Nothing listens on this port once the listener is dropped.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = crate::runtime::ClientBuilder::new(
        crate::runtime::Credentials::new(super::server::ACCOUNT_SID, "tok").unwrap(),
    )
    .base_url(format!("http://127.0.0.1:{port}"))
    .allow_insecure_http(true)
    .retry_policy(RetryPolicy::disabled())
    .build()
    .unwrap();
    let mut query = crate::runtime::WireParams::new();
    query.push("PhoneNumber", "+15005550006");
    let err = client
        .send_json::<Value>(get().query(query))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    let mut chain = format!("{err} {err:?}");
    let mut source = std::error::Error::source(&err);
    while let Some(inner) = source {
        chain.push_str(&inner.to_string());
        source = inner.source();
    }
    assert!(!chain.contains("5005550006"), "{chain}");
}
