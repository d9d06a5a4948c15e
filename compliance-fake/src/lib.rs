//! A stateful fake of Twilio's Regulatory Compliance API (Numbers v2), for tests of code built
//! on `twilio-numbers-v2`: no Twilio, no credentials, no network beyond 127.0.0.1.
//!
//! [`ComplianceFake::start`] runs the crate's mock server (feature `mock`) with one handler per
//! operation over a shared store, and [`ComplianceFake::client`] is a client pointed at it
//! (the upload host included). It plays the journey the crate offers:
//!
//! - End-Users and End-User Types; Regulations with their requirements (one seeded,
//!   [`seed_regulation`](ComplianceFake::seed_regulation) for more); Supporting Document Types
//!   and Supporting Documents, created with details or uploaded as `multipart/form-data` on the
//!   upload host ([`uploads`](ComplianceFake::uploads) holds the files);
//! - Bundles with Twilio's statuses (`draft` -> `pending-review` -> `in-review` ->
//!   `twilio-approved` / `twilio-rejected`), item assignments only while a Bundle takes them,
//!   submission only of a compliant draft; refusals carry Twilio's error shape and codes
//!   ([`INVALID_PARAMETER`], [`NOT_FOUND`], [`AUTHENTICATE`]);
//! - Evaluations that follow the Regulation's requirements, or the test's
//!   [`Verdict`] ([`dictate_evaluation`](ComplianceFake::dictate_evaluation));
//! - lists paged as Twilio pages them (`PageSize`, `Page`, a `meta` with the page, first,
//!   previous and next URLs and the key), so the client's streams and `next_page` work;
//! - status callbacks POSTed to a Bundle's `StatusCallback`, signed with `X-Twilio-Signature`
//!   by the crate's own webhook signer with [`TEST_AUTH_TOKEN`], so the receiving code
//!   validates them as it would Twilio's. Twilio's reviewers are the test:
//!   [`approve`](ComplianceFake::approve), [`reject`](ComplianceFake::reject).
//!
//! The default Regulation ([`DEFAULT_REGULATION`]) is for business numbers of type `local` in
//! a made-up country `XE`: an End-User of type `business` with `business_name`, and a
//! `utility_bill` with `business_name` and `address_sids`.
//!
//! - keeping an approved Bundle current: copies (a draft with the same items), item
//!   replacement from an approved Bundle, clones into another Account (`copies.rs` has the
//!   rules).
//!
//! It plays every operation of the crate. A request it cannot answer (an unknown path, a method
//! the document does not have) matches no expectation: the mock answers `418` with the reason,
//! and fails the test when the fake is dropped.
//!
//! [`TEST_AUTH_TOKEN`]: twilio_numbers_v2::mock::TEST_AUTH_TOKEN

mod callbacks;
mod copies;
mod errors;
mod paging;
mod resources;
mod review;
mod routes;
mod rules;
mod store;

use std::sync::{Arc, Mutex, MutexGuard};

use base64::Engine as _;
use serde_json::{Value, json};
use twilio_numbers_v2::Client;
use twilio_numbers_v2::enums::EndUserEnumType;
use twilio_numbers_v2::mock::{MockRequest, MockServer, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN};
use twilio_numbers_v2::models::{
    Bundle, EndUser, Evaluation, ItemAssignment, Regulation, SupportingDocument,
};
use twilio_numbers_v2::sids::BundleSid;

pub use callbacks::Callback;
pub use errors::{AUTHENTICATE, INVALID_PARAMETER, MISSING_FIELD, MISSING_ITEM, NOT_FOUND};
pub use paging::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
pub use review::ReviewError;
pub use store::{Upload, Verdict};

use store::{Store, model};

/// The SID of the Regulation every fake starts with.
pub const DEFAULT_REGULATION: &str = "RN00000000000000000000000000000001";

