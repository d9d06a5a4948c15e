//! The code emitted by `cargo xtask codegen`.
//!
//! This shim is hand-written; every file under `generated/` is generated from the API document
//! and must not be edited by hand (change the spec or the generator, then regenerate).

mod api;
pub mod enums;
pub mod models;
mod operations;
pub mod params;
pub mod sids;

pub(crate) use api::DEFAULT_BASE_URL;
