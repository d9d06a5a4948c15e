//! Keeping an approved Bundle current, as Twilio's guide to compliance updates has it: copy the
//! Bundle (a draft with the same items), change and submit the copy, and once Twilio approved
//! it, replace the original's items with the copy's, so numbers stay on the original Bundle.
//! Clones put a Bundle into another Account (a subaccount).
//!
//! - A copy is a `draft` in the same Account with the original's Regulation, email, status
//!   callback and items (new assignments of the same End-Users and documents); its label is the
//!   one given, else the original's.
//! - Only a `twilio-approved` Bundle is cloned. The clone is a new Bundle of the target Account
//!   with the same items, in `draft` unless `MoveToDraft=false` keeps it approved (with the
//!   original's `valid_until`). The fake does not copy the End-Users and documents themselves
//!   into the other Account: the clone's items name the original's.
//! - Items are replaced only from a `twilio-approved` Bundle, into another Bundle that is not
//!   under review; the target keeps its status and takes the source's `valid_until`.

use serde_json::{Map, Value, json};
use twilio_numbers_v2::enums::BundleStatus;
use twilio_numbers_v2::mock::MockRequest;
use twilio_numbers_v2::models::Bundle;

use crate::errors::FakeError;
use crate::resources::{field, required, sid_is};
use crate::rules::status_text;
use crate::store::{Store, json_of};

/// The fields Twilio answers a copy, a clone or a replacement with: the Bundle's, without its
/// `url` and `links` (a clone adds its own `url`).
const SUMMARY: [&str; 10] = [
    "sid",
    "account_sid",
    "regulation_sid",
    "friendly_name",
    "status",
    "valid_until",
    "email",
    "status_callback",
    "date_created",
    "date_updated",
];

/// `bundle`'s JSON, only the [`SUMMARY`] fields.
pub(crate) fn summary(bundle: &Bundle) -> Value {
    Value::Object(summary_fields(bundle))
}

fn summary_fields(bundle: &Bundle) -> Map<String, Value> {
    let full = json_of(bundle);
    SUMMARY
        .iter()
        .map(|key| ((*key).to_owned(), full[*key].clone()))
        .collect()
}

/// `POST /Bundles/{BundleSid}/Copies`.
pub(crate) fn copy(
    store: &mut Store,
    original: &str,
    r: &MockRequest,
) -> Result<Bundle, FakeError> {
    let source = store.bundle(original)?.clone();
    let friendly_name = field(r, "FriendlyName").or(source.friendly_name.clone());
    let copy = new_bundle(store, &source, Store::account_sid(), friendly_name, false)?;
    let sid = sid_of(&copy);
    store.copied_from.insert(sid, original.to_owned());
    Ok(copy)
}

/// `GET /Bundles/{BundleSid}/Copies`: the Bundles copied from `original`, oldest first.
pub(crate) fn copies_of(store: &Store, original: &str) -> Result<Vec<Value>, FakeError> {
    store.bundle(original)?;
    Ok(store
        .bundles
        .iter()
        .filter(|b| {
            b.sid
                .as_ref()
                .and_then(|sid| store.copied_from.get(sid.as_str()))
                .is_some_and(|from| from == original)
        })
        .map(summary)
        .collect())
}

/// `POST /Bundles/{BundleSid}/Clones`: the clone, answered as Twilio does (`bundle_sid`, `url`).
pub(crate) fn clone_into(
    store: &mut Store,
    original: &str,
    r: &MockRequest,
) -> Result<Value, FakeError> {
    let target = required(r, "TargetAccountSid")?;
    let source = store.bundle(original)?.clone();
    if source.status != Some(BundleStatus::TwilioApproved) {
        return Err(FakeError::invalid(format!(
            "Only a twilio-approved Bundle can be cloned; Bundle {original} is {}",
            status_text(source.status.as_ref())
        )));
    }
    let to_draft = match field(r, "MoveToDraft").as_deref() {
        None | Some("true") => true,
        Some("false") => false,
        Some(other) => {
            return Err(FakeError::invalid(format!(
                "MoveToDraft must be true or false, not {other:?}"
            )));
        }
    };
    let friendly_name = field(r, "FriendlyName").or(source.friendly_name.clone());
    let clone = new_bundle(store, &source, &target, friendly_name, !to_draft)?;
    let mut answer = summary_fields(&clone);
    let sid = sid_of(&clone);
    answer.remove("sid");
    answer.insert("bundle_sid".to_owned(), json!(sid));
    answer.insert(
        "url".to_owned(),
        json!(store.url(&format!("Bundles/{sid}/Clones"))),
    );
    Ok(Value::Object(answer))
}

/// `POST /Bundles/{BundleSid}/ReplaceItems`.
pub(crate) fn replace_items(
    store: &mut Store,
    target: &str,
    r: &MockRequest,
) -> Result<Bundle, FakeError> {
    let from = required(r, "FromBundleSid")?;
    let target_status = store.bundle(target)?.status.clone();
    let source = store.bundle(&from)?.clone();
    if from == target {
        return Err(FakeError::invalid(
            "FromBundleSid must name another Bundle than the one whose items are replaced",
        ));
    }
    if source.status != Some(BundleStatus::TwilioApproved) {
        return Err(FakeError::invalid(format!(
            "Items can only come from a twilio-approved Bundle; Bundle {from} is {}",
            status_text(source.status.as_ref())
        )));
    }
    if matches!(
        target_status,
        Some(BundleStatus::PendingReview | BundleStatus::InReview)
    ) {
        return Err(FakeError::invalid(format!(
            "Bundle {target} is {}: its items cannot change during a review",
            status_text(target_status.as_ref())
        )));
    }
    store
        .items
        .retain(|i| !sid_is(i.bundle_sid.as_ref(), target));
    let account = json_of(store.bundle(target)?)["account_sid"].clone();
    assign_items_of(store, &from, target, &account);
    let now = store.now();
    let bundle = store.bundle_mut(target)?;
    bundle.valid_until = source.valid_until;
    bundle.date_updated = now.parse().ok();
    Ok(bundle.clone())
}

/// A new Bundle of `account` like `source`: its Regulation, email, status callback and items;
/// a `draft`, unless `keep_status` keeps the source's status and `valid_until`.
fn new_bundle(
    store: &mut Store,
    source: &Bundle,
    account: &str,
    friendly_name: Option<String>,
    keep_status: bool,
) -> Result<Bundle, FakeError> {
    let from = json_of(source);
    let (status, valid_until) = if keep_status {
        (from["status"].clone(), from["valid_until"].clone())
    } else {
        (json!("draft"), Value::Null)
    };
    let bundle = store.insert_bundle(json!({
        "account_sid": account, "regulation_sid": from["regulation_sid"],
        "friendly_name": friendly_name, "status": status, "valid_until": valid_until,
        "email": from["email"], "status_callback": from["status_callback"],
    }));
    assign_items_of(store, &sid_of(source), &sid_of(&bundle), &json!(account));
    Ok(bundle)
}

/// Assigns to `target` (of `account`) every item `from` holds, as new assignments.
fn assign_items_of(store: &mut Store, from: &str, target: &str, account: &Value) {
    let objects: Vec<Value> = store
        .items
        .iter()
        .filter(|i| sid_is(i.bundle_sid.as_ref(), from))
        .map(|i| json_of(i)["object_sid"].clone())
        .collect();
    for object in objects {
        store.insert_item(target, account, &object);
    }
}

fn sid_of(bundle: &Bundle) -> String {
    bundle
        .sid
        .as_ref()
        .map(|s| s.as_str().to_owned())
        .unwrap_or_default()
}
