//! The exact bytes the client puts on the wire for each request example of our spec, and for
//! `Attributes` given as a JSON value vs as pre-encoded JSON text. Snapshots, reviewed by eye:
//! a change in encoding shows up as a diff.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use twilio_numbers_v2::Client;
use twilio_numbers_v2::enums::EndUserEnumType;
use twilio_numbers_v2::params::{CreateEndUserParams, UpdateEndUserParams};

use twilio_numbers_v2::mock::MockRequest;
use twilio_numbers_v2_fake::ComplianceFake;

use crate::support::no_hang;

const SPEC: &str = include_str!("../../spec/twilio_numbers_v2.yaml");

/// `operationId -> example value` for every form request example in our spec.
fn request_examples() -> Vec<(String, Value)> {
    let spec: Value = serde_yaml::from_str(SPEC).expect("our spec parses");
    let mut examples = Vec::new();
    for item in spec["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            let Some(body) = operation.pointer("/requestBody/content") else {
                continue;
            };
            for media in body.as_object().unwrap().values() {
                for example in media["examples"].as_object().into_iter().flatten() {
                    let id = operation["operationId"].as_str().unwrap().to_owned();
                    examples.push((id, example.1["value"].clone()));
                }
            }
        }
    }
    examples
}

/// The request as text: method, path (SIDs replaced by `{Sid}`), content type, the raw body,
/// then the body decoded, one pair a line, for the reviewer.
fn describe(request: &MockRequest) -> String {
    let path = match request.path().rsplit_once('/') {
        Some((collection, last)) if last.starts_with("IT") => format!("{collection}/{{Sid}}"),
        _ => request.path().to_owned(),
    };
    let decoded: String = request
        .form()
        .iter()
        .map(|(k, v)| format!("  {k} = {v}\n"))
        .collect();
    format!(
        "{} {path}\ncontent-type: {}\n\n{}\n\ndecoded:\n{decoded}",
        request.method(),
        request.header("content-type").unwrap_or("(none)"),
        std::str::from_utf8(request.body()).expect("request bodies are UTF-8"),
    )
}

/// Sends `params` as a create, returning the request as the server got it.
async fn sent_create(
    server: &ComplianceFake,
    client: &Client,
    params: &CreateEndUserParams,
) -> MockRequest {
    server.take_requests();
    client.create_end_user(params).await.unwrap();
    server.take_requests().pop().unwrap()
}

/// The form pairs of `request` must carry exactly the example's values.
fn assert_carries(request: &MockRequest, example: &Value) {
    let expected: Vec<(String, String)> = example
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(request.form(), expected);
}

#[tokio::test]
async fn test_request_examples_of_the_spec_go_on_the_wire_as_snapshotted() {
    no_hang("request examples", async {
        let examples = request_examples();
        let ids: BTreeSet<_> = examples.iter().map(|(id, _)| id.as_str()).collect();
        // A new request example in the spec needs its own case (and snapshot) below.
        assert_eq!(ids, BTreeSet::from(["CreateEndUser", "UpdateEndUser"]));

        let server = ComplianceFake::start().await;
        let client = server.client();
        for (id, example) in &examples {
            let request = match id.as_str() {
                "CreateEndUser" => {
                    let params = CreateEndUserParams::new(
                        "Harbour Street Bakery",
                        EndUserEnumType::Business,
                    )
                    .attributes("{}");
                    sent_create(&server, &client, &params).await
                }
                "UpdateEndUser" => {
                    let params =
                        CreateEndUserParams::new("Mara Lindqvist", EndUserEnumType::Individual);
                    let sid = client.create_end_user(&params).await.unwrap().sid.unwrap();
                    let params = UpdateEndUserParams::default()
                        .friendly_name("Mara Lindqvist (home office)")
                        .attributes("{}");
                    server.take_requests();
                    client.update_end_user(&sid, &params).await.unwrap();
                    server.take_requests().pop().unwrap()
                }
                other => unreachable!("checked above: {other}"),
            };
            assert_carries(&request, example);
            insta::assert_snapshot!(format!("wire_{id}"), describe(&request));
        }
    })
    .await;
}

#[tokio::test]
async fn test_attributes_as_json_value_are_encoded_and_as_text_are_sent_as_is() {
    no_hang("Attributes encodings", async {
        let server = ComplianceFake::start().await;
        let client = server.client();
        // Keys in alphabetical order, so the text is the same whether serde_json keeps
        // insertion order or sorts (the workspace turns `preserve_order` on for codegen).
        let value = json!({
            "address": {"city": "Ålesund", "lines": ["1 Harbour Street"]},
            "business_name": "Harbour Street Bakery & Co",
            "employees": 12,
            "vat_registered": true,
        });
        let as_value = CreateEndUserParams::new("As a value", EndUserEnumType::Business)
            .attributes(value.clone());
        // The caller's own JSON text, spacing included, is not re-encoded.
        let text = r#"{ "business_name": "Harbour Street Bakery & Co",  "employees": 12 }"#;
        let as_text =
            CreateEndUserParams::new("As text", EndUserEnumType::Business).attributes(text);

        let from_value = sent_create(&server, &client, &as_value).await;
        let from_text = sent_create(&server, &client, &as_text).await;
        let sent = |request: &MockRequest| request.form_values("Attributes")[0].to_owned();
        assert_eq!(
            serde_json::from_str::<Value>(&sent(&from_value)).unwrap(),
            value
        );
        assert_eq!(sent(&from_text), text);
        insta::assert_snapshot!(
            "wire_attributes_value_vs_text",
            format!(
                "# Attributes as a serde_json::Value\n{}\n# Attributes as JSON text\n{}",
                describe(&from_value),
                describe(&from_text)
            )
        );
    })
    .await;
}