/// The state the handlers and the test share.
pub(crate) struct Shared {
    store: Mutex<Store>,
    /// The `Authorization` header of the mock's test credentials.
    authorization: String,
    /// Queued status callbacks go to the delivery task, in order.
    outbox: tokio::sync::mpsc::UnboundedSender<callbacks::Pending>,
    /// Wakes [`ComplianceFake::settle`] after each delivery.
    delivered: tokio::sync::Notify,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Store> {
        // A failed assertion in a test must not hide the fake's state behind a poisoned lock.
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Hands the callbacks the last change queued to the delivery task.
    fn send_queued(&self) {
        let queued: Vec<_> = self.lock().outbox.drain(..).collect();
        for pending in queued {
            self.lock().queued += 1;
            // The delivery task lives as long as the fake; a send cannot fail before.
            let _ = self.outbox.send(pending);
        }
    }
}

/// A running fake of Regulatory Compliance. Dropping it stops it and verifies the mock server
/// (a request it did not play fails the test).
pub struct ComplianceFake {
    server: MockServer,
    shared: Arc<Shared>,
}

impl ComplianceFake {
    /// Starts a fake on 127.0.0.1 with the default Regulation, End-User Types and Supporting
    /// Document Types, on the current tokio runtime.
    ///
    /// # Panics
    ///
    /// When no port can be bound on 127.0.0.1, or outside a tokio runtime.
    pub async fn start() -> Self {
        Self::on(MockServer::start().await)
    }

    /// Installs the fake on `server`. Expectations the test registered on it before are tried
    /// first, so a test can make one request fail (a 503, a delay) and let the fake play the
    /// rest.
    ///
    /// # Panics
    ///
    /// Outside a tokio runtime.
    pub fn on(server: MockServer) -> Self {
        // Numbers' base URL has no path: resource URLs are the origin plus the path.
        let origin = server.base_url();
        let credentials = format!("{TEST_ACCOUNT_SID}:{TEST_AUTH_TOKEN}");
        let (outbox, inbox) = tokio::sync::mpsc::unbounded_channel();
        let shared = Arc::new(Shared {
            store: Mutex::new(Store::new(origin)),
            authorization: format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(credentials)
            ),
            outbox,
            delivered: tokio::sync::Notify::new(),
        });
        review::spawn_delivery(&shared, inbox);
        seed_defaults(&mut shared.lock());
        routes::install(&server, &shared);
        Self { server, shared }
    }

    /// A client of the fake: the mock's test credentials, the upload host pointed at the fake.
    pub fn client(&self) -> Client {
        self.server.client()
    }

    /// The mock server underneath, for expectations of the test's own.
    pub fn server(&self) -> &MockServer {
        &self.server
    }

