//! Every generated operation against Prism: the requests the client builds satisfy the
//! document (Prism validates them), and what Prism answers, from the examples or generated from
//! the schemas, decodes.

use std::collections::BTreeSet;

use futures_util::{StreamExt, TryStreamExt, stream};
use serde_json::{Value, json};
use twilio_numbers_v2::enums::EndUserEnumType;
use twilio_numbers_v2::params::*;
use twilio_numbers_v2::sids::{EndUserSid, EndUserTypeSid};
use twilio_numbers_v2::{Client, Credentials, Error, RetryPolicy};

use super::instance::{Document, Mode, shared};
use crate::support::no_hang;

/// Dynamic answers decoded per operation.
const DYNAMIC_SAMPLES: usize = 100;
/// Requests in flight at once against one Prism (a single Node.js process).
const CONCURRENCY: usize = 8;

/// Every operation the client has; `test_every_operation_of_our_spec_is_exercised` keeps the
/// list complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Operation {
    ListEndUser,
    CreateEndUser,
    FetchEndUser,
    UpdateEndUser,
    DeleteEndUser,
    ListEndUserType,
    FetchEndUserType,
    ListRegulation,
    FetchRegulation,
    ListSupportingDocumentType,
    FetchSupportingDocumentType,
    ListSupportingDocument,
    CreateSupportingDocument,
    UploadSupportingDocument,
    FetchSupportingDocument,
    UpdateSupportingDocument,
    DeleteSupportingDocument,
    ListBundle,
    CreateBundle,
    FetchBundle,
    UpdateBundle,
    DeleteBundle,
    CreateBundleClone,
    ListBundleCopy,
    CreateBundleCopy,
    ListEvaluation,
    CreateEvaluation,
    FetchEvaluation,
    ListItemAssignment,
    CreateItemAssignment,
    FetchItemAssignment,
    DeleteItemAssignment,
    CreateReplaceItems,
}

const OPERATIONS: [Operation; 33] = [
    Operation::ListEndUser,
    Operation::CreateEndUser,
    Operation::FetchEndUser,
    Operation::UpdateEndUser,
    Operation::DeleteEndUser,
    Operation::ListEndUserType,
    Operation::FetchEndUserType,
    Operation::ListRegulation,
    Operation::FetchRegulation,
    Operation::ListSupportingDocumentType,
    Operation::FetchSupportingDocumentType,
    Operation::ListSupportingDocument,
    Operation::CreateSupportingDocument,
    Operation::UploadSupportingDocument,
    Operation::FetchSupportingDocument,
    Operation::UpdateSupportingDocument,
    Operation::DeleteSupportingDocument,
    Operation::ListBundle,
    Operation::CreateBundle,
    Operation::FetchBundle,
    Operation::UpdateBundle,
    Operation::DeleteBundle,
    Operation::CreateBundleClone,
    Operation::ListBundleCopy,
    Operation::CreateBundleCopy,
    Operation::ListEvaluation,
    Operation::CreateEvaluation,
    Operation::FetchEvaluation,
    Operation::ListItemAssignment,
    Operation::CreateItemAssignment,
    Operation::FetchItemAssignment,
    Operation::DeleteItemAssignment,
    Operation::CreateReplaceItems,
];

/// The End-User operations, whose answers decode into exactly the examples of both documents.
const END_USER_OPERATIONS: usize = 7;

impl Operation {
    fn id(self) -> String {
        format!("{self:?}")
    }
}

