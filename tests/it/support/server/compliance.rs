//! Regulatory Compliance as Twilio plays it: one Regulation with its requirements, the
//! Supporting Document Types, Supporting Documents (details, or uploaded with a file), Bundles
//! with their review statuses, item assignments and evaluations.
//!
//! The rules: a Bundle evaluates `noncompliant` until it holds an End-User of the Regulation's
//! kind with every required attribute and a document of each required type with its required
//! attributes; only a `draft` Bundle takes items or can be submitted (`pending-review`), and it
//! must evaluate `compliant` first; Twilio's side then moves it to `in-review` and on to
//! `twilio-approved` or `twilio-rejected` ([`Compliance::review`], driven by the tests).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::paging::PageRequest;
use super::twilio_error::TwilioError;

pub(crate) const COMPLIANCE_PATH: &str = "/v2/RegulatoryCompliance";
/// The one Regulation the server knows: business numbers of a made-up country.
pub(crate) const REGULATION_SID: &str = "RN0123456789abcdef0123456789abcdef";
pub(crate) const UTILITY_BILL_TYPE_SID: &str = "OY00000000000000000000000000000bb1";
/// The End-User attributes and the document the Regulation requires.
pub(crate) const REQUIRED_END_USER_FIELDS: &[&str] = &["business_name"];
pub(crate) const REQUIRED_DOCUMENT_TYPE: &str = "utility_bill";
pub(crate) const REQUIRED_DOCUMENT_FIELDS: &[&str] = &["business_name", "address_sids"];
/// Twilio's codes for a missing item and a missing field in an evaluation.
const MISSING_ITEM: u32 = 22216;
const MISSING_FIELD: u32 = 22217;

/// What an upload or a details-only create carries.
pub(crate) struct NewDocument {
    pub friendly_name: Option<String>,
    pub type_: Option<String>,
    pub attributes: Option<String>,
    pub mime_type: Option<String>,
}

#[derive(Default)]
pub(super) struct Compliance {
    origin: String,
    account_sid: String,
    next: u64,
    documents: BTreeMap<u64, Value>,
    bundles: BTreeMap<u64, Value>,
    /// Bundle SID -> its item assignments and evaluations, in creation order.
    items: BTreeMap<String, BTreeMap<u64, Value>>,
    evaluations: BTreeMap<String, BTreeMap<u64, Value>>,
}

fn sid(prefix: &str) -> String {
    format!("{prefix}{:032x}", fastrand::u128(..))
}

fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn param<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

fn attributes(text: Option<&str>) -> Result<Value, TwilioError> {
    match text {
        None => Ok(json!({})),
        Some(text) => serde_json::from_str::<Map<String, Value>>(text)
            .map(Value::Object)
            .map_err(|_| TwilioError::bad_request("Attributes must be a JSON object")),
    }
}

fn find<'a>(map: &'a BTreeMap<u64, Value>, sid: &str) -> Option<(u64, &'a Value)> {
    map.iter()
        .find(|(_, v)| v["sid"] == sid)
        .map(|(k, v)| (*k, v))
}

/// The `fields` that `attributes` lacks (or holds as null).
fn missing_fields(attributes: &Value, fields: &[&str]) -> Vec<String> {
    fields
        .iter()
        .filter(|f| attributes.get(**f).is_none_or(Value::is_null))
        .map(|f| (*f).to_owned())
        .collect()
}

impl Compliance {
    pub(super) fn new(origin: &str, account_sid: &str) -> Self {
        Self {
            origin: origin.to_owned(),
            account_sid: account_sid.to_owned(),
            ..Self::default()
        }
    }

    fn position(&mut self) -> u64 {
        self.next += 1;
        self.next
    }

    fn url(&self, rest: &str) -> String {
        format!("{}{COMPLIANCE_PATH}/{rest}", self.origin)
    }

    pub(super) fn regulation(&self) -> Value {
        json!({
            "sid": REGULATION_SID,
            "friendly_name": "Examplestan: Local - Business",
            "iso_country": "XE",
            "number_type": "local",
            "end_user_type": "business",
            "requirements": {
                "end_user": [{"type": "business", "fields": REQUIRED_END_USER_FIELDS}],
                "supporting_document": [[{
                    "type": "document",
                    "accepted_documents": [{
                        "type": REQUIRED_DOCUMENT_TYPE,
                        "fields": REQUIRED_DOCUMENT_FIELDS,
                    }],
                }]],
            },
            "url": self.url(&format!("Regulations/{REGULATION_SID}")),
        })
    }

