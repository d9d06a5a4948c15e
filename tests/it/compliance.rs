//! The Regulatory Compliance journey through the generated client against the fake
//! (`twilio-numbers-v2-fake`): the example program itself, the rules' failure paths (missing
//! document, wrong SID kind, evaluation with failures, resubmission), and the upload host as a
//! second origin.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use twilio_numbers_v2::enums::{BundleStatus, EndUserEnumType, EvaluationStatus};
use twilio_numbers_v2::mock::{MockPart, MockRequest, MockServer};
use twilio_numbers_v2::models::{BundleItemSid, ItemAssignment};
use twilio_numbers_v2::params::{
    CreateBundleParams, CreateEndUserParams, CreateItemAssignmentParams, ListEndUserParams,
    ListItemAssignmentParams, UpdateBundleParams, UploadSupportingDocumentParams,
};
use twilio_numbers_v2::sids::{BundleSid, EndUserSid};
use twilio_numbers_v2::{Client, Error, FilePart};
use twilio_numbers_v2_fake::ComplianceFake;

use crate::support::no_hang;

#[path = "../../generated-client/examples/compliance_journey.rs"]
#[allow(dead_code, unreachable_pub)]
mod journey;

/// The upload host as the document declares it.
const UPLOAD_HOST: &str = "https://numbers-upload.twilio.com/v2";

/// A client for the fake; its upload host is the fake's second origin.
fn client(server: &ComplianceFake) -> Client {
    server.client()
}

/// The requests the fake's upload host answered, emptying the record of every host.
fn take_upload_requests(server: &ComplianceFake) -> Vec<MockRequest> {
    let requests = server.take_requests();
    requests
        .into_iter()
        .filter(|r| r.server() == Some(UPLOAD_HOST))
        .collect()
}

/// A document file on disk, in a folder of its own that is removed when the value is dropped.
struct DocumentFile {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn document_file(bytes: &[u8]) -> DocumentFile {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bill.pdf");
    std::fs::write(&path, bytes).unwrap();
    DocumentFile { _dir: dir, path }
}

async fn business(client: &Client, attributes: serde_json::Value) -> EndUserSid {
    let params = CreateEndUserParams::new("Harbour Street Bakery", EndUserEnumType::Business)
        .attributes(attributes);
    client.create_end_user(&params).await.unwrap().sid.unwrap()
}

async fn bundle(client: &Client) -> BundleSid {
    let params = CreateBundleParams::new("Bakery numbers", "ops@bakery.example");
    let bundle = client.create_bundle(&params).await.unwrap();
    assert_eq!(bundle.status, Some(BundleStatus::Draft));
    bundle.sid.unwrap()
}

async fn assign(client: &Client, bundle: &BundleSid, item: impl Into<BundleItemSid>) {
    let params = CreateItemAssignmentParams::new(item);
    client
        .create_item_assignment(bundle, &params)
        .await
        .unwrap();
}

#[tokio::test]
async fn test_the_example_program_does_the_whole_journey_and_the_review_follows() {
    no_hang("the journey", async {
        let server = ComplianceFake::start().await;
        let client = client(&server);
        let pdf = b"%PDF-1.7\n% a made-up electricity bill\n".repeat(100);
        let bill = document_file(&pdf);
        let outcome = journey::run(&client, "XE", "local", &bill.path, "ops@bakery.example")
            .await
            .unwrap();
        let journey::Outcome::Submitted(bundle) = outcome else {
            panic!("the Bundle should be compliant: {outcome:?}");
        };
        assert_eq!(bundle.status, Some(BundleStatus::PendingReview));
        let sid = bundle.sid.unwrap();

        // The file went to the upload host, as it was on disk.
        let files: Vec<MockPart> = server.uploads().into_iter().map(|u| u.file).collect();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].data, pdf);
        assert_eq!(files[0].file_name.as_deref(), Some("bill.pdf"));
        assert_eq!(files[0].content_type.as_deref(), Some("application/pdf"));

        // Twilio's review, then what the owner sees.
        server.approve(&sid).await.unwrap();
        let reviewed = client.fetch_bundle(&sid).await.unwrap();
        assert_eq!(reviewed.status, Some(BundleStatus::TwilioApproved));
        assert!(reviewed.valid_until.is_some());
        let items = client
            .list_item_assignment(&sid, &ListItemAssignmentParams::default())
            .await
            .unwrap()
            .items;
        let kinds: Vec<bool> = items
            .iter()
            .map(|i| matches!(i.object_sid, Some(BundleItemSid::SupportingDocument(_))))
            .collect();
        assert_eq!(kinds, [false, true]);
    })
    .await;
}

