//! Twilio's side of a Bundle's life, driven by the test: the review (`in-review`, then
//! `twilio-approved` or `twilio-rejected`), and the delivery of the status callbacks that
//! every status change queues, one at a time and in order.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedReceiver;
use twilio_numbers_v2::enums::BundleStatus;
use twilio_numbers_v2::models::Bundle;
use twilio_numbers_v2::sids::BundleSid;

use crate::callbacks::{Pending, deliver};
use crate::rules::status_text;
use crate::{ComplianceFake, Shared};

/// Why a review step was refused: the Bundle does not exist, or is not awaiting review.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReviewError {
    /// The Bundle.
    pub bundle_sid: String,
    /// Its status (`None` when it does not exist).
    pub status: Option<String>,
}

impl std::fmt::Display for ReviewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.status {
            None => write!(f, "Bundle {} does not exist", self.bundle_sid),
            Some(status) => write!(
                f,
                "Bundle {} is {status}: only a pending-review or in-review Bundle can be reviewed",
                self.bundle_sid
            ),
        }
    }
}

impl std::error::Error for ReviewError {}

/// Starts the task that delivers queued callbacks in order, recording each outcome.
pub(crate) fn spawn_delivery(shared: &Arc<Shared>, mut inbox: UnboundedReceiver<Pending>) {
    // The task holds a weak reference: it ends when the fake is dropped.
    let weak = Arc::downgrade(shared);
    // Callbacks go to 127.0.0.1 in tests; no proxy from the environment may intercept them.
    // rustls needs a process-wide provider; the client crate installs ring the same way (and
    // allows the deprecation newer rustls 0.23 releases put on it).
    #[allow(deprecated)]
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap_or_default();
    tokio::spawn(async move {
        while let Some(pending) = inbox.recv().await {
            let callback = deliver(&http, pending).await;
            let Some(shared) = weak.upgrade() else { break };
            shared.lock().callbacks.push(callback);
            shared.delivered.notify_waiters();
        }
    });
}

impl ComplianceFake {
    /// Waits until every status callback queued so far has been delivered (or failed to be).
    pub async fn settle(&self) {
        loop {
            let notified = self.shared.delivered.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let store = self.shared.lock();
                if store.callbacks.len() >= store.queued {
                    return;
                }
            }
            notified.await;
        }
    }

    /// Twilio's reviewers pick up Bundle `sid`: `pending-review` -> `in-review` (a callback).
    ///
    /// # Errors
    ///
    /// When the Bundle does not exist or is not `pending-review`.
    pub async fn start_review(&self, sid: &BundleSid) -> Result<Bundle, ReviewError> {
        self.step(
            sid,
            &[BundleStatus::PendingReview],
            BundleStatus::InReview,
            None,
        )
        .await
    }

    /// Twilio approves Bundle `sid`: to `in-review` first when it is `pending-review`, then
    /// `twilio-approved` with a `valid_until`; a callback for each change, delivered before
    /// this returns.
    ///
    /// # Errors
    ///
    /// When the Bundle does not exist or is not awaiting review.
    pub async fn approve(&self, sid: &BundleSid) -> Result<Bundle, ReviewError> {
        self.review(sid, BundleStatus::TwilioApproved, None).await
    }

    /// Twilio rejects Bundle `sid` for `reason` (sent as the callback's `FailureReason`): to
    /// `in-review` first when it is `pending-review`, then `twilio-rejected`. The owner may
    /// then change its items (which returns it to `draft`) and submit it again.
    ///
    /// # Errors
    ///
    /// When the Bundle does not exist or is not awaiting review.
    pub async fn reject(&self, sid: &BundleSid, reason: &str) -> Result<Bundle, ReviewError> {
        self.review(sid, BundleStatus::TwilioRejected, Some(reason.to_owned()))
            .await
    }

    async fn review(
        &self,
        sid: &BundleSid,
        verdict: BundleStatus,
        reason: Option<String>,
    ) -> Result<Bundle, ReviewError> {
        let status = self.bundle(sid).and_then(|b| b.status);
        if status == Some(BundleStatus::PendingReview) {
            self.start_review(sid).await?;
        }
        self.step(sid, &[BundleStatus::InReview], verdict, reason)
            .await
    }

    async fn step(
        &self,
        sid: &BundleSid,
        from: &[BundleStatus],
        to: BundleStatus,
        reason: Option<String>,
    ) -> Result<Bundle, ReviewError> {
        {
            let mut store = self.shared.lock();
            let refused = |status: Option<&BundleStatus>| ReviewError {
                bundle_sid: sid.to_string(),
                status: status.map(|s| status_text(Some(s))),
            };
            let status = match store.bundle(sid.as_str()) {
                Ok(bundle) => bundle.status.clone(),
                Err(_) => return Err(refused(None)),
            };
            if !status.as_ref().is_some_and(|s| from.contains(s)) {
                return Err(refused(status.as_ref()));
            }
            store
                .set_status(sid.as_str(), to, reason)
                .map_err(|_| refused(None))?;
        }
        self.shared.send_queued();
        self.settle().await;
        self.bundle(sid).ok_or_else(|| ReviewError {
            bundle_sid: sid.to_string(),
            status: None,
        })
    }
}
