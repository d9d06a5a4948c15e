//! The pipeline one stage at a time, for the per-stage breakdown of `cargo bench -p codegen`.
//! Not part of the generator's interface: [`generate`](crate::generate) is.

use proc_macro2::TokenStream;

use crate::error::{SpecError, SpecErrors};
use crate::{Options, load, model};

/// Stage 1's output: the document as `openapiv3` sees it.
pub struct Parsed(load::Loaded);

/// Stage 3's output: one token stream per Rust file.
pub struct Emitted(Vec<(String, TokenStream)>);

/// Stage 1: text to `openapiv3::OpenAPI`, with the strict checks (duplicate and unknown keys).
pub fn parse(file: &str, text: &str) -> Result<Parsed, SpecErrors> {
    load::load(file, text).map(Parsed)
}

/// Stage 2: `openapiv3` to the model.
pub fn resolve(file: &str, parsed: &Parsed) -> Result<model::Api, SpecErrors> {
    crate::resolve::resolve(file, &parsed.0.doc, &crate::Pins::default())
}

/// Stage 3, every file on the calling thread.
pub fn emit(api: &model::Api, options: &Options) -> Emitted {
    Emitted(crate::emit::emit(api, options).into_iter().collect())
}

/// Stage 4, every file on the calling thread.
pub fn format(emitted: Emitted, options: &Options) -> Result<Vec<(String, String)>, SpecErrors> {
    emitted
        .0
        .into_iter()
        .map(|(name, tokens)| {
            let text = crate::format::format_file(tokens, options, crate::emit::summary(&name))
                .map_err(|message| {
                    SpecErrors(vec![SpecError {
                        file: String::new(),
                        pointer: String::new(),
                        message: format!("internal error in {name}: {message}"),
                    }])
                })?;
            Ok((name, text))
        })
        .collect()
}

/// Stages 3 and 4 as [`generate`](crate::generate) runs them: files in parallel, one per core.
pub fn emit_and_format(
    api: &model::Api,
    options: &Options,
) -> Vec<(&'static str, Result<String, String>)> {
    crate::emit_and_format(api, options)
}
