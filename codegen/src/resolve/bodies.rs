//! Request and response bodies: form fields, JSON bodies, and the one success type.

use std::collections::BTreeSet;

use openapiv3::{ReferenceOr, RequestBody, Response, Schema, StatusCode};

use super::schemas::Context;
use super::sids::SidHint;
use super::view::{Kind, SchemaView};

pub(super) const FORM: &str = "application/x-www-form-urlencoded";
pub(super) const JSON: &str = "application/json";
pub(super) const MULTIPART: &str = "multipart/form-data";
use super::Resolver;
use super::structs::property_field;
use crate::model::{
    ParamField, ParamLocation, ResponseBody, ResponseExample, StatusResponses, StatusVariant, Ty,
};
use crate::naming;
use crate::pointer::{Pointer, ptr};

impl<'a> Resolver<'a> {
    /// The media type and schema of a request body: a form wins over multipart, which wins
    /// over JSON.
    pub(super) fn request_body(
        &mut self,
        body: &'a ReferenceOr<RequestBody>,
        pointer: &Pointer,
    ) -> Option<(&'static str, &'a ReferenceOr<Schema>)> {
        let body = self.follow(body, "requestBodies", |c| &c.request_bodies, pointer)?;
        for media in [FORM, MULTIPART, JSON] {
            let Some(content) = body.content.get(media) else {
                continue;
            };
            // A multipart part's `encoding` (its content type) is left to the caller's value.
            if !content.encoding.is_empty() && media != MULTIPART {
                let at = ptr!(pointer, "content", media, "encoding");
                self.error(
                    &at,
                    "per-property `encoding` is not supported: Twilio's forms use the default",
                );
            }
            if let Some(schema) = content.schema.as_ref() {
                return Some((media, schema));
            }
        }
        let found: Vec<&str> = body.content.keys().map(String::as_str).collect();
        let message = format!(
            "unsupported request media type {}: expected {FORM}, {MULTIPART} or {JSON}",
            found.join(", ")
        );
        self.error(&pointer.push("content"), message);
        None
    }

    /// The properties of a form (or multipart) body schema as parameter fields; in a multipart
    /// body, a `format: binary` string is a file.
    pub(super) fn form_fields(
        &mut self,
        schema: &'a ReferenceOr<Schema>,
        type_base: &str,
        pointer: &Pointer,
        location: ParamLocation,
        (fields, field_names): (&mut Vec<ParamField>, &mut BTreeSet<String>),
    ) {
        let Some((schema, pointer)) = self.schema_at(schema, pointer) else {
            if let ReferenceOr::Reference { reference } = schema {
                let message = self.unresolved(reference);
                self.error(pointer, message);
            }
            return;
        };
        let Some(parts) = self.object_parts(schema, &pointer) else {
            let view = SchemaView::of(schema);
            if view.kind != Kind::Object || view.is_composed() {
                self.error(
                    &pointer,
                    "a form body must be an object schema with properties",
                );
            } else if view.additional.is_some() {
                self.error(
                    &pointer,
                    "a form body of free-form keys is not supported: list its properties",
                );
            }
            return;
        };
        if parts.additional.is_some() {
            self.error(
                &pointer,
                "a form body with `additionalProperties` is not supported: list its properties",
            );
        }
        for (key, property, at) in parts.properties {
            let cx = Context::new(at, format!("{type_base}{}", naming::type_name(key)))
                .with_sid_hint(Some(SidHint::for_name(key)))
                .with_wire_name(key);
            let binary = location == ParamLocation::Multipart
                && matches!(property, ReferenceOr::Item(s) if is_binary(s));
            let ty = if binary {
                Ty::Binary
            } else {
                self.ty_of_boxed(property, &cx)
            };
            let required = parts.required.contains(key.as_str());
            let name = naming::unique(naming::value_name(key), field_names);
            fields.push(ParamField {
                field: property_field(name, key, property, ty, required),
                location,
                required,
                maximum: None,
            });
        }
    }

