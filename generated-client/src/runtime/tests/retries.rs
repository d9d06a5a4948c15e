//! Which failures are retried, how often, and how retries are reported.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;

use super::server::{Reply, TestServer, fast_retries};
use crate::runtime::{Client, Error, Method, RequestSpec, RetryCause, RetryEvent, RetryPolicy};

fn request(method: Method) -> RequestSpec {
    RequestSpec::new(method, "Op", "/v2/X", &[])
}

/// A client for `server` whose retry events are collected.
fn recording(server: &TestServer, policy: RetryPolicy) -> (Client, Arc<Mutex<Vec<RetryEvent>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&events);
    let client = server
        .builder()
        .retry_policy(policy)
        .on_retry(move |event| sink.lock().unwrap().push(event.clone()))
        .build()
        .unwrap();
    (client, events)
}

#[tokio::test]
async fn too_many_requests_honours_retry_after_capped_at_max_delay() {
    let server = TestServer::start(vec![
        Reply::json(429, r#"{"code": 20429, "message": "Too Many Requests"}"#)
            .header("retry-after", "1"),
        Reply::json(200, r#"{"ok": true}"#),
    ])
    .await;
    // Backoff alone would wait at most 1 ms; the 20 ms proves Retry-After (1 s) was used,
    // capped at the 20 ms maximum.
    let (client, events) = recording(&server, fast_retries());
    let body = client
        .send_json::<Value>(request(Method::Post))
        .await
        .unwrap();
    assert_eq!(body.into_body()["ok"], true);
    assert_eq!(server.requests().len(), 2);
    let events = events.lock().unwrap();
    assert_eq!(
        *events,
        [RetryEvent {
            operation: "Op",
            attempt: 1,
            cause: RetryCause::Status(StatusCode::TOO_MANY_REQUESTS),
            delay: Duration::from_millis(20),
        }]
    );
}

#[tokio::test]
async fn service_unavailable_is_retried_even_for_post() {
    let server = TestServer::start(vec![
        Reply::json(503, "{}"),
        Reply::json(503, "{}"),
        Reply::json(201, "{}"),
    ])
    .await;
    let (client, events) = recording(&server, fast_retries());
    let response = client
        .send_json::<Value>(request(Method::Post))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(server.requests().len(), 3);
    let attempts: Vec<u32> = events.lock().unwrap().iter().map(|e| e.attempt).collect();
    assert_eq!(attempts, [1, 2]);
    // Every attempt carries the credentials and the same body.
    for recorded in server.requests() {
        assert!(recorded.header("authorization").is_some());
        assert_eq!(recorded.method, reqwest::Method::POST);
    }
}

#[tokio::test]
async fn server_error_on_get_is_retried() {
    let server = TestServer::start(vec![Reply::json(500, "{}"), Reply::json(200, "{}")]).await;
    let (client, events) = recording(&server, fast_retries());
    client
        .send_json::<Value>(request(Method::Get))
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 2);
    assert_eq!(
        events.lock().unwrap()[0].cause,
        RetryCause::Status(StatusCode::INTERNAL_SERVER_ERROR)
    );
}

#[tokio::test]
async fn server_error_on_post_is_not_retried() {
    let server = TestServer::start(vec![Reply::json(500, "{}"), Reply::json(201, "{}")]).await;
    let (client, events) = recording(&server, fast_retries());
    let err = client
        .send_json::<Value>(request(Method::Post))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(server.requests().len(), 1);
    assert!(events.lock().unwrap().is_empty());
}

#[tokio::test]
async fn disabled_policy_sends_once() {
    let server = TestServer::start(vec![Reply::json(429, "{}"), Reply::json(200, "{}")]).await;
    let (client, events) = recording(&server, RetryPolicy::disabled());
    let err = client
        .send_json::<Value>(request(Method::Get))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(server.requests().len(), 1);
    assert!(events.lock().unwrap().is_empty());
}

#[tokio::test]
async fn gives_up_after_max_attempts_with_the_last_error() {
    let server = TestServer::start(vec![
        Reply::json(503, "{}"),
        Reply::json(503, "{}"),
        Reply::json(503, r#"{"code": 1, "message": "last"}"#).header("retry-after", "0"),
        Reply::json(200, "{}"),
    ])
    .await;
    let (client, events) = recording(&server, fast_retries()); // 3 attempts
    let err = client
        .send_json::<Value>(request(Method::Get))
        .await
        .unwrap_err();
    assert_eq!(server.requests().len(), 3);
    assert_eq!(events.lock().unwrap().len(), 2);
    assert_eq!(err.api_error().unwrap().message(), Some("last"));
    assert_eq!(err.retry_after(), Some(Duration::ZERO));
    assert!(err.is_retryable());
}

/// A port with nothing listening.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn unreachable_client(events: &Arc<Mutex<Vec<RetryEvent>>>) -> Client {
    let sink = Arc::clone(events);
    crate::runtime::ClientBuilder::new(
        crate::runtime::Credentials::new(super::server::ACCOUNT_SID, "tok").unwrap(),
    )
    .base_url(format!("http://127.0.0.1:{}", closed_port()))
    .allow_insecure_http(true)
    .retry_policy(fast_retries())
    .on_retry(move |event| sink.lock().unwrap().push(event.clone()))
    .build()
    .unwrap()
}

#[tokio::test]
async fn connection_failures_are_retried_for_get_only() {
    let events = Arc::new(Mutex::new(Vec::new()));
    let client = unreachable_client(&events);
    let err = client
        .send_json::<Value>(request(Method::Get))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.is_retryable());
    let causes: Vec<RetryCause> = events.lock().unwrap().iter().map(|e| e.cause).collect();
    assert_eq!(causes, [RetryCause::Connection, RetryCause::Connection]);

    events.lock().unwrap().clear();
    let err = client
        .send_json::<Value>(request(Method::Post))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(events.lock().unwrap().is_empty());
}
