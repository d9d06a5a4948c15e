//! What other Twilio documents need from the runtime: header parameters, bearer tokens,
//! unauthenticated operations, redirect-only answers and base URLs with a path.

use serde_json::Value;

use super::server::{Reply, TestServer};
use crate::runtime::request::Auth;
use crate::runtime::{ConfigError, Error, Method, RequestSpec, WireParams};

const CANARY_TOKEN: &str = "canary-access-token-7f3a";

fn get(path: &'static str) -> RequestSpec {
    RequestSpec::new(Method::Get, "FetchThing", path, &[])
}

fn headers(pairs: &[(&'static str, &str)]) -> WireParams {
    let mut params = WireParams::new();
    for (name, value) in pairs {
        params.push(name, *value);
    }
    params
}

#[tokio::test]
async fn header_parameters_go_out_under_their_exact_names_with_basic_auth() {
    let server = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let client = server.builder().build().unwrap();
    let request = get("/v1/Things").headers(headers(&[
        ("X-Twilio-Webhook-Enabled", "true"),
        ("If-Match", "\"etag-1\""),
    ]));
    client.send_json::<Value>(request).await.unwrap();
    let seen = &server.requests()[0];
    assert_eq!(seen.header("x-twilio-webhook-enabled"), Some("true"));
    assert_eq!(seen.header("if-match"), Some("\"etag-1\""));
    assert!(seen.header("authorization").unwrap().starts_with("Basic "));
}

#[tokio::test]
async fn an_authorization_parameter_replaces_the_credentials_for_that_request_only() {
    let server = TestServer::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]).await;
    let client = server.builder().build().unwrap();
    let with_token = get("/v1/Things").headers(headers(&[("Authorization", "Token flex-jwt")]));
    client.send_json::<Value>(with_token).await.unwrap();
    client.send_json::<Value>(get("/v1/Things")).await.unwrap();
    let requests = server.requests();
    // Exactly one Authorization header: the caller's, not both.
    assert_eq!(
        requests[0].headers.get_all("authorization").iter().count(),
        1
    );
    assert_eq!(requests[0].header("authorization"), Some("Token flex-jwt"));
    assert!(
        requests[1]
            .header("authorization")
            .unwrap()
            .starts_with("Basic ")
    );
}

#[tokio::test]
async fn a_header_value_with_a_line_break_is_refused_before_sending() {
    let server = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let client = server.builder().build().unwrap();
    let request = get("/v1/Things").headers(headers(&[("Flex-Metadata", "a\r\nX-Evil: 1")]));
    let err = client.send_json::<Value>(request).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Config(ConfigError::InvalidHeaderValue {
                header: "Flex-Metadata",
                ..
            })
        ),
        "{err:?}"
    );
    assert!(!err.to_string().contains("X-Evil"), "{err}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn bearer_operations_send_the_access_token_and_only_they_do() {
    let server = TestServer::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]).await;
    let client = server.builder().access_token(CANARY_TOKEN).build().unwrap();
    client
        .send_json::<Value>(get("/v1/Token").auth(Auth::Bearer))
        .await
        .unwrap();
    client.send_json::<Value>(get("/v1/Things")).await.unwrap();
    let requests = server.requests();
    let bearer = format!("Bearer {CANARY_TOKEN}");
    assert_eq!(requests[0].header("authorization"), Some(bearer.as_str()));
    let basic = requests[1].header("authorization").unwrap();
    assert!(basic.starts_with("Basic ") && !basic.contains(CANARY_TOKEN));
    assert!(!format!("{client:?}").contains(CANARY_TOKEN));
}

#[tokio::test]
async fn a_bearer_operation_without_a_token_fails_before_sending() {
    let server = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let client = server.builder().build().unwrap();
    let err = client
        .send_json::<Value>(get("/v1/Token").auth(Auth::Bearer))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Config(ConfigError::MissingAccessToken("FetchThing"))
        ),
        "{err:?}"
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn unauthenticated_operations_send_no_credentials() {
    let server = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let client = server.builder().access_token(CANARY_TOKEN).build().unwrap();
    client
        .send_json::<Value>(get("/v1/Public").auth(Auth::None))
        .await
        .unwrap();
    assert_eq!(server.requests()[0].header("authorization"), None);
}

