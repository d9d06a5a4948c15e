//! What each write does to the store: End-Users, Supporting Documents (details or an upload),
//! Bundles and their items; the status rules themselves are in `rules.rs`.

use serde_json::{Map, Value, json};
use twilio_numbers_v2::enums::BundleStatus;
use twilio_numbers_v2::mock::MockRequest;
use twilio_numbers_v2::models::{Bundle, EndUser, ItemAssignment, SupportingDocument};

use crate::callbacks::Pending;
use crate::errors::FakeError;
use crate::rules;
use crate::store::{Store, Upload, json_of, model};

/// Form field `name`, when sent and not empty.
pub(crate) fn field(request: &MockRequest, name: &str) -> Option<String> {
    request
        .form_values(name)
        .first()
        .filter(|v| !v.is_empty())
        .map(|v| (*v).to_owned())
}

pub(crate) fn required(request: &MockRequest, name: &str) -> Result<String, FakeError> {
    field(request, name).ok_or_else(|| FakeError::missing(name))
}

/// `Attributes` must be a JSON object.
fn attributes(text: Option<&str>) -> Result<Value, FakeError> {
    match text {
        None => Ok(json!({})),
        Some(text) => serde_json::from_str::<Map<String, Value>>(text)
            .map(Value::Object)
            .map_err(|_| {
                FakeError::invalid(format!("Attributes must be a JSON object, not {text:?}"))
            }),
    }
}

pub(crate) fn sid_is(sid: Option<&impl AsRef<str>>, wanted: &str) -> bool {
    sid.is_some_and(|s| s.as_ref() == wanted)
}

/// What an update of an End-User or a Supporting Document may change, read (and the
/// attributes checked) before anything changes, as Twilio refuses the whole update.
struct Edit {
    friendly_name: Option<String>,
    attributes: Option<Value>,
}

impl Edit {
    fn read(r: &MockRequest) -> Result<Self, FakeError> {
        Ok(Self {
            friendly_name: field(r, "FriendlyName"),
            attributes: field(r, "Attributes")
                .map(|t| attributes(Some(&t)))
                .transpose()?,
        })
    }

    fn apply(self, friendly_name: &mut Option<String>, attributes: &mut Option<Value>) {
        if let Some(name) = self.friendly_name {
            *friendly_name = Some(name);
        }
        if let Some(new) = self.attributes {
            *attributes = Some(new);
        }
    }
}

pub(crate) fn create_end_user(store: &mut Store, r: &MockRequest) -> Result<EndUser, FakeError> {
    let friendly_name = required(r, "FriendlyName")?;
    let type_ = required(r, "Type")?;
    if type_ != "individual" && type_ != "business" {
        return Err(FakeError::invalid(format!(
            "Type must be one of individual, business, not {type_:?}"
        )));
    }
    let attributes = attributes(field(r, "Attributes").as_deref())?;
    Ok(store.insert_end_user(&friendly_name, &type_, attributes))
}

impl Store {
    /// Adds an End-User (for a request, or seeded by the test).
    pub(crate) fn insert_end_user(
        &mut self,
        friendly_name: &str,
        type_: &str,
        attributes: Value,
    ) -> EndUser {
        let sid = self.sid("IT");
        let now = self.now();
        let url = self.url(&format!("EndUsers/{sid}"));
        let end_user: EndUser = model(json!({
            "sid": sid, "account_sid": Store::account_sid(), "friendly_name": friendly_name,
            "type": type_, "attributes": attributes, "date_created": now, "date_updated": now,
            "url": url,
        }));
        self.end_users.push(end_user.clone());
        end_user
    }
}

pub(crate) fn update_end_user(
    store: &mut Store,
    sid: &str,
    r: &MockRequest,
) -> Result<EndUser, FakeError> {
    store.end_user(sid)?;
    let edit = Edit::read(r)?;
    let now = store.now();
    let end_user = store
        .end_users
        .iter_mut()
        .find(|u| sid_is(u.sid.as_ref(), sid))
        .ok_or_else(|| FakeError::not_found(&format!("EndUsers/{sid}")))?;
    edit.apply(&mut end_user.friendly_name, &mut end_user.attributes);
    end_user.date_updated = now.parse().ok();
    Ok(end_user.clone())
}

