//! SID newtypes: one per prefix, checked whenever a user builds one, kept as sent when decoded.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::ident;
use crate::model::{Api, SidType};

pub(crate) fn emit(api: &Api) -> TokenStream {
    let items = api.sids.values().map(emit_sid);
    quote! { #(#items)* }
}

fn emit_sid(sid: &SidType) -> TokenStream {
    let name = ident(&sid.name);
    let name_str = &sid.name;
    let doc = docs::attrs(&sid.doc);
    let prefix = &sid.prefix;
    let lowercase_only = sid.lowercase_only;
    let prefix_const = (!prefix.is_empty()).then(|| {
        let doc = format!(" The two letters every `{name_str}` starts with.");
        quote! {
            #[doc = #doc]
            pub const PREFIX: &'static str = #prefix;
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct #name(String);

        impl #name {
            #prefix_const

            /// Checks `value` and wraps it.
            ///
            /// # Errors
            ///
            /// [`InvalidSid`](crate::InvalidSid) when `value` is not a SID of this kind.
            pub fn parse(value: impl Into<String>) -> Result<Self, crate::InvalidSid> {
                let value = value.into();
                crate::runtime::check_sid(&value, #name_str, #prefix, #lowercase_only)?;
                Ok(Self(value))
            }

            /// Whether the SID matches its pattern: always true for a parsed SID, false for a
            /// malformed one Twilio sent.
            pub fn is_well_formed(&self) -> bool {
                crate::runtime::check_sid(&self.0, #name_str, #prefix, #lowercase_only).is_ok()
            }

            /// The SID as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The SID as an owned string.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = crate::InvalidSid;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Self::parse(value)
            }
        }

        impl TryFrom<&str> for #name {
            type Error = crate::InvalidSid;

            fn try_from(value: &str) -> Result<Self, Self::Error> {
                Self::parse(value)
            }
        }

        impl TryFrom<String> for #name {
            type Error = crate::InvalidSid;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(value)
            }
        }

        impl From<#name> for String {
            fn from(sid: #name) -> Self {
                sid.0
            }
        }

        impl PartialEq<str> for #name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for #name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        /// Keeps the SID as sent, checked or not: what Twilio sends is Twilio's to judge.
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self)
            }
        }

        impl crate::runtime::ToWire for #name {
            fn to_wire(&self, out: &mut dyn FnMut(String)) {
                out(self.0.clone());
            }
        }
    }
}

/// A union of SIDs of different kinds (`oneOf` of SID patterns): an enum with one variant per
/// SID type, parsed by prefix, so a SID of any other kind is refused before any request.
pub(crate) fn emit_sid_union(union: &crate::model::Union, api: &Api) -> TokenStream {
    let name = ident(&union.name);
    let name_str = &union.name;
    let kinds: Vec<(proc_macro2::Ident, TokenStream, String)> = union
        .variants
        .iter()
        .map(|v| {
            let prefix = match &v.ty {
                crate::model::Ty::Sid(prefix) => prefix.clone(),
                _ => String::new(),
            };
            (ident(&v.name), super::types::rust(&v.ty, api), prefix)
        })
        .collect();
    let mut lines = if union.doc.is_empty() {
        vec![format!("A `{name_str}`.")]
    } else {
        union.doc.clone()
    };
    let listed: Vec<String> = kinds
        .iter()
        .map(|(_, _, prefix)| format!("`{prefix}`"))
        .collect();
    lines.push(String::new());
    lines.push(format!(
        "One of several kinds of SID, told apart by its prefix ({}); a SID of any other kind is refused when parsed or deserialized.",
        listed.join(", ")
    ));
    let doc = docs::attrs(&lines);
    let prefixes: Vec<&String> = kinds.iter().map(|(_, _, p)| p).collect();
    let variants = kinds.iter().map(|(variant, ty, prefix)| {
        let text = format!(" A SID starting with `{prefix}`.");
        quote! { #[doc = #text] #variant(#ty), }
    });
    let parse_arms = kinds.iter().map(|(variant, ty, prefix)| {
        quote! { Some(#prefix) => #ty::parse(value).map(Self::#variant), }
    });
    let as_str_arms = kinds
        .iter()
        .map(|(variant, _, _)| quote! { Self::#variant(sid) => sid.as_str(), });
    let froms = kinds.iter().map(|(variant, ty, _)| {
        quote! {
            impl From<#ty> for #name {
                fn from(sid: #ty) -> Self {
                    Self::#variant(sid)
                }
            }
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// Checks `value` and wraps it in the variant its prefix names.
            ///
            /// # Errors
            ///
            /// [`InvalidSid`](crate::InvalidSid) when `value` is not a SID of one of these kinds.
            pub fn parse(value: impl Into<String>) -> Result<Self, crate::InvalidSid> {
                let value = value.into();
                match value.get(..2) {
                    #(#parse_arms)*
                    _ => Err(crate::runtime::sid_of_other_kind(&value, #name_str, &[#(#prefixes),*])),
                }
            }

            /// The SID as text.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str_arms)*
                }
            }
        }

        #(#froms)*

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = crate::InvalidSid;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Self::parse(value)
            }
        }

        impl TryFrom<&str> for #name {
            type Error = crate::InvalidSid;

            fn try_from(value: &str) -> Result<Self, Self::Error> {
                Self::parse(value)
            }
        }

        impl TryFrom<String> for #name {
            type Error = crate::InvalidSid;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(value)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Self::parse(value).map_err(::serde::de::Error::custom)
            }
        }

        impl crate::runtime::ToWire for #name {
            fn to_wire(&self, out: &mut dyn FnMut(String)) {
                out(self.as_str().to_owned());
            }
        }
    }
}
