//! Request and response bodies: form fields, JSON bodies, and the one success type.

use std::collections::BTreeSet;

use openapiv3::{ReferenceOr, RequestBody, Response, Schema, SchemaKind, StatusCode, Type};

use super::operations::{FORM, JSON};
use super::schemas::Context;
use super::sids::SidHint;
use super::structs::{is_pii, pattern_note, with_note};
use super::{Resolver, doc_lines};
use crate::model::{Field, ParamField, ParamLocation, ResponseBody, Ty};
use crate::naming;
use crate::pointer::{Pointer, ptr};

impl<'a> Resolver<'a> {
    /// The media type and schema of a request body: a form wins over JSON.
    pub(super) fn request_body(
        &mut self,
        body: &'a ReferenceOr<RequestBody>,
        pointer: &Pointer,
    ) -> Option<(&'static str, &'a ReferenceOr<Schema>)> {
        let body = self.follow(body, "requestBodies", |c| &c.request_bodies, pointer)?;
        for media in [FORM, JSON] {
            if let Some(schema) = body.content.get(media).and_then(|m| m.schema.as_ref()) {
                return Some((media, schema));
            }
        }
        let found: Vec<&str> = body.content.keys().map(String::as_str).collect();
        let message = format!(
            "unsupported request media type {}: expected {FORM} or {JSON}",
            found.join(", ")
        );
        self.error(&pointer.push("content"), message);
        None
    }

    /// The properties of a form body schema as parameter fields.
    pub(super) fn form_fields(
        &mut self,
        schema: &'a ReferenceOr<Schema>,
        type_base: &str,
        pointer: &Pointer,
        fields: &mut Vec<ParamField>,
        field_names: &mut BTreeSet<String>,
    ) {
        let (schema, pointer) = match schema {
            ReferenceOr::Item(s) => (s, pointer.clone()),
            ReferenceOr::Reference { reference } => match self.component_schema(reference) {
                Some((key, s)) => (
                    s,
                    Pointer::root().push("components").push("schemas").push(key),
                ),
                None => {
                    self.error(
                        pointer,
                        format!("$ref {reference:?} does not resolve to a component schema"),
                    );
                    return;
                }
            },
        };
        let Some(shape) = self.object_shape(schema) else {
            if !matches!(&schema.schema_kind, SchemaKind::Type(Type::Object(_))) {
                self.error(&pointer, "a form body must be an object schema");
            }
            return;
        };
        for (key, property) in shape.properties {
            let at = ptr!(pointer, "properties", key);
            let cx = Context::new(at, format!("{type_base}{}", naming::type_name(key)))
                .with_sid_hint(Some(SidHint::for_name(key)));
            let ty = self.ty_of_boxed(property, &cx);
            let required = shape.required.iter().any(|r| r == key);
            let (description, pii, note) = match property {
                ReferenceOr::Item(s) => (
                    s.schema_data.description.clone(),
                    is_pii(&s.schema_data.extensions),
                    pattern_note(s),
                ),
                ReferenceOr::Reference { .. } => (None, false, None),
            };
            fields.push(ParamField {
                field: Field {
                    name: naming::unique(naming::value_name(key), field_names),
                    wire_name: key.clone(),
                    ty,
                    optional: !required,
                    doc: with_note(doc_lines(description.as_deref()), note),
                    pii,
                },
                location: ParamLocation::Form,
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
    ) -> Option<ResponseBody> {
        let responses_pointer = pointer.push("responses");
        let mut bodies: Vec<(String, Option<Ty>)> = Vec::new();
        for (status, response) in &operation.responses.responses {
            let code = match status {
                StatusCode::Code(code) if (200..300).contains(code) => code.to_string(),
                StatusCode::Range(2) => "2XX".to_owned(),
                _ => continue,
            };
            let at = responses_pointer.push(&code);
            let Some(response) = self.response(response, &at) else {
                continue;
            };
            let media = response
                .content
                .iter()
                .find(|(media, _)| *media == JSON || media.ends_with("+json"));
            let ty = match media.and_then(|(media, m)| Some((media, m.schema.as_ref()?))) {
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
            };
            bodies.push((code, ty));
        }
        let mut typed: Vec<&Ty> = bodies.iter().filter_map(|(_, ty)| ty.as_ref()).collect();
        typed.dedup();
        match (typed.as_slice(), bodies.len()) {
            (_, 0) => {
                self.error(&responses_pointer, "the operation declares no 2xx response");
                None
            }
            ([], _) => Some(ResponseBody::Empty),
            ([ty], n) if typed.len() == 1 && bodies.iter().all(|(_, t)| t.is_some()) || n == 1 => {
                Some(ResponseBody::Json((*ty).clone()))
            }
            _ => {
                let codes: Vec<&str> = bodies.iter().map(|(c, _)| c.as_str()).collect();
                let message = format!(
                    "2xx responses {} have different bodies; one success type per operation is supported",
                    codes.join(", ")
                );
                self.error(&responses_pointer, message);
                None
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