    fn lock(&self) -> MutexGuard<'_, Store> {
        self.shared.lock()
    }

    /// Adds a Regulation for `iso_country`, `number_type` and `end_user_type` (`business`,
    /// `individual`) with `requirements` in Twilio's shape: `{"end_user": [{"requirement_name",
    /// "type", "fields": [..]}], "supporting_document": [[{"requirement_name", "type":
    /// "document", "accepted_documents": [{"type", "fields": [..]}]}]]}` (each inner list of
    /// `supporting_document` holds alternatives).
    pub fn seed_regulation(
        &self,
        iso_country: &str,
        number_type: &str,
        end_user_type: &str,
        requirements: Value,
    ) -> Regulation {
        let mut store = self.lock();
        let sid = store.sid("RN");
        let url = store.url(&format!("Regulations/{sid}"));
        let regulation: Regulation = model(json!({
            "sid": sid, "friendly_name": format!("{iso_country}: {number_type} - {end_user_type}"),
            "iso_country": iso_country, "number_type": number_type,
            "end_user_type": end_user_type, "requirements": requirements, "url": url,
        }));
        store.regulations.push(regulation.clone());
        regulation
    }

    /// Adds a Supporting Document Type with the attributes it requires.
    pub fn seed_document_type(&self, machine_name: &str, fields: &[&str]) {
        self.lock().add_document_type(machine_name, fields);
    }

    /// Adds an End-User, as if created through the API.
    pub fn seed_end_user(
        &self,
        friendly_name: &str,
        type_: EndUserEnumType,
        attributes: Value,
    ) -> EndUser {
        let type_ = json!(type_);
        self.lock().insert_end_user(
            friendly_name,
            type_.as_str().unwrap_or_default(),
            attributes,
        )
    }

    /// Every End-User, in creation order.
    pub fn end_users(&self) -> Vec<EndUser> {
        self.lock().end_users.clone()
    }

    /// Every Regulation, the default one first.
    pub fn regulations(&self) -> Vec<Regulation> {
        self.lock().regulations.clone()
    }

    /// Every Supporting Document, in creation order.
    pub fn supporting_documents(&self) -> Vec<SupportingDocument> {
        self.lock().documents.clone()
    }

    /// Every file the upload host received, in order.
    pub fn uploads(&self) -> Vec<Upload> {
        self.lock().uploads.clone()
    }

    /// Every Bundle, in creation order.
    pub fn bundles(&self) -> Vec<Bundle> {
        self.lock().bundles.clone()
    }

    /// The Bundle `sid`, if it exists.
    pub fn bundle(&self, sid: &BundleSid) -> Option<Bundle> {
        self.lock().bundle(sid.as_str()).ok().cloned()
    }

    /// The items assigned to Bundle `sid`, in order.
    pub fn item_assignments(&self, sid: &BundleSid) -> Vec<ItemAssignment> {
        let store = self.lock();
        let of_bundle = |i: &&ItemAssignment| i.bundle_sid.as_ref() == Some(sid);
        store.items.iter().filter(of_bundle).cloned().collect()
    }

    /// The evaluations of Bundle `sid`, in order.
    pub fn evaluations(&self, sid: &BundleSid) -> Vec<Evaluation> {
        let store = self.lock();
        let of_bundle = |e: &&Evaluation| e.bundle_sid.as_ref() == Some(sid);
        store
            .evaluations
            .iter()
            .filter(of_bundle)
            .cloned()
            .collect()
    }

    /// Makes Bundle `sid`'s evaluations (and the check before a submission) come out as
    /// `verdict` rather than by its Regulation's requirements.
    pub fn dictate_evaluation(&self, sid: &BundleSid, verdict: Verdict) {
        self.lock().verdicts.insert(sid.to_string(), verdict);
    }

    /// Every request the fake answered, in order (credentials refused included).
    pub fn requests(&self) -> Vec<MockRequest> {
        self.lock().requests.clone()
    }

    /// The requests answered since the last call, emptying the record.
    pub fn take_requests(&self) -> Vec<MockRequest> {
        std::mem::take(&mut self.lock().requests)
    }

    /// The status callbacks delivered so far, in order. Call [`settle`](Self::settle) first
    /// for those a request of the client caused (a submission).
    pub fn callbacks(&self) -> Vec<Callback> {
        self.lock().callbacks.clone()
    }
}

impl std::fmt::Debug for ComplianceFake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ComplianceFake")
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

/// What every fake starts with.
fn seed_defaults(store: &mut Store) {
    store.add_end_user_type(
        "business",
        "Business",
        &[("Business Name", "business_name"), ("Email", "email")],
    );
    store.add_end_user_type(
        "individual",
        "Individual",
        &[("First Name", "first_name"), ("Last Name", "last_name")],
    );
    store.add_document_type("utility_bill", &["business_name", "address_sids"]);
    store.add_document_type("business_registration", &["business_name"]);
    let sid = store.sid("RN");
    debug_assert_eq!(sid, DEFAULT_REGULATION);
    let url = store.url(&format!("Regulations/{sid}"));
    store.regulations.push(model(json!({
        "sid": sid,
        "friendly_name": "Examplestan: Local - Business",
        "iso_country": "XE", "number_type": "local", "end_user_type": "business",
        "requirements": {
            "end_user": [{
                "requirement_name": "business_info", "type": "business",
                "fields": ["business_name"],
            }],
            "supporting_document": [[{
                "requirement_name": "business_address_proof_info", "type": "document",
                "accepted_documents": [{
                    "type": "utility_bill", "fields": ["business_name", "address_sids"],
                }],
            }]],
        },
        "url": url,
    })));
}