    /// The body of the 2xx responses: one JSON type, or none.
    pub(super) fn response_body(
        &mut self,
        operation: &'a openapiv3::Operation,
        type_base: &str,
        pointer: &Pointer,
        examples: &mut Vec<ResponseExample>,
    ) -> Option<ResponseBody> {
        let responses_pointer = pointer.push("responses");
        let mut bodies: Vec<(String, Option<Ty>)> = Vec::new();
        let mut redirects: Vec<(String, Option<Ty>)> = Vec::new();
        for (status, response) in &operation.responses.responses {
            let (code, redirect) = match status {
                StatusCode::Code(code) if (200..300).contains(code) => (code.to_string(), false),
                StatusCode::Range(2) => ("2XX".to_owned(), false),
                StatusCode::Code(code) if (300..400).contains(code) => (code.to_string(), true),
                StatusCode::Range(3) => ("3XX".to_owned(), true),
                _ => continue,
            };
            let at = responses_pointer.push(&code);
            let Some(response) = self.response(response, &at) else {
                continue;
            };
            let ty = self.response_ty(response, type_base, &at);
            if let Some(ty) = &ty {
                self.response_examples(response, &code, ty, &at, examples);
            }
            if redirect {
                redirects.push((code, ty));
            } else {
                bodies.push((code, ty));
            }
        }
        if bodies.is_empty() && !redirects.is_empty() {
            // Only redirects: the target is the answer (Bulk Exports' day files, OAuth's
            // authorize). One body type is kept when the redirects agree on it.
            let mut typed: Vec<Ty> = redirects.into_iter().filter_map(|(_, ty)| ty).collect();
            typed.dedup();
            return Some(ResponseBody::Redirect(if typed.len() == 1 {
                typed.pop()
            } else {
                None
            }));
        }
        let mut typed: Vec<&Ty> = bodies.iter().filter_map(|(_, ty)| ty.as_ref()).collect();
        typed.dedup();
        match (typed.as_slice(), bodies.len()) {
            (_, 0) => {
                self.error(
                    &responses_pointer,
                    "the operation declares no 2xx or 3xx response",
                );
                None
            }
            ([], _) => Some(ResponseBody::Empty),
            ([ty], n) if typed.len() == 1 && bodies.iter().all(|(_, t)| t.is_some()) || n == 1 => {
                Some(ResponseBody::Json((*ty).clone()))
            }
            _ => {
                // Different bodies per status (Knowledge's 200 resource and 202 message): an
                // enum chosen by the answer's status. A status range cannot be told apart.
                let mut variants = Vec::new();
                for (code, ty) in bodies {
                    let Ok(status) = code.parse::<u16>() else {
                        let message = format!(
                            "2xx responses have different bodies and {code} is a range; a status enum needs exact codes"
                        );
                        self.error(&responses_pointer, message);
                        return None;
                    };
                    variants.push(StatusVariant {
                        status,
                        name: format!("Status{status}"),
                        ty,
                    });
                }
                let name = naming::unique_type(format!("{type_base}Outcome"), &mut self.type_names);
                Some(ResponseBody::ByStatus(StatusResponses { name, variants }))
            }
        }
    }

    /// The JSON body type of one response, if it has one.
    fn response_ty(&mut self, response: &'a Response, type_base: &str, at: &Pointer) -> Option<Ty> {
        let media = response
            .content
            .iter()
            .find(|(media, _)| *media == JSON || media.ends_with("+json"));
        match media.and_then(|(media, m)| Some((media, m.schema.as_ref()?))) {
            Some((media, schema)) => {
                let hint = title_of(schema).unwrap_or_else(|| format!("{type_base}Response"));
                let cx = Context::new(
                    ptr!(at, "content", media, "schema"),
                    naming::type_name(&hint),
                );
                Some(self.ty_of(schema, &cx))
            }
            None if response.content.is_empty() => None,
            None => {
                let found: Vec<&str> = response.content.keys().map(String::as_str).collect();
                self.error(
                    &at.push("content"),
                    format!("unsupported response media type {}", found.join(", ")),
                );
                None
            }
        }
    }

    /// The examples of a response's JSON body: its `example`, then its named `examples`
    /// (`$ref`s to `components/examples` followed).
    fn response_examples(
        &mut self,
        response: &'a Response,
        status: &str,
        ty: &Ty,
        at: &Pointer,
        out: &mut Vec<ResponseExample>,
    ) {
        let Some((media, content)) = response
            .content
            .iter()
            .find(|(media, _)| *media == JSON || media.ends_with("+json"))
        else {
            return;
        };
        let mut push = |name: &str, value: &serde_json::Value| {
            out.push(ResponseExample {
                status: status.to_owned(),
                name: name.to_owned(),
                ty: ty.clone(),
                json: value.to_string(),
            });
        };
        if let Some(value) = &content.example {
            push("example", value);
        }
        let examples_at = ptr!(at, "content", media, "examples");
        for (name, example) in &content.examples {
            let Some(example) = self.follow(
                example,
                "examples",
                |c| &c.examples,
                &examples_at.push(name),
            ) else {
                continue;
            };
            if let Some(value) = &example.value {
                push(name, value);
            }
        }
    }

    pub(super) fn response(
        &mut self,
        response: &'a ReferenceOr<Response>,
        at: &Pointer,
    ) -> Option<&'a Response> {
        self.follow(response, "responses", |c| &c.responses, at)
    }
}

pub(super) fn title_of(schema: &ReferenceOr<Schema>) -> Option<String> {
    match schema {
        ReferenceOr::Item(s) => s.schema_data.title.clone(),
        ReferenceOr::Reference { .. } => None,
    }
}

/// A `type: string, format: binary` schema: a file's bytes.
fn is_binary(schema: &Schema) -> bool {
    matches!(
        &schema.schema_kind,
        openapiv3::SchemaKind::Type(openapiv3::Type::String(s))
            if matches!(&s.format, openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary))
    )
}
