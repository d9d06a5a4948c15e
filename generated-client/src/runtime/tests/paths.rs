//! Path arguments that would name another resource never reach the server.

use futures_util::StreamExt;
use serde_json::Value;

use super::server::{Reply, TestServer};
use crate::runtime::{Error, Method, RequestSpec, check_sid};

/// A request built as generated code builds one for `DELETE /v2/Batches/{Sid}` with a `&str`
/// argument.
fn delete_batch(sid: &str) -> RequestSpec {
    RequestSpec::new(Method::Delete, "DeleteBatch", "/v2/Batches/{Sid}", &[sid])
}

/// `GET /v2/Batches/{BatchSid}/Items/{Sid}.json`: two arguments, one with a suffix.
fn fetch_item(batch: &str, sid: &str) -> RequestSpec {
    RequestSpec::new(
        Method::Get,
        "FetchItem",
        "/v2/Batches/{BatchSid}/Items/{Sid}.json",
        &[batch, sid],
    )
}

fn refused(result: crate::Result<impl std::fmt::Debug>) -> (&'static str, &'static str) {
    match result {
        Err(Error::InvalidPathArgument {
            operation,
            parameter,
            ..
        }) => (operation, parameter),
        other => panic!("expected InvalidPathArgument, got {other:?}"),
    }
}

#[tokio::test]
async fn empty_and_dot_str_arguments_are_refused_before_any_request() {
    let server = TestServer::answering(|_, _| Reply::json(200, "{}")).await;
    let client = server.builder().build().unwrap();
    for value in ["", ".", ".."] {
        let result = client.send_empty(delete_batch(value)).await;
        assert_eq!(refused(result), ("DeleteBatch", "Sid"), "{value:?}");
        let result = client.send_json::<Value>(fetch_item(value, "IT1")).await;
        assert_eq!(refused(result), ("FetchItem", "BatchSid"), "{value:?}");
    }
    let result = client.send_json::<Value>(fetch_item("BA1", "")).await;
    assert_eq!(refused(result), ("FetchItem", "Sid"));
    // The same refusal ends a stream before its first request.
    let stream = client.paginate::<super::pagination::Listing>(fetch_item(".", "x"), None);
    let results: Vec<_> = stream.collect().await;
    assert_eq!(results.len(), 1);
    assert!(matches!(results[0], Err(Error::InvalidPathArgument { .. })));
    assert!(server.requests().is_empty(), "{:?}", server.requests());

    let error = client.send_empty(delete_batch("..")).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "DeleteBatch: path argument Sid is `.` or `..`, which URL resolution would remove; \
         nothing was sent"
    );
}

#[tokio::test]
async fn dots_inside_a_value_stay_in_their_segment() {
    let server = TestServer::answering(|_, _| Reply::json(200, "{}")).await;
    let client = server.builder().build().unwrap();
    for value in ["...", "a..b", "%2e%2e", "./x", "..%2f"] {
        client.send_empty(delete_batch(value)).await.unwrap();
    }
    client
        .send_json::<Value>(fetch_item("BA1", ".."))
        .await
        .unwrap();
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        [
            "/v2/Batches/...",
            "/v2/Batches/a..b",
            "/v2/Batches/%252e%252e",
            "/v2/Batches/.%2Fx",
            "/v2/Batches/..%252f",
            "/v2/Batches/BA1/Items/...json",
        ]
    );
}

#[test]
fn sid_arguments_cannot_be_empty_or_dots() {
    // A SID type is built only through this check, so a SID argument is never `.`/`..`/empty.
    for value in ["", ".", "..", "%2e%2e"] {
        assert!(
            check_sid(value, "BatchSid", "BA", false).is_err(),
            "{value:?}"
        );
        assert!(check_sid(value, "Sid", "", false).is_err(), "{value:?}");
    }
}
