//! Turns a Twilio OpenAPI document into the source files of a typed Rust client.
//!
//! The pipeline has four stages, one module each:
//! `load` (text to `openapiv3`) -> `resolve` (to our `model`) -> `emit` (token streams) ->
//! `format` (prettyplease). The library does no file IO: callers pass the spec text in and
//! get file contents back.

#![forbid(unsafe_code)]

mod emit;
mod error;
mod format;
mod load;
pub mod model;
pub mod naming;
mod pins;
mod pointer;
mod prose;
mod resolve;
#[doc(hidden)]
pub mod stages;
pub mod surface;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use error::{SpecError, SpecErrors};
pub use load::{MAX_FLOW_DEPTH, MAX_SPEC_BYTES};
pub use pins::Pins;

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
    /// The file contents, keyed by path.
    pub files: BTreeMap<String, String>,
    /// Schemas the client represents only approximately (as `serde_json::Value`), with the
    /// pointer of each: the generator's report, so nothing is skipped silently.
    pub approximations: Vec<model::Approximation>,
    /// The document's `info.title` (`Twilio - Numbers`), for a package description.
    pub title: String,
}

/// Parses and resolves a spec into the model without emitting code.
pub fn resolve(file: &str, text: &str) -> Result<model::Api, SpecErrors> {
    resolve_with(file, text, &Pins::default())
}

/// `resolve`, keeping the names `pins` gives (see `Pins`).
pub fn resolve_with(file: &str, text: &str, pins: &Pins) -> Result<model::Api, SpecErrors> {
    let loaded = load::load(file, text)?;
    let resolved = resolve::resolve(file, &loaded.doc, pins);
    // Keys OpenAPI does not define are reported together with resolve's own errors.
    match (resolved, loaded.unknown_keys.is_empty()) {
        (Ok(api), true) => Ok(api),
        (resolved, _) => {
            let mut errors = loaded.unknown_keys;
            if let Err(SpecErrors(more)) = resolved {
                errors.extend(more);
            }
            Err(SpecErrors(errors))
        }
    }
}

/// The public API of the crate generated from the spec `text`, one line per item.
pub fn surface(file: &str, text: &str) -> Result<surface::Surface, SpecErrors> {
    surface_with(file, text, &Pins::default())
}

/// `surface`, keeping the names `pins` gives.
pub fn surface_with(file: &str, text: &str, pins: &Pins) -> Result<surface::Surface, SpecErrors> {
    Ok(surface::surface(&resolve_with(file, text, pins)?))
}

/// Generates the client files for the spec `text`, read from `file` (used in error messages).
///
/// `options.crate_name` must be a plain Rust identifier (it is written into doc examples); the
/// spec label may hold anything, as it is shown escaped.
pub fn generate(file: &str, text: &str, options: &Options) -> Result<Output, SpecErrors> {
    generate_with(file, text, options, &Pins::default())
}

/// `generate`, keeping the names `pins` gives.
pub fn generate_with(
    file: &str,
    text: &str,
    options: &Options,
    pins: &Pins,
) -> Result<Output, SpecErrors> {
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
    let api = resolve_with(file, text, pins)?;
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
        title: api.title,
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
            let Some((name, emitter)) = files.get(index) else {
                return done;
            };
            let summary = emit::summary(name);
            done.push((
                index,
                format::format_file(emitter(api, options), options, summary),
            ));
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
