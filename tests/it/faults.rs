//! What the client does when the server misbehaves: each fault ends in the documented outcome
//! (a retry, or a typed error naming the operation), never a panic or a hang.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use twilio_numbers_v2::enums::EndUserEnumType;
use twilio_numbers_v2::params::{CreateEndUserParams, ListEndUserParams};
use twilio_numbers_v2::sids::EndUserSid;
use twilio_numbers_v2::{Client, Error, RetryCause, RetryEvent, RetryPolicy};

use crate::support::server::{EndUsersServer, Fault, Route};
use crate::support::{builder, client, no_hang};

/// A server holding one End-User, a client for it, and that End-User's SID.
async fn server_with_one_end_user() -> (EndUsersServer, Client, EndUserSid) {
    let server = EndUsersServer::start().await;
    let client = client(server.origin());
    let params = CreateEndUserParams::new("Mara Lindqvist", EndUserEnumType::Individual);
    let sid = client.create_end_user(&params).await.unwrap().sid.unwrap();
    server.take_requests();
    (server, client, sid)
}

/// How many requests the server saw for `method`.
fn attempts(server: &EndUsersServer, method: &str) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.method == method)
        .count()
}

const TWILIO_429: &str = r#"{"code":20429,"message":"Too Many Requests","more_info":"https://www.twilio.com/docs/errors/20429","status":429}"#;

#[tokio::test]
async fn test_429_with_retry_after_is_retried_after_the_delay_the_server_asked_for() {
    no_hang("a 429", async {
        let server = EndUsersServer::start().await;
        let events = Arc::new(Mutex::new(Vec::<RetryEvent>::new()));
        let seen = Arc::clone(&events);
        // The default policy: Retry-After (1 s) is within its 3 s cap.
        let client = builder(server.origin())
            .retry_policy(RetryPolicy::default())
            .on_retry(move |event| seen.lock().unwrap().push(event.clone()))
            .build()
            .unwrap();
        server.inject(
            Route::CreateEndUser,
            Fault::json(429, TWILIO_429).with_header("retry-after", "1"),
        );
        let params = CreateEndUserParams::new("Harbour Street Bakery", EndUserEnumType::Business);
        let created = client.create_end_user(&params).await.unwrap();
        assert!(created.sid.is_some());

        // Twilio did not process the rate-limited POST, so sending it again is safe.
        assert_eq!(attempts(&server, "POST"), 2);
        assert_eq!(server.end_user_count(), 1);
        let events = events.lock().unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].operation, "CreateEndUser");
        assert_eq!(events[0].cause, RetryCause::Status(429.try_into().unwrap()));
        assert_eq!(
            events[0].delay,
            Duration::from_secs(1),
            "Retry-After is honoured"
        );
    })
    .await;
}

#[tokio::test]
async fn test_503_then_success_is_retried_even_for_post() {
    no_hang("a 503", async {
        let server = EndUsersServer::start().await;
        let client = client(server.origin());
        server.inject(
            Route::CreateEndUser,
            Fault::html(503, "<h1>Service Unavailable</h1>"),
        );
        let params = CreateEndUserParams::new("Harbour Street Bakery", EndUserEnumType::Business);
        client.create_end_user(&params).await.unwrap();
        assert_eq!(attempts(&server, "POST"), 2);
        assert_eq!(server.end_user_count(), 1);
    })
    .await;
}

#[tokio::test]
async fn test_500_is_retried_for_get_but_not_for_post() {
    no_hang("a 500", async {
        let (server, client, sid) = server_with_one_end_user().await;
        let body = r#"{"code":20500,"message":"Internal Server Error","more_info":"https://www.twilio.com/docs/errors/20500","status":500}"#;

        server.inject(Route::FetchEndUser, Fault::json(500, body));
        client.fetch_end_user(&sid).await.unwrap();
        assert_eq!(attempts(&server, "GET"), 2);

        // The server may have created it before failing: a second POST could create a duplicate.
        server.inject(Route::CreateEndUser, Fault::json(500, body));
        let params = CreateEndUserParams::new("Second", EndUserEnumType::Business);
        let error = client.create_end_user(&params).await.unwrap_err();
        assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
        assert_eq!(error.api_error().unwrap().code(), Some(20500));
        assert_eq!(attempts(&server, "POST"), 1, "exactly one POST");
        assert_eq!(server.end_user_count(), 1);
    })
    .await;
}

