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

/// An operation with a server of its own (the upload host) reaches the mock on a second port,
/// not the main host's expectation for the same path; the handler reads the multipart parts.
#[tokio::test]
async fn an_upload_goes_to_the_stand_in_for_its_own_host_and_its_parts_can_be_read() {
    let server = MockServer::start().await;
    let upload_host = "https://numbers-upload.twilio.com/v2";
    let local = server
        .operation_server_url(upload_host)
        .expect("the document declares an upload host");
    assert_ne!(local, server.base_url());
    assert!(
        server
            .operation_server_url("https://elsewhere.example")
            .is_none()
    );

    let document = json!({
        "sid": "RD0123456789abcdef0123456789abcdef",
        "friendly_name": "Bill",
        "type": "utility_bill",
        "status": "draft",
    });
    let seen = Arc::new(Mutex::new(Vec::new()));
    let recorded = Arc::clone(&seen);
    let details_only = server.expect_create_supporting_document(|_, then| {
        then.ok_json(document.clone());
    });
    let upload = server.expect_upload_supporting_document(|_, then| {
        let document = document.clone();
        then.respond_with(move |request, reply| {
            let parts = request.multipart().unwrap_or_default();
            recorded
                .lock()
                .unwrap()
                .push((request.server().map(str::to_owned), parts));
            reply.json(201, &document);
        });
    });

    let client = server.client();
    let file = FilePart::from_bytes(b"%PDF-1.7 bill".to_vec())
        .file_name("bill.pdf")
        .content_type("application/pdf");
    let params = UploadSupportingDocumentParams::new("Bill", "utility_bill", file);
    let created = client.upload_supporting_document(&params).await.unwrap();
    assert_eq!(created.friendly_name.as_deref(), Some("Bill"));
    let details = CreateSupportingDocumentParams::new("Bill", "utility_bill");
    client.create_supporting_document(&details).await.unwrap();

    upload.assert_hits(1);
    details_only.assert_hits(1);
    let seen = seen.lock().unwrap();
    let (host, parts) = &seen[0];
    assert_eq!(host.as_deref(), Some(upload_host));
    let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["FriendlyName", "Type", "File"]);
    assert_eq!(parts[0].text(), Some("Bill"));
    assert_eq!(parts[2].file_name.as_deref(), Some("bill.pdf"));
    assert_eq!(parts[2].content_type.as_deref(), Some("application/pdf"));
    assert_eq!(parts[2].data, b"%PDF-1.7 bill");
}

/// An optional expectation that no request met passes `verify`; a plain one does not.
#[tokio::test]
async fn an_optional_expectation_may_go_unmet() {
    let server = MockServer::start().await;
    let optional = server
        .expect_fetch_end_user(|_, then| {
            then.ok(&end_user("Jane", json!({})));
        })
        .optional();
    server.verify();
    assert_eq!(optional.hits(), 0);
    let _required = server.expect_delete_end_user(|_, _| {});
    let message = panic_message(|| server.verify());
    assert!(message.contains("DeleteEndUser"), "{message}");
    assert!(!message.contains("FetchEndUser"), "{message}");
    server.reset();
}
