//! Doc comments: spec descriptions into one `#[doc]` attribute per line.

use proc_macro2::TokenStream;
use quote::quote;

/// One `#[doc]` per line, so prettyplease prints them as `///` comments.
pub(crate) fn attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote! { #[doc = #text] }
    });
    quote! { #(#lines)* }
}

/// A doc block: the given lines, a blank line, then more lines (skipping empty parts).
pub(crate) fn join(parts: &[&[String]]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in parts.iter().filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(part.iter().cloned());
    }
    out
}

/// The line every field marked as personal data carries, in models and params alike.
pub(crate) const PERSONAL_DATA_NOTE: &str = "Personal data: shown as `<redacted>` by `Debug`.";
