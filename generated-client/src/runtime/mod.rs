//! The hand-written runtime the generated operations call: credentials, hosts, wire encoding,
//! sending with retries, errors, pagination and SID checks.
//!
//! The interface towards the generated code is described in `docs/runtime-contract.md`.

mod client;
mod credentials;
mod decode;
mod error;
mod host;
mod method;
// A local fake of the API for tests, with typed expectations per operation.
#[cfg(feature = "mock")]
pub mod mock;
mod multipart;
mod open_enum;
mod pagination;
mod redact;
mod redirect;
mod request;
mod response;
mod retry;
mod sid;
// The generated models name its functions in `#[serde(...)]` attributes; which of them a
// crate uses depends on its document.
#[allow(dead_code)]
pub(crate) mod tolerant;
mod user_agent;
pub mod webhook;
mod wire;

#[cfg(test)]
mod tests;

pub use client::{Client, ClientBuilder};
pub use credentials::Credentials;
pub use decode::DecodeError;
pub use error::{ApiError, BodyExcerpt, ConfigError, Error, PagingError, Result};
pub use multipart::FilePart;
pub use pagination::{ListPage, Page, PageMeta};
pub use redirect::Redirect;
pub use response::Response;
pub use retry::{RetryCause, RetryEvent, RetryPolicy};
pub use sid::InvalidSid;
pub use wire::JsonParam;

/// An exact decimal number (`rust_decimal`), the type of prices and other amounts of money:
/// it keeps every digit Twilio sent, which `f64` cannot.
pub use rust_decimal::Decimal;

// For the generated code (see docs/runtime-contract.md); not part of the public API.
#[cfg(test)]
pub(crate) use decode::check_example;
pub(crate) use method::Method;
#[allow(unused_imports)] // Only documents with multipart bodies use it.
pub(crate) use multipart::MultipartParts;
pub(crate) use open_enum::deserialize_open_enum;
pub(crate) use pagination::effective_page_size;
pub(crate) use redact::Redacted;
#[allow(unused_imports)] // Used by documents with bearer or unauthenticated operations.
pub(crate) use request::Auth;
pub(crate) use request::RequestSpec;
pub(crate) use sid::{check_sid, sid_of_other_kind};
pub(crate) use wire::{ToWire, WireParams};
