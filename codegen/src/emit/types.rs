//! How model types are spelled in emitted code.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Api, Ty};

pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The Rust type for `ty`, as `models::X`, `enums::X`, `sids::X`: each generated file imports
/// the modules it names (see `emit::with_imports`).
pub(crate) fn rust(ty: &Ty, api: &Api) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::Bool => quote!(bool),
        Ty::I32 => quote!(i32),
        Ty::I64 => quote!(i64),
        Ty::F64 => quote!(f64),
        Ty::Decimal => quote!(crate::Decimal),
        Ty::Timestamp | Ty::Rfc2822Timestamp => quote!(::jiff::Timestamp),
        Ty::Date => quote!(::jiff::civil::Date),
        Ty::Json => quote!(::serde_json::Value),
        Ty::JsonObject => quote!(::serde_json::Map<String, ::serde_json::Value>),
        Ty::Map(value) => {
            // Twilio sends `null` for a missing entry (`"links": {"last_message": null}`).
            let value = rust(value, api);
            quote!(::std::collections::BTreeMap<String, Option<#value>>)
        }
        Ty::Vec(item) => {
            let item = rust(item, api);
            quote!(Vec<#item>)
        }
        Ty::Model(name) => {
            let name = ident(name);
            quote!(models::#name)
        }
        Ty::Enum(name) => {
            let name = ident(name);
            quote!(enums::#name)
        }
        Ty::Sid(prefix) => {
            let name = ident(&sid_name(prefix, api));
            quote!(sids::#name)
        }
        Ty::PageMeta => quote!(crate::PageMeta),
        Ty::Binary => quote!(crate::FilePart),
    }
}

pub(crate) fn sid_name(prefix: &str, api: &Api) -> String {
    api.sids
        .get(prefix)
        .map_or_else(|| format!("{prefix}Sid"), |sid| sid.name.clone())
}

/// The declared type of a struct field: boxed when the struct contains itself, `Option` when
/// optional.
pub(crate) fn field_of(f: &crate::model::Field, api: &Api) -> TokenStream {
    let inner = rust(&f.ty, api);
    let inner = if f.boxed { quote!(Box<#inner>) } else { inner };
    if f.optional {
        quote!(Option<#inner>)
    } else {
        inner
    }
}
