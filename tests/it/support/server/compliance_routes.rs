//! Routing `/v2/RegulatoryCompliance/...` (End-Users aside) to the compliance rules.

use axum::http::{Method, StatusCode};
use serde_json::Value;

use super::Shared;
use super::compliance::{COMPLIANCE_PATH, NewDocument, REGULATION_SID, UTILITY_BILL_TYPE_SID};
use super::twilio_error::TwilioError;

type Answer = Result<(StatusCode, Value), TwilioError>;

/// Whether `path` is one of the compliance resources this module serves.
pub(super) fn serves(path: &str) -> bool {
    let Some(rest) = path.strip_prefix(COMPLIANCE_PATH) else {
        return false;
    };
    [
        "/Regulations",
        "/SupportingDocumentTypes",
        "/SupportingDocuments",
        "/Bundles",
    ]
    .iter()
    .any(|p| rest == *p || rest.starts_with(&format!("{p}/")))
}

pub(super) fn handle(
    shared: &Shared,
    method: &Method,
    path: &str,
    query: &[(String, String)],
    form: &[(String, String)],
) -> Answer {
    let not_found = || TwilioError::not_found(path);
    let rest = path.strip_prefix(COMPLIANCE_PATH).unwrap_or_default();
    let segments: Vec<&str> = rest.trim_start_matches('/').split('/').collect();
    let end_users = shared.store.lock().unwrap().end_users_by_sid();
    let mut compliance = shared.compliance.lock().unwrap();
    let created = |value: Value| Ok((StatusCode::CREATED, value));
    let found = |value: Option<Value>| value.map(|v| (StatusCode::OK, v)).ok_or_else(not_found);
    let deleted = |done: bool| {
        done.then_some((StatusCode::NO_CONTENT, Value::Null))
            .ok_or_else(not_found)
    };
    let list = |which: &str, bundle: Option<&str>| {
        compliance
            .list(which, bundle, query, path)
            .map(|v| (StatusCode::OK, v))
    };
    match (method.as_str(), segments.as_slice()) {
        (
            "GET",
            [
                which @ ("Regulations"
                | "SupportingDocumentTypes"
                | "SupportingDocuments"
                | "Bundles"),
            ],
        ) => list(which, None),
        ("GET", ["Regulations", sid]) => {
            found((*sid == REGULATION_SID).then(|| compliance.regulation()))
        }
        ("GET", ["SupportingDocumentTypes", sid]) => {
            found((*sid == UTILITY_BILL_TYPE_SID).then(|| compliance.document_type()))
        }
        ("POST", ["SupportingDocuments"]) => {
            let get = |name: &str| {
                form.iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .filter(|v| !v.is_empty())
            };
            created(compliance.create_document(NewDocument {
                friendly_name: get("FriendlyName"),
                type_: get("Type"),
                attributes: get("Attributes"),
                mime_type: None,
            })?)
        }
        ("GET", ["SupportingDocuments", sid]) => found(compliance.document(sid)),
        ("POST", ["SupportingDocuments", sid]) => found(compliance.update_document(sid, form)?),
        ("DELETE", ["SupportingDocuments", sid]) => deleted(compliance.delete_document(sid)),
        ("POST", ["Bundles"]) => created(compliance.create_bundle(form)?),
        ("GET", ["Bundles", sid]) => found(compliance.bundle(sid)),
        ("POST", ["Bundles", sid]) => found(compliance.update_bundle(sid, form, &end_users)?),
        ("DELETE", ["Bundles", sid]) => deleted(compliance.delete_bundle(sid)),
        (
            "GET",
            [
                "Bundles",
                bundle,
                which @ ("ItemAssignments" | "Evaluations"),
            ],
        ) => list(which, Some(bundle)),
        ("POST", ["Bundles", bundle, "ItemAssignments"]) => {
            created(compliance.assign(bundle, form, &end_users)?)
        }
        ("GET", ["Bundles", bundle, "ItemAssignments", sid]) => found(compliance.item(bundle, sid)),
        ("DELETE", ["Bundles", bundle, "ItemAssignments", sid]) => {
            deleted(compliance.unassign(bundle, sid))
        }
        ("POST", ["Bundles", bundle, "Evaluations"]) => {
            created(compliance.create_evaluation(bundle, &end_users)?)
        }
        ("GET", ["Bundles", bundle, "Evaluations", sid]) => {
            found(compliance.evaluation(bundle, sid))
        }
        _ => Err(TwilioError::method_not_allowed(method.as_str())),
    }
}
