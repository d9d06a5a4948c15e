//! Twilio's rules for Bundles: which status may follow which, what a Bundle in each status
//! accepts, and how an evaluation follows the Regulation's requirements.
//!
//! - Statuses: `draft` -> `pending-review` (the owner submits, only a compliant Bundle) ->
//!   `in-review` -> `twilio-approved` or `twilio-rejected` (Twilio's reviewers: the test, through
//!   [`ComplianceFake::approve`](crate::ComplianceFake::approve) and
//!   [`reject`](crate::ComplianceFake::reject)). A rejected Bundle goes back to `draft` when its
//!   owner changes its items, and can then be submitted again.
//! - Items are assigned or removed only in `draft` (and `twilio-rejected`, which returns the
//!   Bundle to `draft`); details (`FriendlyName`, `Email`, `StatusCallback`) change in any
//!   status; the owner sets no status but `pending-review`.
//! - An evaluation checks each requirement of the Bundle's Regulation: an End-User of the
//!   required type with every required attribute, and for each document requirement a
//!   Supporting Document of one of the accepted types with that type's required attributes.

use serde_json::{Value, json};
use twilio_numbers_v2::enums::BundleStatus;
use twilio_numbers_v2::models::{EndUser, Evaluation, SupportingDocument};

use crate::errors::{FakeError, MISSING_FIELD, MISSING_ITEM};
use crate::store::{Store, Verdict, model};

/// The statuses in which items may change.
pub(crate) fn items_may_change(status: Option<&BundleStatus>) -> bool {
    matches!(
        status,
        Some(BundleStatus::Draft | BundleStatus::TwilioRejected)
    )
}

/// Refuses an item change unless the Bundle's status allows it; a rejected Bundle returns to
/// `draft` for the owner to fix.
pub(crate) fn open_for_items(store: &mut Store, bundle_sid: &str) -> Result<(), FakeError> {
    let now = store.now();
    let bundle = store.bundle_mut(bundle_sid)?;
    if !items_may_change(bundle.status.as_ref()) {
        return Err(FakeError::invalid(format!(
            "Bundle {bundle_sid} is {}: items can only change while it is draft or twilio-rejected",
            status_text(bundle.status.as_ref())
        )));
    }
    if bundle.status == Some(BundleStatus::TwilioRejected) {
        bundle.status = Some(BundleStatus::Draft);
        bundle.date_updated = now.parse().ok();
    }
    Ok(())
}

