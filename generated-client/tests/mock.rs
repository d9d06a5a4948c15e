//! The `mock` feature: typed expectations per operation against the client, over real HTTP on
//! 127.0.0.1. Run with `cargo test -p twilio-numbers-v2 --features mock --test mock`.
#![cfg(feature = "mock")]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex};

use serde_json::json;
use twilio_numbers_v2::RetryCause;
use twilio_numbers_v2::mock::MockServer;
use twilio_numbers_v2::prelude::*;

const SID: &str = "IT0123456789abcdef0123456789abcdef";

fn sid() -> EndUserSid {
    EndUserSid::parse(SID).expect("a well-formed SID")
}

/// An End-User as Twilio answers it (models are built by decoding, as the client builds them).
fn end_user(name: &str, attributes: serde_json::Value) -> EndUser {
    serde_json::from_value(json!({
        "sid": SID,
        "account_sid": twilio_numbers_v2::mock::TEST_ACCOUNT_SID,
        "friendly_name": name,
        "type": "individual",
        "attributes": attributes,
        "date_created": "2024-01-31T10:00:00Z",
        "date_updated": "2024-01-31T10:00:00Z",
        "url": format!("https://numbers.twilio.com/v2/RegulatoryCompliance/EndUsers/{SID}"),
    }))
    .expect("an End-User")
}

/// The panic message of `f`, which must panic.
fn panic_message(f: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("expected a panic");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

#[tokio::test]
async fn end_users_created_fetched_listed_updated_and_deleted_against_expectations() {
    let server = MockServer::start().await;
    let client = server.client();
    let attributes = json!({"email": "jane@example.com", "first_name": "Jane"});

    let create = CreateEndUserParams::new("Jane", EndUserEnumType::Individual)
        .attributes(attributes.clone());
    let created = server.expect_create_end_user(|when, then| {
        when.params(&create);
        then.ok(&end_user("Jane", attributes.clone()));
    });
    let fetched = server.expect_fetch_end_user(|when, then| {
        when.sid(&sid());
        then.ok(&end_user("Jane", attributes.clone()));
    });
    let list = ListEndUserParams::default().page_size(20);
    let listed = server.expect_list_end_user(|when, then| {
        when.params(&list);
        then.page(&[end_user("Jane", attributes.clone())]);
    });
    let update = UpdateEndUserParams::default().friendly_name("Jane Doe");
    let updated = server.expect_update_end_user(|when, then| {
        when.sid(&sid()).params(&update);
        then.ok(&end_user("Jane Doe", attributes.clone()));
    });
    let deleted = server.expect_delete_end_user(|when, _then| {
        // A delete answers 204 unless told otherwise.
        when.sid(&sid());
    });

    let user = client.create_end_user(&create).await.expect("created");
    assert_eq!(user.sid, Some(sid()));
    assert_eq!(user.attributes, Some(attributes.clone()));
    let user = client.fetch_end_user(&sid()).await.expect("fetched");
    assert_eq!(user.friendly_name.as_deref(), Some("Jane"));
    let page = client.list_end_user(&list).await.expect("listed");
    assert_eq!(page.items.len(), 1);
    let user = client
        .update_end_user(&sid(), &update)
        .await
        .expect("updated");
    assert_eq!(user.friendly_name.as_deref(), Some("Jane Doe"));
    client.delete_end_user(&sid()).await.expect("deleted");

    for expectation in [&created, &fetched, &listed, &updated, &deleted] {
        expectation.assert_hits(1);
    }
    server.verify();
}

#[tokio::test]
async fn a_form_that_differs_in_one_field_fails_naming_that_field() {
    let server = MockServer::start().await;
    let client = server.client();
    let expected = CreateEndUserParams::new("Jane", EndUserEnumType::Individual)
        .attributes(json!({"email": "jane@example.com"}));
    let expectation = server.expect_create_end_user(|when, then| {
        when.params(&expected);
        then.ok(&end_user("Jane", json!({})));
    });

    let sent = CreateEndUserParams::new("Jane Doe", EndUserEnumType::Individual)
        .attributes(json!({"email": "jane@example.com"}));
    let error = client
        .create_end_user(&sent)
        .await
        .expect_err("no expectation matches");
    let difference =
        r#"form field FriendlyName: expected "Jane", got "Jane Doe"; 2 other fields matched"#;
    assert_eq!(error.status().map(|s| s.as_u16()), Some(418));
    assert!(error.to_string().contains(difference), "{error}");
    assert_eq!(expectation.hits(), 0);

    let message = panic_message(|| server.verify());
    assert!(message.contains(difference), "{message}");
    assert!(message.contains("no request matched it"), "{message}");
    server.reset();
}

#[tokio::test]
async fn attributes_are_compared_as_json_whatever_the_key_order() {
    let server = MockServer::start().await;
    let client = server.client();
    let expected = CreateEndUserParams::new("Jane", EndUserEnumType::Individual)
        .attributes(json!({"email": "jane@example.com", "first_name": "Jane"}));
    let expectation = server.expect_create_end_user(|when, then| {
        when.params(&expected);
        then.ok(&end_user("Jane", json!({})));
    });
    // The caller's own JSON text, keys in another order and spaced.
    let sent = CreateEndUserParams::new("Jane", EndUserEnumType::Individual)
        .attributes(r#"{ "first_name": "Jane", "email": "jane@example.com" }"#);
    client.create_end_user(&sent).await.expect("matched");
    expectation.assert_hits(1);

    // A different value is a difference, named.
    let other = CreateEndUserParams::new("Jane", EndUserEnumType::Individual)
        .attributes(json!({"email": "john@example.com", "first_name": "Jane"}));
    let error = client.create_end_user(&other).await.expect_err("differs");
    assert!(
        error
            .to_string()
            .contains("form field Attributes: expected"),
        "{error}"
    );
    server.reset();
}

#[tokio::test]
async fn an_unmatched_request_shows_the_closest_expectation() {
    let server = MockServer::start().await;
    let client = server.client();
    let other = EndUserSid::parse("IT00000000000000000000000000000000").expect("a SID");
    let _list = server.expect_list_end_user(|_when, then| {
        then.page(&[]);
    });
    let _fetch = server.expect_fetch_end_user(|when, then| {
        when.sid(&sid());
        then.ok(&end_user("Jane", json!({})));
    });

    let error = client.fetch_end_user(&other).await.expect_err("unmatched");
    let text = error.to_string();
    assert!(
        text.contains(
            "closest is expectation #2 FetchEndUser (GET /v2/RegulatoryCompliance/EndUsers/{Sid})"
        ),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            r#"path argument Sid: expected "{SID}", got "IT00000000000000000000000000000000""#
        )),
        "{text}"
    );
    assert_eq!(server.unmatched().len(), 1);
    server.reset();
}

