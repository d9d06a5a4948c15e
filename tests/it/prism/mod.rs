//! Contract tests against Stoplight Prism, a mock server that validates each request against
//! an OpenAPI document (answering 422 when one breaks it) and answers from the document's
//! examples or, with `--dynamic`, with data generated from its schemas.
//!
//! - `install`: `npm ci --prefix tests/prism` on first use (Prism is pinned in
//!   `tests/prism/package-lock.json`); a missing Node.js fails the tests with instructions.
//! - `instance`: Prism processes, one per document and mode, shared by the tests and stopped
//!   when the test binary exits.
//! - `contract`: every generated operation against Prism serving our spec and, when
//!   `../shared/specs/` has it, Twilio's own document; `compliance_calls` holds the calls of
//!   the Regulatory Compliance operations beyond End-Users.

mod compliance_calls;
mod contract;
mod install;
mod instance;
