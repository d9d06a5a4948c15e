//! Integration tests: one binary, one module per concern.
//!
//! - `emit`: insta snapshots of every generated file, of small fixture specs, and of the errors
//!   each kind of broken spec produces.
//! - `upstream`: the generator on Twilio's own Numbers v2 document (from `../shared/specs/`).

mod emit;
mod upstream;
