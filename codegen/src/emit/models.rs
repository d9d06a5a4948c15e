//! Structs (with serde) and aliases of the `models` module.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{self, ident};
use crate::model::{Alias, Api, Field, Model, Struct, Ty, Union};

pub(crate) fn emit(api: &Api) -> TokenStream {
    let sent = &api.sent_models;
    let responses = api.operations.iter().filter_map(|op| match &op.response {
        crate::model::ResponseBody::ByStatus(responses) => {
            Some(emit_status_enum(op, responses, api))
        }
        _ => None,
    });
    let items = api.models.iter().map(|model| match model {
        Model::Struct(s) => emit_struct(s, sent.contains(&s.name), api),
        Model::Alias(a) => emit_alias(a, api),
        Model::Union(u) => emit_union(u, api),
    });
    quote! { #(#items)* #(#responses)* }
}

/// The answer of an operation whose success statuses have different bodies: one variant per
/// declared status, chosen by the status the server sent.
fn emit_status_enum(
    op: &crate::model::Operation,
    responses: &crate::model::StatusResponses,
    api: &Api,
) -> TokenStream {
    let name = ident(&responses.name);
    let doc = docs::attrs(&[format!(
        "The answer of [`{0}`](crate::Client::{0}), which depends on the status the server sent.",
        op.fn_name
    )]);
    let variants = responses.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let doc = docs::attrs(&[format!("HTTP {}.", v.status)]);
        match &v.ty {
            Some(ty) => {
                let ty = types::rust(ty, api);
                quote! { #doc #variant(#ty), }
            }
            None => quote! { #doc #variant, },
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        // One value per answer, shaped by the document: boxing the larger ones buys nothing.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            /// A success status the API document does not declare, with its body (JSON `null`
            /// when it has none or it is not JSON).
            Other {
                /// The HTTP status.
                status: u16,
                /// The body as JSON.
                body: ::serde_json::Value,
            },
        }
    }
}

fn emit_alias(alias: &Alias, api: &Api) -> TokenStream {
    let name = ident(&alias.name);
    let doc = docs::attrs(&or_default_doc(&alias.doc, &alias.name));
    let ty = types::rust(&alias.ty, api);
    quote! {
        #doc
        pub type #name = #ty;
    }
}

/// `oneOf`/`anyOf`: an enum with one variant per branch. Untagged unions are told apart by the
/// JSON kind of the value; tagged ones by their discriminator property, with a catch-all variant
/// that keeps an unknown kind as JSON.
fn emit_union(union: &Union, api: &Api) -> TokenStream {
    if union.is_sid_union() {
        return super::sids::emit_sid_union(union, api);
    }
    let name = ident(&union.name);
    let mut lines = or_default_doc(&union.doc, &union.name);
    lines.push(String::new());
    lines.push(match &union.tag {
        Some(tag) => format!("One of several shapes, told apart by the `{tag}` property."),
        None => "One of several shapes, told apart by the JSON kind of the value (string, number, object...)."
            .to_owned(),
    });
    let doc = docs::attrs(&lines);
    let variant_ty = |v: &crate::model::UnionVariant| {
        let ty = types::rust(&v.ty, api);
        if v.boxed { quote!(Box<#ty>) } else { ty }
    };
    let variants = union.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = variant_ty(v);
        let text = match (&union.tag, v.tag_values.as_slice()) {
            (Some(tag), values) if !values.is_empty() => {
                let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                format!("`{tag}` is {}.", values.join(" or "))
            }
            _ => format!("A value of the `{}` shape.", v.name),
        };
        let doc = docs::attrs(&[text]);
        quote! { #doc #variant(#ty), }
    });
    let Some(tag) = &union.tag else {
        return quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            #[non_exhaustive]
            #[allow(clippy::large_enum_variant)]
            pub enum #name {
                #(#variants)*
            }
        };
    };
    let catch_all = ident(union.catch_all.as_deref().unwrap_or("Unknown"));
    let catch_all_doc =
        format!(" A `{tag}` this version of the client does not know, kept as JSON.");
    let arms = union.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let values = &v.tag_values;
        let wrap = if v.boxed {
            quote!(|v| Self::#variant(Box::new(v)))
        } else {
            quote!(Self::#variant)
        };
        quote! {
            Some(#(#values)|*) => ::serde_json::from_value(value)
                .map(#wrap)
                .map_err(::serde::de::Error::custom),
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            #[doc = #catch_all_doc]
            #catch_all(::serde_json::Value),
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // The tag picks the branch; each branch keeps the tag as its own field.
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = value.get(#tag).and_then(::serde_json::Value::as_str).map(str::to_owned);
                match tag.as_deref() {
                    #(#arms)*
                    _ => Ok(Self::#catch_all(value)),
                }
            }
        }
    }
}

fn or_default_doc(doc: &[String], name: &str) -> Vec<String> {
    if doc.is_empty() {
        vec![format!("The `{name}` schema of the API.")]
    } else {
        doc.to_vec()
    }
}

/// `sent`: a request sends this model, so it gets a constructor.
fn emit_struct(s: &Struct, sent: bool, api: &Api) -> TokenStream {
    let name = ident(&s.name);
    let doc = docs::attrs(&struct_doc(s, api));
    let has_pii = s.fields.iter().any(|f| f.pii);
    // No `Default`: whether every field had one would change with the document, and losing it
    // would break users. Models are `#[non_exhaustive]` so a new field is a compatible change.
    let mut derives = vec![quote!(Clone), quote!(PartialEq)];
    if !has_pii {
        derives.insert(0, quote!(Debug));
    }
    let items_field = s.list_page.as_ref().map(|page| page.items_field.as_str());
    let fields = s
        .fields
        .iter()
        .map(|f| struct_field(f, items_field == Some(f.name.as_str()), api));
    let constructor = sent.then(|| constructor(s, api));
    let debug = has_pii.then(|| super::redact::debug_impl(&s.name, &s.fields));
    let list_page = s.list_page.as_ref().map(|page| {
        let item = types::rust(&page.item_ty, api);
        let items_field = ident(&page.items_field);
        let items = if field_is_optional(s, &page.items_field) {
            quote!(self.#items_field.unwrap_or_default())
        } else {
            quote!(self.#items_field)
        };
        let meta = if page.meta_field.is_empty() {
            quote!(crate::PageMeta::default())
        } else {
            let meta_field = ident(&page.meta_field);
            quote!(self.#meta_field.unwrap_or_default())
        };
        quote! {
            impl crate::ListPage for #name {
                type Item = #item;

                fn into_page(self) -> crate::Page<#item> {
                    crate::Page::new(#items, #meta)
                }
            }
        }
    });
    quote! {
        #doc
        #[derive(#(#derives),*, ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
        #constructor
        #debug
        #list_page
    }
}

/// `new` with the required values of a model a request sends; optional fields start as `None`
/// and are set by assigning the public field.
fn constructor(s: &Struct, api: &Api) -> TokenStream {
    let name = ident(&s.name);
    // The flattened map of other keys starts empty; it is not an argument.
    let required: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| !f.optional && !f.flatten)
        .collect();
    let args = required.iter().map(|f| {
        let field = ident(&f.name);
        let (ty, _) = super::params::argument(&f.ty, api);
        quote!(#field: #ty)
    });
    let inits = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        if f.optional {
            return quote!(#field: None);
        }
        if f.flatten {
            return quote!(#field: Default::default());
        }
        let (_, convert) = super::params::argument(&f.ty, api);
        match (f.boxed, convert.is_empty()) {
            (false, true) => quote!(#field),
            (false, false) => quote!(#field: #field #convert),
            (true, _) => quote!(#field: Box::new(#field #convert)),
        }
    });
    let doc = docs::attrs(&[if required.is_empty() {
        "A value with every field `None`; assign the ones to send on the returned value."
    } else {
        "A value with the required fields; optional ones start as `None`: assign the ones to send on the returned value."
    }
    .to_owned()]);
    quote! {
        impl #name {
            #doc
            #[allow(clippy::new_without_default, clippy::too_many_arguments)]
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }
        }
    }
}

fn field_is_optional(s: &Struct, name: &str) -> bool {
    s.fields.iter().any(|f| f.name == name && f.optional)
}

fn struct_field(field: &Field, is_page_items: bool, api: &Api) -> TokenStream {
    let name = ident(&field.name);
    let mut lines = if field.doc.is_empty() {
        fallback_doc(field, is_page_items)
    } else {
        field.doc.clone()
    };
    if field.pii {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(docs::PERSONAL_DATA_NOTE.to_owned());
    }
    let doc = docs::attrs(&lines);
    let ty = types::field_of(field, api);
    if field.flatten {
        return quote! {
            #doc
            #[serde(flatten)]
            pub #name: #ty,
        };
    }
    // One `#[serde(...)]` per field, holding whatever it needs.
    let mut serde = Vec::new();
    if field.name != field.wire_name {
        let wire = &field.wire_name;
        serde.push(quote!(rename = #wire));
    }
    if field.optional {
        serde.push(quote!(default, skip_serializing_if = "Option::is_none"));
    }
    serde.extend(tolerance(field));
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    quote! {
        #doc
        #serde
        pub #name: #ty,
    }
}

/// How a field decodes what Twilio actually sends (`runtime/tolerant.rs`): numbers, booleans,
/// decimals, timestamps and dates also from text, optional values also from `""`, RFC 2822
/// timestamps in their own format both ways. Other types decode as the document says.
fn tolerance(field: &Field) -> Option<TokenStream> {
    // The file imports `crate::runtime::tolerant` when a field names it (`emit::with_imports`).
    let module = "tolerant";
    let optional = field.optional && !field.boxed;
    let path = match (&field.ty, optional) {
        (Ty::Rfc2822Timestamp, true) => return Some(with(&format!("{module}::rfc2822_option"))),
        (Ty::Rfc2822Timestamp, false) => return Some(with(&format!("{module}::rfc2822"))),
        (Ty::F64 | Ty::I32 | Ty::I64 | Ty::Bool | Ty::Decimal | Ty::Timestamp | Ty::Date, true) => {
            format!("{module}::option")
        }
        (
            Ty::F64 | Ty::I32 | Ty::I64 | Ty::Bool | Ty::Decimal | Ty::Timestamp | Ty::Date,
            false,
        ) => {
            format!("{module}::required")
        }
        // Their own `Deserialize` keeps any text (a malformed SID, an unlisted value); only the
        // empty string needs saying.
        (Ty::Sid(_) | Ty::Enum(_), true) => format!("{module}::text_option"),
        _ => return None,
    };
    Some(quote!(deserialize_with = #path))
}

fn with(path: &str) -> TokenStream {
    quote!(with = #path)
}

/// A doc line for a field the spec leaves undescribed (a `$ref` loses its siblings).
fn fallback_doc(field: &Field, is_page_items: bool) -> Vec<String> {
    let text = match (&field.ty, field.wire_name.as_str()) {
        (Ty::PageMeta, _) => {
            "Where this page sits in the list, and the links to its neighbours.".to_owned()
        }
        _ if is_page_items => "The items on this page.".to_owned(),
        (Ty::Enum(name), wire) => {
            format!(
                "The {} value (see [`{name}`](crate::enums::{name})).",
                crate::prose::code(wire)
            )
        }
        (_, wire) => format!("The {} value.", crate::prose::code(wire)),
    };
    vec![text]
}

/// The spec's description, then which operations return, list or take the struct, so every
/// model's docs lead to where it is used.
fn struct_doc(s: &Struct, api: &Api) -> Vec<String> {
    let this = Ty::Model(s.name.clone());
    let link = |op: &crate::model::Operation| format!("[`{0}`](crate::Client::{0})", op.fn_name);
    let returned: Vec<String> = api
        .operations
        .iter()
        .filter(|op| {
            op.pagination.is_none() && op.response == crate::model::ResponseBody::Json(this.clone())
        })
        .map(link)
        .collect();
    let listed: Vec<String> = api
        .operations
        .iter()
        .filter(|op| op.pagination.as_ref().is_some_and(|p| p.item_ty == this))
        .map(link)
        .collect();
    let sent: Vec<String> = api
        .operations
        .iter()
        .filter(|op| op.json_body.as_ref() == Some(&this))
        .map(link)
        .collect();
    let mut lines = Vec::new();
    if !returned.is_empty() {
        lines.push(format!("Returned by {}.", returned.join(", ")));
    }
    if !listed.is_empty() {
        lines.push(format!("Listed by {}.", listed.join(", ")));
    }
    if !sent.is_empty() {
        lines.push(format!("Sent by {}.", sent.join(", ")));
    }
    match (s.doc.is_empty(), lines.is_empty()) {
        (true, true) => vec![format!("The `{}` schema of the API.", s.name)],
        (true, false) => lines,
        (false, _) => docs::join(&[&s.doc, &lines]),
    }
}
