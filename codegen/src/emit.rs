//! Stage 3: the model into one token stream per generated file.
//!
//! The file set is fixed, so the hand-written `generated.rs` shim can declare every module
//! whatever the spec holds.

mod crate_docs;
mod docs;
mod enums;
mod examples;
mod mock;
mod mock_tests;
mod models;
mod operations;
mod params;
mod redact;
mod response_examples;
mod sids;
mod types;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use crate::Options;
use crate::model::Api;

/// One generated file's emitter.
pub(crate) type Emitter = fn(&Api, &Options) -> TokenStream;

/// Every generated Rust file (relative to `src/generated/`) and its emitter, largest first on
/// Twilio's documents, so formatting them in parallel starts with the longest.
pub(crate) const FILES: &[(&str, Emitter)] = &[
    ("operations.rs", |api, options| {
        with_imports(operations::emit(api, options))
    }),
    ("enums.rs", |api, _| with_imports(enums::emit(api))),
    ("models.rs", |api, _| with_imports(models::emit(api))),
    ("params.rs", |api, _| with_imports(params::emit(api))),
    ("sids.rs", |api, _| with_imports(sids::emit(api))),
    ("api.rs", |api, _| api_constants(api)),
    ("mock.rs", |api, _| {
        let mut file = with_imports(mock::emit(api));
        file.extend(mock_tests::emit(api));
        file
    }),
    ("response_examples.rs", |api, _| {
        with_imports(response_examples::emit(api))
    }),
];

/// The rustdoc summary of a generated module: what it holds. (That it is generated, and from
/// which document, is a plain comment above it; see `format.rs`.)
pub(crate) fn summary(file: &str) -> &'static str {
    match file {
        "operations.rs" => {
            "The client's methods: one per operation of the API document, each with a \
             `_with_response` twin that also returns the status and headers, and a `_stream` \
             for lists."
        }
        "enums.rs" => {
            "Open enums: the document's string enumerations, each with an `Unknown` variant that \
             keeps a value the document does not list."
        }
        "models.rs" => {
            "Models: the bodies the API sends and receives, their nested objects, and the \
             aliases and unions among them."
        }
        "params.rs" => {
            "Parameters structs: each operation's query, header and form values, built with \
             `new(required values)` and one setter per optional value."
        }
        "sids.rs" => {
            "SID types: one newtype per SID prefix the document uses (two letters and 32 hex \
             digits), checked when a user builds one, kept as sent when Twilio sends one."
        }
        "mock.rs" => {
            "Typed expectations (feature `mock`): for each operation, what a request must carry \
             and what the local mock server answers, plus tests that drive a few operations \
             through the client against it."
        }
        "response_examples.rs" => {
            "Tests: every success-answer example in the document decodes into its operation's \
             type through the client's decoder, and survives a round trip."
        }
        "api.rs" => "Facts about the API document itself: its default base URL.",
        _ => "Items generated from the API document.",
    }
}

/// File name (relative to `src/generated/`) -> its items.
pub(crate) fn emit(api: &Api, options: &Options) -> BTreeMap<String, TokenStream> {
    FILES
        .iter()
        .map(|(name, emitter)| ((*name).to_owned(), emitter(api, options)))
        .collect()
}

/// `items` preceded by `use crate::{enums, models, ...};` for the generated modules they name,
/// so types read `models::EndUser` rather than `crate::models::EndUser`.
fn with_imports(items: TokenStream) -> TokenStream {
    let text = items.to_string();
    let mut used: Vec<TokenStream> = ["enums", "models", "params"]
        .into_iter()
        .filter(|module| text.contains(&format!("{module} ::")))
        .map(|module| types::ident(module).into_token_stream())
        .collect();
    // Fields name the runtime's tolerant decoders inside `#[serde(...)]` strings.
    if text.contains("\"tolerant::") {
        used.push(quote!(runtime::tolerant));
    }
    if text.contains("sids ::") {
        used.push(quote!(sids));
    }
    if used.is_empty() {
        return items;
    }
    quote! {
        use crate::{#(#used),*};
        #items
    }
}

/// `crate_docs.md`, the crate-level documentation (Markdown, not Rust).
pub(crate) fn crate_docs(api: &Api, options: &Options) -> String {
    crate_docs::emit(api, options)
}

fn api_constants(api: &Api) -> TokenStream {
    let base_url = &api.base_url;
    let title = docs::attrs(&[format!(
        "The origin of {}, from the document's `servers`.",
        crate::prose::inline(&api.title)
    )]);
    let servers = &api.operation_servers;
    quote! {
        #title
        pub(crate) const DEFAULT_BASE_URL: &str = #base_url;

        /// Servers that some operations declare as their own (an upload host, say); the client
        /// sends credentials to these and to the base URL only.
        pub(crate) const OPERATION_SERVERS: &[&str] = &[#(#servers),*];
    }
}