    pub(super) fn document_type(&self) -> Value {
        json!({
            "sid": UTILITY_BILL_TYPE_SID,
            "friendly_name": "Utility bill",
            "machine_name": REQUIRED_DOCUMENT_TYPE,
            "fields": REQUIRED_DOCUMENT_FIELDS.iter().map(|f| json!({"machine_name": f})).collect::<Vec<_>>(),
            "url": self.url(&format!("SupportingDocumentTypes/{UTILITY_BILL_TYPE_SID}")),
        })
    }

    pub(super) fn list(
        &self,
        which: &str,
        bundle: Option<&str>,
        query: &[(String, String)],
        base: &str,
    ) -> Result<Value, TwilioError> {
        let request = PageRequest::from_query(query)?;
        let one = |value: Value| BTreeMap::from([(0, value)]);
        let (items, key) = match which {
            "Regulations" => (one(self.regulation()), "results"),
            "SupportingDocumentTypes" => (one(self.document_type()), "supporting_document_types"),
            "SupportingDocuments" => (self.documents.clone(), "results"),
            "Bundles" => (self.bundles.clone(), "results"),
            "ItemAssignments" => (self.items_of(bundle)?.clone(), "results"),
            "Evaluations" => (self.evaluations_of(bundle)?.clone(), "results"),
            _ => return Err(TwilioError::not_found(base)),
        };
        Ok(request.render(&items, &format!("{}{base}", self.origin), key, Value::clone))
    }

    pub(super) fn create_document(&mut self, new: NewDocument) -> Result<Value, TwilioError> {
        let friendly_name = new
            .friendly_name
            .ok_or_else(|| TwilioError::missing("FriendlyName"))?;
        let type_ = new.type_.ok_or_else(|| TwilioError::missing("Type"))?;
        let attributes = attributes(new.attributes.as_deref())?;
        let sid = sid("RD");
        let position = self.position();
        let document = json!({
            "sid": sid, "account_sid": self.account_sid, "friendly_name": friendly_name,
            "mime_type": new.mime_type, "status": "draft", "failure_reason": null,
            "errors": null, "type": type_, "attributes": attributes,
            "date_created": now(), "date_updated": now(),
            "url": self.url(&format!("SupportingDocuments/{sid}")),
        });
        self.documents.insert(position, document.clone());
        Ok(document)
    }

    pub(super) fn document(&self, sid: &str) -> Option<Value> {
        find(&self.documents, sid).map(|(_, v)| v.clone())
    }

    pub(super) fn update_document(
        &mut self,
        sid: &str,
        form: &[(String, String)],
    ) -> Result<Option<Value>, TwilioError> {
        let attributes = param(form, "Attributes")
            .map(|t| attributes(Some(t)))
            .transpose()?;
        let Some((position, _)) = find(&self.documents, sid) else {
            return Ok(None);
        };
        let document = self.documents.get_mut(&position).expect("found above");
        if let Some(name) = param(form, "FriendlyName") {
            document["friendly_name"] = json!(name);
        }
        if let Some(attributes) = attributes {
            document["attributes"] = attributes;
        }
        document["date_updated"] = json!(now());
        Ok(Some(document.clone()))
    }

    pub(super) fn delete_document(&mut self, sid: &str) -> bool {
        find(&self.documents, sid)
            .map(|(p, _)| p)
            .is_some_and(|p| self.documents.remove(&p).is_some())
    }

    pub(super) fn create_bundle(
        &mut self,
        form: &[(String, String)],
    ) -> Result<Value, TwilioError> {
        let friendly_name =
            param(form, "FriendlyName").ok_or_else(|| TwilioError::missing("FriendlyName"))?;
        let email = param(form, "Email").ok_or_else(|| TwilioError::missing("Email"))?;
        let regulation = param(form, "RegulationSid").unwrap_or(REGULATION_SID);
        if regulation != REGULATION_SID {
            return Err(TwilioError::bad_request(format!(
                "Regulation {regulation} does not exist"
            )));
        }
        let sid = sid("BU");
        let position = self.position();
        let bundle = json!({
            "sid": sid, "account_sid": self.account_sid, "regulation_sid": regulation,
            "friendly_name": friendly_name, "status": "draft", "valid_until": null,
            "email": email, "status_callback": param(form, "StatusCallback"),
            "date_created": now(), "date_updated": now(),
            "url": self.url(&format!("Bundles/{sid}")),
            "links": {
                "item_assignments": self.url(&format!("Bundles/{sid}/ItemAssignments")),
                "evaluations": self.url(&format!("Bundles/{sid}/Evaluations")),
            },
        });
        self.bundles.insert(position, bundle.clone());
        self.items.insert(sid.clone(), BTreeMap::new());
        self.evaluations.insert(sid, BTreeMap::new());
        Ok(bundle)
    }

