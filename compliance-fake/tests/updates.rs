//! Keeping an approved Bundle current through the fake, as Twilio's guide has it: copy it,
//! get the copy approved, replace the original's items with the copy's, delete the copy; and
//! cloning an approved Bundle into a subaccount. Each step's refusals carry Twilio's code.

mod support;

use twilio_numbers_v2::enums::{BundleCloneStatus, BundleCopyStatus, ReplaceItemsStatus};
use twilio_numbers_v2::prelude::*;
use twilio_numbers_v2_fake::{ComplianceFake, INVALID_PARAMETER, NOT_FOUND};

use support::{api_error, compliant_bundle};

const SUBACCOUNT: &str = "AC00000000000000000000000000000abc";

/// An approved Bundle: compliant, submitted, approved by the test.
async fn approved_bundle(fake: &ComplianceFake, client: &Client) -> BundleSid {
    let bundle = compliant_bundle(fake, client, None).await;
    let submit = UpdateBundleParams::default().status(BundleStatus::PendingReview);
    client.update_bundle(&bundle, &submit).await.unwrap();
    fake.approve(&bundle).await.unwrap();
    bundle
}

fn objects(fake: &ComplianceFake, bundle: &BundleSid) -> Vec<String> {
    fake.item_assignments(bundle)
        .into_iter()
        .filter_map(|i| i.object_sid.map(|o| o.as_str().to_owned()))
        .collect()
}

#[tokio::test]
async fn an_approved_bundle_is_updated_through_a_copy_and_keeps_its_sid() {
    let fake = ComplianceFake::start().await;
    let client = fake.client();
    let original = approved_bundle(&fake, &client).await;

    // The copy: a draft with the same items, listed under the original.
    let copy = client
        .create_bundle_copy(&original, &CreateBundleCopyParams::default())
        .await
        .unwrap();
    assert_eq!(copy.status, Some(BundleCopyStatus::Draft));
    assert_eq!(copy.friendly_name.as_deref(), Some("Bakery numbers"));
    let copy_sid = copy.sid.unwrap();
    assert_ne!(copy_sid, original);
    assert_eq!(objects(&fake, &copy_sid), objects(&fake, &original));
    let listed = client
        .list_bundle_copy(&original, &ListBundleCopyParams::default())
        .await
        .unwrap();
    assert_eq!(listed.items.len(), 1);
    assert_eq!(listed.items[0].sid.as_ref(), Some(&copy_sid));

    // The copy changes: a newer document replaces the bill, and Twilio approves it.
    let newer = client
        .create_supporting_document(
            &CreateSupportingDocumentParams::new("Newer bill", "utility_bill").attributes(
                serde_json::json!({"business_name": "Harbour Bakery Ltd", "address_sids": ["AD0123456789abcdef0123456789abcdef"]}),
            ),
        )
        .await
        .unwrap()
        .sid
        .unwrap();
    let old_bill = fake
        .item_assignments(&copy_sid)
        .into_iter()
        .find(|i| {
            i.object_sid
                .as_ref()
                .is_some_and(|o| o.as_str().starts_with("RD"))
        })
        .and_then(|i| i.sid)
        .unwrap();
    client
        .delete_item_assignment(&copy_sid, &old_bill)
        .await
        .unwrap();
    client
        .create_item_assignment(
            &copy_sid,
            &CreateItemAssignmentParams::new(BundleItemSid::from(newer.clone())),
        )
        .await
        .unwrap();
    let submit = UpdateBundleParams::default().status(BundleStatus::PendingReview);
    client.update_bundle(&copy_sid, &submit).await.unwrap();
    let approved_copy = fake.approve(&copy_sid).await.unwrap();

    // The original takes the copy's items and validity, and stays approved under its own SID.
    let replaced = client
        .create_replace_items(&original, &CreateReplaceItemsParams::new(copy_sid.clone()))
        .await
        .unwrap();
    assert_eq!(replaced.sid.as_ref(), Some(&original));
    assert_eq!(replaced.status, Some(ReplaceItemsStatus::TwilioApproved));
    assert_eq!(replaced.valid_until, approved_copy.valid_until);
    assert!(objects(&fake, &original).contains(&newer.as_str().to_owned()));
    assert_eq!(objects(&fake, &original), objects(&fake, &copy_sid));

    client.delete_bundle(&copy_sid).await.unwrap();
    let listed = client
        .list_bundle_copy(&original, &ListBundleCopyParams::default())
        .await
        .unwrap();
    assert!(listed.items.is_empty());
}

