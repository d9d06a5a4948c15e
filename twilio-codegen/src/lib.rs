//! Writes a stand-alone, typed async Rust client crate for any Twilio OpenAPI document.
//!
//! The crate holds the files `codegen` generates, the client runtime and a manifest, both
//! embedded in this library when it is built (`build.rs`), so the generator runs from any folder
//! and needs no checkout of its repository. The `twilio-codegen` binary is its command line;
//! `cargo xtask codegen --spec FILE --out DIR` calls the same [`write_crate`].
//!
//! A crate it writes records its accepted public API in [`SURFACE_FILE`]; regenerating into the
//! same folder keeps the SID names listed there, reports the changes against it, and bumps the
//! version in the crate's manifest by that report.

#![forbid(unsafe_code)]

pub mod approximations;
mod assemble;
mod embedded;
pub mod manifest;
pub mod out_dir;
pub mod spec;
#[cfg(test)]
mod tests;

pub use assemble::{Request, SURFACE_FILE, Written, describe, write_crate};
pub use out_dir::{Guard, MARKER};

/// The hand-written files of the client crate this generator carries, relative to a generated
/// crate's root (`src/runtime/client.rs`, ...), with their text.
pub fn client_files() -> &'static [(&'static str, &'static str)] {
    embedded::CLIENT_FILES
}