#[tokio::test]
async fn test_a_bundle_without_its_document_evaluates_noncompliant_and_cannot_be_submitted() {
    no_hang("missing document", async {
        let server = ComplianceFake::start().await;
        let client = client(&server);
        let bundle = bundle(&client).await;
        // An End-User without the business name the Regulation asks for, and no document.
        assign(
            &client,
            &bundle,
            business(&client, serde_json::json!({})).await,
        )
        .await;

        server.take_requests();
        let evaluation = client.create_evaluation(&bundle).await.unwrap();
        // The evaluation is a POST without a body: it says so with Content-Length: 0.
        let sent = server.take_requests().pop().unwrap();
        assert_eq!(sent.header("content-length"), Some("0"));
        assert_eq!(evaluation.status, Some(EvaluationStatus::Noncompliant));
        let results = evaluation.results.unwrap();
        let to_fix: Vec<(String, Vec<String>)> = results
            .iter()
            .filter(|r| r.passed == Some(false))
            .map(|r| {
                let fields = r.invalid.iter().flatten();
                let fields = fields.filter_map(|f| f.object_field.clone()).collect();
                (r.object_type.clone().unwrap(), fields)
            })
            .collect();
        assert_eq!(
            to_fix,
            [
                ("business".to_owned(), vec!["business_name".to_owned()]),
                (
                    "utility_bill".to_owned(),
                    vec!["business_name".to_owned(), "address_sids".to_owned()]
                ),
            ]
        );
        assert_eq!(results[1].error_code, Some(22216));

        // An update with nothing to change sends an empty body, said to be empty.
        client
            .update_bundle(&bundle, &UpdateBundleParams::default())
            .await
            .unwrap();
        let sent = server.take_requests().pop().unwrap();
        assert_eq!(sent.header("content-length"), Some("0"));

        let submit = UpdateBundleParams::default().status(BundleStatus::PendingReview);
        let err = client.update_bundle(&bundle, &submit).await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
        let status = client.fetch_bundle(&bundle).await.unwrap().status;
        assert_eq!(status, Some(BundleStatus::Draft));
    })
    .await;
}

#[tokio::test]
async fn test_only_a_draft_bundle_takes_items_or_a_submission() {
    no_hang("resubmission", async {
        let server = ComplianceFake::start().await;
        let client = client(&server);
        let bill = document_file(b"%PDF-1.7 bill");
        let journey::Outcome::Submitted(bundle) =
            journey::run(&client, "XE", "local", &bill.path, "ops@bakery.example")
                .await
                .unwrap()
        else {
            panic!("compliant");
        };
        let sid = bundle.sid.unwrap();
        let submit = UpdateBundleParams::default().status(BundleStatus::PendingReview);
        let again = client.update_bundle(&sid, &submit).await.unwrap_err();
        assert_eq!(again.status().map(|s| s.as_u16()), Some(400));
        let more = business(&client, serde_json::json!({"business_name": "B"})).await;
        let params = CreateItemAssignmentParams::new(more);
        let refused = client.create_item_assignment(&sid, &params).await;
        assert_eq!(refused.unwrap_err().status().map(|s| s.as_u16()), Some(400));
        // A rejected Bundle cannot be submitted again as it is: its owner changes its items
        // first (which returns it to draft).
        server.reject(&sid, "Unreadable bill").await.unwrap();
        let status = client.fetch_bundle(&sid).await.unwrap().status;
        assert_eq!(status, Some(BundleStatus::TwilioRejected));
        assert!(client.update_bundle(&sid, &submit).await.is_err());
    })
    .await;
}

