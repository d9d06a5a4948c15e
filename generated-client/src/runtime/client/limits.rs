//! [`Limits`]: every bound a client enforces, in one place. A new limit is a field here with
//! its default in [`Limits::default`], a [`ClientBuilder`](crate::ClientBuilder) method that
//! sets it, and its check where it applies; the builder, the client and both `Debug`s carry
//! the struct whole, so nothing else changes.

use std::time::Duration;

use crate::runtime::retry::RetryPolicy;

/// The bounds of one client, set through [`ClientBuilder`](crate::ClientBuilder) and enforced by
/// the [`Client`](crate::Client) it builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Time allowed to establish a connection (default 10 s, as twilio-java).
    pub(crate) connect_timeout: Duration,
    /// Time allowed for a whole attempt, body included (default 30 s, as twilio-node).
    pub(crate) timeout: Duration,
    /// How many attempts a request gets, the waits between them, and the longest
    /// `Retry-After` honoured.
    pub(crate) retry: RetryPolicy,
    /// The page budget of one list stream, the first page included; at least 1.
    pub(crate) max_pages: u32,
    /// The largest success body accepted, in bytes.
    pub(crate) max_body_bytes: usize,
    /// The largest file a multipart body may carry, in bytes.
    pub(crate) max_upload_bytes: u64,
}

impl Limits {
    /// Default page budget of one list stream: 10 million items at Twilio's largest page size
    /// (1,000), half a million at its default (50).
    pub(crate) const DEFAULT_MAX_PAGES: u32 = 10_000;

    /// Default cap on a success body: 32 MiB. Twilio's largest pages are 1,000 items; a Sync
    /// Document holds up to 16 KiB of data, so a full page of them is about 17 MiB with its
    /// metadata, and pages of calls, messages or numbers (1 to 3 KiB an item) stay under 4 MiB.
    pub(crate) const DEFAULT_MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

    /// Default cap on an uploaded file: 64 MiB.
    pub(crate) const DEFAULT_MAX_UPLOAD_BYTES: u64 = 64 * 1024 * 1024;

    // Fixed bounds, not configurable.

    /// How much of an error (non-2xx) body is read when it is JSON: Twilio's error objects are
    /// a few hundred bytes, `details` included.
    pub(crate) const ERROR_JSON_BYTES: usize = 16 * 1024;

    /// How much of any other error body is read: the excerpt that is kept (200 characters of at
    /// most 4 bytes each).
    pub(crate) const ERROR_TEXT_BYTES: usize = 800;

    /// Pages in a row with no items but a next page after which a stream gives up.
    pub(crate) const MAX_EMPTY_PAGES_IN_A_ROW: u32 = 5;

    /// Requests a stream with a `limit` may make beyond the `ceil(limit / page size)` the limit
    /// needs: room for an empty page or a short one.
    pub(crate) const LIMIT_SLACK: u32 = 2;
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            max_pages: Self::DEFAULT_MAX_PAGES,
            max_body_bytes: Self::DEFAULT_MAX_BODY_BYTES,
            max_upload_bytes: Self::DEFAULT_MAX_UPLOAD_BYTES,
        }
    }
}
