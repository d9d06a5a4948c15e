//! Operations: async methods on the runtime's `Client`, one per operationId, plus a
//! `_with_response` twin (status and headers too) and, for Twilio lists, a `_stream`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::types::{self, ident};
use crate::Options;
use crate::model::{
    Api, Auth, Method, Operation, ParamLocation, Passing, PathParam, PathPiece, ResponseBody, Ty,
};

pub(crate) fn emit(api: &Api, options: &Options) -> TokenStream {
    // One `impl` block per operation keeps a blank line between operations in the output.
    let blocks = api.operations.iter().map(|op| {
        let methods = emit_operation(op, api, options);
        quote! {
            impl crate::Client {
                #methods
            }
        }
    });
    quote! {
        #(#blocks)*
    }
}

/// The runtime's method type for `method` (`crate::runtime::Method::Get`): generated code
/// never names the HTTP library's.
pub(super) fn runtime_method(method: Method) -> TokenStream {
    let variant = match method {
        Method::Get => quote!(Get),
        Method::Post => quote!(Post),
        Method::Put => quote!(Put),
        Method::Patch => quote!(Patch),
        Method::Delete => quote!(Delete),
    };
    quote!(crate::runtime::Method::#variant)
}

fn emit_operation(op: &Operation, api: &Api, options: &Options) -> TokenStream {
    let fn_name = ident(&op.fn_name);
    let with_response = derived(op, "with_response");
    let args = arguments(op, api);
    let arg_names = argument_names(op);
    // A list's request is built in one place, shared by the method and its `_stream`.
    let request_fn = derived(op, "request");
    let body = build_request(op);
    // The client's own account fills account-scoped paths: a `&str` argument of the request
    // helper, `self.account_sid()` in the method.
    let accounts: Vec<proc_macro2::Ident> = op
        .path_params
        .iter()
        .filter(|p| p.client_account)
        .map(|p| ident(&p.name))
        .collect();
    let (build, request_helper) = if op.pagination.is_some() && op.json_body.is_none() {
        let helper_doc = format!(" The request of [`{0}`](Self::{0}).", op.fn_name);
        let helper = quote! {
            #[doc = #helper_doc]
            fn #request_fn(#(#accounts: &str,)* #(#args),*) -> crate::runtime::RequestSpec {
                #body
            }
        };
        (
            {
                let own = accounts.iter().map(|_| quote!(self.account_sid()));
                quote!(let request = Self::#request_fn(#(#own,)* #(#arg_names),*);)
            },
            Some(helper),
        )
    } else {
        (
            quote!(#(let #accounts = self.account_sid();)* let request = #body;),
            None,
        )
    };
    let (body_ty, send) = match &op.response {
        ResponseBody::Json(ty) => (types::rust(ty, api), quote!(self.send_json(request).await)),
        ResponseBody::Empty => (quote!(()), quote!(self.send_empty(request).await)),
        ResponseBody::ByStatus(responses) => {
            let name = ident(&responses.name);
            // The answer decodes with the request's operation id and path template.
            let arms = responses.variants.iter().map(|v| {
                let variant = ident(&v.name);
                let status = v.status;
                match &v.ty {
                    Some(_) => quote! {
                        #status => answer.json().map(models::#name::#variant),
                    },
                    None => quote!(#status => Ok(models::#name::#variant),),
                }
            });
            let send = quote! {
                self.send_by_status(request, |answer| match answer.status() {
                    #(#arms)*
                    other => Ok(models::#name::Other {
                        status: other,
                        body: answer.json_value(),
                    }),
                })
                .await
            };
            (quote!(models::#name), send)
        }
        ResponseBody::Redirect(ty) => {
            let body = ty
                .as_ref()
                .map_or_else(|| quote!(::serde_json::Value), |ty| types::rust(ty, api));
            (
                quote!(crate::Redirect<#body>),
                quote!(self.send_redirect(request).await),
            )
        }
    };
    // A Twilio list answers with a page; callers get `Page<Item>` rather than the raw struct.
    let (result_ty, send) = match &op.pagination {
        Some(p) => {
            let item = types::rust(&p.item_ty, api);
            let page = ident(&p.page_struct);
            let send = quote! {
                self.send_page::<models::#page>(request).await
            };
            (quote!(crate::Page<#item>), send)
        }
        None => (body_ty.clone(), send),
    };
    let doc = docs::attrs(&operation_doc(op, api, options));
    let twin_doc = docs::attrs(&[
        format!(
            "Like [`{0}`](Self::{0}), and also returns the HTTP status and headers",
            op.fn_name
        ),
        "(for example the `Twilio-Request-Id`).".to_owned(),
        String::new(),
        "# Errors".to_owned(),
        String::new(),
        format!("As [`{0}`](Self::{0}).", op.fn_name),
    ]);
    let stream = op.pagination.as_ref().map(|p| emit_stream(op, p, api));
    let alias = search_alias(op).map(|alias| quote!(#[doc(alias = #alias)]));
    quote! {
        #doc
        #alias
        pub async fn #fn_name(&self, #(#args),*) -> crate::Result<#result_ty> {
            self.#with_response(#(#arg_names),*).await.map(crate::Response::into_body)
        }

        #twin_doc
        pub async fn #with_response(&self, #(#args),*) -> crate::Result<crate::Response<#result_ty>> {
            #build
            #send
        }

        #stream

        #request_helper
    }
}

fn emit_stream(op: &Operation, pagination: &crate::model::Pagination, api: &Api) -> TokenStream {
    let name = derived(op, "stream");
    let item = types::rust(&pagination.item_ty, api);
    let page = ident(&pagination.page_struct);
    let mut args = arguments(op, api);
    args.push(quote!(limit: Option<usize>));
    let page_size = pagination.page_size.as_ref().map(|(field, max)| {
        let field = ident(field);
        let max = proc_macro2::Literal::i64_unsuffixed(*max);
        quote! {
            let mut params = params.clone();
            params.#field = crate::runtime::effective_page_size(params.#field, limit, #max);
            let params = &params;
        }
    });
    let request_fn = derived(op, "request");
    let arg_names = argument_names(op);
    let accounts = op
        .path_params
        .iter()
        .filter(|p| p.client_account)
        .map(|_| quote!(self.account_sid()));
    let doc = docs::attrs(&[
        format!(
            "Every item of [`{0}`](Self::{0}), page after page, as a stream.",
            op.fn_name
        ),
        String::new(),
        "Stops after `limit` items when one is given; the page size then defaults to".to_owned(),
        "`limit`, within the API's maximum. Pages are fetched one at a time, as the stream is"
            .to_owned(),
        match &pagination.token_param {
            None => "read, by following `meta.next_page_url` on the client's own origin only."
                .to_owned(),
            Some(key) => format!(
                "read, by repeating the request with `{key}` set to the page's `meta.nextToken`."
            ),
        },
    ]);
    quote! {
        #doc
        pub fn #name(&self, #(#args),*) -> impl ::futures_core::Stream<Item = crate::Result<#item>> + Send + Unpin + '_ {
            #page_size
            let request = Self::#request_fn(#(#accounts,)* #(#arg_names),*);
            self.paginate::<models::#page>(request, limit)
        }
    }
}

/// A companion method's name (see `naming::companion`).
fn derived(op: &Operation, suffix: &str) -> proc_macro2::Ident {
    format_ident!("{}", crate::naming::companion(&op.fn_name, suffix))
}

fn arguments(op: &Operation, api: &Api) -> Vec<TokenStream> {
    let mut args: Vec<TokenStream> = op
        .path_params
        .iter()
        .filter(|p| !p.client_account)
        .map(|p| {
            let name = ident(&p.name);
            let ty = path_arg_ty(p, api);
            quote!(#name: #ty)
        })
        .collect();
    if let Some(params) = &op.params {
        let ty = ident(&params.name);
        args.push(quote!(params: &params::#ty));
    }
    if let Some(body) = &op.json_body {
        let ty = types::rust(body, api);
        args.push(quote!(body: &#ty));
    }
    args
}

fn argument_names(op: &Operation) -> Vec<TokenStream> {
    let mut names: Vec<TokenStream> = op
        .path_params
        .iter()
        .filter(|p| !p.client_account)
        .map(|p| {
            let name = ident(&p.name);
            quote!(#name)
        })
        .collect();
    if op.params.is_some() {
        names.push(quote!(params));
    }
    if op.json_body.is_some() {
        names.push(quote!(body));
    }
    names
}

fn path_arg_ty(param: &PathParam, api: &Api) -> TokenStream {
    let ty = types::rust(&param.ty, api);
    match param.passing {
        Passing::Str => quote!(&str),
        Passing::Value => ty,
        Passing::Ref => quote!(&#ty),
    }
}

/// The path segment text of a path parameter.
fn path_value(param: &PathParam) -> TokenStream {
    let name = ident(&param.name);
    if param.client_account {
        // `self.account_sid()`, a `&str`.
        return quote!(#name);
    }
    match &param.ty {
        Ty::String => quote!(#name),
        Ty::Sid(_) | Ty::Enum(_) => quote!(#name.as_str()),
        _ => quote!(&#name.to_string()),
    }
}

/// `RequestSpec::new(...)...` with the body attached: the path template once, and the path
/// arguments in the order the template names them, which the runtime encodes and fills in.
fn build_request(op: &Operation) -> TokenStream {
    let template = &op.path_template;
    let args = op.path_pieces.iter().filter_map(|piece| match piece {
        PathPiece::Literal(_) => None,
        PathPiece::Param(index) => Some(path_value(&op.path_params[*index])),
    });
    let method = runtime_method(op.method);
    let id = &op.id;
    let has = |location| {
        op.params
            .as_ref()
            .is_some_and(|p| p.fields.iter().any(|f| f.location == location))
    };
    let query = has(ParamLocation::Query).then(|| quote!(.query(params.wire_query())));
    let form = has(ParamLocation::Form).then(|| quote!(.form(params.wire_form())));
    let multipart =
        has(ParamLocation::Multipart).then(|| quote!(.multipart(params.wire_multipart())));
    // An operation on its own server (an upload host) names it; the client sends it there.
    let server = op.server.as_ref().map(|url| quote!(.server(#url)));
    let headers = has(ParamLocation::Header).then(|| quote!(.headers(params.wire_headers())));
    let auth = (op.auth != Auth::Basic).then(|| {
        let auth = auth_value(op.auth);
        quote!(.auth(#auth))
    });
    let json = op.json_body.as_ref().map(|_| quote!(.json(body)?));
    let page_token = op
        .pagination
        .as_ref()
        .and_then(|p| p.token_param.as_ref())
        .map(|key| quote!(.page_token(#key)));
    let request = quote! {
        crate::runtime::RequestSpec::new(#method, #id, #template, &[#(#args),*])
            #server
            #query
            #form
            #multipart
            #headers
            #auth
            #page_token
            #json
    };
    request
}

/// The runtime's `Auth` value for an operation's scheme.
fn auth_value(auth: Auth) -> TokenStream {
    match auth {
        Auth::Basic => quote!(crate::runtime::Auth::Basic),
        Auth::Bearer => quote!(crate::runtime::Auth::Bearer),
        Auth::None => quote!(crate::runtime::Auth::None),
    }
}

/// The rustdoc search alias of a method: the resource's mount name, when rustdoc accepts it
/// (no spaces or quotes) and it is not the method's own name (which rustdoc refuses).
fn search_alias(op: &Operation) -> Option<&str> {
    let alias = op.resource_name.as_str();
    let accepted = !alias.is_empty()
        && alias
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'));
    (accepted && alias != op.fn_name).then_some(alias)
}

fn operation_doc(op: &Operation, api: &Api, options: &Options) -> Vec<String> {
    let summary: Vec<String> = op
        .summary
        .as_deref()
        .map(crate::prose::inline)
        .filter(|s| !s.is_empty())
        .into_iter()
        .collect();
    // Twilio often repeats the summary as the description's first line; say it once.
    let doc: Vec<String> = match (op.doc.split_first(), summary.first()) {
        (Some((first, rest)), Some(summary)) if crate::prose::inline(first) == *summary => {
            rest.to_vec()
        }
        _ => op.doc.clone(),
    };
    let mut route = vec![format!(
        "{} (operation {}).",
        crate::prose::code(&format!("{} {}", op.method.as_str(), op.path_template)),
        crate::prose::code(&op.id)
    )];
    if let Some(server) = &op.server {
        route.push(String::new());
        route.push(format!(
            "Sent to this operation's own server, {}, with the client's credentials; edge and region apply to it as to the base URL ([`ClientBuilder::operation_server`](crate::ClientBuilder::operation_server) replaces it).",
            crate::prose::code(server)
        ));
    }
    let mut path_docs = Vec::new();
    if op.path_params.iter().any(|p| p.client_account) {
        path_docs.push(
            "The account in the path is the client's own ([`Client::account_sid`](crate::Client::account_sid)); \
             [`Client::for_account`](crate::Client::for_account) names a subaccount."
                .to_owned(),
        );
        if op.path_params.iter().any(|p| !p.client_account) {
            path_docs.push(String::new());
        }
    }
    for p in op.path_params.iter().filter(|p| !p.client_account) {
        let text = p.doc.join(" ");
        path_docs.push(format!(
            "- `{}`: {}",
            p.name,
            if text.is_empty() {
                format!("the {} path segment.", crate::prose::code(&p.wire_name))
            } else {
                text
            }
        ));
    }
    let errors = vec![
        "# Errors".to_owned(),
        String::new(),
        "[`Error::Api`](crate::Error::Api) when Twilio answers with an error status; the other"
            .to_owned(),
        "[`Error`](crate::Error) variants when the request cannot be sent or the answer cannot"
            .to_owned(),
        "be read.".to_owned(),
    ];
    let example = super::examples::example(op, api, options).unwrap_or_default();
    docs::join(&[&summary, &doc, &route, &path_docs, &errors, &example])
}