/// Twilio's spelling of a status (`pending-review`).
pub(crate) fn status_text(status: Option<&BundleStatus>) -> String {
    status
        .and_then(|s| serde_json::to_value(s).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The owner asks for `requested`: only `pending-review`, only from `draft`, only when the
/// Bundle evaluates compliant.
pub(crate) fn check_submission(
    store: &Store,
    bundle_sid: &str,
    requested: &str,
) -> Result<(), FakeError> {
    if requested != "pending-review" {
        return Err(FakeError::invalid(format!(
            "Status can only be set to pending-review by the Bundle's owner, not {requested}"
        )));
    }
    let bundle = store.bundle(bundle_sid)?;
    if bundle.status != Some(BundleStatus::Draft) {
        return Err(FakeError::invalid(format!(
            "Only a draft Bundle can be submitted for review; Bundle {bundle_sid} is {}",
            status_text(bundle.status.as_ref())
        )));
    }
    let (compliant, _) = results(store, bundle_sid)?;
    if !compliant {
        return Err(FakeError::invalid(format!(
            "Bundle {bundle_sid} is not compliant: create an Evaluation to see what is missing"
        )));
    }
    Ok(())
}

/// A new Evaluation of `bundle_sid` as it stands.
pub(crate) fn evaluate(store: &mut Store, bundle_sid: &str) -> Result<Evaluation, FakeError> {
    let (compliant, results) = results(store, bundle_sid)?;
    let regulation = store.bundle(bundle_sid)?.regulation_sid.clone();
    let sid = store.sid("EL");
    let now = store.now();
    let url = store.url(&format!("Bundles/{bundle_sid}/Evaluations/{sid}"));
    Ok(model(json!({
        "sid": sid, "account_sid": Store::account_sid(), "regulation_sid": regulation,
        "bundle_sid": bundle_sid,
        "status": if compliant { "compliant" } else { "noncompliant" },
        "results": results, "date_created": now, "url": url,
    })))
}

/// Whether the Bundle is compliant, and the result of each requirement.
fn results(store: &Store, bundle_sid: &str) -> Result<(bool, Vec<Value>), FakeError> {
    let bundle = store.bundle(bundle_sid)?;
    match store.verdicts.get(bundle_sid) {
        Some(Verdict::Compliant) => {
            return Ok((
                true,
                vec![result("dictated", "bundle", Some(&json!({})), &[])],
            ));
        }
        Some(Verdict::Noncompliant(reason)) => {
            let mut failed = result("dictated", "bundle", None, &[]);
            failed["failure_reason"] = json!(reason);
            return Ok((false, vec![failed]));
        }
        Some(Verdict::FollowRegulation) | None => {}
    }
    let requirements = bundle
        .regulation_sid
        .as_ref()
        .and_then(|sid| store.regulation(sid.as_str()))
        .and_then(|r| r.requirements.clone())
        .unwrap_or(Value::Null);
    let assigned: Vec<&str> = store
        .items
        .iter()
        .filter(|i| {
            i.bundle_sid
                .as_ref()
                .is_some_and(|b| b.as_str() == bundle_sid)
        })
        .filter_map(|i| i.object_sid.as_ref().map(|o| o.as_str()))
        .collect();
    let end_users: Vec<&EndUser> = assigned
        .iter()
        .filter_map(|s| store.end_user(s).ok())
        .collect();
    let documents: Vec<&SupportingDocument> = assigned
        .iter()
        .filter_map(|s| store.document(s).ok())
        .collect();
    let mut out = Vec::new();
    for requirement in requirements["end_user"].as_array().into_iter().flatten() {
        let kind = requirement["type"].as_str().unwrap_or_default();
        let fields = strings(&requirement["fields"]);
        let found = end_users.iter().find(|u| {
            u.type_
                .as_ref()
                .and_then(|t| serde_json::to_value(t).ok())
                .is_some_and(|t| t == kind)
        });
        let name = requirement["requirement_name"].as_str().unwrap_or(kind);
        out.push(result(
            name,
            kind,
            found.map(|u| u.attributes.as_ref().unwrap_or(&Value::Null)),
            &fields,
        ));
    }
    for group in requirements["supporting_document"]
        .as_array()
        .into_iter()
        .flatten()
    {
        // A group lists alternatives; each accepts some document types.
        let alternatives: Vec<&Value> = group.as_array().into_iter().flatten().collect();
        let accepted: Vec<&Value> = alternatives
            .iter()
            .flat_map(|a| a["accepted_documents"].as_array().into_iter().flatten())
            .collect();
        let first_type = accepted
            .first()
            .and_then(|d| d["type"].as_str())
            .unwrap_or("document");
        let name = alternatives
            .first()
            .and_then(|a| a["requirement_name"].as_str())
            .unwrap_or(first_type);
        let found = accepted.iter().find_map(|d| {
            let kind = d["type"].as_str()?;
            documents
                .iter()
                .find(|doc| doc.type_.as_deref() == Some(kind))
                .map(|doc| (kind, doc, strings(&d["fields"])))
        });
        out.push(match found {
            Some((kind, doc, fields)) => result(
                name,
                kind,
                Some(doc.attributes.as_ref().unwrap_or(&Value::Null)),
                &fields,
            ),
            None => {
                let fields = accepted.first().map(|d| strings(&d["fields"]));
                result(name, first_type, None, &fields.unwrap_or_default())
            }
        });
    }
    let compliant = out.iter().all(|r| r["passed"] == true);
    Ok((compliant, out))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// One requirement's result: `item` is the attributes of the matching item, or `None` when
/// the Bundle holds none.
fn result(name: &str, object_type: &str, item: Option<&Value>, fields: &[String]) -> Value {
    let missing: Vec<&String> = match item {
        None => fields.iter().collect(),
        Some(attributes) => fields
            .iter()
            .filter(|f| attributes.get(f.as_str()).is_none_or(Value::is_null))
            .collect(),
    };
    let passed = item.is_some() && missing.is_empty();
    let (reason, code) = match (passed, item) {
        (true, _) => (Value::Null, Value::Null),
        (false, None) => (
            json!(format!("A {object_type} is missing from the Bundle.")),
            json!(MISSING_ITEM),
        ),
        (false, Some(_)) => (
            json!(format!("The {object_type} lacks required fields.")),
            json!(MISSING_FIELD),
        ),
    };
    let valid: Vec<Value> = fields
        .iter()
        .filter(|f| !missing.contains(f))
        .map(|f| json!({"object_field": f, "friendly_name": f}))
        .collect();
    let invalid: Vec<Value> = missing
        .iter()
        .map(|f| {
            json!({
                "object_field": f, "friendly_name": f,
                "failure_reason": format!("{f} is missing."), "error_code": MISSING_FIELD,
            })
        })
        .collect();
    json!({
        "requirement_name": name, "requirement_friendly_name": name,
        "friendly_name": object_type, "object_type": object_type, "passed": passed,
        "failure_reason": reason, "error_code": code, "valid": valid, "invalid": invalid,
    })
}
