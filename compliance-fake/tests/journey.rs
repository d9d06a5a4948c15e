//! The fake through the generated client, over HTTP on 127.0.0.1: the whole journey with its
//! signed status callbacks received and validated by a local axum app, the status rules with
//! Twilio's error codes, evaluations by the Regulation or as dictated, and paging.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{FromRef, State};
use axum::routing::post;
use serde_json::json;
use twilio_numbers_v2::mock::{TEST_ACCOUNT_SID, TEST_AUTH_TOKEN};
use twilio_numbers_v2::prelude::*;
use twilio_numbers_v2::webhook::{
    self, BundleStatusCallback, TwilioWebhook, Validator, WebhookConfig,
};
mod support;

use support::{api_error, compliant_bundle};
use twilio_numbers_v2_fake::{
    ComplianceFake, INVALID_PARAMETER, MISSING_FIELD, MISSING_ITEM, NOT_FOUND, Verdict,
};

/// The receiving application: validates each callback's signature (the extractor answers 403
/// before the handler otherwise) and keeps what it received.
#[derive(Clone)]
struct Receiver {
    config: WebhookConfig,
    received: Arc<Mutex<Vec<BundleStatusCallback>>>,
}

impl FromRef<Receiver> for WebhookConfig {
    fn from_ref(receiver: &Receiver) -> Self {
        receiver.config.clone()
    }
}

async fn bundle_status(
    State(receiver): State<Receiver>,
    TwilioWebhook(callback): TwilioWebhook<BundleStatusCallback>,
) -> &'static str {
    receiver.received.lock().unwrap().push(callback);
    "ok"
}

/// Starts a receiver validating with `auth_token`; returns its callback URL and what it got.
async fn receiver(auth_token: &str) -> (String, Arc<Mutex<Vec<BundleStatusCallback>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let received = Arc::new(Mutex::new(Vec::new()));
    let state = Receiver {
        config: WebhookConfig::new(Validator::new(auth_token), &base).unwrap(),
        received: Arc::clone(&received),
    };
    let app = Router::new()
        .route("/hooks/bundles", post(bundle_status))
        .with_state(state);
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("{base}/hooks/bundles"), received)
}

fn statuses(received: &Mutex<Vec<BundleStatusCallback>>) -> Vec<String> {
    let received = received.lock().unwrap();
    received
        .iter()
        .map(|c| c.status.as_str().to_owned())
        .collect()
}

#[tokio::test]
async fn the_whole_journey_with_signed_callbacks_validated_by_the_receiver() {
    let fake = ComplianceFake::start().await;
    let client = fake.client();
    let (url, received) = receiver(TEST_AUTH_TOKEN).await;
    let bundle = compliant_bundle(&fake, &client, Some(&url)).await;

    // The file reached the upload host as sent.
    let uploads = fake.uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].file.data, b"%PDF-1.7 a bill");
    assert_eq!(uploads[0].file.file_name.as_deref(), Some("bill.pdf"));
    let document = &fake.supporting_documents()[0];
    assert_eq!(document.mime_type.as_deref(), Some("application/pdf"));

    let evaluation = client.create_evaluation(&bundle).await.unwrap();
    assert_eq!(evaluation.status, Some(EvaluationStatus::Compliant));
    assert!(
        evaluation
            .results
            .unwrap()
            .iter()
            .all(|r| r.passed == Some(true))
    );

    let submit = UpdateBundleParams::default().status(BundleStatus::PendingReview);
    let submitted = client.update_bundle(&bundle, &submit).await.unwrap();
    assert_eq!(submitted.status, Some(BundleStatus::PendingReview));
    fake.settle().await;
    assert_eq!(statuses(&received), ["pending-review"]);

    let approved = fake.approve(&bundle).await.unwrap();
    assert_eq!(approved.status, Some(BundleStatus::TwilioApproved));
    assert!(approved.valid_until.is_some());
    let fetched = client.fetch_bundle(&bundle).await.unwrap();
    assert_eq!(fetched.status, Some(BundleStatus::TwilioApproved));

    assert_eq!(
        statuses(&received),
        ["pending-review", "in-review", "twilio-approved"]
    );
    let callbacks = fake.callbacks();
    assert_eq!(callbacks.len(), 3);
    assert!(
        callbacks.iter().all(|c| c.outcome == Ok(200)),
        "{callbacks:?}"
    );
    let last = received.lock().unwrap().pop().unwrap();
    assert_eq!(last.bundle_sid, bundle.as_str());
    assert_eq!(last.account_sid.as_deref(), Some(TEST_ACCOUNT_SID));
}

