//! Typed webhook payloads, read from the validated form parameters.

use std::fmt;

use super::params::FormParams;
use crate::runtime::redact::Redacted;

/// Why a validated request does not hold the payload a handler asked for. Names the missing
/// parameter only, never a value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PayloadError {
    /// A parameter the payload requires was not sent.
    #[error("the webhook has no {0} parameter")]
    MissingParameter(&'static str),
}

/// A payload built from a webhook whose signature was checked: the form parameters and the raw
/// body. [`FormParams`] itself and [`BundleStatusCallback`] implement it; implement it for
/// payloads of your own to receive them through the axum extractor.
pub trait WebhookPayload: Sized {
    /// Builds the payload from a validated request's parameters (the form body's, or the
    /// query's for a GET) and raw body.
    fn from_webhook(params: FormParams, body: &[u8]) -> Result<Self, PayloadError>;
}

impl WebhookPayload for FormParams {
    fn from_webhook(params: FormParams, _body: &[u8]) -> Result<Self, PayloadError> {
        Ok(params)
    }
}

/// The status of a Regulatory Compliance Bundle, as its status callback reports it. Open: a
/// status Twilio adds later is kept verbatim in `Unknown`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BundleStatus {
    /// `draft`: created, not yet submitted.
    Draft,
    /// `pending-review`: submitted, waiting for Twilio's review.
    PendingReview,
    /// `in-review`: being reviewed.
    InReview,
    /// `twilio-rejected`: the review failed; `failure_reason` says why.
    TwilioRejected,
    /// `twilio-approved`: the review passed.
    TwilioApproved,
    /// `provisionally-approved`: usable while the review finishes.
    ProvisionallyApproved,
    /// A status this version does not know, as sent.
    Unknown(String),
}

impl BundleStatus {
    /// The status as Twilio spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Draft => "draft",
            Self::PendingReview => "pending-review",
            Self::InReview => "in-review",
            Self::TwilioRejected => "twilio-rejected",
            Self::TwilioApproved => "twilio-approved",
            Self::ProvisionallyApproved => "provisionally-approved",
            Self::Unknown(other) => other,
        }
    }

    fn from_wire(value: &str) -> Self {
        match value {
            "draft" => Self::Draft,
            "pending-review" => Self::PendingReview,
            "in-review" => Self::InReview,
            "twilio-rejected" => Self::TwilioRejected,
            "twilio-approved" => Self::TwilioApproved,
            "provisionally-approved" => Self::ProvisionallyApproved,
            other => Self::Unknown(other.to_owned()),
        }
    }
}

impl fmt::Display for BundleStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What Twilio posts to a Bundle's `StatusCallback` when the Bundle's status changes.
///
/// The parameters this type names are read into fields; every other parameter Twilio sends
/// (now or later) stays in `other`, so nothing is lost. `Debug` hides the failure reason (a
/// reviewer's free text can quote personal data) and `other`'s values.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BundleStatusCallback {
    /// `BundleSid`: the Bundle whose status changed (`BU` + 32 hex digits).
    pub bundle_sid: String,
    /// `Status`: its new status.
    pub status: BundleStatus,
    /// `AccountSid`: the account that owns the Bundle, when sent.
    pub account_sid: Option<String>,
    /// `FailureReason`: why the review failed, when it did.
    pub failure_reason: Option<String>,
    /// Every other parameter, in the order sent.
    pub other: FormParams,
}

const BUNDLE_FIELDS: [&str; 4] = ["BundleSid", "Status", "AccountSid", "FailureReason"];

impl WebhookPayload for BundleStatusCallback {
    fn from_webhook(params: FormParams, _body: &[u8]) -> Result<Self, PayloadError> {
        let bundle_sid = params
            .get("BundleSid")
            .ok_or(PayloadError::MissingParameter("BundleSid"))?
            .to_owned();
        let status = params
            .get("Status")
            .map(BundleStatus::from_wire)
            .ok_or(PayloadError::MissingParameter("Status"))?;
        Ok(Self {
            bundle_sid,
            status,
            account_sid: params.get("AccountSid").map(str::to_owned),
            failure_reason: params
                .get("FailureReason")
                .filter(|reason| !reason.is_empty())
                .map(str::to_owned),
            other: params.without(&BUNDLE_FIELDS),
        })
    }
}

impl fmt::Debug for BundleStatusCallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BundleStatusCallback")
            .field("bundle_sid", &self.bundle_sid)
            .field("status", &self.status)
            .field("account_sid", &self.account_sid)
            .field(
                "failure_reason",
                &self.failure_reason.as_ref().map(|_| Redacted),
            )
            .field("other", &self.other)
            .finish()
    }
}
