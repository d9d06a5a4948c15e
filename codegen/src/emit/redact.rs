//! `Debug` impls that hide personal data (`x-twilio.pii`) but show everything else.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::ident;
use crate::model::Field;

pub(crate) fn debug_impl(type_name: &str, fields: &[Field]) -> TokenStream {
    let name = ident(type_name);
    let entries = fields.iter().map(|f| {
        let field = ident(&f.name);
        let label = &f.name;
        match (f.pii, f.optional) {
            (false, _) => quote!(.field(#label, &self.#field)),
            (true, true) => {
                quote!(.field(#label, &self.#field.as_ref().map(|_| crate::runtime::Redacted)))
            }
            (true, false) => quote!(.field(#label, &crate::runtime::Redacted)),
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#type_name)
                    #(#entries)*
                    .finish()
            }
        }
    }
}
