//! Parameters: path-item and operation parameters merged, `$ref`s followed, and the path
//! template checked against them.

use std::collections::BTreeSet;

use openapiv3::{
    HeaderStyle, Parameter, ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle, ReferenceOr,
    Schema,
};

use super::schemas::Context;
use super::sids::path_sid_hint;
use super::structs::{is_pii, pattern_note, with_note};
use super::view::SchemaView;
use super::{Resolver, doc_lines};
use crate::model::{Field, ParamField, ParamLocation, Passing, PathParam, PathPiece, Ty};
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
            .with_sid_hint(Some(path_sid_hint(id, &data.name)))
            .with_wire_name(&data.name);
            if let Parameter::Cookie { .. } = parameter {
                self.error(&param_pointer, "cookie parameters are not supported");
                continue;
            }
            let ty = self.ty_of(schema, &cx);
            if let Err(message) = self.check_style(parameter, &ty) {
                self.error(&param_pointer, message);
                continue;
            }
            match parameter {
                Parameter::Path { .. } => {
                    let client_account =
                        data.name == "AccountSid" && ty == Ty::Sid("AC".to_owned());
                    path_params.push(PathParam {
                        name: naming::unique(naming::value_name(&data.name), &mut path_names),
                        wire_name: data.name.clone(),
                        passing: Passing::of(&ty),
                        client_account,
                        ty,
                        doc: doc_lines(data.description.as_deref()),
                    });
                }
                Parameter::Query { .. } => {
                    let field = self.parameter_field(data, schema, ty, &mut field_names, false);
                    fields.push(field.at(ParamLocation::Query, self.maximum(schema)));
                }
                Parameter::Header { .. } => {
                    // Credentials and tokens travel in headers: keep them out of `Debug`.
                    let secret = is_secret_header(&data.name);
                    let field = self.parameter_field(data, schema, ty, &mut field_names, secret);
                    fields.push(field.at(ParamLocation::Header, None));
                }
                Parameter::Cookie { .. } => {}
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

    /// Parses the path template into literal text and parameters, checking it against the
    /// declared path parameters: every placeholder declared, every parameter used, no stray or
    /// nested braces, a leading `/`.
    pub(super) fn path_pieces(
        &mut self,
        path: &str,
        params: &[PathParam],
        pointer: &Pointer,
    ) -> Vec<PathPiece> {
        let mut pieces = Vec::new();
        let mut used = BTreeSet::new();
        if !path.starts_with('/') {
            self.error(pointer, "a path must start with `/`");
        }
        let mut rest = path;
        while !rest.is_empty() {
            let Some(open) = rest.find(['{', '}']) else {
                pieces.push(PathPiece::Literal(rest.to_owned()));
                break;
            };
            if open > 0 {
                pieces.push(PathPiece::Literal(rest[..open].to_owned()));
            }
            let after = &rest[open + 1..];
            let close = after.find(['{', '}']);
            let name = match (rest.as_bytes()[open], close) {
                (b'{', Some(close)) if after.as_bytes()[close] == b'}' && close > 0 => {
                    &after[..close]
                }
                _ => {
                    self.error(
                        pointer,
                        "malformed path template: braces must enclose one parameter name, as `{Sid}`",
                    );
                    return Vec::new();
                }
            };
            match params.iter().position(|p| p.wire_name == name) {
                Some(index) => {
                    used.insert(index);
                    pieces.push(PathPiece::Param(index));
                }
                None => self.error(
                    pointer,
                    format!("path parameter {{{name}}} is not declared"),
                ),
            }
            rest = &after[name.len() + 1..];
        }
        for (index, param) in params.iter().enumerate() {
            if !used.contains(&index) {
                self.error(
                    pointer,
                    format!(
                        "path parameter {:?} does not appear in the path",
                        param.wire_name
                    ),
                );
            }
        }
        pieces
    }

    pub(super) fn maximum(&self, schema: &ReferenceOr<Schema>) -> Option<i64> {
        self.deref_schema(schema)
            .and_then(|schema| SchemaView::of(schema).maximum)
    }

    /// Accepts the parameter's `style`/`explode` when it means on the wire what the client
    /// sends: query values as `style: form` with repeated keys (`explode: true`), path and
    /// header values as `style: simple` (comma-joined lists). A combination that differs from
    /// that only for lists or objects is accepted for single values, where it is the same:
    /// `explode: false` on a scalar query parameter (`AssistantId=aia_...` either way), and
    /// `explode: true` on a scalar or list path or header parameter (it changes only objects).
    fn check_style(&self, parameter: &Parameter, ty: &Ty) -> Result<(), String> {
        let explode = parameter.parameter_data_ref().explode;
        let kind = match self.json_kind(ty) {
            "string" | "boolean" | "integer" | "number" => "a single value",
            "array" => "a list",
            "object" => "an object",
            _ => "a value of no single JSON type",
        };
        let (location, accepted, sent) = match parameter {
            Parameter::Query { style, .. } => (
                "query",
                matches!(style, QueryStyle::Form)
                    && (explode != Some(false) || kind == "a single value"),
                "`style: form` with `explode: true` (a list repeats its key), Twilio's choice; \
                 `explode: false` is accepted for single values",
            ),
            Parameter::Path { style, .. } => (
                "path",
                matches!(style, PathStyle::Simple)
                    && (explode != Some(true) || matches!(kind, "a single value" | "a list")),
                "`style: simple` (`explode: true` is accepted except for objects, where it \
                 writes `key=value` pairs)",
            ),
            Parameter::Header { style, .. } => (
                "header",
                matches!(style, HeaderStyle::Simple)
                    && (explode != Some(true) || matches!(kind, "a single value" | "a list")),
                "`style: simple` (`explode: true` is accepted except for objects, where it \
                 writes `key=value` pairs)",
            ),
            Parameter::Cookie { .. } => ("cookie", false, "no cookie parameters"),
        };
        if accepted {
            return Ok(());
        }
        Err(format!(
            "this {location} parameter's `style`/`explode` is not supported for {kind}: it \
             would change what is sent; the client sends {sent}"
        ))
    }

    /// A query or header parameter as a field of the params struct.
    fn parameter_field(
        &mut self,
        data: &'a openapiv3::ParameterData,
        schema: &'a ReferenceOr<Schema>,
        ty: Ty,
        field_names: &mut BTreeSet<String>,
        secret: bool,
    ) -> Field {
        Field::new(
            naming::unique(naming::value_name(&data.name), field_names),
            &data.name,
            ty,
            !data.required,
            with_note(
                doc_lines(data.description.as_deref()),
                self.deref_schema(schema).and_then(pattern_note),
            ),
            secret || is_pii(&data.extensions),
        )
    }
}

/// The pointer of the path item holding the operation at `pointer`.
fn parent_of(pointer: &Pointer) -> Pointer {
    let text = pointer.as_str();
    let cut = text.rfind('/').unwrap_or(0);
    Pointer::from_ref(&format!("#{}", &text[..cut])).unwrap_or_default()
}

/// Header parameters whose values are credentials (`Authorization`, `X-Api-Key`, `...-Token`).
fn is_secret_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [
        "authorization",
        "token",
        "secret",
        "key",
        "password",
        "cookie",
    ]
    .iter()
    .any(|word| name.contains(word))
}

impl Field {
    /// This field as a parameter at `location`.
    fn at(self, location: ParamLocation, maximum: Option<i64>) -> ParamField {
        ParamField {
            required: !self.optional,
            field: self,
            location,
            maximum,
        }
    }
}