#[tokio::test]
async fn a_receiver_with_another_token_refuses_the_callbacks() {
    let fake = ComplianceFake::start().await;
    let client = fake.client();
    let (url, received) = receiver("not-the-accounts-token").await;
    let bundle = compliant_bundle(&fake, &client, Some(&url)).await;
    let submit = UpdateBundleParams::default().status(BundleStatus::PendingReview);
    client.update_bundle(&bundle, &submit).await.unwrap();
    fake.reject(&bundle, "The bill is older than three months")
        .await
        .unwrap();
    let outcomes: Vec<_> = fake.callbacks().into_iter().map(|c| c.outcome).collect();
    assert_eq!(outcomes, [Ok(403), Ok(403), Ok(403)]);
    assert!(received.lock().unwrap().is_empty());
    // The signature is the crate's own: the right token validates it.
    let callback = &fake.callbacks()[2];
    assert_eq!(callback.status, "twilio-rejected");
    let mut params = webhook::FormParams::new();
    params.push("AccountSid", TEST_ACCOUNT_SID);
    params.push("BundleSid", bundle.as_str());
    params.push("Status", "twilio-rejected");
    params.push("FailureReason", "The bill is older than three months");
    let expected = webhook::sign(webhook::Algorithm::HmacSha1, TEST_AUTH_TOKEN, &url, &params);
    assert_eq!(callback.signature, expected);
}

#[tokio::test]
async fn status_rules_refuse_with_twilios_codes_and_a_rejected_bundle_is_fixed_and_resubmitted() {
    let fake = ComplianceFake::start().await;
    let client = fake.client();
    let (url, received) = receiver(TEST_AUTH_TOKEN).await;

    // A draft without its document evaluates noncompliant and cannot be submitted.
    let bundle = client
        .create_bundle(
            &CreateBundleParams::new("Bakery", "ops@bakery.example")
                .iso_country("XE")
                .number_type("local")
                .status_callback(url.as_str()),
        )
        .await
        .unwrap()
        .sid
        .unwrap();
    let bare = client
        .create_end_user(&CreateEndUserParams::new("B", EndUserEnumType::Business))
        .await
        .unwrap();
    client
        .create_item_assignment(&bundle, &CreateItemAssignmentParams::new(bare.sid.unwrap()))
        .await
        .unwrap();
    let evaluation = client.create_evaluation(&bundle).await.unwrap();
    assert_eq!(evaluation.status, Some(EvaluationStatus::Noncompliant));
    let results = evaluation.results.unwrap();
    assert_eq!(results[0].error_code, Some(MISSING_FIELD));
    assert_eq!(results[1].error_code, Some(MISSING_ITEM));
    let submit = UpdateBundleParams::default().status(BundleStatus::PendingReview);
    let refused = client.update_bundle(&bundle, &submit).await.unwrap_err();
    assert_eq!(api_error(&refused), (400, Some(INVALID_PARAMETER)));
    // The owner sets no other status.
    let approve = UpdateBundleParams::default().status(BundleStatus::TwilioApproved);
    let refused = client.update_bundle(&bundle, &approve).await.unwrap_err();
    assert_eq!(api_error(&refused), (400, Some(INVALID_PARAMETER)));
    assert_eq!(
        fake.bundle(&bundle).unwrap().status,
        Some(BundleStatus::Draft)
    );
    // Twilio's reviewers only see submitted Bundles.
    let early = fake.approve(&bundle).await.unwrap_err();
    assert_eq!(early.status.as_deref(), Some("draft"));

    // Dictated compliant, it is submitted; under review it takes no items and no resubmission.
    fake.dictate_evaluation(&bundle, Verdict::Compliant);
    client.update_bundle(&bundle, &submit).await.unwrap();
    let again = client.update_bundle(&bundle, &submit).await.unwrap_err();
    assert_eq!(api_error(&again), (400, Some(INVALID_PARAMETER)));
    let more = CreateItemAssignmentParams::new(bare_sid(&fake));
    let refused = client
        .create_item_assignment(&bundle, &more)
        .await
        .unwrap_err();
    assert_eq!(api_error(&refused), (400, Some(INVALID_PARAMETER)));
    // Details still change.
    let renamed = client
        .update_bundle(
            &bundle,
            &UpdateBundleParams::default().friendly_name("Bakery 2"),
        )
        .await
        .unwrap();
    assert_eq!(renamed.friendly_name.as_deref(), Some("Bakery 2"));

    // Rejected, with the reason in the callback; an item change returns it to draft.
    fake.reject(&bundle, "Blurred bill").await.unwrap();
    let last = received.lock().unwrap().last().cloned().unwrap();
    assert_eq!(last.failure_reason.as_deref(), Some("Blurred bill"));
    client.create_item_assignment(&bundle, &more).await.unwrap();
    assert_eq!(
        fake.bundle(&bundle).unwrap().status,
        Some(BundleStatus::Draft)
    );
    client.update_bundle(&bundle, &submit).await.unwrap();
    fake.settle().await;
    assert_eq!(
        statuses(&received),
        [
            "pending-review",
            "in-review",
            "twilio-rejected",
            "pending-review"
        ]
    );

    // Dictated noncompliant, the reason is the test's.
    let other = compliant_bundle(&fake, &client, None).await;
    fake.dictate_evaluation(&other, Verdict::Noncompliant("expired".to_owned()));
    let evaluation = client.create_evaluation(&other).await.unwrap();
    assert_eq!(evaluation.status, Some(EvaluationStatus::Noncompliant));
    let reason = evaluation.results.unwrap()[0].failure_reason.clone();
    assert_eq!(reason.as_deref(), Some("expired"));
    assert_eq!(fake.evaluations(&other).len(), 1);

    // Unknown SIDs are Twilio's 404.
    let ghost = BundleSid::parse("BU00000000000000000000000000000fff").unwrap();
    let missing = client.fetch_bundle(&ghost).await.unwrap_err();
    assert_eq!(api_error(&missing), (404, Some(NOT_FOUND)));
}

