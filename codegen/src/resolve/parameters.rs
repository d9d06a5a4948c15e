//! Parameters: path-item and operation parameters merged, `$ref`s followed, and the path
//! template checked against them.

use openapiv3::{Parameter, PathItem, ReferenceOr, Schema, SchemaKind, Type};

use super::Resolver;
use crate::model::PathParam;
use crate::pointer::{Pointer, ptr};

impl<'a> Resolver<'a> {
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