#[tokio::test]
async fn a_redirect_is_returned_with_its_target_and_body_and_never_followed() {
    let target = "https://bucket.example/day.json.gz?sig=abc";
    let server = TestServer::start(vec![
        Reply::json(307, format!(r#"{{"redirect_to": "{target}"}}"#)).header("location", target),
    ])
    .await;
    let client = server.builder().build().unwrap();
    let response = client
        .send_redirect::<Value>(get("/v1/Exports/Messages/Days/2024-01-01"))
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 307);
    let redirect = response.into_body();
    assert_eq!(redirect.location.as_deref(), Some(target));
    assert_eq!(redirect.body.unwrap()["redirect_to"], target);
    // Only the one request: the target was not fetched (with or without credentials).
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_redirect_without_a_body_has_only_its_location() {
    let server = TestServer::start(vec![
        Reply::json(302, "").header("location", "https://x.example/"),
    ])
    .await;
    let client = server.builder().build().unwrap();
    let redirect = client
        .send_redirect::<Value>(get("/v1/authorize"))
        .await
        .unwrap()
        .into_body();
    assert_eq!(redirect.location.as_deref(), Some("https://x.example/"));
    assert_eq!(redirect.body, None);
}

#[tokio::test]
async fn a_redirect_to_an_ordinary_operation_is_an_error_not_followed() {
    let server = TestServer::start(vec![
        Reply::json(302, "").header("location", "https://x.example/"),
    ])
    .await;
    let client = server.builder().build().unwrap();
    let err = client
        .send_json::<Value>(get("/v1/Things"))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(302));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_base_url_with_a_path_prefixes_every_operation() {
    let server = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let client = server
        .builder()
        .base_url(format!("{}/proxy/twilio/", server.url()))
        .build()
        .unwrap();
    client.send_json::<Value>(get("/v1/Things")).await.unwrap();
    assert_eq!(server.requests()[0].path, "/proxy/twilio/v1/Things");
}

#[tokio::test]
async fn later_pages_keep_the_operations_credentials_and_header_parameters() {
    use futures_util::TryStreamExt;

    use super::pagination::Listing;

    let server = TestServer::start(vec![
        Reply::json(
            200,
            r#"{"results": ["a"], "meta": {"next_page_url": "{base}/v1/Things?Page=1"}}"#,
        ),
        Reply::json(
            200,
            r#"{"results": ["b"], "meta": {"next_page_url": null}}"#,
        ),
    ])
    .await;
    let client = server.builder().access_token(CANARY_TOKEN).build().unwrap();
    let first = get("/v1/Things")
        .auth(Auth::Bearer)
        .headers(headers(&[("Flex-Metadata", "m1")]));
    let items: Vec<String> = client
        .paginate::<Listing>(first, None)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, ["a", "b"]);
    let bearer = format!("Bearer {CANARY_TOKEN}");
    for request in server.requests() {
        assert_eq!(request.header("authorization"), Some(bearer.as_str()));
        assert_eq!(request.header("flex-metadata"), Some("m1"));
    }
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_list_paged_by_token_repeats_the_request_with_each_next_token() {
    use futures_util::TryStreamExt;

    use super::pagination::Listing;

    let server = TestServer::start(vec![
        Reply::json(
            200,
            r#"{"results": ["a"], "meta": {"pageSize": 1, "nextToken": "t2", "key": "results"}}"#,
        ),
        Reply::json(
            200,
            r#"{"results": ["b"], "meta": {"pageSize": 1, "nextToken": "t3"}}"#,
        ),
        Reply::json(
            200,
            r#"{"results": ["c"], "meta": {"pageSize": 1, "nextToken": null}}"#,
        ),
    ])
    .await;
    let client = server.builder().build().unwrap();
    let mut query = WireParams::new();
    query.push("status", "ACTIVE");
    query.push("pageSize", "1");
    let first = get("/v2/Conversations")
        .query(query)
        .page_token("pageToken");
    let items: Vec<String> = client
        .paginate::<Listing>(first, None)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, ["a", "b", "c"]);
    let queries: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.query.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        queries,
        [
            "status=ACTIVE&pageSize=1",
            "status=ACTIVE&pageSize=1&pageToken=t2",
            "status=ACTIVE&pageSize=1&pageToken=t3"
        ]
    );
}

#[tokio::test]
async fn a_repeated_page_token_ends_the_stream_with_a_paging_error() {
    use futures_util::StreamExt;

    use super::pagination::Listing;

    let page = || Reply::json(200, r#"{"results": ["a"], "meta": {"nextToken": "same"}}"#);
    let server = TestServer::start(vec![page(), page(), page(), page()]).await;
    let client = server.builder().build().unwrap();
    let first = get("/v2/Conversations").page_token("pageToken");
    let results: Vec<crate::runtime::Result<String>> =
        client.paginate::<Listing>(first, None).collect().await;
    assert!(
        matches!(results.last(), Some(Err(Error::Paging { .. }))),
        "{results:?}"
    );
    // The first page, then the page of token "same"; its repeat is refused unsent.
    assert_eq!(server.requests().len(), 2);
}
