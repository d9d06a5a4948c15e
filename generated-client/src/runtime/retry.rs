//! When and how long to wait before sending a request again.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;

use super::method::Method;

/// How failed requests are retried.
///
/// Rules, whatever the settings:
/// - 429 and 503 are retried for every method (Twilio did not process the request), waiting for
///   `Retry-After` when the server sent one (capped at [`max_delay`](Self::max_delay)).
/// - Other 5xx (except 501) and connection failures are retried only for idempotent methods
///   (GET, DELETE, …), never for POST, which could create a resource twice.
/// - Timeouts are not retried: each attempt may already have waited the whole timeout.
/// - Without `Retry-After`, the wait is exponential backoff with full jitter: a random delay in
///   `0..=min(max_delay, base_delay * 2^(retry-1))`.
///
/// The default, like twilio-node's `autoRetry`, is 4 attempts (3 retries), 100 ms base delay
/// and 3 s maximum delay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(3),
        }
    }
}

impl RetryPolicy {
    /// The default policy (see the type docs).
    pub fn new() -> Self {
        Self::default()
    }

    /// Never retry: every request is sent exactly once.
    pub fn disabled() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Total attempts including the first; `1` (or `0`) disables retries.
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// The backoff delay before the first retry (doubled for each further retry).
    pub fn with_base_delay(mut self, base_delay: Duration) -> Self {
        self.base_delay = base_delay;
        self
    }

    /// The longest single wait, also the cap applied to `Retry-After`.
    pub fn with_max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = max_delay;
        self
    }

    /// Total attempts including the first.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff delay before the first retry.
    pub fn base_delay(&self) -> Duration {
        self.base_delay
    }

    /// The longest single wait.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// The wait before retrying after `attempt` (1-based) failed with `failure`, or `None` when
    /// the request must not be retried.
    pub(crate) fn delay_after(
        &self,
        method: Method,
        attempt: u32,
        failure: &Failure,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let retry_after = match failure {
            Failure::Status {
                status,
                retry_after,
            } => {
                let always = *status == StatusCode::TOO_MANY_REQUESTS
                    || *status == StatusCode::SERVICE_UNAVAILABLE;
                if !(always || (is_transient_status(*status) && method.is_idempotent())) {
                    return None;
                }
                *retry_after
            }
            Failure::Connection if method.is_idempotent() => None,
            Failure::Connection => return None,
        };
        Some(match retry_after {
            Some(wait) => wait.min(self.max_delay),
            None => self.backoff(attempt),
        })
    }

    /// Full-jitter exponential backoff for the retry after `attempt`.
    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32
            .checked_shl(attempt.saturating_sub(1))
            .unwrap_or(u32::MAX);
        let cap = self.base_delay.saturating_mul(factor).min(self.max_delay);
        // Integer nanoseconds: float maths could overflow (and panic) for huge caps.
        let cap_nanos = u64::try_from(cap.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=cap_nanos))
    }
}

/// Why an attempt failed, as far as retrying is concerned.
pub(crate) enum Failure {
    Status {
        status: StatusCode,
        retry_after: Option<Duration>,
    },
    Connection,
}

/// Statuses worth retrying: rate limiting and server-side trouble. 501 means the endpoint will
/// never work, so retrying it is pointless.
pub(crate) fn is_transient_status(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS
        || (status.is_server_error() && status != StatusCode::NOT_IMPLEMENTED)
}

/// One retry about to happen, as passed to the [`on_retry`](crate::ClientBuilder::on_retry) hook.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryEvent {
    /// The operation id, e.g. `"ListEndUser"`.
    pub operation: &'static str,
    /// The attempt that just failed (1 for the first try).
    pub attempt: u32,
    /// What went wrong with it.
    pub cause: RetryCause,
    /// How long the client waits before the next attempt.
    pub delay: Duration,
}

/// What made an attempt fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryCause {
    /// The server answered with this status.
    Status(StatusCode),
    /// The connection failed (refused, reset, DNS, TLS).
    Connection,
}

impl fmt::Display for RetryCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryCause::Status(status) => write!(f, "HTTP {}", status.as_u16()),
            RetryCause::Connection => f.write_str("connection error"),
        }
    }
}

/// The user's retry hook, shared by clones of the client.
pub(crate) type RetryHook = Arc<dyn Fn(&RetryEvent) + Send + Sync>;

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, retry_after: Option<Duration>) -> Failure {
        Failure::Status {
            status: StatusCode::from_u16(code).unwrap(),
            retry_after,
        }
    }

    #[test]
    fn rate_limits_and_unavailable_are_retried_even_for_post() {
        let policy = RetryPolicy::default();
        assert!(
            policy
                .delay_after(Method::Post, 1, &status(429, None))
                .is_some()
        );
        assert!(
            policy
                .delay_after(Method::Post, 1, &status(503, None))
                .is_some()
        );
    }

    #[test]
    fn other_server_errors_and_connection_failures_only_for_idempotent_methods() {
        let policy = RetryPolicy::default();
        for failure in [status(500, None), status(502, None), Failure::Connection] {
            assert!(policy.delay_after(Method::Get, 1, &failure).is_some());
            assert!(policy.delay_after(Method::Delete, 1, &failure).is_some());
            assert!(policy.delay_after(Method::Post, 1, &failure).is_none());
        }
        assert!(
            policy
                .delay_after(Method::Get, 1, &status(501, None))
                .is_none()
        );
        assert!(
            policy
                .delay_after(Method::Get, 1, &status(404, None))
                .is_none()
        );
    }

    #[test]
    fn stops_after_max_attempts_and_disabled_never_retries() {
        let policy = RetryPolicy::default().with_max_attempts(3);
        assert!(
            policy
                .delay_after(Method::Get, 2, &status(503, None))
                .is_some()
        );
        assert!(
            policy
                .delay_after(Method::Get, 3, &status(503, None))
                .is_none()
        );
        let off = RetryPolicy::disabled();
        assert!(
            off.delay_after(Method::Get, 1, &status(429, None))
                .is_none()
        );
    }

    #[test]
    fn retry_after_is_used_and_capped() {
        let policy = RetryPolicy::default().with_max_delay(Duration::from_secs(2));
        let wait = |secs| {
            policy.delay_after(
                Method::Get,
                1,
                &status(429, Some(Duration::from_secs(secs))),
            )
        };
        assert_eq!(wait(1), Some(Duration::from_secs(1)));
        assert_eq!(wait(60), Some(Duration::from_secs(2)));
    }

    #[test]
    fn backoff_is_full_jitter_under_an_exponential_cap() {
        let policy = RetryPolicy::default()
            .with_max_attempts(50)
            .with_base_delay(Duration::from_millis(10))
            .with_max_delay(Duration::from_millis(35));
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..200 {
            let first = policy
                .delay_after(Method::Get, 1, &status(500, None))
                .unwrap();
            assert!(first <= Duration::from_millis(10), "{first:?}");
            let third = policy
                .delay_after(Method::Get, 3, &status(500, None))
                .unwrap();
            assert!(third <= Duration::from_millis(35), "{third:?}"); // 40 capped to 35
            let late = policy
                .delay_after(Method::Get, 40, &status(500, None))
                .unwrap();
            assert!(late <= Duration::from_millis(35), "{late:?}");
            seen.insert(first);
        }
        assert!(seen.len() > 1, "jitter should vary the delay");
    }
}
