//! Walking list pages.

use futures_util::StreamExt;
use reqwest::Method;
use serde::Deserialize;

use super::server::{Reply, TestServer};
use crate::runtime::{
    Client, ClientBuilder, Credentials, Error, ListPage, Page, PageMeta, RequestSpec, Result,
    WireParams, effective_page_size,
};

/// A list response as the generator emits it.
#[derive(Deserialize)]
struct Listing {
    results: Vec<String>,
    meta: PageMeta,
}

impl ListPage for Listing {
    type Item = String;
    fn into_page(self) -> Page<String> {
        Page {
            items: self.results,
            meta: self.meta,
        }
    }
}

fn page(items: &[&str], next: Option<&str>) -> Reply {
    let next = next.map_or("null".to_owned(), |url| format!("\"{url}\""));
    Reply::json(
        200,
        format!(
            r#"{{"results": {}, "meta": {{"page": 0, "page_size": 2, "key": "results",
                "next_page_url": {next}, "previous_page_url": null}}}}"#,
            serde_json::to_string(items).unwrap()
        ),
    )
}

fn first_request(limit: Option<usize>) -> RequestSpec {
    let mut query = WireParams::new();
    query.push_opt(
        "PageSize",
        effective_page_size::<i64>(None, limit, 1000).as_ref(),
    );
    RequestSpec::new(
        Method::GET,
        "ListEndUser",
        "/v2/RegulatoryCompliance/EndUsers",
        "/v2/RegulatoryCompliance/EndUsers".to_owned(),
    )
    .query(query)
}

async fn collect(client: &Client, limit: Option<usize>) -> Vec<Result<String>> {
    client
        .paginate::<Listing>(first_request(limit), limit)
        .collect()
        .await
}

fn three_pages() -> Vec<Reply> {
    vec![
        page(
            &["a", "b"],
            Some("{base}/v2/RegulatoryCompliance/EndUsers?PageSize=2&Page=1&PageToken=PT1"),
        ),
        page(
            &["c", "d"],
            Some("{base}/v2/RegulatoryCompliance/EndUsers?PageSize=2&Page=2&PageToken=PT2"),
        ),
        page(&["e"], None),
    ]
}

#[tokio::test]
async fn follows_next_page_urls_across_three_pages() {
    let server = TestServer::start(three_pages()).await;
    let client = server.builder().build().unwrap();
    let items: Vec<String> = collect(&client, None)
        .await
        .into_iter()
        .collect::<Result<_>>()
        .unwrap();
    assert_eq!(items, ["a", "b", "c", "d", "e"]);
    let requests = server.requests();
    let queries: Vec<Option<&str>> = requests.iter().map(|r| r.query.as_deref()).collect();
    assert_eq!(
        queries,
        [
            None,
            Some("PageSize=2&Page=1&PageToken=PT1"),
            Some("PageSize=2&Page=2&PageToken=PT2")
        ]
    );
    for recorded in &requests {
        assert_eq!(recorded.method, Method::GET);
        assert_eq!(recorded.path, "/v2/RegulatoryCompliance/EndUsers");
        assert!(recorded.header("authorization").is_some());
    }
}

#[tokio::test]
async fn limit_stops_early_without_fetching_further_pages() {
    let server = TestServer::start(three_pages()).await;
    let client = server.builder().build().unwrap();
    let items: Vec<String> = collect(&client, Some(3))
        .await
        .into_iter()
        .collect::<Result<_>>()
        .unwrap();
    assert_eq!(items, ["a", "b", "c"]);
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "the third page is never requested");
    assert_eq!(requests[0].query.as_deref(), Some("PageSize=3"));
}

