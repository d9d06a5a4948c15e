//! Status callbacks: what the fake POSTs to a Bundle's `StatusCallback` when its status
//! changes, signed with `X-Twilio-Signature` by the client crate's own webhook signer, keyed
//! with the mock's Auth Token ([`TEST_AUTH_TOKEN`]), so a receiver's validation is exercised.

use twilio_numbers_v2::mock::{TEST_ACCOUNT_SID, TEST_AUTH_TOKEN};
use twilio_numbers_v2::webhook::{Algorithm, FormParams, SIGNATURE_HEADER, sign};

/// One status callback the fake sent.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Callback {
    /// The URL it was POSTed to (the Bundle's `StatusCallback`).
    pub url: String,
    /// The Bundle whose status changed.
    pub bundle_sid: String,
    /// Its new status, as Twilio writes it (`twilio-approved`).
    pub status: String,
    /// Why the review failed, for a rejection.
    pub failure_reason: Option<String>,
    /// The `X-Twilio-Signature` it carried.
    pub signature: String,
    /// The receiver's answer: its HTTP status, or why none came (connection refused).
    pub outcome: Result<u16, String>,
}

/// What to send for one status change.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    pub(crate) url: String,
    pub(crate) bundle_sid: String,
    pub(crate) status: String,
    pub(crate) failure_reason: Option<String>,
}

/// Sends `pending` as Twilio does: a form POST, signed; never fails (the outcome is recorded).
pub(crate) async fn deliver(http: &reqwest::Client, pending: Pending) -> Callback {
    let mut params = FormParams::new();
    params.push("AccountSid", TEST_ACCOUNT_SID);
    params.push("BundleSid", pending.bundle_sid.as_str());
    params.push("Status", pending.status.as_str());
    if let Some(reason) = &pending.failure_reason {
        params.push("FailureReason", reason.as_str());
    }
    let signature = sign(Algorithm::HmacSha1, TEST_AUTH_TOKEN, &pending.url, &params);
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params.iter())
        .finish();
    let sent = http
        .post(&pending.url)
        .header("content-type", "application/x-www-form-urlencoded")
        .header(SIGNATURE_HEADER, signature.as_str())
        .header("user-agent", "TwilioProxy/1.1")
        .body(body)
        .send()
        .await;
    Callback {
        url: pending.url,
        bundle_sid: pending.bundle_sid,
        status: pending.status,
        failure_reason: pending.failure_reason,
        signature,
        outcome: sent.map(|r| r.status().as_u16()).map_err(|e| e.to_string()),
    }
}
