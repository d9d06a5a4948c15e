//! Open string enums: a value the spec does not list decodes into `Unknown` and re-encodes
//! unchanged, so a new server-side value never breaks decoding.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::ident;
use crate::model::{Api, Enum};

pub(crate) fn emit(api: &Api) -> TokenStream {
    let items = api.enums.iter().map(emit_enum);
    quote! { #(#items)* }
}

fn emit_enum(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let doc_lines = if e.doc.is_empty() {
        vec![format!("The values of `{}`.", e.name)]
    } else {
        e.doc.clone()
    };
    let doc = docs::attrs(&doc_lines);
    let unknown = ident(&e.unknown_variant);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<&String> = e.variants.iter().map(|v| &v.wire).collect();
    let variant_docs = wires.iter().map(|w| docs::attrs(&[crate::prose::code(w)]));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this version of the client does not know; kept verbatim.
            #unknown(String),
        }

        impl #name {
            /// Every value the API document lists.
            pub const KNOWN: &'static [Self] = &[#(Self::#variants),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wires, )*
                    Self::#unknown(value) => value,
                }
            }

            /// Whether this is a value the API document does not list.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::#unknown(_))
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #wires => Self::#variants, )*
                    other => Self::#unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                match Self::from(value.as_str()) {
                    Self::#unknown(_) => Self::#unknown(value),
                    known => known,
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::deserialize_open_enum(deserializer)
            }
        }

        impl crate::runtime::ToWire for #name {
            fn to_wire(&self, out: &mut dyn FnMut(String)) {
                out(self.as_str().to_owned());
            }
        }
    }
}