#[tokio::test]
async fn limit_zero_sends_nothing() {
    let server = TestServer::start(three_pages()).await;
    let client = server.builder().build().unwrap();
    assert!(collect(&client, Some(0)).await.is_empty());
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn pages_are_fetched_only_as_the_stream_is_read() {
    let server = TestServer::start(three_pages()).await;
    let client = server.builder().build().unwrap();
    let stream = client.paginate::<Listing>(first_request(None), None);
    let mut stream = std::pin::pin!(stream);
    assert_eq!(stream.next().await.unwrap().unwrap(), "a");
    assert_eq!(stream.next().await.unwrap().unwrap(), "b");
    assert_eq!(server.requests().len(), 1);
    assert_eq!(stream.next().await.unwrap().unwrap(), "c");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn foreign_next_page_stops_with_error_and_sends_nothing_there() {
    let foreign = TestServer::start(vec![page(&["stolen"], None)]).await;
    let next = format!("{}/v2/RegulatoryCompliance/EndUsers?Page=1", foreign.url());
    let server = TestServer::start(vec![page(&["a", "b"], Some(&next))]).await;
    let client = server.builder().build().unwrap();
    let results = collect(&client, None).await;
    assert_eq!(results.len(), 3, "{results:?}");
    assert_eq!(results[0].as_ref().unwrap(), "a");
    assert_eq!(results[1].as_ref().unwrap(), "b");
    match &results[2] {
        Err(Error::ForeignNextPage { operation, origin }) => {
            assert_eq!(*operation, "ListEndUser");
            assert_eq!(origin, foreign.url());
        }
        other => panic!("expected ForeignNextPage, got {other:?}"),
    }
    assert!(foreign.requests().is_empty());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn error_on_a_later_page_is_yielded_then_the_stream_ends() {
    let server = TestServer::start(vec![
        page(
            &["a"],
            Some("{base}/v2/RegulatoryCompliance/EndUsers?Page=1"),
        ),
        Reply::json(403, r#"{"code": 20003, "message": "Authenticate"}"#),
    ])
    .await;
    let client = server
        .builder()
        .retry_policy(crate::runtime::RetryPolicy::disabled())
        .build()
        .unwrap();
    let results = collect(&client, None).await;
    assert_eq!(results.len(), 2);
    assert_eq!(
        results[1].as_ref().unwrap_err().status(),
        Some(reqwest::StatusCode::FORBIDDEN)
    );
}

#[tokio::test]
async fn repeated_next_page_url_does_not_loop_forever() {
    let same = "{base}/v2/RegulatoryCompliance/EndUsers?Page=1";
    let server = TestServer::start(vec![
        page(&["a"], Some(same)),
        page(&["b"], Some(same)),
        page(&["c"], Some(same)),
    ])
    .await;
    let client = server.builder().build().unwrap();
    let items: Vec<String> = collect(&client, None)
        .await
        .into_iter()
        .collect::<Result<_>>()
        .unwrap();
    assert_eq!(items, ["a", "b"]);
}

#[test]
fn next_page_url_is_rewritten_for_edge_and_region_then_checked() {
    let client = ClientBuilder::new(Credentials::new(super::server::ACCOUNT_SID, "tok").unwrap())
        .base_url("https://numbers.twilio.com")
        .edge("sydney")
        .region("au1")
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "https://numbers.sydney.au1.twilio.com/");
    // Twilio answers with its global host; the client keeps to its own edge.
    let url = client
        .resolve_next_page(
            "ListEndUser",
            "https://numbers.twilio.com/v2/X?PageToken=PT1",
        )
        .unwrap();
    assert_eq!(
        url.as_str(),
        "https://numbers.sydney.au1.twilio.com/v2/X?PageToken=PT1"
    );
    // A relative URL stays on our origin.
    let url = client
        .resolve_next_page("ListEndUser", "/v2/X?Page=2")
        .unwrap();
    assert_eq!(
        url.as_str(),
        "https://numbers.sydney.au1.twilio.com/v2/X?Page=2"
    );
    for foreign in [
        "https://api.twilio.com/v2/X",
        "http://numbers.twilio.com/v2/X",
        "https://numbers.twilio.com:8443/v2/X",
        "https://evil.example/v2/X",
        "data:text/plain,hi",
    ] {
        let err = client
            .resolve_next_page("ListEndUser", foreign)
            .unwrap_err();
        assert!(
            matches!(err, Error::ForeignNextPage { .. }),
            "{foreign}: {err:?}"
        );
    }
    // User info on an otherwise same-origin URL is dropped, never sent.
    let url = client
        .resolve_next_page(
            "ListEndUser",
            "https://x:y@numbers.sydney.au1.twilio.com/v2/X",
        )
        .unwrap();
    assert_eq!(url.as_str(), "https://numbers.sydney.au1.twilio.com/v2/X");
}