pub(crate) fn delete_end_user(store: &mut Store, sid: &str) -> Result<(), FakeError> {
    store.end_user(sid)?;
    store.end_users.retain(|u| !sid_is(u.sid.as_ref(), sid));
    Ok(())
}

/// The Regulations matching the list's filters (`IsoCountry`, `NumberType`, `EndUserType`).
pub(crate) fn regulations(store: &Store, r: &MockRequest) -> Vec<Value> {
    let filter = |name: &str| r.query_values(name).first().map(|v| (*v).to_owned());
    let (country, number_type, end_user_type) = (
        filter("IsoCountry"),
        filter("NumberType"),
        filter("EndUserType"),
    );
    store
        .regulations
        .iter()
        .map(json_of)
        .filter(|reg| {
            country
                .as_ref()
                .is_none_or(|c| reg["iso_country"] == c.as_str())
                && number_type
                    .as_ref()
                    .is_none_or(|n| reg["number_type"] == n.as_str())
                && end_user_type
                    .as_ref()
                    .is_none_or(|e| reg["end_user_type"] == e.as_str())
        })
        .collect()
}

pub(crate) fn create_document(
    store: &mut Store,
    friendly_name: Option<String>,
    type_: Option<String>,
    attributes_text: Option<String>,
    mime_type: Option<String>,
) -> Result<SupportingDocument, FakeError> {
    let friendly_name = friendly_name
        .filter(|v| !v.is_empty())
        .ok_or_else(|| FakeError::missing("FriendlyName"))?;
    let type_ = type_
        .filter(|v| !v.is_empty())
        .ok_or_else(|| FakeError::missing("Type"))?;
    if !store
        .document_types
        .iter()
        .any(|t| t.machine_name.as_deref() == Some(type_.as_str()))
    {
        return Err(FakeError::invalid(format!(
            "Type {type_} is not a Supporting Document Type"
        )));
    }
    let attributes = attributes(attributes_text.as_deref())?;
    let sid = store.sid("RD");
    let now = store.now();
    let url = store.url(&format!("SupportingDocuments/{sid}"));
    let document: SupportingDocument = model(json!({
        "sid": sid, "account_sid": Store::account_sid(), "friendly_name": friendly_name,
        "mime_type": mime_type, "status": "draft", "failure_reason": null, "errors": null,
        "type": type_, "attributes": attributes, "date_created": now, "date_updated": now,
        "url": url,
    }));
    store.documents.push(document.clone());
    Ok(document)
}

/// The upload host's create: a `multipart/form-data` body with the details and the `File`.
pub(crate) fn upload_document(
    store: &mut Store,
    r: &MockRequest,
) -> Result<SupportingDocument, FakeError> {
    let parts = r
        .multipart()
        .ok_or_else(|| FakeError::invalid("The upload must be a multipart/form-data body"))?;
    let text = |name: &str| {
        parts
            .iter()
            .find(|p| p.name == name && p.file_name.is_none())
            .and_then(|p| p.text().map(str::to_owned))
    };
    let file = parts
        .iter()
        .find(|p| p.name == "File")
        .cloned()
        .ok_or_else(|| FakeError::missing("File"))?;
    let document = create_document(
        store,
        text("FriendlyName"),
        text("Type"),
        text("Attributes"),
        file.content_type.clone(),
    )?;
    store.uploads.push(Upload {
        document_sid: document
            .sid
            .as_ref()
            .map(|s| s.to_string())
            .unwrap_or_default(),
        file,
    });
    Ok(document)
}

pub(crate) fn update_document(
    store: &mut Store,
    sid: &str,
    r: &MockRequest,
) -> Result<SupportingDocument, FakeError> {
    store.document(sid)?;
    let edit = Edit::read(r)?;
    let now = store.now();
    let document = store
        .documents
        .iter_mut()
        .find(|d| sid_is(d.sid.as_ref(), sid))
        .ok_or_else(|| FakeError::not_found(&format!("SupportingDocuments/{sid}")))?;
    edit.apply(&mut document.friendly_name, &mut document.attributes);
    document.date_updated = now.parse().ok();
    Ok(document.clone())
}

