//! Parameters: path-item and operation parameters merged, `$ref`s followed, and the path
//! template checked against them.

use std::collections::BTreeSet;

use openapiv3::{
    Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, Schema, SchemaKind, Type,
};

use super::schemas::Context;
use super::sids::path_sid_hint;
use super::structs::{is_pii, pattern_note, with_note};
use super::{Resolver, doc_lines};
use crate::model::{Field, ParamField, ParamLocation, PathParam};
use crate::naming;
use crate::pointer::{Pointer, ptr};

impl<'a> Resolver<'a> {
    /// Path parameters (positional arguments) apart from query parameters (fields of the
    /// operation's params struct); also returns the field names taken so far.
    pub(super) fn split_parameters(
        &mut self,
        id: &str,
        type_base: &str,
        parameters: Vec<(&'a Parameter, Pointer)>,
    ) -> (Vec<PathParam>, Vec<ParamField>, BTreeSet<String>) {
        let mut path_params = Vec::new();
        let mut fields = Vec::new();
        let mut field_names = naming::reserved_param_fields();
        let mut path_names = naming::reserved_path_arguments();
        for (parameter, param_pointer) in parameters {
            let data = parameter.parameter_data_ref();
            let schema = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => schema,
                ParameterSchemaOrContent::Content(_) => {
                    self.error(
                        &param_pointer,
                        "a parameter with `content` instead of `schema` is not supported",
                    );
                    continue;
                }
            };
            let cx = Context::new(
                param_pointer.push("schema"),
                format!("{type_base}{}", naming::type_name(&data.name)),
            )
            .with_sid_hint(Some(path_sid_hint(id, &data.name)));
            match parameter {
                Parameter::Path { .. } => {
                    let ty = self.ty_of(schema, &cx);
                    path_params.push(PathParam {
                        name: naming::unique(naming::value_name(&data.name), &mut path_names),
                        wire_name: data.name.clone(),
                        ty,
                        doc: doc_lines(data.description.as_deref()),
                    });
                }
                Parameter::Query { .. } => {
                    let ty = self.ty_of(schema, &cx);
                    fields.push(ParamField {
                        field: Field {
                            name: naming::unique(naming::value_name(&data.name), &mut field_names),
                            wire_name: data.name.clone(),
                            ty,
                            optional: !data.required,
                            doc: with_note(
                                doc_lines(data.description.as_deref()),
                                match schema {
                                    ReferenceOr::Item(s) => pattern_note(s),
                                    ReferenceOr::Reference { .. } => None,
                                },
                            ),
                            pii: is_pii(&data.extensions),
                        },
                        location: ParamLocation::Query,
                        required: data.required,
                        maximum: self.maximum(schema),
                    });
                }
                Parameter::Header { .. } | Parameter::Cookie { .. } => {
                    self.error(
                        &param_pointer,
                        "header and cookie parameters are not supported",
                    );
                }
            }
        }
        (path_params, fields, field_names)
    }

    /// Path-item parameters overridden by the operation's own (same name and location).
    pub(super) fn parameters(
        &mut self,
        item: &'a PathItem,
        operation: &'a openapiv3::Operation,
        pointer: &Pointer,
    ) -> Vec<(&'a Parameter, Pointer)> {
        let mut out: Vec<(&'a Parameter, Pointer)> = Vec::new();
        let lists = [
            (&item.parameters, parent_of(pointer)),
            (&operation.parameters, pointer.clone()),
        ];
        for (list, base) in lists {
            for (i, parameter) in list.iter().enumerate() {
                let at = ptr!(base, "parameters", i.to_string());
                let Some(parameter) = self.parameter(parameter, &at) else {
                    continue;
                };
                let key = |p: &Parameter| {
                    (
                        p.parameter_data_ref().name.clone(),
                        std::mem::discriminant(p),
                    )
                };
                out.retain(|(existing, _)| key(existing) != key(parameter));
                out.push((parameter, at));
            }
        }
        out
    }

    pub(super) fn parameter(
        &mut self,
        parameter: &'a ReferenceOr<Parameter>,
        at: &Pointer,
    ) -> Option<&'a Parameter> {
        self.follow(parameter, "parameters", |c| &c.parameters, at)
    }

    pub(super) fn check_path_template(
        &mut self,
        path: &str,
        params: &[PathParam],
        pointer: &Pointer,
    ) {
        let placeholders: Vec<&str> = path
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        for name in &placeholders {
            if !params.iter().any(|p| p.wire_name == *name) {
                self.error(
                    pointer,
                    format!("path parameter {{{name}}} is not declared"),
                );
            }
        }
        for param in params {
            if !placeholders.contains(&param.wire_name.as_str()) {
                self.error(
                    pointer,
                    format!(
                        "path parameter {:?} does not appear in the path",
                        param.wire_name
                    ),
                );
            }
        }
    }

    pub(super) fn maximum(&self, schema: &ReferenceOr<Schema>) -> Option<i64> {
        let ReferenceOr::Item(schema) = schema else {
            return None;
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Integer(i)) => i.maximum,
            SchemaKind::Any(any) => any.maximum.map(|m| m as i64),
            _ => None,
        }
    }
}

/// The pointer of the path item holding the operation at `pointer`.
fn parent_of(pointer: &Pointer) -> Pointer {
    let text = pointer.as_str();
    let cut = text.rfind('/').unwrap_or(0);
    Pointer::from_ref(&format!("#{}", &text[..cut])).unwrap_or_default()
}
