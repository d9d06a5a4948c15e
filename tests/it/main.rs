//! Integration tests: one binary, one module per concern.
//!
//! - `emit`: insta snapshots of the spec's API surface, of the files of small fixture specs,
//!   and of the errors each kind of broken spec produces.
//! - `history`: one stand-alone crate regenerated through Twilio's documents
//!   (`../shared/specs/`): names kept, each change report, the version bumps.
//! - `shared`: reading `../shared/specs/`, and declaring the snapshots of a test skipped without it.
//! - `upstream`: the generator on Twilio's own Numbers v2 document (from `../shared/specs/`).
//! - `end_users`, `listing`: the generated client against the Regulatory Compliance fake
//!   (`compliance-fake/`), which plays Twilio's End-Users API and paging.
//! - `faults`: `support::server`, a hand-written End-Users server told to misbehave (rate
//!   limits, 5xx, timeouts, cut or malformed bodies, foreign next pages).
//! - `compliance`: the Regulatory Compliance journey (the example program itself) against the
//!   fake, its rules' failure paths, and the upload host as a second origin receiving files.
//! - `wire`: snapshots of the exact request bodies the client sends (recorded by the fake).
//! - `prism`: contract tests against Stoplight Prism serving our spec and Twilio's document.
//! - `load`: 1,000 concurrent requests through one client.
//! - `robustness`: mutated specs never make the generator panic.

mod compliance;
mod emit;
mod end_users;
mod faults;
mod history;
mod hostile_prose;
mod listing;
mod load;
mod prism;
mod robustness;
mod shared;
mod support;
mod upstream;
mod wire;