pub(crate) fn delete_document(store: &mut Store, sid: &str) -> Result<(), FakeError> {
    store.document(sid)?;
    store.documents.retain(|d| !sid_is(d.sid.as_ref(), sid));
    Ok(())
}

/// The Bundles matching the list's filters (`Status`, `FriendlyName`, `RegulationSid`).
pub(crate) fn bundles(store: &Store, r: &MockRequest) -> Vec<Value> {
    let filter = |name: &str| r.query_values(name).first().map(|v| (*v).to_owned());
    let filters = [
        ("Status", "status"),
        ("FriendlyName", "friendly_name"),
        ("RegulationSid", "regulation_sid"),
    ]
    .map(|(query, key)| (key, filter(query)));
    store
        .bundles
        .iter()
        .map(json_of)
        .filter(|b| {
            filters
                .iter()
                .all(|(key, wanted)| wanted.as_ref().is_none_or(|w| b[*key] == w.as_str()))
        })
        .collect()
}

pub(crate) fn create_bundle(store: &mut Store, r: &MockRequest) -> Result<Bundle, FakeError> {
    let friendly_name = required(r, "FriendlyName")?;
    let email = required(r, "Email")?;
    // The Regulation: named, or found by country, number type and End-User type.
    let regulation = match field(r, "RegulationSid") {
        Some(sid) => store
            .regulation(&sid)
            .ok_or_else(|| FakeError::invalid(format!("Regulation {sid} does not exist")))?
            .sid
            .clone(),
        None => {
            let wanted = [
                ("iso_country", field(r, "IsoCountry")),
                ("number_type", field(r, "NumberType")),
                ("end_user_type", field(r, "EndUserType")),
            ];
            store
                .regulations
                .iter()
                .find(|reg| {
                    let reg = json_of(*reg);
                    wanted
                        .iter()
                        .all(|(key, w)| w.as_ref().is_none_or(|w| reg[*key] == w.as_str()))
                })
                .ok_or_else(|| FakeError::invalid("No Regulation matches this Bundle"))?
                .sid
                .clone()
        }
    };
    Ok(store.insert_bundle(json!({
        "account_sid": Store::account_sid(), "regulation_sid": regulation,
        "friendly_name": friendly_name, "status": "draft", "valid_until": null,
        "email": email, "status_callback": field(r, "StatusCallback"),
    })))
}

impl Store {
    /// Stores a new Bundle made of `fields` (account, Regulation, label, status, validity,
    /// email, status callback) with a fresh SID, its times and its URLs.
    pub(crate) fn insert_bundle(&mut self, mut fields: Value) -> Bundle {
        let sid = self.sid("BU");
        let now = self.now();
        fields["sid"] = json!(sid);
        fields["date_created"] = json!(now);
        fields["date_updated"] = json!(now);
        fields["url"] = json!(self.url(&format!("Bundles/{sid}")));
        fields["links"] = json!({
            "item_assignments": self.url(&format!("Bundles/{sid}/ItemAssignments")),
            "evaluations": self.url(&format!("Bundles/{sid}/Evaluations")),
        });
        let bundle: Bundle = model(fields);
        self.bundles.push(bundle.clone());
        bundle
    }

    /// Assigns `object` to `bundle` (of `account`) as a new item.
    pub(crate) fn insert_item(
        &mut self,
        bundle: &str,
        account: &Value,
        object: &Value,
    ) -> ItemAssignment {
        let sid = self.sid("BV");
        let now = self.now();
        let url = self.url(&format!("Bundles/{bundle}/ItemAssignments/{sid}"));
        let item: ItemAssignment = model(json!({
            "sid": sid, "bundle_sid": bundle, "account_sid": account,
            "object_sid": object, "date_created": now, "url": url,
        }));
        self.items.push(item.clone());
        item
    }
}

