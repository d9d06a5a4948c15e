//! The Regulatory Compliance operations beyond End-Users, called against Prism with every
//! parameter set (see `contract.rs`).

use serde_json::{Value, json};
use twilio_numbers_v2::enums::BundleStatus;
use twilio_numbers_v2::params::*;
use twilio_numbers_v2::sids::{
    AccountSid, BundleSid, EvaluationSid, ItemAssignmentSid, RegulationSid, SupportingDocumentSid,
};
use twilio_numbers_v2::{Client, Error, FilePart};

use super::contract::Operation;

fn sid<T: std::str::FromStr>(text: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    text.parse().unwrap()
}

/// The Regulatory Compliance operations beyond End-Users, every parameter set.
pub(super) async fn call(client: &Client, operation: Operation) -> Result<Value, Error> {
    let bundle: BundleSid = sid("BU0123456789abcdef0123456789abcdef");
    let document: SupportingDocumentSid = sid("RD0123456789abcdef0123456789abcdef");
    let regulation: RegulationSid = sid("RN0123456789abcdef0123456789abcdef");
    let evaluation: EvaluationSid = sid("EL0123456789abcdef0123456789abcdef");
    let item: ItemAssignmentSid = sid("BV0123456789abcdef0123456789abcdef");
    let page = |value: &dyn erased::Page| value.to_json();
    Ok(match operation {
        Operation::ListRegulation => {
            let params = ListRegulationParams::default()
                .end_user_type(twilio_numbers_v2::enums::RegulationEndUserType::Business)
                .iso_country("GB")
                .number_type("local")
                .include_constraints(true)
                .page_size(20);
            page(&client.list_regulation(&params).await?)
        }
        Operation::FetchRegulation => {
            let params = FetchRegulationParams::default().include_constraints(true);
            json!(client.fetch_regulation(&regulation, &params).await?)
        }
        Operation::ListSupportingDocumentType => {
            let params = ListSupportingDocumentTypeParams::default().page_size(20);
            let list = client.list_supporting_document_type(&params).await?;
            json!({"supporting_document_types": list.items, "meta": list.meta})
        }
        Operation::FetchSupportingDocumentType => json!(
            client
                .fetch_supporting_document_type("OY0123456789abcdef0123456789abcdef")
                .await?
        ),
        Operation::ListSupportingDocument => {
            let params = ListSupportingDocumentParams::default().page_size(20);
            page(&client.list_supporting_document(&params).await?)
        }
        Operation::CreateSupportingDocument => {
            let params = CreateSupportingDocumentParams::new("Bill", "utility_bill")
                .attributes(json!({"business_name": "Harbour Street Bakery Ltd"}));
            json!(client.create_supporting_document(&params).await?)
        }
        Operation::UploadSupportingDocument => {
            let file = FilePart::from_bytes(b"%PDF-1.7 bill".to_vec())
                .file_name("bill.pdf")
                .content_type("application/pdf");
            let params = UploadSupportingDocumentParams::new("Bill", "utility_bill", file)
                .attributes(json!({"business_name": "Harbour Street Bakery Ltd"}));
            json!(client.upload_supporting_document(&params).await?)
        }
        Operation::FetchSupportingDocument => {
            json!(client.fetch_supporting_document(&document).await?)
        }
        Operation::UpdateSupportingDocument => {
            let params = UpdateSupportingDocumentParams::default()
                .friendly_name("Bill (March)")
                .attributes(json!({}));
            json!(
                client
                    .update_supporting_document(&document, &params)
                    .await?
            )
        }
        Operation::DeleteSupportingDocument => {
            client.delete_supporting_document(&document).await?;
            Value::Null
        }
        Operation::ListBundle => {
            let params = ListBundleParams::default()
                .status(BundleStatus::Draft)
                .friendly_name("Bakery")
                .regulation_sid(regulation.clone())
                .iso_country("GB")
                .number_type("local")
                .has_valid_until_date(false)
                .sort_by(twilio_numbers_v2::enums::BundleSortBy::DateUpdated)
                .sort_direction(twilio_numbers_v2::enums::BundleSortDirection::Desc)
                .valid_until_date_before("2030-01-01T00:00:00Z".parse().unwrap())
                .page_size(20);
            page(&client.list_bundle(&params).await?)
        }
        Operation::CreateBundle => {
            let params = CreateBundleParams::new("Bakery numbers", "ops@bakery.example")
                .status_callback("https://bakery.example/status")
                .regulation_sid(regulation.clone())
                .is_test(true);
            json!(client.create_bundle(&params).await?)
        }
        Operation::FetchBundle => json!(client.fetch_bundle(&bundle).await?),
        Operation::UpdateBundle => {
            let params = UpdateBundleParams::default().status(BundleStatus::PendingReview);
            json!(client.update_bundle(&bundle, &params).await?)
        }
        Operation::DeleteBundle => {
            client.delete_bundle(&bundle).await?;
            Value::Null
        }
        Operation::CreateBundleClone => {
            let target: AccountSid = sid("ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
            let params = CreateBundleCloneParams::new(target).move_to_draft(true);
            json!(client.create_bundle_clone(&bundle, &params).await?)
        }
        Operation::ListBundleCopy => {
            let params = ListBundleCopyParams::default().page_size(20);
            page(&client.list_bundle_copy(&bundle, &params).await?)
        }
        Operation::CreateBundleCopy => {
            let params = CreateBundleCopyParams::default().friendly_name("Copy");
            json!(client.create_bundle_copy(&bundle, &params).await?)
        }
        Operation::ListEvaluation => {
            let params = ListEvaluationParams::default().page_size(20);
            page(&client.list_evaluation(&bundle, &params).await?)
        }
        Operation::CreateEvaluation => json!(client.create_evaluation(&bundle).await?),
        Operation::FetchEvaluation => json!(client.fetch_evaluation(&bundle, &evaluation).await?),
        Operation::ListItemAssignment => {
            let params = ListItemAssignmentParams::default().page_size(20);
            page(&client.list_item_assignment(&bundle, &params).await?)
        }
        Operation::CreateItemAssignment => {
            let params = CreateItemAssignmentParams::new(document.clone());
            json!(client.create_item_assignment(&bundle, &params).await?)
        }
        Operation::FetchItemAssignment => {
            json!(client.fetch_item_assignment(&bundle, &item).await?)
        }
        Operation::DeleteItemAssignment => {
            client.delete_item_assignment(&bundle, &item).await?;
            Value::Null
        }
        Operation::CreateReplaceItems => {
            let params = CreateReplaceItemsParams::new(sid("BUbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"));
            json!(client.create_replace_items(&bundle, &params).await?)
        }
        other => unreachable!("{other:?} is an End-User operation"),
    })
}

/// A `Page<T>` of any item type as `{results, meta}` JSON.
mod erased {
    pub(super) trait Page {
        fn to_json(&self) -> serde_json::Value;
    }

    impl<T: serde::Serialize> Page for twilio_numbers_v2::Page<T> {
        fn to_json(&self) -> serde_json::Value {
            serde_json::json!({"results": self.items, "meta": self.meta})
        }
    }
}
