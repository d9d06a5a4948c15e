//! The tests at the end of `mock.rs`: a few operations of the document driven end to end,
//! through the client, against the mock server (the first GET with path arguments, the first
//! POST with form fields, the first operation with a response example), so every generated
//! crate tests its own expectations.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::mock::{expect_fn, path_setter};
use super::types::{self, ident};
use crate::model::{Api, Method, Operation, ParamLocation, Passing, ResponseBody, Ty};

pub(crate) fn emit(api: &Api) -> TokenStream {
    let callable = |op: &&Operation| op.json_body.is_none() && call(op, api).is_some();
    let mut chosen: Vec<(&Operation, bool)> = Vec::new();
    let get = api
        .operations
        .iter()
        .filter(callable)
        .find(|op| op.method == Method::Get && !op.path_params.is_empty());
    let post = api.operations.iter().filter(callable).find(|op| {
        op.method == Method::Post
            && op
                .params
                .as_ref()
                .is_some_and(|p| p.fields.iter().any(|f| f.location == ParamLocation::Form))
    });
    chosen.extend(get.into_iter().chain(post).map(|op| (op, false)));
    let example = api
        .operations
        .iter()
        .filter(callable)
        .find(|op| matches!(op.response, ResponseBody::Json(_)) && !op.examples.is_empty());
    if let Some(op) = example {
        chosen.push((op, true));
    }
    let tests: Vec<TokenStream> = chosen
        .into_iter()
        .filter_map(|(op, with_example)| test(op, with_example, api))
        .collect();
    if tests.is_empty() {
        return TokenStream::new();
    }
    let body = super::with_imports(quote! { #(#tests)* });
    quote! {
        /// A few operations of the document, end to end through the client against the mock.
        #[cfg(test)]
        mod tests {
            #body
        }
    }
}

/// The values of a call: `let` statements, the client's arguments, the `when` setters.
struct Call {
    lets: Vec<TokenStream>,
    args: Vec<TokenStream>,
    when: Vec<TokenStream>,
}

fn call(op: &Operation, api: &Api) -> Option<Call> {
    let mut call = Call {
        lets: Vec::new(),
        args: Vec::new(),
        when: Vec::new(),
    };
    for (index, p) in op.path_params.iter().enumerate() {
        // The client's own account fills an account-scoped path; it is not an argument.
        if p.client_account {
            continue;
        }
        let name = format_ident!("arg_{index}");
        let value = sample(&p.ty, api)?;
        call.lets.push(quote!(let #name = #value;));
        let arg = match p.passing {
            Passing::Str => quote!(#name.as_str()),
            Passing::Value => quote!(#name),
            Passing::Ref => quote!(&#name),
        };
        let setter = path_setter(p);
        call.when.push(quote!(.#setter(#arg)));
        call.args.push(arg);
    }
    if let Some(params) = &op.params {
        let ty = ident(&params.name);
        let required = params.fields.iter().filter(|f| f.required);
        let required: Option<Vec<TokenStream>> =
            required.map(|f| sample(&f.field.ty, api)).collect();
        let required = required?;
        let mut value = if params.fields.iter().any(|f| f.required) {
            quote!(params::#ty::new(#(#required),*))
        } else {
            quote!(<params::#ty as Default>::default())
        };
        // One optional value too, so matching compares more than the required fields.
        let optional = params.fields.iter().filter(|f| !f.required).find_map(|f| {
            let v = sample(&f.field.ty, api)?;
            Some((ident(&f.field.name), v))
        });
        if let Some((setter, v)) = optional {
            value = quote!(#value.#setter(#v));
        }
        call.lets.push(quote!(let params = #value;));
        call.args.push(quote!(&params));
        // Multipart parts are not matched field by field (see `mock::when_methods`).
        if params
            .fields
            .iter()
            .any(|f| f.location != crate::model::ParamLocation::Multipart)
        {
            call.when.push(quote!(.params(&params)));
        }
    }
    Some(call)
}

/// A valid value of `ty` as an expression, for the types a required value commonly has.
fn sample(ty: &Ty, api: &Api) -> Option<TokenStream> {
    Some(match ty {
        Ty::String => quote!(String::from("value")),
        Ty::Bool => quote!(true),
        Ty::I32 | Ty::I64 => quote!(1),
        Ty::F64 => quote!(1.5),
        Ty::Decimal => quote!(crate::Decimal::ONE),
        Ty::Timestamp | Ty::Rfc2822Timestamp => quote!(::jiff::Timestamp::UNIX_EPOCH),
        Ty::Date => quote!(::jiff::civil::date(2024, 1, 31)),
        Ty::Json => quote!(::serde_json::json!({ "key": "value", "list": [1, 2] })),
        Ty::Enum(_) => {
            let rust = types::rust(ty, api);
            quote!(#rust::from("value"))
        }
        Ty::Sid(prefix) => {
            let rust = types::rust(ty, api);
            let letters = if prefix.is_empty() { "ZZ" } else { prefix };
            let text = format!("{letters}{}", "0".repeat(32));
            quote!(#rust::parse(#text).expect("a well-formed SID"))
        }
        Ty::Vec(item) => {
            let item = sample(item, api)?;
            quote!(vec![#item])
        }
        _ => return None,
    })
}

fn test(op: &Operation, with_example: bool, api: &Api) -> Option<TokenStream> {
    let Call { lets, args, when } = call(op, api)?;
    let fn_name = ident(&op.fn_name);
    let expect = expect_fn(op);
    let suffix = if with_example {
        "answers_its_example"
    } else {
        "answers_an_error"
    };
    let name = format_ident!("{}_{suffix}", op.fn_name.trim_end_matches('_'));
    let when_param = if when.is_empty() {
        quote!(_when)
    } else {
        quote!(when)
    };
    let when_stmt = (!when.is_empty()).then(|| quote!(when #(#when)*;));
    let doc = format!(
        " {} through the client against the mock.",
        crate::prose::code(&op.id)
    );
    let (then, check) = if with_example {
        let json = Literal::string(&op.examples[0].json);
        (
            quote!(then.ok_json(::serde_json::from_str(#json).expect("the document's example is JSON"));),
            quote! {
                result.expect("the client decodes the document's example");
            },
        )
    } else {
        (
            quote!(then.error(404, 20404, "The requested resource was not found");),
            quote! {
                let Err(error) = result else {
                    panic!("the mock answered with an error, and the client returned a success");
                };
                let code = error.api_error().and_then(crate::ApiError::code);
                assert_eq!(code, Some(20404), "{error}");
            },
        )
    };
    Some(quote! {
        #[doc = #doc]
        #[::tokio::test]
        async fn #name() {
            let server = crate::mock::MockServer::start().await;
            let client = server.client();
            #(#lets)*
            let expectation = server.#expect(|#when_param, then| {
                #when_stmt
                #then
            });
            let result = client.#fn_name(#(#args),*).await;
            #check
            expectation.assert_hits(1);
            server.verify();
        }
    })
}