#[tokio::test]
async fn test_a_sid_of_another_kind_is_refused_before_any_request() {
    no_hang("wrong SID kind", async {
        let server = ComplianceFake::start().await;
        let bundle_sid = "BU0123456789abcdef0123456789abcdef";
        let err = BundleItemSid::parse(bundle_sid).unwrap_err();
        assert!(err.to_string().contains("\"IT\", \"RD\", \"AD\""), "{err}");
        assert!(matches!(
            BundleItemSid::parse("AD0123456789abcdef0123456789abcdef"),
            Ok(BundleItemSid::Address(_))
        ));
        // From the wire, an assignment holding another kind fails to decode.
        let body = format!(r#"{{"object_sid":"{bundle_sid}"}}"#);
        assert!(serde_json::from_str::<ItemAssignment>(&body).is_err());
        // A well-formed End-User SID that names no End-User is the server's to refuse.
        let client = client(&server);
        let bundle = bundle(&client).await;
        let ghost = EndUserSid::parse("IT00000000000000000000000000000000").unwrap();
        let params = CreateItemAssignmentParams::new(ghost);
        let err = client
            .create_item_assignment(&bundle, &params)
            .await
            .unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    })
    .await;
}

#[tokio::test]
async fn test_the_upload_host_gets_the_multipart_file_and_no_other_host_gets_credentials() {
    no_hang("two origins", async {
        let server = ComplianceFake::start().await;
        let client = client(&server);
        let bytes: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let bill = document_file(&bytes);
        let file = FilePart::from_path(&bill.path).await.unwrap();
        let params = UploadSupportingDocumentParams::new("Bill", "utility_bill", file)
            .attributes(serde_json::json!({"business_name": "B"}));
        let document = client.upload_supporting_document(&params).await.unwrap();
        assert_eq!(document.mime_type.as_deref(), Some("application/pdf"));

        let requests = server.take_requests();
        assert_eq!(requests.len(), 1);
        let upload = &requests[0];
        // On the upload host, under its own path (`/v2`, stripped by the mock).
        assert_eq!(upload.server(), Some(UPLOAD_HOST));
        assert_eq!(upload.path(), "/RegulatoryCompliance/SupportingDocuments");
        let content_type = upload.header("content-type").unwrap();
        assert!(content_type.starts_with("multipart/form-data; boundary="));
        assert!(upload.header("authorization").is_some());
        let parts = upload.multipart().unwrap();
        let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["FriendlyName", "Type", "Attributes", "File"]);
        assert_eq!(parts[2].data, br#"{"business_name":"B"}"#);
        assert_eq!(parts[3].data, bytes);
        // (The main origin never saw the file: the one request above was the upload host's.)

        // A next page on the upload host is not an origin the list may follow: refused,
        // and the upload host receives nothing (no credentials).
        let upload_origin = server.server().operation_server_url(UPLOAD_HOST).unwrap();
        let foreign = format!("{upload_origin}/RegulatoryCompliance/EndUsers?Page=1");
        let params = ListEndUserParams::default();
        let mut page = client.list_end_user(&params).await.unwrap();
        page.meta.next_page_url = Some(foreign);
        let next = client.next_page(&page).await;
        assert!(
            matches!(next, Err(Error::ForeignNextPage { .. })),
            "{next:?}"
        );
        assert!(take_upload_requests(&server).is_empty());
    })
    .await;
}

/// A fake whose upload host answers the first `failures` uploads `503` (Twilio busy) before
/// the fake plays the rest; the multipart parts of every refused attempt are kept.
async fn fake_with_busy_upload_host(
    failures: usize,
) -> (ComplianceFake, Arc<Mutex<Vec<Vec<MockPart>>>>) {
    let server = MockServer::start().await;
    let refused = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&refused);
    let _busy = server
        .expect_upload_supporting_document(|_, then| {
            then.respond_with(move |request, reply| {
                kept.lock()
                    .unwrap()
                    .push(request.multipart().unwrap_or_default());
                reply.error(503, 20503, "Service unavailable");
            });
        })
        .times(failures);
    (ComplianceFake::on(server), refused)
}

#[tokio::test]
async fn test_a_retried_upload_sends_the_whole_file_again_and_a_reader_only_once() {
    no_hang("upload retries", async {
        let client = |server: &ComplianceFake| {
            server
                .server()
                .client_builder()
                .retry_policy(crate::support::fast_retries())
                .build()
                .unwrap()
        };
        let (server, refused) = fake_with_busy_upload_host(1).await;
        let bill = document_file(b"%PDF-1.7 the whole bill");
        let file = FilePart::from_path(&bill.path).await.unwrap();
        let params = UploadSupportingDocumentParams::new("Bill", "utility_bill", file);
        client(&server)
            .upload_supporting_document(&params)
            .await
            .unwrap();
        // Two attempts: the refused one, then the one the fake answered, with the same parts.
        let answered = take_upload_requests(&server);
        assert_eq!(answered.len(), 1);
        let first = refused.lock().unwrap().remove(0);
        assert_eq!(Some(first), answered[0].multipart());
        assert_eq!(server.uploads()[0].file.data, b"%PDF-1.7 the whole bill");

        // A reader cannot be read twice: the retry fails instead of sending a truncated file.
        let (server, refused) = fake_with_busy_upload_host(1).await;
        let file = FilePart::from_reader(&b"%PDF-1.7 streamed"[..], 17);
        let params = UploadSupportingDocumentParams::new("Bill", "utility_bill", file);
        let err = client(&server)
            .upload_supporting_document(&params)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Upload { .. }), "{err:?}");
        assert_eq!(refused.lock().unwrap().len(), 1, "one attempt, refused");
        assert!(take_upload_requests(&server).is_empty());
        assert!(server.uploads().is_empty());
    })
    .await;
}

#[tokio::test]
async fn test_a_file_over_the_upload_limit_is_refused_before_sending() {
    no_hang("upload limit", async {
        let server = ComplianceFake::start().await;
        let client = server
            .server()
            .client_builder()
            .max_upload_size(10)
            .build()
            .unwrap();
        let file = FilePart::from_bytes(vec![7; 11]).file_name("big.pdf");
        let params = UploadSupportingDocumentParams::new("Big", "utility_bill", file);
        let err = client
            .upload_supporting_document(&params)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Upload { .. }), "{err:?}");
        assert!(err.to_string().contains("11 bytes"), "{err}");
        assert!(server.take_requests().is_empty());
    })
    .await;
}