#[tokio::test]
async fn an_expectation_not_met_fails_verify() {
    let server = MockServer::start().await;
    let _never = server.expect_fetch_end_user(|when, then| {
        when.sid(&sid());
        then.ok(&end_user("Jane", json!({})));
    });
    let twice = server
        .expect_delete_end_user(|when, _then| {
            when.sid(&sid());
        })
        .times(2);
    server
        .client()
        .delete_end_user(&sid())
        .await
        .expect("deleted");

    let message = panic_message(|| twice.assert_hits(2));
    assert!(
        message.contains("expected 2 request(s), got 1"),
        "{message}"
    );
    let message = panic_message(|| server.verify());
    assert!(
        message.contains("expectation #1 FetchEndUser (GET /v2/RegulatoryCompliance/EndUsers/{Sid}): no request matched it"),
        "{message}"
    );
    assert!(
        message.contains("expectation #2 DeleteEndUser"),
        "{message}"
    );
    server.reset();
}

#[tokio::test]
async fn twilio_errors_reach_the_caller_with_their_shape() {
    let server = MockServer::start().await;
    let _missing = server.expect_fetch_end_user(|_when, then| {
        then.error(404, 20404, "The requested resource was not found");
    });
    let error = server
        .client()
        .fetch_end_user(&sid())
        .await
        .expect_err("404");
    let api = error.api_error().expect("Twilio's error shape");
    assert_eq!(api.status().as_u16(), 404);
    assert_eq!(api.code(), Some(20404));
    assert_eq!(api.message(), Some("The requested resource was not found"));
    assert_eq!(
        api.more_info(),
        Some("https://www.twilio.com/docs/errors/20404")
    );
}

#[tokio::test]
async fn retry_after_is_honoured_by_the_clients_retry() {
    let server = MockServer::start().await;
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&events);
    let client = server
        .client_builder()
        .on_retry(move |event| seen.lock().unwrap().push((event.cause, event.delay)))
        .build()
        .expect("a client");
    // Earlier expectations are tried first: one 429, then the End-User.
    let busy = server
        .expect_fetch_end_user(|_when, then| {
            then.error(429, 20429, "Too Many Requests").retry_after(1);
        })
        .times(1);
    let ok = server.expect_fetch_end_user(|_when, then| {
        then.ok(&end_user("Jane", json!({})));
    });

    let user = client.fetch_end_user(&sid()).await.expect("retried");
    assert_eq!(user.friendly_name.as_deref(), Some("Jane"));
    busy.assert_hits(1);
    ok.assert_hits(1);
    let events = events.lock().unwrap().clone();
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0].0,
        RetryCause::Status(reqwest::StatusCode::TOO_MANY_REQUESTS)
    );
    assert_eq!(events[0].1, std::time::Duration::from_secs(1));
}

#[tokio::test]
async fn a_handler_computes_answers_from_the_request() {
    let server = MockServer::start().await;
    let _echo = server.expect_create_end_user(|_when, then| {
        then.respond_with(|request, reply| {
            let name = request.form_values("FriendlyName").join(",");
            reply.json_value(201, json!({"sid": SID, "friendly_name": name}));
        });
    });
    let _fetch = server.expect_fetch_end_user(|_when, then| {
        then.respond_with(|request, reply| {
            let sid = request.path_arg("Sid").unwrap_or_default();
            reply.json_value(200, json!({"sid": sid, "friendly_name": "Fetched"}));
        });
    });
    let user = server
        .client()
        .create_end_user(&CreateEndUserParams::new("Echo", EndUserEnumType::Business))
        .await
        .expect("created");
    assert_eq!(user.friendly_name.as_deref(), Some("Echo"));
    let user = server
        .client()
        .fetch_end_user(&sid())
        .await
        .expect("fetched");
    assert_eq!(user.sid, Some(sid()));
}

#[tokio::test]
async fn a_panicking_handler_is_reported_by_verify() {
    let server = MockServer::start().await;
    let _broken = server.expect_create_end_user(|_when, then| {
        then.respond_with(|_request, _reply| panic!("the store is empty"));
    });
    let client = server
        .client_builder()
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("a client");
    let error = client
        .create_end_user(&CreateEndUserParams::new("Jane", EndUserEnumType::Business))
        .await
        .expect_err("500");
    assert!(error.to_string().contains("the store is empty"), "{error}");
    let message = panic_message(|| server.verify());
    assert!(
        message.contains("panicked: the store is empty"),
        "{message}"
    );
    server.reset();
}
