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
mod resolve;
#[doc(hidden)]
pub mod stages;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use error::{SpecError, SpecErrors};

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
    /// Schemas the client represents only approximately (as `serde_json::Value`), with the
    /// pointer of each: the generator's report, so nothing is skipped silently.
    pub approximations: Vec<model::Approximation>,
}

/// Parses and resolves a spec into the model without emitting code.
pub fn resolve(file: &str, text: &str) -> Result<model::Api, SpecErrors> {
    let loaded = load::load(file, text)?;
    let resolved = resolve::resolve(file, &loaded.doc);
    if loaded.unknown_keys.is_empty() {
        return resolved;
    }
    let mut errors = loaded.unknown_keys;
    if let Err(SpecErrors(more)) = resolved {
        errors.extend(more);
    }
    Err(SpecErrors(errors))
}

/// Generates the client files for the spec `text`, read from `file` (used in error messages).
pub fn generate(file: &str, text: &str, options: &Options) -> Result<Output, SpecErrors> {
    let api = resolve(file, text)?;
    let mut files = BTreeMap::new();
    for (name, formatted) in emit_and_format(&api, options) {
        let text = formatted.map_err(|message| {
            SpecErrors(vec![SpecError {
                file: file.to_owned(),
                pointer: String::new(),
                message: format!("internal error in {name}: {message}"),
            }])
        })?;
        files.insert(name.to_owned(), text);
    }
    files.insert("crate_docs.md".to_owned(), emit::crate_docs(&api, options));
    Ok(Output {
        files,
        approximations: api.approximations,
    })
}

/// Emits and formats every Rust file, on as many threads as the machine has cores (at most one
/// per file), in the order of [`emit::FILES`]. Token streams cannot cross threads, so each file is
/// emitted on the thread that formats it; the model is shared.
fn emit_and_format(
    api: &model::Api,
    options: &Options,
) -> Vec<(&'static str, Result<String, String>)> {
    use std::sync::atomic::{AtomicUsize, Ordering};

    let files = emit::FILES;
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some((_, emitter)) = files.get(index) else {
                return done;
            };
            done.push((index, format::format_file(emitter(api, options), options)));
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(files.len());
    let mut done = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for helper in helpers {
            done.extend(
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        done
    });
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter()
        .map(|(index, formatted)| (files[index].0, formatted))
        .collect()
}