/// `POST /Bundles/{Sid}`: details change in any status; `Status` only as `rules` allow.
pub(crate) fn update_bundle(
    store: &mut Store,
    sid: &str,
    r: &MockRequest,
) -> Result<Bundle, FakeError> {
    store.bundle(sid)?;
    let requested = field(r, "Status");
    if let Some(status) = &requested {
        rules::check_submission(store, sid, status)?;
    }
    let now = store.now();
    let bundle = store.bundle_mut(sid)?;
    if let Some(name) = field(r, "FriendlyName") {
        bundle.friendly_name = Some(name);
    }
    if let Some(email) = field(r, "Email") {
        bundle.email = Some(email);
    }
    if let Some(url) = field(r, "StatusCallback") {
        bundle.status_callback = Some(url);
    }
    bundle.date_updated = now.parse().ok();
    if requested.is_some() {
        store.set_status(sid, BundleStatus::PendingReview, None)?;
    }
    Ok(store.bundle(sid)?.clone())
}

impl Store {
    /// Moves a Bundle to `status` and queues its status callback.
    pub(crate) fn set_status(
        &mut self,
        sid: &str,
        status: BundleStatus,
        failure_reason: Option<String>,
    ) -> Result<(), FakeError> {
        let now = self.now();
        let bundle = self.bundle_mut(sid)?;
        bundle.status = Some(status.clone());
        bundle.date_updated = now.parse().ok();
        if status == BundleStatus::TwilioApproved {
            bundle.valid_until = "2027-12-31T00:00:00Z".parse().ok();
        }
        if let Some(url) = bundle.status_callback.clone() {
            self.outbox.push(Pending {
                url,
                bundle_sid: sid.to_owned(),
                status: rules::status_text(Some(&status)),
                failure_reason,
            });
        }
        Ok(())
    }
}

pub(crate) fn delete_bundle(store: &mut Store, sid: &str) -> Result<(), FakeError> {
    store.bundle(sid)?;
    store.bundles.retain(|b| !sid_is(b.sid.as_ref(), sid));
    store.items.retain(|i| !sid_is(i.bundle_sid.as_ref(), sid));
    store
        .evaluations
        .retain(|e| !sid_is(e.bundle_sid.as_ref(), sid));
    Ok(())
}

pub(crate) fn items_of(store: &Store, bundle: &str) -> Result<Vec<Value>, FakeError> {
    store.bundle(bundle)?;
    Ok(store
        .items
        .iter()
        .filter(|i| sid_is(i.bundle_sid.as_ref(), bundle))
        .map(json_of)
        .collect())
}

pub(crate) fn evaluations_of(store: &Store, bundle: &str) -> Result<Vec<Value>, FakeError> {
    store.bundle(bundle)?;
    Ok(store
        .evaluations
        .iter()
        .filter(|e| sid_is(e.bundle_sid.as_ref(), bundle))
        .map(json_of)
        .collect())
}

/// `POST /Bundles/{BundleSid}/ItemAssignments`: an End-User or document of the account, or an
/// Address, into a Bundle whose status takes items.
pub(crate) fn assign(
    store: &mut Store,
    bundle: &str,
    r: &MockRequest,
) -> Result<ItemAssignment, FakeError> {
    let object = required(r, "ObjectSid")?;
    store.bundle(bundle)?;
    let exists = match object.get(..2) {
        Some("IT") => store.end_user(&object).is_ok(),
        Some("RD") => store.document(&object).is_ok(),
        Some("AD") => true,
        _ => false,
    };
    if !exists {
        return Err(FakeError::invalid(format!(
            "ObjectSid {object} is not an End-User, Supporting Document or Address of this Account"
        )));
    }
    rules::open_for_items(store, bundle)?;
    Ok(store.insert_item(bundle, &json!(Store::account_sid()), &json!(object)))
}

pub(crate) fn unassign(store: &mut Store, bundle: &str, sid: &str) -> Result<(), FakeError> {
    let held = store
        .items
        .iter()
        .any(|i| sid_is(i.bundle_sid.as_ref(), bundle) && sid_is(i.sid.as_ref(), sid));
    if !held {
        return Err(FakeError::not_found(&format!(
            "Bundles/{bundle}/ItemAssignments/{sid}"
        )));
    }
    rules::open_for_items(store, bundle)?;
    store.items.retain(|i| !sid_is(i.sid.as_ref(), sid));
    Ok(())
}
