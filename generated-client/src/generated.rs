//! The code emitted by `cargo xtask codegen`.
//!
//! This shim is hand-written; every file under `generated/` is generated from the API document
//! and must not be edited by hand (change the spec or the generator, then regenerate).

// `rustfmt::skip`: the files are already formatted by the generator (prettyplease), and
// `cargo fmt` must not fight it.
#[rustfmt::skip]
mod api;
#[rustfmt::skip]
pub mod enums;
#[rustfmt::skip]
pub mod models;
// The typed expectations of `crate::mock`, one builder per operation (feature `mock`).
#[cfg(feature = "mock")]
#[rustfmt::skip]
pub(crate) mod mock;
#[rustfmt::skip]
mod operations;
#[rustfmt::skip]
pub mod params;
#[rustfmt::skip]
pub mod sids;
// The document's response examples, each decoded by the client's decoder.
#[cfg(test)]
#[rustfmt::skip]
mod response_examples;

pub(crate) use api::{DEFAULT_BASE_URL, OPERATION_SERVERS};
