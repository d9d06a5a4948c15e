//! The Regulatory Compliance journey in one program: find the Regulation, register the
//! End-User, upload the supporting document (the file itself, to Twilio's upload host), put
//! both in a Bundle, evaluate it, and submit it for review when it is compliant; otherwise say
//! which fields to fix.
//!
//! Runs against Twilio with credentials from the environment and the document from a path:
//!
//! ```sh
//! TWILIO_ACCOUNT_SID=AC... TWILIO_AUTH_TOKEN=... \
//!   cargo run -p twilio-numbers-v2 --example compliance_journey -- bill.pdf you@example.com
//! ```
//!
//! `COMPLIANCE_COUNTRY` (default `GB`) and `COMPLIANCE_NUMBER_TYPE` (default `local`) choose
//! the Regulation. The End-User and document attributes below are placeholders to adapt.

use std::path::Path;

use twilio_numbers_v2::enums::{BundleStatus, EndUserEnumType, EvaluationStatus};
use twilio_numbers_v2::models::{Bundle, BundleItemSid, Evaluation};
use twilio_numbers_v2::params::{
    CreateBundleParams, CreateEndUserParams, CreateItemAssignmentParams, ListRegulationParams,
    UpdateBundleParams, UploadSupportingDocumentParams,
};
use twilio_numbers_v2::{Client, FilePart};

type AnyError = Box<dyn std::error::Error + Send + Sync>;

/// Where the journey ended.
#[derive(Debug)]
pub enum Outcome {
    /// The Bundle was submitted and now waits for Twilio's review.
    Submitted(Bundle),
    /// The Bundle is not compliant yet; the evaluation says what to fix.
    NeedsWork(Bundle, Evaluation),
}

/// The journey for one business in `country`, with the document at `document`.
pub async fn run(
    client: &Client,
    country: &str,
    number_type: &str,
    document: &Path,
    email: &str,
) -> Result<Outcome, AnyError> {
    // 1. The Regulation for business numbers of this kind in this country.
    let regulations = client
        .list_regulation(
            &ListRegulationParams::default()
                .iso_country(country)
                .number_type(number_type)
                .end_user_type(twilio_numbers_v2::enums::RegulationEndUserType::Business),
        )
        .await?;
    let regulation = regulations
        .items
        .into_iter()
        .next()
        .ok_or("no Regulation for this country and number type")?;
    let regulation_sid = regulation.sid.ok_or("a Regulation without a SID")?;

    // 2. The End-User: who will use the numbers.
    let end_user = client
        .create_end_user(
            &CreateEndUserParams::new("Harbour Street Bakery", EndUserEnumType::Business)
                .attributes(serde_json::json!({ "business_name": "Harbour Street Bakery Ltd" })),
        )
        .await?;
    let end_user_sid = end_user.sid.ok_or("an End-User without a SID")?;

    // 3. The supporting document, uploaded with its file (streamed from disk).
    let file = FilePart::from_path(document).await?;
    let uploaded = client
        .upload_supporting_document(
            &UploadSupportingDocumentParams::new("Electricity bill", "utility_bill", file)
                .attributes(serde_json::json!({
                    "business_name": "Harbour Street Bakery Ltd",
                    "address_sids": ["AD0123456789abcdef0123456789abcdef"],
                })),
        )
        .await?;
    let document_sid = uploaded.sid.ok_or("a Supporting Document without a SID")?;

    // 4. A Bundle for the Regulation, holding both.
    let bundle = client
        .create_bundle(
            &CreateBundleParams::new("Harbour Street Bakery numbers", email)
                .regulation_sid(regulation_sid),
        )
        .await?;
    let bundle_sid = bundle.sid.clone().ok_or("a Bundle without a SID")?;
    // An item is an End-User, a Supporting Document or an Address: any other SID kind does
    // not compile, and a parsed one of another kind is refused before any request.
    for item in [
        BundleItemSid::from(end_user_sid),
        BundleItemSid::from(document_sid),
    ] {
        client
            .create_item_assignment(&bundle_sid, &CreateItemAssignmentParams::new(item))
            .await?;
    }

    // 5. Evaluate; submit only a compliant Bundle.
    let evaluation = client.create_evaluation(&bundle_sid).await?;
    if evaluation.status != Some(EvaluationStatus::Compliant) {
        for result in evaluation.results.iter().flatten() {
            for field in result.invalid.iter().flatten() {
                println!(
                    "fix {}: {}",
                    field.object_field.as_deref().unwrap_or("?"),
                    field.failure_reason.as_deref().unwrap_or("invalid")
                );
            }
        }
        return Ok(Outcome::NeedsWork(bundle, evaluation));
    }
    let submitted = client
        .update_bundle(
            &bundle_sid,
            &UpdateBundleParams::default().status(BundleStatus::PendingReview),
        )
        .await?;
    Ok(Outcome::Submitted(submitted))
}

#[allow(dead_code)] // The tests include this file for `run` only.
#[tokio::main]
async fn main() -> Result<(), AnyError> {
    let mut args = std::env::args().skip(1);
    let (Some(document), Some(email)) = (args.next(), args.next()) else {
        return Err("usage: compliance_journey DOCUMENT_PATH EMAIL".into());
    };
    let country = std::env::var("COMPLIANCE_COUNTRY").unwrap_or_else(|_| "GB".to_owned());
    let number_type =
        std::env::var("COMPLIANCE_NUMBER_TYPE").unwrap_or_else(|_| "local".to_owned());
    let client = Client::from_env()?;
    match run(
        &client,
        &country,
        &number_type,
        Path::new(&document),
        &email,
    )
    .await?
    {
        Outcome::Submitted(bundle) => println!("submitted: {:?}", bundle.status),
        Outcome::NeedsWork(bundle, _) => println!("{:?} is not compliant yet", bundle.sid),
    }
    Ok(())
}