fn prism_client(origin: &str) -> Client {
    Client::builder(Credentials::new("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "prism-token").unwrap())
        .base_url(origin)
        // Prism serves every path on one port; the upload path has no `/v2` of its own there.
        .operation_server("https://numbers-upload.twilio.com/v2", origin)
        .allow_insecure_http(true)
        // One request, one answer from Prism: nothing is hidden by a retry.
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

/// Calls `operation` with every parameter it has set, and returns the decoded answer encoded
/// again as JSON (null for a delete), in the shape of the document's example.
async fn call(client: &Client, operation: Operation) -> Result<Value, Error> {
    let end_user_sid: EndUserSid = "ITbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".parse().unwrap();
    let type_sid: EndUserTypeSid = "OYcccccccccccccccccccccccccccccccc".parse().unwrap();
    Ok(match operation {
        Operation::ListEndUser => {
            let params = ListEndUserParams::default()
                .page_size(20)
                .page(0)
                .page_token("PAexample");
            let page = client.list_end_user(&params).await?;
            json!({"results": page.items, "meta": page.meta})
        }
        Operation::CreateEndUser => {
            let params =
                CreateEndUserParams::new("Harbour Street Bakery", EndUserEnumType::Business)
                    .attributes(json!({"business_name": "Harbour Street Bakery Ltd"}));
            json!(client.create_end_user(&params).await?)
        }
        Operation::FetchEndUser => json!(client.fetch_end_user(&end_user_sid).await?),
        Operation::UpdateEndUser => {
            let params = UpdateEndUserParams::default()
                .friendly_name("Mara Lindqvist (home office)")
                .attributes(json!({"email": "mara@lindqvist-design.example"}));
            json!(client.update_end_user(&end_user_sid, &params).await?)
        }
        Operation::DeleteEndUser => {
            client.delete_end_user(&end_user_sid).await?;
            Value::Null
        }
        Operation::ListEndUserType => {
            let params = ListEndUserTypeParams::default()
                .page_size(20)
                .page(0)
                .page_token("PAexample");
            let page = client.list_end_user_type(&params).await?;
            json!({"end_user_types": page.items, "meta": page.meta})
        }
        Operation::FetchEndUserType => json!(client.fetch_end_user_type(&type_sid).await?),
        other => super::compliance_calls::call(client, other).await?,
    })
}

/// The document, parsed; `None` (with a note) when it is Twilio's and not present.
fn load(document: Document) -> Option<Value> {
    let path = document.path();
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(serde_yaml::from_str(&text).expect("the document parses")),
        Err(_) if document == Document::Twilios => {
            eprintln!("skipped: {} is not present", path.display());
            None
        }
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

/// The operation object with this `operationId`.
fn operation<'a>(spec: &'a Value, id: &str) -> &'a Value {
    spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .find(|op| op["operationId"] == id)
        .unwrap_or_else(|| panic!("{id} is in the document"))
}

/// The first example of the operation's success answer, which is what Prism serves; `None`
/// for an answer without a body.
fn first_example(spec: &Value, id: &str) -> Option<Value> {
    let responses = operation(spec, id)["responses"].as_object().unwrap();
    let (_, success) = responses
        .iter()
        .find(|(status, _)| status.starts_with('2'))?;
    let examples = success.pointer("/content/application~1json/examples")?;
    let (_, first) = examples.as_object()?.iter().next()?;
    Some(first["value"].clone())
}

/// Each operation once against Prism answering from `document`'s examples: accepted (no 422)
/// and decoded into exactly the example.
async fn examples_round_trip(document: Document) {
    let Some(spec) = load(document) else { return };
    // Installing and starting Prism happen before the hang guard starts counting.
    let client = prism_client(shared(document, Mode::Examples).origin());
    no_hang(
        "requests to Prism",
        examples_requests(&spec, &client, document),
    )
    .await;
}

/// The operations of `OPERATIONS` that `spec` has (Twilio's leaves the upload out).
fn operations_in(spec: &Value) -> Vec<Operation> {
    let ids = operation_ids(spec);
    OPERATIONS
        .into_iter()
        .filter(|op| ids.contains(&op.id()))
        .collect()
}

async fn examples_requests(spec: &Value, client: &Client, document: Document) {
    for (i, operation) in operations_in(spec).into_iter().enumerate() {
        let decoded = call(client, operation).await.unwrap_or_else(|e| {
            let source = std::error::Error::source(&e).map(ToString::to_string);
            panic!(
                "{operation:?}: {e} {:?} {source:?} {:?}",
                e.api_error(),
                e.body_excerpt()
            )
        });
        // Every example of ours round-trips; of Twilio's, the End-User ones (its other
        // examples carry keys our models leave out, such as Bundle `links` it does not list).
        let exact = document == Document::Ours || i < END_USER_OPERATIONS;
        match first_example(spec, &operation.id()) {
            Some(expected) if exact => {
                assert_eq!(decoded, expected, "{operation:?} decodes into the example");
            }
            None if exact => assert!(
                decoded.is_null() || document == Document::Ours,
                "{operation:?}: {decoded}"
            ),
            _ => {}
        }
    }
    // Streams send the same requests, then follow no next page (the examples have none).
    let all: Vec<_> = client
        .list_end_user_stream(&ListEndUserParams::default(), Some(10))
        .try_collect()
        .await
        .unwrap();
    let expected = first_example(spec, "ListEndUser").unwrap()["results"].clone();
    assert_eq!(serde_json::to_value(all).unwrap(), expected);
}

/// `DYNAMIC_SAMPLES` calls of each operation against Prism generating answers from
/// `document`'s schemas: every one is accepted and decodes.
async fn dynamic_answers_decode(document: Document) {
    let Some(spec) = load(document) else { return };
    let client = prism_client(shared(document, Mode::Dynamic).origin());
    let mut operations = operations_in(&spec);
    if document == Document::Twilios {
        // Twilio's document lets an item assignment's `object_sid` be any SID; ours says an
        // End-User, a Supporting Document or an Address, and the client refuses other kinds.
        operations.retain(|op| !op.id().ends_with("ItemAssignment"));
    }
    // Twilio's `type: object, format: uri-map` (a Bundle's `links`) lists no value type, so
    // Prism invents values of any type; the client, like Twilio's libraries, reads strings.
    let tolerated = |failure: &str| document == Document::Twilios && failure.contains("/links/");
    no_hang(
        "requests to Prism",
        dynamic_requests(&client, &operations, tolerated),
    )
    .await;
}

async fn dynamic_requests(
    client: &Client,
    operations: &[Operation],
    tolerated: impl Fn(&str) -> bool,
) {
    let mut failures = Vec::new();
    let mut constant = Vec::new();
    for &operation in operations {
        let results: Vec<_> = stream::iter(0..DYNAMIC_SAMPLES)
            .map(|_| call(client, operation))
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;
        assert_eq!(results.len(), DYNAMIC_SAMPLES);
        // Generated data, not the examples: the answers differ from one call to the next.
        let distinct: BTreeSet<String> = results
            .iter()
            .filter_map(|result| result.as_ref().ok().map(Value::to_string))
            .collect();
        if !operation.id().starts_with("Delete") && distinct.len() < 2 {
            constant.push(operation);
        }
        failures.extend(results.into_iter().filter_map(Result::err).map(|error| {
            format!(
                "{operation:?}: {error} / {:?} / body: {:?}",
                std::error::Error::source(&error).map(ToString::to_string),
                error.body_excerpt()
            )
        }));
    }
    failures.retain(|failure| !tolerated(failure));
    assert!(
        failures.is_empty(),
        "{} of {} dynamic answers failed, e.g.:\n{}",
        failures.len(),
        DYNAMIC_SAMPLES * operations.len(),
        failures[..failures.len().min(5)].join("\n")
    );
    assert!(constant.is_empty(), "always the same answer: {constant:?}");
}

fn operation_ids(spec: &Value) -> BTreeSet<String> {
    spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .filter_map(|op| op["operationId"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn test_every_operation_of_our_spec_is_exercised() {
    let spec = load(Document::Ours).unwrap();
    let in_spec = operation_ids(&spec);
    let exercised: BTreeSet<String> = OPERATIONS.iter().map(|op| op.id()).collect();
    assert_eq!(in_spec, exercised);
}

#[tokio::test]
async fn test_prism_on_our_spec_accepts_every_request_and_its_examples_decode() {
    examples_round_trip(Document::Ours).await;
}

#[tokio::test]
async fn test_prism_on_our_spec_dynamic_answers_decode() {
    dynamic_answers_decode(Document::Ours).await;
}

#[tokio::test]
async fn test_prism_on_twilios_document_accepts_every_request_and_its_examples_decode() {
    examples_round_trip(Document::Twilios).await;
}

#[tokio::test]
async fn test_prism_on_twilios_document_dynamic_answers_decode() {
    dynamic_answers_decode(Document::Twilios).await;
}

/// The checks above can fail: Prism does refuse a request that breaks the spec.
#[tokio::test]
async fn test_prism_refuses_requests_that_break_our_spec() {
    let client = prism_client(shared(Document::Ours, Mode::Examples).origin());
    no_hang("requests to Prism", refused(&client)).await;
}

async fn refused(client: &Client) {
    let robot = CreateEndUserParams::new("Robot", EndUserEnumType::from("robot"));
    let error = client.create_end_user(&robot).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(422), "{error:?}");
    // A page size over the maximum no longer reaches Prism: the client clamps it (1000).
    let too_big = ListEndUserParams::default().page_size(5000);
    client.list_end_user(&too_big).await.unwrap();
}
