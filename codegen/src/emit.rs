//! Stage 3: the model into one token stream per generated file.
//!
//! The file set is fixed, so the hand-written `generated.rs` shim can declare every module
//! whatever the spec holds.

mod crate_docs;
mod docs;
mod enums;
mod examples;
mod models;
mod operations;
mod params;
mod redact;
mod sids;
mod types;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

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
];

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
    let used: Vec<proc_macro2::Ident> = ["enums", "models", "params", "sids"]
        .into_iter()
        .filter(|module| text.contains(&format!("{module} ::")))
        .map(types::ident)
        .collect();
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
