//! `response_examples.rs`: a test per success-answer example in the document, decoding it with
//! the type its operation returns (through the client's own decoder) and checking that it
//! re-encodes to a value that decodes the same.
//!
//! Twilio's examples carry what its servers send (numbers as text, `""` for none), so these tests
//! hold the tolerances in `runtime/tolerant.rs` to the document's own evidence.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::types::{self, ident};
use crate::model::Api;
use crate::naming;

pub(crate) fn emit(api: &Api) -> TokenStream {
    let mut taken = BTreeSet::new();
    let tests = api
        .operations
        .iter()
        .flat_map(|op| op.examples.iter().map(move |example| (op, example)));
    let tests: Vec<TokenStream> = tests
        .map(|(op, example)| {
            let name = naming::value_name(&format!(
                "{}_{}_{}",
                op.fn_name, example.status, example.name
            ));
            let name = ident(&naming::unique(name, &mut taken));
            let ty = types::rust(&example.ty, api);
            let operation = &op.id;
            let path = &op.path_template;
            let json = Literal::string(&example.json);
            let doc = format!(
                " `{}` {}: the `{}` example.",
                op.id, example.status, example.name
            );
            quote! {
                #[doc = #doc]
                #[test]
                fn #name() {
                    crate::runtime::check_example::<#ty>(#operation, #path, #json);
                }
            }
        })
        .collect();
    quote! { #(#tests)* }
}
