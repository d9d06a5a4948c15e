//! The fake's state: every resource as the typed model the client decodes, the requests it
//! answered, the files it received, the callbacks it delivered, and how SIDs, times and URLs
//! are made (deterministically: the n-th SID of a kind is the same in every run).

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use twilio_numbers_v2::mock::{MockPart, MockRequest, TEST_ACCOUNT_SID};
use twilio_numbers_v2::models::{
    Bundle, EndUser, EndUserType, Evaluation, ItemAssignment, Regulation, SupportingDocument,
    SupportingDocumentType,
};

use crate::callbacks::{Callback, Pending};
use crate::errors::FakeError;

/// The path every Regulatory Compliance resource lives under.
pub(crate) const COMPLIANCE: &str = "/v2/RegulatoryCompliance";

/// What the test dictates for a Bundle's evaluations.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verdict {
    /// Evaluate against the Regulation's requirements (the default).
    FollowRegulation,
    /// Every requirement passes, whatever the Bundle holds.
    Compliant,
    /// One requirement fails with this reason, whatever the Bundle holds.
    Noncompliant(String),
}

/// A file the upload host received, with the Supporting Document it created.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Upload {
    /// The document created from it.
    pub document_sid: String,
    /// The `File` part: file name, content type, bytes.
    pub file: MockPart,
}

#[derive(Default)]
pub(crate) struct Store {
    /// The fake's base URL (`http://127.0.0.1:PORT`): resource and page URLs point here, so
    /// the client follows them.
    pub(crate) origin: String,
    counters: BTreeMap<&'static str, u64>,
    ticks: i64,
    pub(crate) regulations: Vec<Regulation>,
    pub(crate) end_user_types: Vec<EndUserType>,
    pub(crate) document_types: Vec<SupportingDocumentType>,
    pub(crate) end_users: Vec<EndUser>,
    pub(crate) documents: Vec<SupportingDocument>,
    pub(crate) uploads: Vec<Upload>,
    pub(crate) bundles: Vec<Bundle>,
    /// Which Bundle each copy was copied from (copy SID -> original SID).
    pub(crate) copied_from: BTreeMap<String, String>,
    pub(crate) items: Vec<ItemAssignment>,
    pub(crate) evaluations: Vec<Evaluation>,
    pub(crate) verdicts: BTreeMap<String, Verdict>,
    pub(crate) callbacks: Vec<Callback>,
    /// Status changes whose callbacks are not yet handed to the delivery task.
    pub(crate) outbox: Vec<Pending>,
    /// Callbacks handed to the delivery task so far (delivered ones are in `callbacks`).
    pub(crate) queued: usize,
    pub(crate) requests: Vec<MockRequest>,
}

/// Decodes `value` as the model `T`, as the client would.
///
/// # Panics
///
/// When the fake built a value its own models refuse: a bug of the fake, reported by the mock
/// server as the handler's panic.
pub(crate) fn model<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap_or_else(|e| {
        panic!(
            "the fake built an invalid {}: {e}",
            std::any::type_name::<T>()
        )
    })
}

/// The JSON of a model, as the fake answers it.
pub(crate) fn json_of<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

impl Store {
    pub(crate) fn new(origin: String) -> Self {
        Self {
            origin,
            ..Self::default()
        }
    }

    /// The next SID with `prefix`: the prefix and a counter as 32 hex digits.
    pub(crate) fn sid(&mut self, prefix: &'static str) -> String {
        let n = self.counters.entry(prefix).or_default();
        *n += 1;
        format!("{prefix}{n:032x}")
    }

    /// A clock that moves one second per call from 2026-01-01T00:00:00Z, so every resource has
    /// a distinct, repeatable time.
    pub(crate) fn now(&mut self) -> String {
        self.ticks += 1;
        jiff::Timestamp::from_second(1_767_225_600 + self.ticks)
            .map(|t| t.to_string())
            .unwrap_or_default()
    }

    /// The URL of `rest` under Regulatory Compliance (`Bundles/BU...`).
    pub(crate) fn url(&self, rest: &str) -> String {
        format!("{}{COMPLIANCE}/{rest}", self.origin)
    }

    pub(crate) fn account_sid() -> &'static str {
        TEST_ACCOUNT_SID
    }

    pub(crate) fn end_user(&self, sid: &str) -> Result<&EndUser, FakeError> {
        self.end_users
            .iter()
            .find(|u| u.sid.as_ref().is_some_and(|s| s.as_str() == sid))
            .ok_or_else(|| FakeError::not_found(&format!("EndUsers/{sid}")))
    }

    pub(crate) fn document(&self, sid: &str) -> Result<&SupportingDocument, FakeError> {
        self.documents
            .iter()
            .find(|d| d.sid.as_ref().is_some_and(|s| s.as_str() == sid))
            .ok_or_else(|| FakeError::not_found(&format!("SupportingDocuments/{sid}")))
    }

    pub(crate) fn bundle(&self, sid: &str) -> Result<&Bundle, FakeError> {
        self.bundles
            .iter()
            .find(|b| b.sid.as_ref().is_some_and(|s| s.as_str() == sid))
            .ok_or_else(|| FakeError::not_found(&format!("Bundles/{sid}")))
    }

    pub(crate) fn bundle_mut(&mut self, sid: &str) -> Result<&mut Bundle, FakeError> {
        self.bundles
            .iter_mut()
            .find(|b| b.sid.as_ref().is_some_and(|s| s.as_str() == sid))
            .ok_or_else(|| FakeError::not_found(&format!("Bundles/{sid}")))
    }

    pub(crate) fn regulation(&self, sid: &str) -> Option<&Regulation> {
        self.regulations
            .iter()
            .find(|r| r.sid.as_ref().is_some_and(|s| s.as_str() == sid))
    }

    /// Adds an End-User Type (`individual`, `business`) with its fields (friendly name,
    /// machine name).
    pub(crate) fn add_end_user_type(
        &mut self,
        machine_name: &str,
        friendly_name: &str,
        fields: &[(&str, &str)],
    ) {
        let sid = self.sid("OY");
        let url = self.url(&format!("EndUserTypes/{sid}"));
        let fields: Vec<Value> = fields
            .iter()
            .map(|(friendly, machine)| {
                json!({"friendly_name": friendly, "machine_name": machine, "constraint": "String"})
            })
            .collect();
        self.end_user_types.push(model(json!({
            "sid": sid, "friendly_name": friendly_name, "machine_name": machine_name,
            "fields": fields, "url": url,
        })));
    }

    /// Adds a Supporting Document Type with the fields it asks for.
    pub(crate) fn add_document_type(&mut self, machine_name: &str, fields: &[&str]) {
        let sid = self.sid("OY");
        let url = self.url(&format!("SupportingDocumentTypes/{sid}"));
        let fields: Vec<Value> = fields
            .iter()
            .map(|f| json!({"friendly_name": f, "machine_name": f}))
            .collect();
        self.document_types.push(model(json!({
            "sid": sid, "friendly_name": machine_name.replace('_', " "),
            "machine_name": machine_name, "fields": fields, "url": url,
        })));
    }
}
