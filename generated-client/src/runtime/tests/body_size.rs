//! Response bodies are read in chunks, up to a cap for successes and up to what is kept for
//! errors.

use serde_json::Value;

use super::server::{Reply, TestServer};
use crate::runtime::{Error, Method, RequestSpec, RetryPolicy};

const GIB: u64 = 1 << 30;

fn get() -> RequestSpec {
    RequestSpec::new(Method::Get, "FetchThing", "/v2/Things", &[])
}

fn too_large(error: Error) -> (usize, Option<u64>) {
    match error {
        Error::BodyTooLarge {
            operation: "FetchThing",
            limit,
            content_length,
        } => (limit, content_length),
        other => panic!("expected BodyTooLarge, got {other:?}"),
    }
}

#[tokio::test]
async fn default_cap_is_32_mib() {
    let server = TestServer::start(Vec::new()).await;
    let client = server.builder().build().unwrap();
    assert_eq!(client.max_body_size(), 32 * 1024 * 1024);
}

#[tokio::test]
async fn announced_length_over_the_cap_is_refused_before_reading() {
    let server = TestServer::start(vec![Reply::streamed(200, "application/json", GIB, true)]).await;
    let client = server.builder().build().unwrap();
    let error = client.send_json::<Value>(get()).await.unwrap_err();
    let shown = format!("{error} {error:?}");
    assert_eq!(too_large(error), (32 * 1024 * 1024, Some(GIB)));
    assert!(!shown.contains("   "), "no body in the error: {shown}");
    assert_eq!(server.requests().len(), 1, "not retried");
    // Only what the socket buffers took before the client hung up.
    assert!(
        server.streamed_bytes() < GIB / 8,
        "{}",
        server.streamed_bytes()
    );
}

#[tokio::test]
async fn unannounced_body_over_the_cap_stops_at_the_cap() {
    let server =
        TestServer::start(vec![Reply::streamed(200, "application/json", GIB, false)]).await;
    let client = server.builder().build().unwrap();
    let error = client.send_json::<Value>(get()).await.unwrap_err();
    assert_eq!(too_large(error), (32 * 1024 * 1024, None));
    assert_eq!(server.requests().len(), 1, "not retried");
    assert!(
        server.streamed_bytes() < GIB / 8,
        "{}",
        server.streamed_bytes()
    );
}

#[tokio::test]
async fn the_cap_is_configurable_and_inclusive() {
    let body = r#"[1, 2, 3]"#;
    let replies = || vec![Reply::json(200, body)];
    let server = TestServer::start(replies()).await;
    let client = server.builder().max_body_size(body.len()).build().unwrap();
    let value = client.send_json::<Value>(get()).await.unwrap().into_body();
    assert_eq!(value, serde_json::json!([1, 2, 3]));

    let server = TestServer::start(replies()).await;
    let client = server
        .builder()
        .max_body_size(body.len() - 1)
        .build()
        .unwrap();
    let error = client.send_json::<Value>(get()).await.unwrap_err();
    assert_eq!(too_large(error), (body.len() - 1, Some(body.len() as u64)));

    for announce in [true, false] {
        let server = TestServer::start(vec![Reply::streamed(
            200,
            "application/json",
            300_000,
            announce,
        )])
        .await;
        let client = server.builder().max_body_size(200_000).build().unwrap();
        let error = client.send_json::<Value>(get()).await.unwrap_err();
        assert_eq!(too_large(error).0, 200_000);
    }
}

#[tokio::test]
async fn error_bodies_are_read_only_as_far_as_they_are_kept() {
    for (content_type, kept) in [("text/html", 800), ("application/json", 16 * 1024)] {
        for announce in [true, false] {
            let server =
                TestServer::start(vec![Reply::streamed(500, content_type, GIB, announce)]).await;
            let client = server
                .builder()
                .retry_policy(RetryPolicy::disabled())
                .build()
                .unwrap();
            let error = client.send_json::<Value>(get()).await.unwrap_err();
            let length = if announce {
                format!("{GIB} bytes")
            } else {
                format!("at least {kept} bytes")
            };
            assert_eq!(
                error.to_string(),
                format!(
                    "FetchThing: HTTP 500 Internal Server Error: {content_type} body, {length}"
                )
            );
            assert!(
                server.streamed_bytes() < GIB / 8,
                "{}",
                server.streamed_bytes()
            );
        }
    }
}
