//! `mock.rs` (feature `mock`): per operation a typed expectation for the runtime's
//! `MockServer`: `server.expect_<operation>(|when, then| ...)`, a `...When` with the
//! operation's path arguments, params and body, and a `...Then` with its typed answers.
//! The generic server, matching and diff live in `runtime/mock/`.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::types::{self, ident};
use crate::model::{Api, Model, Operation, ParamLocation, Passing, PathParam, ResponseBody, Ty};

pub(crate) fn emit(api: &Api) -> TokenStream {
    let items = api.operations.iter().map(|op| emit_operation(op, api));
    quote! { #(#items)* }
}

/// `CreateEndUser` for `create_end_user`: the prefix of the operation's builder types.
pub(crate) fn type_base(op: &Operation) -> String {
    crate::naming::type_name(&op.fn_name)
}

/// `expect_create_end_user`.
pub(crate) fn expect_fn(op: &Operation) -> Ident {
    format_ident!("expect_{}", op.fn_name.trim_end_matches('_'))
}

/// The `...When` setter of a path argument (renamed when it would shadow a builder method).
pub(crate) fn path_setter(param: &PathParam) -> Ident {
    let reserved = [
        "params",
        "body",
        "header",
        "path_arg",
        "query_field",
        "form_field",
    ];
    if reserved.contains(&param.name.as_str()) {
        format_ident!("{}_arg", param.name)
    } else {
        ident(&param.name)
    }
}

/// How the client's method takes a path argument (`&str`, `i64`, `&sids::EndUserSid`).
pub(crate) fn path_arg_ty(param: &PathParam, api: &Api) -> TokenStream {
    let ty = types::rust(&param.ty, api);
    match param.passing {
        Passing::Str => quote!(&str),
        Passing::Value => ty,
        Passing::Ref => quote!(&#ty),
    }
}

fn emit_operation(op: &Operation, api: &Api) -> TokenStream {
    let base = type_base(op);
    let when_ty = format_ident!("{base}When");
    let then_ty = format_ident!("{base}Then");
    let client_link = format!("[`Client::{0}`](crate::Client::{0})", op.fn_name);
    let route = crate::prose::code(&format!("{} {}", op.method.as_str(), op.path_template));
    let when_doc = docs::attrs(&[
        format!("What a request of {client_link} ({route}) must hold to meet an expectation."),
        String::new(),
        "Anything not set matches any value. It dereferences to".to_owned(),
        "[`When`](crate::mock::When) for generic checks (a header, one field).".to_owned(),
    ]);
    let then_doc = docs::attrs(&[
        format!("How the mock answers a request of {client_link} ({route})."),
        String::new(),
        "It dereferences to [`Then`](crate::mock::Then) for Twilio's error shape,".to_owned(),
        "`Retry-After`, headers, delays and computed answers.".to_owned(),
    ]);
    let when_methods = when_methods(op, api);
    let then_methods = then_methods(op, api);
    let (id, template) = (&op.id, &op.path_template);
    let method = super::operations::runtime_method(op.method);
    let json_fields: Vec<&str> = op
        .params
        .iter()
        .flat_map(|p| &p.fields)
        .filter(|f| f.location != ParamLocation::Header && is_json(&f.field.ty))
        .map(|f| f.field.wire_name.as_str())
        .collect();
    let default_answer = matches!(op.response, ResponseBody::Empty).then(|| {
        let status = Literal::u16_unsuffixed(op.success_status);
        quote!(then.0.empty(#status);)
    });
    let expect = expect_fn(op);
    let expect_doc = docs::attrs(&[
        format!("Expects a request of {client_link} ({route}): `build` says what it must"),
        "hold and how to answer. Earlier expectations are tried first.".to_owned(),
    ]);
    quote! {
        #when_doc
        #[derive(Debug, Clone)]
        pub struct #when_ty(crate::runtime::mock::When);

        impl ::std::ops::Deref for #when_ty {
            type Target = crate::runtime::mock::When;
            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }

        impl ::std::ops::DerefMut for #when_ty {
            fn deref_mut(&mut self) -> &mut Self::Target {
                &mut self.0
            }
        }

        impl #when_ty {
            #when_methods
        }

        #then_doc
        #[derive(Debug, Clone)]
        pub struct #then_ty(crate::runtime::mock::Then);

        impl ::std::ops::Deref for #then_ty {
            type Target = crate::runtime::mock::Then;
            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }

        impl ::std::ops::DerefMut for #then_ty {
            fn deref_mut(&mut self) -> &mut Self::Target {
                &mut self.0
            }
        }

        impl #then_ty {
            #then_methods
        }

        impl crate::runtime::mock::MockServer {
            #expect_doc
            pub fn #expect(
                &self,
                build: impl FnOnce(&mut #when_ty, &mut #then_ty),
            ) -> crate::runtime::mock::Expectation {
                let mut when = #when_ty(crate::runtime::mock::When::new(
                    #id,
                    #method,
                    #template,
                    &[#(#json_fields),*],
                ));
                let mut then = #then_ty(crate::runtime::mock::Then::new(#id));
                #default_answer
                build(&mut when, &mut then);
                self.expect(when.0, then.0)
            }
        }
    }
}

/// Values sent as JSON text, compared as JSON.
fn is_json(ty: &Ty) -> bool {
    match ty {
        Ty::Json | Ty::JsonObject | Ty::Map(_) | Ty::Model(_) => true,
        Ty::Vec(item) => is_json(item),
        _ => false,
    }
}

