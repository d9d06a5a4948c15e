//! End-Users and End-User Types through the generated client against the Regulatory
//! Compliance fake (`twilio-numbers-v2-fake`): the answers a user gets, and what went on the
//! wire.

use futures_util::TryStreamExt;
use serde_json::json;
use twilio_numbers_v2::enums::EndUserEnumType;
use twilio_numbers_v2::mock::TEST_ACCOUNT_SID as ACCOUNT_SID;
use twilio_numbers_v2::models::EndUser;
use twilio_numbers_v2::params::{
    CreateEndUserParams, ListEndUserParams, ListEndUserTypeParams, UpdateEndUserParams,
};
use twilio_numbers_v2::sids::{EndUserSid, EndUserTypeSid};
use twilio_numbers_v2::{Client, Credentials, Error};
use twilio_numbers_v2_fake::{AUTHENTICATE, ComplianceFake, INVALID_PARAMETER, NOT_FOUND};

use crate::support::no_hang;

const END_USERS_PATH: &str = "/v2/RegulatoryCompliance/EndUsers";

/// Asserts `result` is Twilio's error answer with this status and code, and returns its message.
fn expect_api_error<T: std::fmt::Debug>(
    result: Result<T, Error>,
    operation: &str,
    status: u16,
    code: i64,
) -> String {
    let error = result.expect_err("an error answer");
    let Error::Api(api) = &error else {
        panic!("expected Error::Api, got {error:?}");
    };
    assert_eq!(api.operation(), operation);
    assert_eq!(api.status().as_u16(), status);
    assert_eq!(api.code(), Some(code));
    assert_eq!(
        api.more_info(),
        Some(format!("https://www.twilio.com/docs/errors/{code}").as_str())
    );
    assert!(api.request_id().is_some_and(|id| id.starts_with("RQ")));
    api.message()
        .expect("Twilio says what went wrong")
        .to_owned()
}

/// Every End-User, through the stream (paging is covered in `listing`).
async fn list_all(client: &Client) -> Vec<EndUser> {
    client
        .list_end_user_stream(&ListEndUserParams::default(), None)
        .try_collect()
        .await
        .unwrap()
}

