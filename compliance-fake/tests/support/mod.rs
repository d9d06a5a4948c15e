//! What the fake's tests share: a Bundle ready for review, and Twilio's error code of a refusal.

use serde_json::json;
use twilio_numbers_v2::prelude::*;
use twilio_numbers_v2_fake::{ComplianceFake, DEFAULT_REGULATION};

/// A draft Bundle under the default Regulation holding a business End-User and an uploaded
/// utility bill: compliant, ready to submit.
pub(crate) async fn compliant_bundle(
    fake: &ComplianceFake,
    client: &Client,
    callback: Option<&str>,
) -> BundleSid {
    let end_user = client
        .create_end_user(
            &CreateEndUserParams::new("Harbour Bakery", EndUserEnumType::Business)
                .attributes(json!({"business_name": "Harbour Bakery Ltd"})),
        )
        .await
        .unwrap();
    let file = FilePart::from_bytes(b"%PDF-1.7 a bill".to_vec())
        .file_name("bill.pdf")
        .content_type("application/pdf");
    let document = client
        .upload_supporting_document(
            &UploadSupportingDocumentParams::new("Bill", "utility_bill", file).attributes(
                json!({"business_name": "Harbour Bakery Ltd", "address_sids": ["AD0123456789abcdef0123456789abcdef"]}),
            ),
        )
        .await
        .unwrap();
    let mut params = CreateBundleParams::new("Bakery numbers", "ops@bakery.example")
        .regulation_sid(RegulationSid::parse(DEFAULT_REGULATION).unwrap());
    if let Some(url) = callback {
        params = params.status_callback(url);
    }
    let bundle = client.create_bundle(&params).await.unwrap().sid.unwrap();
    for item in [
        BundleItemSid::from(end_user.sid.unwrap()),
        BundleItemSid::from(document.sid.unwrap()),
    ] {
        client
            .create_item_assignment(&bundle, &CreateItemAssignmentParams::new(item))
            .await
            .unwrap();
    }
    assert_eq!(fake.item_assignments(&bundle).len(), 2);
    bundle
}

pub(crate) fn api_error(error: &Error) -> (u16, Option<i64>) {
    let Error::Api(api) = error else {
        panic!("expected Twilio's error answer, got {error:?}");
    };
    (api.status().as_u16(), api.code())
}