fn bare_sid(fake: &ComplianceFake) -> EndUserSid {
    fake.end_users()[0].sid.clone().unwrap()
}

#[tokio::test]
async fn lists_page_with_twilios_meta_and_the_client_walks_them() {
    let fake = ComplianceFake::start().await;
    let client = fake.client();
    for n in 0..5 {
        fake.seed_end_user(&format!("User {n}"), EndUserEnumType::Individual, json!({}));
    }
    let first = client
        .list_end_user(&ListEndUserParams::default().page_size(2))
        .await
        .unwrap();
    assert_eq!(first.items.len(), 2);
    let meta = first.meta.clone();
    assert_eq!(meta.page, Some(0));
    assert_eq!(meta.page_size, Some(2));
    assert_eq!(meta.key.as_deref(), Some("results"));
    assert!(meta.previous_page_url.is_none());
    assert!(meta.first_page_url.unwrap().ends_with("PageSize=2&Page=0"));
    let second = client.next_page(&first).await.unwrap().unwrap();
    assert_eq!(second.items[0].friendly_name.as_deref(), Some("User 2"));
    let back = client.previous_page(&second).await.unwrap().unwrap();
    assert_eq!(back.items, first.items);

    use futures_util::TryStreamExt as _;
    let all: Vec<EndUser> = client
        .list_end_user_stream(&ListEndUserParams::default().page_size(2), None)
        .try_collect()
        .await
        .unwrap();
    let names: Vec<_> = all.iter().filter_map(|u| u.friendly_name.clone()).collect();
    assert_eq!(names, ["User 0", "User 1", "User 2", "User 3", "User 4"]);
    assert_eq!(fake.end_users().len(), 5);

    // The other lists page the same way, with their own keys.
    let types = client
        .list_end_user_type(&ListEndUserTypeParams::default())
        .await
        .unwrap();
    assert_eq!(types.items.len(), 2);
    let regulations = client
        .list_regulation(&ListRegulationParams::default().iso_country("XE"))
        .await
        .unwrap();
    assert_eq!(regulations.items.len(), 1);
    let none = client
        .list_regulation(&ListRegulationParams::default().iso_country("GB"))
        .await
        .unwrap();
    assert!(none.items.is_empty());
}

#[tokio::test]
async fn a_seeded_regulation_decides_the_evaluation_and_bad_credentials_are_refused() {
    let fake = ComplianceFake::start().await;
    let client = fake.client();
    let regulation = fake.seed_regulation(
        "XF",
        "mobile",
        "individual",
        json!({"end_user": [{"requirement_name": "person", "type": "individual", "fields": ["first_name"]}]}),
    );
    assert_eq!(fake.regulations().len(), 2);
    let bundle = client
        .create_bundle(
            &CreateBundleParams::new("Mobile", "me@example.com")
                .regulation_sid(regulation.sid.clone().unwrap()),
        )
        .await
        .unwrap()
        .sid
        .unwrap();
    let person = fake.seed_end_user(
        "Jo",
        EndUserEnumType::Individual,
        json!({"first_name": "Jo"}),
    );
    client
        .create_item_assignment(
            &bundle,
            &CreateItemAssignmentParams::new(person.sid.unwrap()),
        )
        .await
        .unwrap();
    let evaluation = client.create_evaluation(&bundle).await.unwrap();
    assert_eq!(evaluation.status, Some(EvaluationStatus::Compliant));
    assert_eq!(evaluation.regulation_sid, regulation.sid);

    let stranger = Client::builder(Credentials::new(TEST_ACCOUNT_SID, "wrong-token").unwrap())
        .base_url(fake.server().base_url())
        .allow_insecure_http(true)
        .build()
        .unwrap();
    let refused = stranger.fetch_bundle(&bundle).await.unwrap_err();
    assert_eq!(api_error(&refused).0, 401);
    let last = fake.requests().pop().unwrap();
    assert_eq!(
        last.path(),
        format!("/v2/RegulatoryCompliance/Bundles/{bundle}")
    );
}