fn when_methods(op: &Operation, api: &Api) -> TokenStream {
    let paths = op.path_params.iter().map(|p| {
        let setter = path_setter(p);
        let name = ident(&p.name);
        let ty = path_arg_ty(p, api);
        let wire = &p.wire_name;
        let value = match &p.ty {
            Ty::String => quote!(#name),
            Ty::Sid(_) | Ty::Enum(_) => quote!(#name.as_str()),
            _ => quote!(#name.to_string()),
        };
        let doc = format!(
            " The {} path argument must be `{}`.",
            crate::prose::code(wire),
            p.name
        );
        quote! {
            #[doc = #doc]
            pub fn #setter(&mut self, #name: #ty) -> &mut Self {
                self.0.path_arg(#wire, #value);
                self
            }
        }
    });
    // Multipart parts (file uploads) are not compared field by field: an operation whose params
    // are all parts has no `params` matcher (the generic `When` still matches its path).
    let comparable = |params: &&crate::model::Params| {
        params
            .fields
            .iter()
            .any(|f| f.location != ParamLocation::Multipart)
    };
    let params = op.params.as_ref().filter(comparable).map(|params| {
        let ty = ident(&params.name);
        let has = |location| params.fields.iter().any(|f| f.location == location);
        let query =
            has(ParamLocation::Query).then(|| quote!(self.0.query_params(&params.wire_query());));
        let form =
            has(ParamLocation::Form).then(|| quote!(self.0.form_params(&params.wire_form());));
        let headers = has(ParamLocation::Header)
            .then(|| quote!(self.0.header_params(&params.wire_headers());));
        quote! {
            /// The request must carry exactly the query and form fields the client sends for
            /// `params`, encoded as the client encodes them and compared field by field (JSON
            /// fields as JSON values), and the headers it sets.
            pub fn params(&mut self, params: &params::#ty) -> &mut Self {
                #query
                #form
                #headers
                self
            }
        }
    });
    let body = op.json_body.as_ref().map(|ty| {
        let ty = types::rust(ty, api);
        quote! {
            /// The JSON body must equal `body` (compared as JSON values).
            pub fn body(&mut self, body: &#ty) -> &mut Self {
                self.0.json_body(body);
                self
            }
        }
    });
    quote! { #(#paths)* #params #body }
}

fn then_methods(op: &Operation, api: &Api) -> TokenStream {
    let status = Literal::u16_unsuffixed(op.success_status);
    match &op.response {
        ResponseBody::Json(ty) => {
            let rust = types::rust(ty, api);
            let ok_doc = format!(" Answers `{status}` with `body`, as the API does on success.");
            let json_doc = docs::attrs(&[
                format!("Answers `{status}` with `body`, checked now to decode as the operation's"),
                "answer type.".to_owned(),
                String::new(),
                "# Panics".to_owned(),
                String::new(),
                "When `body` does not decode as that type.".to_owned(),
            ]);
            let page = op
                .pagination
                .as_ref()
                .and_then(|p| page_method(p, &status, api));
            quote! {
                #[doc = #ok_doc]
                pub fn ok(&mut self, body: &#rust) -> &mut Self {
                    self.0.json(#status, body);
                    self
                }

                #json_doc
                pub fn ok_json(&mut self, body: ::serde_json::Value) -> &mut Self {
                    self.0.typed_json::<#rust>(#status, body);
                    self
                }

                #page
            }
        }
        ResponseBody::Empty => {
            let doc = format!(
                " Answers `{status}` without a body, as the API does on success (the default)."
            );
            quote! {
                #[doc = #doc]
                pub fn ok(&mut self) -> &mut Self {
                    self.0.empty(#status);
                    self
                }
            }
        }
        ResponseBody::ByStatus(responses) => {
            let methods = responses.variants.iter().map(|v| {
                let name = ident(&crate::naming::value_name(&v.name));
                let code = Literal::u16_unsuffixed(v.status);
                match &v.ty {
                    Some(ty) => {
                        let rust = types::rust(ty, api);
                        let doc = format!(" Answers `{code}` with `body`.");
                        quote! {
                            #[doc = #doc]
                            pub fn #name(&mut self, body: &#rust) -> &mut Self {
                                self.0.json(#code, body);
                                self
                            }
                        }
                    }
                    None => {
                        let doc = format!(" Answers `{code}` without a body.");
                        quote! {
                            #[doc = #doc]
                            pub fn #name(&mut self) -> &mut Self {
                                self.0.empty(#code);
                                self
                            }
                        }
                    }
                }
            });
            quote! { #(#methods)* }
        }
        ResponseBody::Redirect(_) => {
            let doc = format!(" Answers `{status}` with `Location: location`.");
            quote! {
                #[doc = #doc]
                pub fn redirect(&mut self, location: &str) -> &mut Self {
                    self.0.empty(#status).header("location", location);
                    self
                }
            }
        }
    }
}

/// `page(&[Item])`: one page of a Twilio list, with no next page.
fn page_method(p: &crate::model::Pagination, status: &Literal, api: &Api) -> Option<TokenStream> {
    let page = api.models.iter().find_map(|m| match m {
        Model::Struct(s) if s.name == p.page_struct => Some(s),
        _ => None,
    })?;
    let list = page.list_page.as_ref()?;
    let key = &page
        .fields
        .iter()
        .find(|f| f.name == list.items_field)?
        .wire_name;
    let by_token = list.by_token;
    let item = types::rust(&p.item_ty, api);
    let doc = format!(
        " Answers `{status}` with one page holding `items` under {}, and no next page.",
        crate::prose::code(key)
    );
    Some(quote! {
        #[doc = #doc]
        pub fn page(&mut self, items: &[#item]) -> &mut Self {
            let items = items
                .iter()
                .map(|item| ::serde_json::to_value(item).unwrap_or_default())
                .collect();
            self.0.page(#status, #key, #by_token, items);
            self
        }
    })
}
