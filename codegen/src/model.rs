//! The resolved model: plain data between `resolve` and `emit`.
//!
//! No openapiv3 types and no token streams live here; every `$ref` is already resolved and
//! every Rust identifier already chosen (see `naming`).

mod items;
mod operations;
mod ty;

pub use items::*;
pub use operations::*;
pub use ty::Ty;

use std::collections::BTreeMap;

/// A whole API, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// The document's `info.title`.
    pub title: String,
    /// The document's `info.description`, as doc lines.
    pub description: Vec<String>,
    /// The default origin, from the document's (or the paths') `servers`.
    pub base_url: String,
    /// Other servers that some operations declare as their own, sorted; credentials go to
    /// these and to `base_url` only.
    pub operation_servers: Vec<String>,
    /// Structs and aliases of the `models` module, sorted by name.
    pub models: Vec<Model>,
    /// String enums of the `enums` module, sorted by name.
    pub enums: Vec<Enum>,
    /// SID newtypes of the `sids` module, keyed by prefix ("" for "any SID").
    pub sids: BTreeMap<String, SidType>,
    /// Operations in document order.
    pub operations: Vec<Operation>,
    /// Schemas generated only approximately (as `serde_json::Value`), for the generator's report.
    pub approximations: Vec<Approximation>,
    /// Models a request sends as JSON (bodies, object-valued parameters) and the models inside
    /// them: they get `new(required values)`. Decided once, in resolve.
    pub sent_models: std::collections::BTreeSet<String>,
}

/// A schema the client represents less precisely than the document describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approximation {
    /// JSON pointer of the schema.
    pub pointer: String,
    /// What was approximated and how, e.g. "oneOf whose branches cannot be told apart: JSON value".
    pub what: String,
}
