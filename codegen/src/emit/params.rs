//! Parameter structs: the query and form values of one operation, with a constructor for the
//! required ones and a setter for each optional one.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::types::{self, ident};
use crate::model::{Api, Operation, ParamField, ParamLocation, Params, Ty};

pub(crate) fn emit(api: &Api) -> TokenStream {
    let items = api.operations.iter().filter_map(|op| {
        op.params
            .as_ref()
            .map(|params| emit_params(op, params, api))
    });
    quote! { #(#items)* }
}

fn emit_params(op: &Operation, params: &Params, api: &Api) -> TokenStream {
    let name = ident(&params.name);
    let doc = docs::attrs(&[
        format!(
            "Parameters of [`Client::{0}`](crate::Client::{0}).",
            op.fn_name
        ),
        String::new(),
        if params.fields.iter().any(|f| f.required) {
            "Build it with `new` (the required values), then chain the setters of optional values."
                .to_owned()
        } else {
            "Start from `default()` and chain the setters of the values to send.".to_owned()
        },
    ]);
    let has_pii = params.fields.iter().any(|f| f.field.pii);
    let any_required = params.fields.iter().any(|f| f.required);
    let mut derives = vec![quote!(Clone), quote!(PartialEq)];
    if !has_pii {
        derives.insert(0, quote!(Debug));
    }
    if !any_required {
        derives.push(quote!(Default));
    }
    let fields = params.fields.iter().map(|f| {
        let field_name = ident(&f.field.name);
        let ty = param_ty(&f.field.ty, api);
        let ty = if f.required { ty } else { quote!(Option<#ty>) };
        let doc = docs::attrs(&field_doc(f));
        quote! { #doc pub #field_name: #ty, }
    });
    let constructor = any_required.then(|| constructor(params, api));
    let setters = params
        .fields
        .iter()
        .filter(|f| !f.required)
        .map(|f| setter(f, api));
    let debug = has_pii.then(|| {
        let fields: Vec<_> = params
            .fields
            .iter()
            .map(|f| {
                let mut field = f.field.clone();
                field.optional = !f.required;
                field
            })
            .collect();
        super::redact::debug_impl(&params.name, &fields)
    });
    // A list's page size is clamped to the API's range wherever it is sent, so the list method
    // and its stream treat it alike.
    let page_size = op.pagination.as_ref().and_then(|p| p.page_size.as_ref());
    let query = wire_fn(params, ParamLocation::Query, "wire_query", page_size, api);
    let form = wire_fn(params, ParamLocation::Form, "wire_form", None, api);
    let headers = wire_fn(params, ParamLocation::Header, "wire_headers", None, api);
    let multipart = wire_fn(
        params,
        ParamLocation::Multipart,
        "wire_multipart",
        None,
        api,
    );
    quote! {
        #doc
        #[derive(#(#derives),*)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #constructor
            #(#setters)*
            #query
            #form
            #headers
            #multipart
        }

        #debug
    }
}

fn field_doc(f: &ParamField) -> Vec<String> {
    let mut lines = f.field.doc.clone();
    if lines.is_empty()
        && let Ty::Enum(name) = &f.field.ty
    {
        // A `$ref` parameter loses its description; point at the enum's own docs instead.
        lines.push(format!(
            "One of the [`{name}`](crate::enums::{name}) values."
        ));
    }
    let wire = format!(
        "Sent as {}{}.",
        crate::prose::code(&f.field.wire_name),
        match f.location {
            ParamLocation::Query => " in the query string",
            ParamLocation::Form => " in the form body",
            ParamLocation::Header => " as an HTTP request header",
            ParamLocation::Multipart => " as a part of the multipart body",
        }
    );
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(wire);
    if f.field.pii {
        lines.push(docs::PERSONAL_DATA_NOTE.to_owned());
    }
    lines
}

/// How a setter or constructor takes a value: `impl Into<String>` for text, the type itself
/// otherwise.
/// The declared type of a parameter: a JSON value says how it is sent (`JsonParam`).
fn param_ty(ty: &Ty, api: &Api) -> TokenStream {
    match ty {
        Ty::Json => quote!(crate::JsonParam),
        _ => types::rust(ty, api),
    }
}

/// How a params setter or constructor takes a value.
fn param_argument(ty: &Ty, api: &Api) -> (TokenStream, TokenStream) {
    match ty {
        Ty::Json => (quote!(impl Into<crate::JsonParam>), quote!(.into())),
        _ => argument(ty, api),
    }
}

pub(crate) fn argument(ty: &Ty, api: &Api) -> (TokenStream, TokenStream) {
    match ty {
        Ty::String => (quote!(impl Into<String>), quote!(.into())),
        Ty::Json => (quote!(impl Into<::serde_json::Value>), quote!(.into())),
        // A union of SIDs takes any of its SID types (`EndUserSid`, `AddressSid`...).
        Ty::Model(name) if is_sid_union(name, api) => {
            let ty = types::rust(ty, api);
            (quote!(impl Into<#ty>), quote!(.into()))
        }
        _ => (types::rust(ty, api), quote!()),
    }
}

fn constructor(params: &Params, api: &Api) -> TokenStream {
    let required: Vec<&ParamField> = params.fields.iter().filter(|f| f.required).collect();
    let args = required.iter().map(|f| {
        let name = ident(&f.field.name);
        let (ty, _) = param_argument(&f.field.ty, api);
        quote!(#name: #ty)
    });
    let inits = params.fields.iter().map(|f| {
        let name = ident(&f.field.name);
        if f.required {
            let (_, convert) = param_argument(&f.field.ty, api);
            if convert.is_empty() {
                quote!(#name)
            } else {
                quote!(#name: #name #convert)
            }
        } else {
            quote!(#name: None)
        }
    });
    // Every required value is an argument, as the API demands; a long list is the document's.
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        /// The parameters with every required value set.
        #allow
        pub fn new(#(#args),*) -> Self {
            Self { #(#inits),* }
        }
    }
}

fn setter(f: &ParamField, api: &Api) -> TokenStream {
    let name = ident(&f.field.name);
    let (ty, convert) = param_argument(&f.field.ty, api);
    let doc = docs::attrs(&field_doc(f));
    quote! {
        #doc
        #[must_use]
        pub fn #name(mut self, #name: #ty) -> Self {
            self.#name = Some(#name #convert);
            self
        }
    }
}

/// `query()` or `form()`: the values of one location as wire pairs, in spec order.
fn wire_fn(
    params: &Params,
    location: ParamLocation,
    fn_name: &str,
    page_size: Option<&(String, i64)>,
    api: &Api,
) -> Option<TokenStream> {
    let fields: Vec<&ParamField> = params
        .fields
        .iter()
        .filter(|f| f.location == location)
        .collect();
    if fields.is_empty() {
        return None;
    }
    let fn_name = format_ident!("{fn_name}");
    let pushes = fields.iter().map(|f| {
        let name = ident(&f.field.name);
        let wire = &f.field.wire_name;
        // A file goes in a part of its own, with its name and content type.
        if f.field.ty == Ty::Binary {
            return if f.required {
                quote!(params.push_file(#wire, &self.#name);)
            } else {
                quote!(params.push_file_opt(#wire, self.#name.as_ref());)
            };
        }
        // Objects go on the wire as JSON text, as Twilio's libraries send them.
        let (push, push_opt) = match json_wire(&f.field.ty, api) {
            Some(true) => (quote!(push_json_each), quote!(push_json_each_opt)),
            Some(false) => (quote!(push_json), quote!(push_json_opt)),
            None => (quote!(push), quote!(push_opt)),
        };
        if let Some((field, max)) = page_size
            && *field == f.field.name
            && !f.required
        {
            let max = proc_macro2::Literal::i64_unsuffixed(*max);
            return quote! {
                params.push_opt(#wire, crate::runtime::effective_page_size(self.#name, None, #max).as_ref());
            };
        }
        if f.required {
            quote!(params.#push(#wire, &self.#name);)
        } else {
            quote!(params.#push_opt(#wire, self.#name.as_ref());)
        }
    });
    let container = if location == ParamLocation::Multipart {
        quote!(crate::runtime::MultipartParts)
    } else {
        quote!(crate::runtime::WireParams)
    };
    Some(quote! {
        pub(crate) fn #fn_name(&self) -> #container {
            let mut params = #container::new();
            #(#pushes)*
            params
        }
    })
}

/// Whether values of `ty` are sent as JSON text: `Some(false)` for one object, `Some(true)` for a
/// list of objects (one JSON text per item), `None` for plain values.
fn json_wire(ty: &Ty, api: &Api) -> Option<bool> {
    // Aliases stand for their target (a chain of them is short: cycles are refused in resolve).
    fn unalias<'t>(mut ty: &'t Ty, api: &'t Api) -> &'t Ty {
        for _ in 0..api.models.len() {
            match ty {
                Ty::Model(name) => match api.models.iter().find(|m| m.name() == name) {
                    Some(crate::model::Model::Alias(alias)) => ty = &alias.ty,
                    _ => break,
                },
                _ => break,
            }
        }
        ty
    }
    // A union of SIDs goes on the wire as the SID's text.
    let object_like = |ty: &Ty| match unalias(ty, api) {
        Ty::Model(name) => !is_sid_union(name, api),
        other => matches!(other, Ty::Map(_)),
    };
    match unalias(ty, api) {
        Ty::Vec(item) if object_like(item) => Some(true),
        ty if object_like(ty) => Some(false),
        _ => None,
    }
}

/// Whether the model `name` is a union of SIDs of different kinds.
pub(crate) fn is_sid_union(name: &str, api: &Api) -> bool {
    api.models
        .iter()
        .any(|m| matches!(m, crate::model::Model::Union(u) if u.name == name && u.is_sid_union()))
}