#[tokio::test]
async fn test_end_user_create_fetch_list_update_delete_then_fetch_is_a_typed_404() {
    no_hang("the End-User lifecycle", async {
        let server = ComplianceFake::start().await;
        let client = server.client();

        let attributes = json!({
            "business_name": "Harbour Street Bakery Ltd",
            "email": "orders@harbourstreet.example",
        });
        let params = CreateEndUserParams::new("Harbour Street Bakery", EndUserEnumType::Business)
            .attributes(attributes.clone());
        let created = client.create_end_user_with_response(&params).await.unwrap();
        assert_eq!(created.status().as_u16(), 201);
        assert!(created.request_id().is_some_and(|id| id.starts_with("RQ")));
        let created = created.into_body();
        let sid = created.sid.clone().expect("Twilio assigns a SID");
        assert_eq!(created.account_sid.as_ref().unwrap(), ACCOUNT_SID);
        assert_eq!(
            created.friendly_name.as_deref(),
            Some("Harbour Street Bakery")
        );
        assert_eq!(created.type_, Some(EndUserEnumType::Business));
        assert_eq!(created.attributes.as_ref(), Some(&attributes));
        assert!(created.date_created.is_some());
        assert_eq!(created.date_created, created.date_updated);
        let url = format!("{}{END_USERS_PATH}/{sid}", server.server().base_url());
        assert_eq!(created.url.as_deref(), Some(url.as_str()));

        let fetched = client.fetch_end_user(&sid).await.unwrap();
        assert_eq!(fetched, created);
        assert_eq!(list_all(&client).await, std::slice::from_ref(&created));

        // A new label alone keeps the attributes.
        let renamed = client
            .update_end_user(
                &sid,
                &UpdateEndUserParams::default().friendly_name("Harbour St."),
            )
            .await
            .unwrap();
        assert_eq!(renamed.friendly_name.as_deref(), Some("Harbour St."));
        assert_eq!(renamed.attributes.as_ref(), Some(&attributes));

        // New attributes replace the old ones as a whole, and nested JSON survives the form
        // encoding intact.
        let replacement = json!({
            "email": "hello@harbourstreet.example",
            "address": {"lines": ["1 Harbour Street", "Ålesund"], "postcode": "6004"},
            "employees": 12,
            "vat_registered": true,
            "note": "quotes \" and ampersands & and plus + signs",
        });
        let updated = client
            .update_end_user(
                &sid,
                &UpdateEndUserParams::default().attributes(replacement.clone()),
            )
            .await
            .unwrap();
        assert_eq!(updated.attributes.as_ref(), Some(&replacement));
        assert_eq!(updated.friendly_name.as_deref(), Some("Harbour St."));
        assert_eq!(updated.date_created, created.date_created);
        assert!(updated.date_updated >= created.date_updated);
        let refetched = client.fetch_end_user(&sid).await.unwrap();
        assert_eq!(refetched.attributes.as_ref(), Some(&replacement));

        let update_request = server
            .requests()
            .into_iter()
            .rfind(|r| r.method() == "POST" && r.path() == format!("{END_USERS_PATH}/{sid}"))
            .unwrap();
        assert_eq!(
            update_request.header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        let sent: serde_json::Value = serde_json::from_str(&update_request.form()[0].1).unwrap();
        assert_eq!(sent, replacement);

        client.delete_end_user(&sid).await.unwrap();
        assert_eq!(list_all(&client).await, []);

        server.take_requests();
        let message = expect_api_error(
            client.fetch_end_user(&sid).await,
            "FetchEndUser",
            404,
            NOT_FOUND,
        );
        assert_eq!(
            message,
            format!("The requested resource {END_USERS_PATH}/{sid} was not found")
        );
        assert_eq!(server.requests().len(), 1, "a 404 is not retried");

        // Deleting it again is the same 404.
        expect_api_error(
            client.delete_end_user(&sid).await,
            "DeleteEndUser",
            404,
            NOT_FOUND,
        );
    })
    .await;
}

#[tokio::test]
async fn test_malformed_sid_is_refused_before_any_request() {
    no_hang("a malformed SID", async {
        let server = ComplianceFake::start().await;
        let client = server.client();
        for bad in [
            "bad",
            "IS0123456789abcdef0123456789abcdef", // another resource's prefix
            "IT0123456789abcdef0123456789abcdeg", // not hex
            "IT0123456789abcdef0123456789abcdef0", // too long
            "IT0123456789abcdef/../../../Accounts",
        ] {
            let parsed = bad.parse::<EndUserSid>();
            // Whatever the check let through would go on the wire here.
            if let Ok(sid) = &parsed {
                let _ = client.fetch_end_user(sid).await;
            }
            let error = parsed.expect_err(bad);
            assert!(error.to_string().contains("EndUserSid"), "{error}");
        }
        // An End-User SID where an End-User Type SID belongs.
        let wrong_kind = "IT0123456789abcdef0123456789abcdef".parse::<EndUserTypeSid>();
        assert!(wrong_kind.is_err());
        assert!(server.requests().is_empty(), "nothing was sent");
    })
    .await;
}

#[tokio::test]
async fn test_wrong_credentials_are_a_typed_401_sent_once() {
    no_hang("wrong credentials", async {
        let server = ComplianceFake::start().await;
        let client = Client::builder(Credentials::new(ACCOUNT_SID, "not-the-token").unwrap())
            .base_url(server.server().base_url())
            .allow_insecure_http(true)
            .build()
            .unwrap();
        let message = expect_api_error(
            client.list_end_user(&Default::default()).await,
            "ListEndUser",
            401,
            AUTHENTICATE,
        );
        assert_eq!(message, "Authenticate");
        let requests = server.requests();
        assert_eq!(requests.len(), 1, "a 401 is not retried");
        assert!(
            requests[0]
                .header("authorization")
                .unwrap()
                .starts_with("Basic ")
        );
        assert!(server.end_users().is_empty());
    })
    .await;
}

#[tokio::test]
async fn test_invalid_create_parameters_are_typed_400s_with_twilios_code() {
    no_hang("validation errors", async {
        let server = ComplianceFake::start().await;
        let client = server.client();
        let cases = [
            (
                CreateEndUserParams::new("", EndUserEnumType::Individual),
                "Missing required parameter FriendlyName in the post body",
            ),
            (
                CreateEndUserParams::new("Mara", EndUserEnumType::from("")),
                "Missing required parameter Type in the post body",
            ),
            (
                CreateEndUserParams::new("Mara", EndUserEnumType::from("robot")),
                "Type must be one of individual, business, not \"robot\"",
            ),
            (
                CreateEndUserParams::new("Mara", EndUserEnumType::Individual)
                    .attributes("{first_name: Mara"),
                "Attributes must be a JSON object, not \"{first_name: Mara\"",
            ),
        ];
        for (params, expected) in cases {
            let message = expect_api_error(
                client.create_end_user(&params).await,
                "CreateEndUser",
                400,
                INVALID_PARAMETER,
            );
            assert_eq!(message, expected);
        }
        assert_eq!(server.requests().len(), 4, "a 400 is not retried");
        assert!(server.end_users().is_empty());
    })
    .await;
}

#[tokio::test]
async fn test_end_user_types_list_and_fetch() {
    no_hang("End-User Types", async {
        let server = ComplianceFake::start().await;
        let client = server.client();
        let page = client
            .list_end_user_type(&ListEndUserTypeParams::default())
            .await
            .unwrap();
        let names: Vec<_> = page
            .items
            .iter()
            .map(|t| t.machine_name.as_deref().unwrap())
            .collect();
        assert_eq!(names, ["business", "individual"]);
        assert_eq!(page.meta.key.as_deref(), Some("end_user_types"));
        assert!(!page.has_next_page());

        let sid = page.items[1].sid.clone().unwrap();
        let individual = client.fetch_end_user_type(&sid).await.unwrap();
        assert_eq!(individual, page.items[1]);
        let fields: Vec<_> = individual
            .fields
            .unwrap()
            .iter()
            .map(|f| f["machine_name"].clone())
            .collect();
        assert_eq!(fields, [json!("first_name"), json!("last_name")]);

        let unknown: EndUserTypeSid = "OY0123456789abcdef0123456789abcdef".parse().unwrap();
        expect_api_error(
            client.fetch_end_user_type(&unknown).await,
            "FetchEndUserType",
            404,
            NOT_FOUND,
        );
    })
    .await;
}
