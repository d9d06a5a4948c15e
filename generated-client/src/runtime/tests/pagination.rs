//! Walking list pages.

use futures_util::StreamExt;
use serde::Deserialize;

use super::server::{Reply, TestServer};
use crate::runtime::{
    Client, ClientBuilder, Credentials, Error, ListPage, Method, Page, PageMeta, PagingError,
    RequestSpec, Result, WireParams, effective_page_size,
};

/// A list response as the generator emits it.
#[derive(Deserialize)]
pub(super) struct Listing {
    results: Vec<String>,
    meta: PageMeta,
}

impl ListPage for Listing {
    type Item = String;
    fn into_page(self) -> Page<String> {
        Page::new(self.results, self.meta)
    }
}

fn page(items: &[&str], next: Option<&str>) -> Reply {
    sized_page(items, 2, next)
}

/// A page whose `meta.page_size` is `page_size`.
fn sized_page(items: &[&str], page_size: usize, next: Option<&str>) -> Reply {
    let next = next.map_or("null".to_owned(), |url| format!("\"{url}\""));
    Reply::json(
        200,
        format!(
            r#"{{"results": {}, "meta": {{"page": 0, "page_size": {page_size}, "key": "results",
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
        Method::Get,
        "ListEndUser",
        "/v2/RegulatoryCompliance/EndUsers",
        &[],
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
        assert_eq!(recorded.method, reqwest::Method::GET);
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

/// The stream's items up to its first error, and that error.
async fn until_error(client: &Client, limit: Option<usize>) -> (Vec<String>, Option<Error>) {
    let mut items = Vec::new();
    for result in collect(client, limit).await {
        match result {
            Ok(item) => items.push(item),
            Err(error) => return (items, Some(error)),
        }
    }
    (items, None)
}

fn paging_error(error: Option<Error>) -> PagingError {
    match error {
        Some(Error::Paging {
            operation: "ListEndUser",
            reason,
        }) => reason,
        other => panic!("expected Error::Paging, got {other:?}"),
    }
}

const LIST: &str = "{base}/v2/RegulatoryCompliance/EndUsers";

#[tokio::test]
async fn repeated_next_page_url_ends_the_stream_with_an_error() {
    let same = format!("{LIST}?Page=1");
    let server = TestServer::answering(move |_, _| page(&["x"], Some(&same))).await;
    let client = server.builder().build().unwrap();
    let (items, error) = until_error(&client, None).await;
    assert_eq!(items, ["x", "x"]);
    assert_eq!(paging_error(error), PagingError::RepeatedPage { pages: 2 });
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn two_page_cycle_ends_after_each_page_once() {
    // Page=1 -> Page=2 -> Page=1 -> ...: each page is fetched once, then the cycle is refused.
    let server = TestServer::answering(|_, request| match request.query.as_deref() {
        Some("Page=1") => page(&["b"], Some(&format!("{LIST}?Page=2"))),
        Some("Page=2") => page(&["c"], Some(&format!("{LIST}?Page=1"))),
        _ => page(&["a"], Some(&format!("{LIST}?Page=1"))),
    })
    .await;
    let client = server.builder().build().unwrap();
    let (items, error) = until_error(&client, None).await;
    assert_eq!(items, ["a", "b", "c"]);
    assert_eq!(paging_error(error), PagingError::RepeatedPage { pages: 3 });
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn a_link_back_to_the_first_request_is_a_cycle() {
    // The first request (path and query) counts as seen too.
    let server = TestServer::answering(|n, _| {
        let next = if n == 0 {
            format!("{LIST}?Page=1")
        } else {
            LIST.to_owned()
        };
        page(&["a"], Some(&next))
    })
    .await;
    let client = server.builder().build().unwrap();
    let (_, error) = until_error(&client, None).await;
    assert_eq!(paging_error(error), PagingError::RepeatedPage { pages: 2 });
    assert_eq!(server.requests().len(), 2);
}

/// A server whose every page has items and a new next page, forever.
async fn endless_chain() -> TestServer {
    TestServer::answering(|n, _| page(&["a", "b"], Some(&format!("{LIST}?Page={}", n + 1)))).await
}

#[tokio::test]
async fn endless_chain_stops_at_the_page_budget() {
    let server = endless_chain().await;
    let client = server.builder().max_pages(40).build().unwrap();
    assert_eq!(client.max_pages(), 40);
    let (items, error) = until_error(&client, None).await;
    assert_eq!(items.len(), 80);
    assert_eq!(
        paging_error(error),
        PagingError::PageBudget { max_pages: 40 }
    );
    assert_eq!(server.requests().len(), 40);
}

#[tokio::test]
async fn page_budget_is_on_by_default_and_at_least_one() {
    let server = TestServer::start(Vec::new()).await;
    assert_eq!(server.builder().build().unwrap().max_pages(), 10_000);
    assert_eq!(
        server.builder().max_pages(0).build().unwrap().max_pages(),
        1
    );
}

#[tokio::test]
async fn endless_chain_with_a_limit_stops_at_the_limit() {
    let server = endless_chain().await;
    let client = server.builder().build().unwrap();
    let (items, error) = until_error(&client, Some(7)).await;
    assert_eq!(items.len(), 7);
    assert!(error.is_none(), "{error:?}");
    // The server answers 2 items a page although 7 were asked for (PageSize=7); it reports
    // page_size 2, so 4 pages are allowed and needed.
    assert_eq!(server.requests().len(), 4);
}

/// A server whose every page is empty but has a new next page, forever. Like Twilio, it
/// reports the page size asked for (or 50).
async fn endless_empty_pages() -> TestServer {
    TestServer::answering(|n, request| {
        let size = request
            .query
            .as_deref()
            .and_then(|query| query.strip_prefix("PageSize="))
            .map_or(50, |size| size.parse().unwrap());
        sized_page(&[], size, Some(&format!("{LIST}?Page={}", n + 1)))
    })
    .await
}

#[tokio::test]
async fn endless_empty_pages_stop_after_five() {
    let server = endless_empty_pages().await;
    let client = server.builder().build().unwrap();
    let (items, error) = until_error(&client, None).await;
    assert!(items.is_empty());
    assert_eq!(paging_error(error), PagingError::EmptyPages { in_a_row: 5 });
    assert_eq!(server.requests().len(), 5);
}

#[tokio::test]
async fn endless_empty_pages_with_a_limit_cost_few_requests() {
    let server = endless_empty_pages().await;
    let client = server.builder().build().unwrap();
    let (items, error) = until_error(&client, Some(5)).await;
    assert!(items.is_empty());
    // PageSize=5 for a limit of 5: one page is needed, two more are tolerated.
    assert_eq!(
        paging_error(error),
        PagingError::LimitRequests {
            limit: 5,
            requests: 3
        }
    );
    assert_eq!(server.requests().len(), 3);
    assert_eq!(server.requests()[0].query.as_deref(), Some("PageSize=5"));
}

/// The list's path, as a request names it (`LIST` is the link a server sends).
const PATH: &str = "/v2/RegulatoryCompliance/EndUsers";

#[tokio::test]
async fn manual_paging_refuses_a_page_linking_to_itself() {
    let server = TestServer::answering(|_, _| page(&["a"], Some(&format!("{LIST}?Page=1")))).await;
    let client = server.builder().build().unwrap();
    let mut query = WireParams::new();
    query.push("Page", "1");
    let first = RequestSpec::new(Method::Get, "ListEndUser", PATH, &[]).query(query);
    let here = client
        .send_page::<Listing>(first)
        .await
        .unwrap()
        .into_body();
    assert_eq!(here.items, ["a"]);
    // Its next link is its own URL: refused, nothing more is sent.
    let error = client.next_page(&here).await.unwrap_err();
    assert_eq!(
        paging_error(Some(error)),
        PagingError::RepeatedPage { pages: 1 }
    );
    assert_eq!(server.requests().len(), 1);
    // No link: nothing is sent.
    assert!(client.previous_page(&here).await.unwrap().is_none());
    // A page built by hand has no origin to page from.
    let by_hand = Page::<String>::new(Vec::new(), here.meta.clone());
    assert!(client.next_page(&by_hand).await.unwrap().is_none());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn manual_paging_follows_links_with_the_lists_credentials() {
    let server = TestServer::start(vec![
        page(&["a"], Some(&format!("{LIST}?Page=1"))),
        page(&["b"], None),
    ])
    .await;
    let client = server.builder().build().unwrap();
    let first = RequestSpec::new(Method::Get, "ListEndUser", PATH, &[]);
    let one = client
        .send_page::<Listing>(first)
        .await
        .unwrap()
        .into_body();
    let two = client.next_page(&one).await.unwrap().unwrap();
    assert_eq!(two.items, ["b"]);
    assert!(client.next_page(&two).await.unwrap().is_none());
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].query.as_deref(), Some("Page=1"));
    assert!(
        requests[1]
            .header("authorization")
            .unwrap()
            .starts_with("Basic ")
    );
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