#[tokio::test]
async fn test_a_response_slower_than_the_timeout_is_a_timeout_error() {
    no_hang("a slow response", async {
        let (server, _, sid) = server_with_one_end_user().await;
        let client = builder(server.origin())
            .timeout(Duration::from_millis(200))
            .build()
            .unwrap();
        server.inject(Route::FetchEndUser, Fault::Delay(Duration::from_secs(2)));
        let error = client.fetch_end_user(&sid).await.unwrap_err();
        assert!(
            matches!(
                error,
                Error::Timeout {
                    operation: "FetchEndUser",
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(error.is_retryable());
        // Each attempt may already have waited the whole timeout: not retried.
        assert_eq!(attempts(&server, "GET"), 1);
    })
    .await;
}

#[tokio::test]
async fn test_a_connection_closed_mid_body_is_a_transport_error_retried_only_for_get() {
    no_hang("a cut body", async {
        let (server, client, sid) = server_with_one_end_user().await;

        let once = builder(server.origin())
            .retry_policy(RetryPolicy::disabled())
            .build()
            .unwrap();
        server.inject(Route::FetchEndUser, Fault::CutBody);
        let error = once.fetch_end_user(&sid).await.unwrap_err();
        assert!(
            matches!(
                error,
                Error::Transport {
                    operation: "FetchEndUser",
                    ..
                }
            ),
            "{error:?}"
        );

        // With retries, the GET is sent again and succeeds.
        server.take_requests();
        server.inject(Route::FetchEndUser, Fault::CutBody);
        let fetched = client.fetch_end_user(&sid).await.unwrap();
        assert_eq!(fetched.sid.as_ref(), Some(&sid));
        assert_eq!(attempts(&server, "GET"), 2);

        // A POST whose answer was cut may have been processed: not sent again.
        server.inject(Route::CreateEndUser, Fault::CutBody);
        let params = CreateEndUserParams::new("Second", EndUserEnumType::Business);
        let error = client.create_end_user(&params).await.unwrap_err();
        assert!(
            matches!(
                error,
                Error::Transport {
                    operation: "CreateEndUser",
                    ..
                }
            ),
            "{error:?}"
        );
        assert_eq!(attempts(&server, "POST"), 1);
    })
    .await;
}

#[tokio::test]
async fn test_truncated_or_malformed_json_is_a_decode_error_naming_the_operation() {
    no_hang("malformed JSON", async {
        let (server, client, sid) = server_with_one_end_user().await;
        let truncated = r#"{"sid":"IT0123456789abcdef0123456789abcdef","friendly_name":"Ma"#;
        let cases = [
            (Route::FetchEndUser, truncated),
            (Route::FetchEndUser, r#"{"sid": 42}"#),
            (Route::ListEndUsers, r#"{"results":{},"meta":{}}"#),
        ];
        for (route, body) in cases {
            server.inject(route, Fault::json(200, body));
            let error = match route {
                Route::FetchEndUser => client.fetch_end_user(&sid).await.map(drop),
                _ => client
                    .list_end_user(&ListEndUserParams::default())
                    .await
                    .map(drop),
            }
            .unwrap_err();
            let operation = match route {
                Route::FetchEndUser => "FetchEndUser",
                _ => "ListEndUser",
            };
            assert!(
                matches!(&error, Error::Decode { operation: op, .. } if *op == operation),
                "{body}: {error:?}"
            );
            assert!(error.to_string().contains(operation), "{error}");
            assert_eq!(error.body_excerpt(), Some(body));
            // The body can hold personal data: Debug and Display keep it out.
            let shown = format!("{error} {error:?}");
            assert!(!shown.contains(body), "{shown}");
        }
        assert_eq!(server.requests().len(), 3, "a decode error is not retried");
    })
    .await;
}

#[tokio::test]
async fn test_twilios_deviations_from_the_document_decode() {
    no_hang("Twilio's real shapes", async {
        let (server, client, sid) = server_with_one_end_user().await;
        // A malformed SID, "" for an enum and a timestamp, a number where the document says
        // string would still fail; these are what Twilio has been seen to send.
        let body = r#"{"sid":"IT12445353","account_sid":"","type":"","date_created":"",
            "date_updated":"Thu, 30 Jul 2015 20:00:00 +0000","friendly_name":"Jane"}"#;
        server.inject(Route::FetchEndUser, Fault::json(200, body));
        let end_user = client.fetch_end_user(&sid).await.unwrap();
        let kept = end_user.sid.as_ref().unwrap();
        assert_eq!(
            kept.as_str(),
            "IT12445353",
            "a malformed SID is kept as sent"
        );
        assert!(!kept.is_well_formed());
        assert_eq!(end_user.account_sid, None);
        assert_eq!(end_user.type_, None);
        assert_eq!(end_user.date_created, None);
        let updated: jiff::Timestamp = "2015-07-30T20:00:00Z".parse().unwrap();
        assert_eq!(end_user.date_updated, Some(updated));
        // Sending it back is the user's choice; building one by hand is still checked.
        assert!("IT12445353".parse::<EndUserSid>().is_err());
    })
    .await;
}

#[tokio::test]
async fn test_a_field_that_does_not_fit_names_where_and_keeps_the_data_reachable() {
    no_hang("a field that does not fit", async {
        let (server, client, sid) = server_with_one_end_user().await;
        let body = r#"{"sid":"IT0123456789abcdef0123456789abcdef","friendly_name":"Jane Doe",
            "date_created":"the day before yesterday"}"#;
        server.inject(Route::FetchEndUser, Fault::json(200, body));
        let error = client.fetch_end_user(&sid).await.unwrap_err();
        let Error::Decode {
            operation, source, ..
        } = &error
        else {
            panic!("expected a decode error, got {error:?}");
        };
        assert_eq!(*operation, "FetchEndUser");
        assert_eq!(source.status(), Some(200));
        assert_eq!(source.pointer(), "/date_created");
        let shown = format!("{error} {error:?} {source} {source:?}");
        assert!(
            shown.contains("/date_created") && shown.contains("HTTP 200"),
            "{shown}"
        );
        assert!(
            !shown.contains("Jane") && !shown.contains("yesterday"),
            "{shown}"
        );
        // The way to the data: the body as untyped JSON, every field in it.
        let json = source.json().expect("the body is JSON");
        assert_eq!(json["friendly_name"], "Jane Doe");
        assert_eq!(json["date_created"], "the day before yesterday");
        assert_eq!(source.body(), body.as_bytes());
    })
    .await;
}

#[tokio::test]
async fn test_an_html_error_page_keeps_the_status_but_none_of_its_text() {
    no_hang("an HTML error page", async {
        let (server, client, sid) = server_with_one_end_user().await;
        let page = "<html><head><title>502 Bad Gateway</title></head>\
                    <body><center><h1>502 Bad Gateway</h1></center></body></html>";
        // Retried like any 5xx on a GET, and failing every time.
        for _ in 0..RetryPolicy::default().max_attempts() {
            server.inject(Route::FetchEndUser, Fault::html(502, page));
        }
        let error = client.fetch_end_user(&sid).await.unwrap_err();
        let api = error.api_error().expect("an Error::Api");
        assert_eq!(api.status().as_u16(), 502);
        assert_eq!(api.code(), None);
        assert_eq!(api.operation(), "FetchEndUser");
        // Markup can carry personal data: only its type and length are kept.
        assert_eq!(api.body_excerpt(), None);
        assert!(
            error
                .to_string()
                .ends_with(&format!("text/html body, {} bytes", page.len())),
            "{error}"
        );
        assert_eq!(attempts(&server, "GET"), 4);
    })
    .await;
}

#[tokio::test]
async fn test_unknown_enum_values_and_extra_fields_decode() {
    no_hang("a newer server", async {
        let (server, client, sid) = server_with_one_end_user().await;
        let end_user = serde_json::json!({
            "sid": sid.as_str(),
            "account_sid": "AC0123456789abcdef0123456789abcdef",
            "friendly_name": "Mara Lindqvist",
            "type": "sole_trader",
            "attributes": {"first_name": "Mara"},
            "date_created": "2024-02-01T16:05:10Z",
            "date_updated": "2024-02-20T08:41:37Z",
            "url": "{origin}/v2/RegulatoryCompliance/EndUsers/x",
            "status": "twilio-approved",
            "links": {"bundles": "{origin}/v2/RegulatoryCompliance/Bundles"},
        });
        server.inject(Route::FetchEndUser, Fault::json(200, end_user.to_string()));
        let fetched = client.fetch_end_user(&sid).await.unwrap();
        assert_eq!(
            fetched.type_,
            Some(EndUserEnumType::Unknown("sole_trader".to_owned()))
        );
        assert!(fetched.type_.as_ref().unwrap().is_unknown());
        assert_eq!(fetched.friendly_name.as_deref(), Some("Mara Lindqvist"));
        // Sent back as it came.
        assert_eq!(
            serde_json::to_value(&fetched).unwrap()["type"],
            "sole_trader"
        );

        let page = serde_json::json!({
            "results": [end_user],
            "meta": {"page": 0, "page_size": 50, "key": "results", "next_page_url": null,
                     "cursor": "opaque", "total": 1},
            "links": {},
        });
        server.inject(Route::ListEndUsers, Fault::json(200, page.to_string()));
        let page = client
            .list_end_user(&ListEndUserParams::default())
            .await
            .unwrap();
        assert_eq!(page.items, [fetched]);
    })
    .await;
}

#[tokio::test]
async fn test_a_next_page_on_another_origin_stops_the_stream_without_contacting_it() {
    no_hang("a foreign next page", async {
        let (server, client, _) = server_with_one_end_user().await;
        let elsewhere = EndUsersServer::start().await;
        let foreign = format!(
            "{}/v2/RegulatoryCompliance/EndUsers?PageSize=50&Page=1&PageToken=PA0",
            elsewhere.origin()
        );
        server.inject(Route::ListEndUsers, Fault::NextPageUrl(foreign));

        let mut stream =
            std::pin::pin!(client.list_end_user_stream(&ListEndUserParams::default(), None));
        let first = stream.next().await.unwrap().unwrap();
        assert_eq!(first.friendly_name.as_deref(), Some("Mara Lindqvist"));
        let error = stream.next().await.unwrap().unwrap_err();
        match &error {
            Error::ForeignNextPage { operation, origin } => {
                assert_eq!(*operation, "ListEndUser");
                assert_eq!(origin, elsewhere.origin());
            }
            other => panic!("expected ForeignNextPage, got {other:?}"),
        }
        assert!(
            stream.next().await.is_none(),
            "the stream ends after the error"
        );
        assert!(
            elsewhere.requests().is_empty(),
            "credentials never went there"
        );
        assert_eq!(server.requests().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn test_a_cycle_of_next_page_urls_ends_the_stream_after_each_page_once() {
    no_hang("a paging cycle", async {
        let (server, client, _) = server_with_one_end_user().await;
        let page = |n: u32| {
            format!(
                "{}/v2/RegulatoryCompliance/EndUsers?PageSize=50&Page={n}&PageToken=PA0",
                server.origin()
            )
        };
        // First page -> Page=1 -> Page=2 -> Page=1 again.
        for next in [page(1), page(2), page(1)] {
            server.inject(Route::ListEndUsers, Fault::NextPageUrl(next));
        }
        let results: Vec<_> = client
            .list_end_user_stream(&ListEndUserParams::default(), None)
            .collect()
            .await;
        let error = results.last().unwrap().as_ref().unwrap_err();
        assert!(
            matches!(
                error,
                Error::Paging {
                    operation: "ListEndUser",
                    reason: twilio_numbers_v2::PagingError::RepeatedPage { pages: 3 }
                }
            ),
            "{error:?}"
        );
        assert_eq!(
            server.requests().len(),
            3,
            "each page once, then the cycle is refused"
        );
    })
    .await;
}
