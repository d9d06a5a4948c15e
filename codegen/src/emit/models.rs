//! Structs (with serde) and aliases of the `models` module.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{self, ident};
use crate::model::{Alias, Api, Field, Model, Struct, Ty};

pub(crate) fn emit(api: &Api) -> TokenStream {
    let items = api.models.iter().map(|model| match model {
        Model::Struct(s) => emit_struct(s, api),
        Model::Alias(a) => emit_alias(a, api),
    });
    quote! { #(#items)* }
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

fn or_default_doc(doc: &[String], name: &str) -> Vec<String> {
    if doc.is_empty() {
        vec![format!("The `{name}` schema of the API.")]
    } else {
        doc.to_vec()
    }
}

fn emit_struct(s: &Struct, api: &Api) -> TokenStream {
    let name = ident(&s.name);
    let doc = docs::attrs(&struct_doc(s, api));
    let has_pii = s.fields.iter().any(|f| f.pii);
    let mut derives = vec![quote!(Clone), quote!(PartialEq)];
    if !has_pii {
        derives.insert(0, quote!(Debug));
    }
    if types::derives_default(s) {
        derives.push(quote!(Default));
    }
    let fields = s.fields.iter().map(|f| struct_field(f, api));
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
                    crate::Page { items: #items, meta: #meta }
                }
            }
        }
    });
    quote! {
        #doc
        #[derive(#(#derives),*, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
        }
        #debug
        #list_page
    }
}

fn field_is_optional(s: &Struct, name: &str) -> bool {
    s.fields.iter().any(|f| f.name == name && f.optional)
}

fn struct_field(field: &Field, api: &Api) -> TokenStream {
    let name = ident(&field.name);
    let mut lines = if field.doc.is_empty() {
        fallback_doc(field)
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
    let ty = types::field(&field.ty, field.optional, api);
    let rename = (field.name != field.wire_name).then(|| {
        let wire = &field.wire_name;
        quote!(#[serde(rename = #wire)])
    });
    let optional = field
        .optional
        .then(|| quote!(#[serde(default, skip_serializing_if = "Option::is_none")]));
    quote! {
        #doc
        #rename
        #optional
        pub #name: #ty,
    }
}

/// A doc line for a field the spec leaves undescribed (a `$ref` loses its siblings).
fn fallback_doc(field: &Field) -> Vec<String> {
    let text = match (&field.ty, field.wire_name.as_str()) {
        (Ty::PageMeta, _) => {
            "Where this page sits in the list, and the links to its neighbours.".to_owned()
        }
        (Ty::Vec(_), _) if field.wire_name == "results" => "The items on this page.".to_owned(),
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
