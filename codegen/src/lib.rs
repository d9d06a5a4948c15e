//! Turns a Twilio OpenAPI document into the source files of a typed Rust client.
//!
//! The pipeline has four stages, one module each:
//! `load` (text to `openapiv3`) -> `resolve` (to our `model`) -> `emit` (token streams) ->
//! `format` (prettyplease). The library does no file IO: callers pass the spec text in and
//! get file contents back.

mod emit;
mod error;
mod format;
mod load;
pub mod model;
pub mod naming;
mod pointer;
mod prose;
mod resolve;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use error::{SpecError, SpecErrors};
pub use load::{MAX_FLOW_DEPTH, MAX_SPEC_BYTES};

/// Generation settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// The crate name used in doc examples, e.g. `twilio_numbers_v2`.
    pub crate_name: String,
    /// Shown in the preamble of each file, e.g. `spec/twilio_numbers_v2.yaml`.
    pub spec_label: String,
}

/// The generated files, keyed by their path relative to the crate's `src/generated/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub files: BTreeMap<String, String>,
}

/// Parses and resolves a spec into the model without emitting code.
pub fn resolve(file: &str, text: &str) -> Result<model::Api, SpecErrors> {
    let doc = load::load(file, text)?;
    resolve::resolve(file, &doc)
}

/// Generates the client files for the spec `text`, read from `file` (used in error messages).
///
/// `options.crate_name` must be a plain Rust identifier (it is written into doc examples); the
/// spec label may hold anything, as it is shown escaped.
pub fn generate(file: &str, text: &str, options: &Options) -> Result<Output, SpecErrors> {
    let name = options.crate_name.as_str();
    let identifier = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !naming::is_keyword(name);
    if !identifier {
        return Err(SpecErrors(vec![SpecError {
            file: file.to_owned(),
            pointer: String::new(),
            message: format!("the crate name {name:?} is not a Rust identifier"),
        }]));
    }
    let api = resolve(file, text)?;
    let mut files = BTreeMap::new();
    for (name, tokens) in emit::emit(&api, options) {
        let text = format::format_file(tokens, options).map_err(|message| {
            SpecErrors(vec![SpecError {
                file: file.to_owned(),
                pointer: String::new(),
                message: format!("internal error in {name}: {message}"),
            }])
        })?;
        files.insert(name, text);
    }
    files.insert("crate_docs.md".to_owned(), emit::crate_docs(&api, options));
    Ok(Output { files })
}