    pub(super) fn bundle(&self, sid: &str) -> Option<Value> {
        find(&self.bundles, sid).map(|(_, v)| v.clone())
    }

    fn set_bundle(&mut self, sid: &str, key: &str, value: Value) {
        if let Some((position, _)) = find(&self.bundles, sid) {
            let bundle = self.bundles.get_mut(&position).expect("found above");
            bundle[key] = value;
            bundle["date_updated"] = json!(now());
        }
    }

    /// `POST /Bundles/{Sid}`: details change freely; `Status=pending-review` submits a `draft`
    /// Bundle that evaluates `compliant`, and no other status can be set by the owner.
    pub(super) fn update_bundle(
        &mut self,
        sid: &str,
        form: &[(String, String)],
        end_users: &BTreeMap<String, Value>,
    ) -> Result<Option<Value>, TwilioError> {
        let Some(bundle) = self.bundle(sid) else {
            return Ok(None);
        };
        if let Some(status) = param(form, "Status") {
            if status != "pending-review" {
                return Err(TwilioError::bad_request(format!(
                    "Status can only be set to pending-review, not {status}"
                )));
            }
            if bundle["status"] != "draft" {
                return Err(TwilioError::bad_request(format!(
                    "Only a draft Bundle can be submitted; this one is {}",
                    bundle["status"].as_str().unwrap_or_default()
                )));
            }
            if self.evaluate(sid, end_users)["status"] != "compliant" {
                return Err(TwilioError::bad_request(
                    "The Bundle is not compliant: evaluate it to see what is missing",
                ));
            }
            self.set_bundle(sid, "status", json!("pending-review"));
        }
        for (field, key) in [
            ("FriendlyName", "friendly_name"),
            ("Email", "email"),
            ("StatusCallback", "status_callback"),
        ] {
            if let Some(value) = param(form, field) {
                self.set_bundle(sid, key, json!(value));
            }
        }
        Ok(self.bundle(sid))
    }

    pub(super) fn delete_bundle(&mut self, sid: &str) -> bool {
        let Some((position, _)) = find(&self.bundles, sid) else {
            return false;
        };
        self.bundles.remove(&position);
        self.items.remove(sid);
        self.evaluations.remove(sid);
        true
    }

    /// Twilio's side of the review: `pending-review` -> `in-review` -> approved or rejected.
    pub(super) fn review(&mut self, sid: &str, approve: bool) {
        self.set_bundle(sid, "status", json!("in-review"));
        let (status, valid_until) = if approve {
            ("twilio-approved", json!("2027-12-31T00:00:00Z"))
        } else {
            ("twilio-rejected", Value::Null)
        };
        self.set_bundle(sid, "status", json!(status));
        self.set_bundle(sid, "valid_until", valid_until);
    }

    fn items_of(&self, bundle: Option<&str>) -> Result<&BTreeMap<u64, Value>, TwilioError> {
        let bundle = bundle.unwrap_or_default();
        self.items
            .get(bundle)
            .ok_or_else(|| TwilioError::not_found(&format!("Bundles/{bundle}")))
    }

    fn evaluations_of(&self, bundle: Option<&str>) -> Result<&BTreeMap<u64, Value>, TwilioError> {
        let bundle = bundle.unwrap_or_default();
        self.evaluations
            .get(bundle)
            .ok_or_else(|| TwilioError::not_found(&format!("Bundles/{bundle}")))
    }

    /// `POST /Bundles/{BundleSid}/ItemAssignments`: an existing End-User or document, or an
    /// Address, into a `draft` Bundle.
    pub(super) fn assign(
        &mut self,
        bundle: &str,
        form: &[(String, String)],
        end_users: &BTreeMap<String, Value>,
    ) -> Result<Value, TwilioError> {
        let object = param(form, "ObjectSid").ok_or_else(|| TwilioError::missing("ObjectSid"))?;
        let Some(found) = self.bundle(bundle) else {
            return Err(TwilioError::not_found(&format!("Bundles/{bundle}")));
        };
        if found["status"] != "draft" {
            return Err(TwilioError::bad_request(
                "Only a draft Bundle takes new items",
            ));
        }
        let exists = match object.get(..2) {
            Some("IT") => end_users.contains_key(object),
            Some("RD") => self.document(object).is_some(),
            Some("AD") => true,
            _ => false,
        };
        if !exists {
            return Err(TwilioError::bad_request(format!(
                "ObjectSid {object} is not an End-User, Supporting Document or Address of this Account"
            )));
        }
        let sid = sid("BV");
        let position = self.position();
        let item = json!({
            "sid": sid, "bundle_sid": bundle, "account_sid": self.account_sid,
            "object_sid": object, "date_created": now(),
            "url": self.url(&format!("Bundles/{bundle}/ItemAssignments/{sid}")),
        });
        self.items
            .get_mut(bundle)
            .expect("every Bundle has its items")
            .insert(position, item.clone());
        Ok(item)
    }

