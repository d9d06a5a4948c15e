//! What the client-level tests share: the local Twilio-like server, clients pointed at it, and
//! a guard that turns a hang into a failure.

pub(crate) mod server;

use std::future::Future;
use std::time::Duration;

use twilio_numbers_v2::{Client, ClientBuilder, Credentials, RetryPolicy};

/// Long enough for any of these tests on a loaded 2-core machine, short enough that a hang
/// fails the run instead of stalling CI.
const HANG_GUARD: Duration = Duration::from_secs(60);

/// Awaits `future`, failing the test if it has not finished within [`HANG_GUARD`].
pub(crate) async fn no_hang<F: Future>(what: &str, future: F) -> F::Output {
    tokio::time::timeout(HANG_GUARD, future)
        .await
        .unwrap_or_else(|_| panic!("{what} did not finish within {HANG_GUARD:?}: it hangs"))
}

/// A builder for `origin` with the local server's credentials and fast retries.
pub(crate) fn builder(origin: &str) -> ClientBuilder {
    Client::builder(
        Credentials::new(server::ACCOUNT_SID, server::AUTH_TOKEN).expect("valid credentials"),
    )
    .base_url(origin)
    .allow_insecure_http(true)
    .retry_policy(fast_retries())
}

/// The default policy's rules with millisecond waits, so retried tests stay quick.
pub(crate) fn fast_retries() -> RetryPolicy {
    RetryPolicy::new()
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(20))
}

/// A client for `origin` with the local server's credentials and fast retries.
pub(crate) fn client(origin: &str) -> Client {
    builder(origin)
        .build()
        .expect("a valid client configuration")
}
