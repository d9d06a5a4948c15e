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
#[rustfmt::skip]
mod operations;
#[rustfmt::skip]
pub mod params;
#[rustfmt::skip]
pub mod sids;

pub(crate) use api::{DEFAULT_BASE_URL, OPERATION_SERVERS};