    pub(super) fn item(&self, bundle: &str, sid: &str) -> Option<Value> {
        find(self.items.get(bundle)?, sid).map(|(_, v)| v.clone())
    }

    pub(super) fn unassign(&mut self, bundle: &str, sid: &str) -> bool {
        let Some(items) = self.items.get_mut(bundle) else {
            return false;
        };
        match find(items, sid).map(|(p, _)| p) {
            Some(position) => items.remove(&position).is_some(),
            None => false,
        }
    }

    /// The verdict on `bundle` now; `end_users` maps assigned End-User SIDs to their JSON.
    pub(super) fn evaluate(&self, bundle: &str, end_users: &BTreeMap<String, Value>) -> Value {
        let assigned: Vec<String> = self
            .items
            .get(bundle)
            .map(|items| {
                items
                    .values()
                    .filter_map(|i| i["object_sid"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let end_user = assigned
            .iter()
            .filter_map(|s| end_users.get(s))
            .find(|u| u["type"] == "business");
        let document = assigned
            .iter()
            .filter_map(|s| self.document(s))
            .find(|d| d["type"] == REQUIRED_DOCUMENT_TYPE);
        let result = |name: &str, object_type: &str, item: Option<&Value>, fields: &[&str]| {
            let missing = item.map_or_else(
                || fields.iter().map(|f| (*f).to_owned()).collect(),
                |i| missing_fields(&i["attributes"], fields),
            );
            let passed = item.is_some() && missing.is_empty();
            json!({
                "requirement_name": name, "requirement_friendly_name": name,
                "friendly_name": object_type, "object_type": object_type, "passed": passed,
                "failure_reason": if passed { Value::Null } else if item.is_none() {
                    json!(format!("A {object_type} is missing from the Bundle."))
                } else { json!(format!("The {object_type} lacks required fields.")) },
                "error_code": if passed { Value::Null } else if item.is_none() { json!(MISSING_ITEM) } else { json!(MISSING_FIELD) },
                "valid": fields.iter().filter(|f| !missing.iter().any(|m| m == *f)).map(|f| json!({"object_field": f, "friendly_name": f})).collect::<Vec<_>>(),
                "invalid": missing.iter().map(|f| json!({
                    "object_field": f, "friendly_name": f,
                    "failure_reason": format!("{f} is missing."), "error_code": MISSING_FIELD,
                })).collect::<Vec<_>>(),
            })
        };
        let results = vec![
            result(
                "business_info",
                "business",
                end_user,
                REQUIRED_END_USER_FIELDS,
            ),
            result(
                "business_address_proof_info",
                REQUIRED_DOCUMENT_TYPE,
                document.as_ref(),
                REQUIRED_DOCUMENT_FIELDS,
            ),
        ];
        let compliant = results.iter().all(|r| r["passed"] == true);
        json!({
            "sid": sid("EL"), "account_sid": self.account_sid, "regulation_sid": REGULATION_SID,
            "bundle_sid": bundle,
            "status": if compliant { "compliant" } else { "noncompliant" },
            "results": results, "date_created": now(),
        })
    }

    /// `POST /Bundles/{BundleSid}/Evaluations`: evaluates and keeps the verdict.
    pub(super) fn create_evaluation(
        &mut self,
        bundle: &str,
        end_users: &BTreeMap<String, Value>,
    ) -> Result<Value, TwilioError> {
        if self.bundle(bundle).is_none() {
            return Err(TwilioError::not_found(&format!("Bundles/{bundle}")));
        }
        let mut evaluation = self.evaluate(bundle, end_users);
        let sid = evaluation["sid"].as_str().unwrap_or_default().to_owned();
        evaluation["url"] = json!(self.url(&format!("Bundles/{bundle}/Evaluations/{sid}")));
        let position = self.position();
        self.evaluations
            .get_mut(bundle)
            .expect("every Bundle has its evaluations")
            .insert(position, evaluation.clone());
        Ok(evaluation)
    }

    pub(super) fn evaluation(&self, bundle: &str, sid: &str) -> Option<Value> {
        find(self.evaluations.get(bundle)?, sid).map(|(_, v)| v.clone())
    }
}