#[tokio::test]
async fn items_come_only_from_an_approved_bundle_and_never_during_a_review() {
    let fake = ComplianceFake::start().await;
    let client = fake.client();
    let original = approved_bundle(&fake, &client).await;
    let draft_copy = client
        .create_bundle_copy(
            &original,
            &CreateBundleCopyParams::default().friendly_name("Next year's"),
        )
        .await
        .unwrap();
    assert_eq!(draft_copy.friendly_name.as_deref(), Some("Next year's"));
    let draft_copy = draft_copy.sid.unwrap();

    // From a draft: refused, and the original keeps its items.
    let before = objects(&fake, &original);
    let error = client
        .create_replace_items(
            &original,
            &CreateReplaceItemsParams::new(draft_copy.clone()),
        )
        .await
        .unwrap_err();
    assert_eq!(api_error(&error), (400, Some(INVALID_PARAMETER)));
    assert!(error.to_string().contains("twilio-approved"), "{error}");
    assert_eq!(objects(&fake, &original), before);

    // Into a Bundle under review: refused.
    let submit = UpdateBundleParams::default().status(BundleStatus::PendingReview);
    client.update_bundle(&draft_copy, &submit).await.unwrap();
    let error = client
        .create_replace_items(
            &draft_copy,
            &CreateReplaceItemsParams::new(original.clone()),
        )
        .await
        .unwrap_err();
    assert_eq!(api_error(&error), (400, Some(INVALID_PARAMETER)));

    // From itself, or from a Bundle that does not exist.
    let error = client
        .create_replace_items(&original, &CreateReplaceItemsParams::new(original.clone()))
        .await
        .unwrap_err();
    assert_eq!(api_error(&error), (400, Some(INVALID_PARAMETER)));
    let missing: BundleSid = "BU0000000000000000000000000000dead".parse().unwrap();
    let error = client
        .create_replace_items(&original, &CreateReplaceItemsParams::new(missing.clone()))
        .await
        .unwrap_err();
    assert_eq!(api_error(&error), (404, Some(NOT_FOUND)));
    let error = client
        .create_bundle_copy(&missing, &CreateBundleCopyParams::default())
        .await
        .unwrap_err();
    assert_eq!(api_error(&error), (404, Some(NOT_FOUND)));
}

#[tokio::test]
async fn an_approved_bundle_is_cloned_into_a_subaccount_as_a_draft_or_approved() {
    let fake = ComplianceFake::start().await;
    let client = fake.client();
    let subaccount: AccountSid = SUBACCOUNT.parse().unwrap();

    // A draft cannot be cloned.
    let draft = compliant_bundle(&fake, &client, None).await;
    let error = client
        .create_bundle_clone(&draft, &CreateBundleCloneParams::new(subaccount.clone()))
        .await
        .unwrap_err();
    assert_eq!(api_error(&error), (400, Some(INVALID_PARAMETER)));

    let original = approved_bundle(&fake, &client).await;
    // By default the clone starts as a draft of the subaccount, with the same items.
    let clone = client
        .create_bundle_clone(&original, &CreateBundleCloneParams::new(subaccount.clone()))
        .await
        .unwrap();
    assert_eq!(clone.status, Some(BundleCloneStatus::Draft));
    assert_eq!(clone.account_sid.as_ref(), Some(&subaccount));
    assert_eq!(clone.valid_until, None);
    let clone_sid = clone.bundle_sid.unwrap();
    assert_eq!(objects(&fake, &clone_sid), objects(&fake, &original));
    let stored = fake.bundle(&clone_sid).unwrap();
    assert_eq!(stored.account_sid.as_ref(), Some(&subaccount));

    // MoveToDraft=false keeps it approved, with the original's validity and a new label.
    let kept = client
        .create_bundle_clone(
            &original,
            &CreateBundleCloneParams::new(subaccount)
                .move_to_draft(false)
                .friendly_name("Subaccount numbers"),
        )
        .await
        .unwrap();
    assert_eq!(kept.status, Some(BundleCloneStatus::TwilioApproved));
    assert_eq!(
        kept.valid_until,
        fake.bundle(&original).unwrap().valid_until
    );
    assert_eq!(kept.friendly_name.as_deref(), Some("Subaccount numbers"));
}
