//! Paths and operations: parameters, bodies, responses and pagination.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, RequestBody, Response, Schema,
    SchemaKind, StatusCode, Type,
};

use super::schemas::{Context, is_pii, pattern_note, with_note};
use super::sids::SidHint;
use super::{Resolver, doc_lines};
use crate::model::{
    Field, Method, Model, Operation, Pagination, ParamField, ParamLocation, Params, PathParam,
    ResponseBody, Ty,
};
use crate::naming;
use crate::pointer::{Pointer, ptr};

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

impl<'a> Resolver<'a> {
    /// Every operation in document order, and the API's base URL.
    pub(super) fn resolve_operations(&mut self) -> (Vec<Operation>, String) {
        let doc = self.doc;
        let paths_pointer = Pointer::root().push("paths");
        let mut operations = Vec::new();
        let mut seen_ids: BTreeMap<String, Pointer> = BTreeMap::new();
        let mut servers: BTreeSet<String> = BTreeSet::new();
        for (path, item) in &doc.paths.paths {
            let pointer = ptr!(paths_pointer, path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { .. } => {
                    self.error(&pointer, "a $ref path item is not supported");
                    continue;
                }
            };
            for (method_name, operation) in item.iter() {
                let op_pointer = ptr!(pointer, method_name);
                let server = operation
                    .servers
                    .first()
                    .or(item.servers.first())
                    .or(doc.servers.first());
                if let Some(server) = server {
                    servers.insert(server.url.trim_end_matches('/').to_owned());
                }
                let Some(method) = method_of(method_name) else {
                    self.error(
                        &op_pointer,
                        format!("the {method_name} method is not supported"),
                    );
                    continue;
                };
                let Some(id) = operation.operation_id.clone() else {
                    self.error(&op_pointer, "the operation has no operationId");
                    continue;
                };
                if let Some(first) = seen_ids.get(&id) {
                    let message = format!("operationId {id:?} is already used at {first}");
                    self.error(&op_pointer.push("operationId"), message);
                    continue;
                }
                seen_ids.insert(id.clone(), op_pointer.clone());
                let op = self.resolve_operation(path, item, method, operation, id, &op_pointer);
                operations.extend(op);
            }
        }
        let base_url = match servers.len() {
            1 => servers.into_iter().next().unwrap_or_default(),
            0 => {
                self.error(
                    &Pointer::root().push("servers"),
                    "no server URL is given for any operation",
                );
                String::new()
            }
            _ => {
                let list = servers.into_iter().collect::<Vec<_>>().join(", ");
                self.error(
                    &Pointer::root().push("servers"),
                    format!(
                        "operations use different servers ({list}); one client serves one origin"
                    ),
                );
                String::new()
            }
        };
        (operations, base_url)
    }

    fn resolve_operation(
        &mut self,
        path: &str,
        item: &'a PathItem,
        method: Method,
        operation: &'a openapiv3::Operation,
        id: String,
        pointer: &Pointer,
    ) -> Option<Operation> {
        let type_base = naming::type_name(&id);
        let parameters = self.parameters(item, operation, pointer);
        let mut path_params = Vec::new();
        let mut fields = Vec::new();
        let mut field_names = BTreeSet::new();
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
            .with_sid_hint(Some(path_sid_hint(&id, &data.name)));
            match parameter {
                Parameter::Path { .. } => {
                    let ty = self.ty_of(schema, &cx);
                    path_params.push(PathParam {
                        name: naming::value_name(&data.name),
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
        self.check_path_template(path, &path_params, pointer);

        let mut json_body = None;
        if let Some(body) = &operation.request_body {
            let body_pointer = pointer.push("requestBody");
            match self.request_body(body, &body_pointer) {
                Some((FORM, schema)) => {
                    let form_pointer = ptr!(body_pointer, "content", FORM, "schema");
                    self.form_fields(
                        schema,
                        &type_base,
                        &form_pointer,
                        &mut fields,
                        &mut field_names,
                    );
                }
                Some((_, schema)) => {
                    let hint = title_of(schema).unwrap_or_else(|| format!("{type_base}Request"));
                    let cx = Context::new(
                        ptr!(body_pointer, "content", JSON, "schema"),
                        naming::type_name(&hint),
                    );
                    json_body = Some(self.ty_of(schema, &cx));
                }
                None => {}
            }
        }

        let response = self.response_body(operation, &type_base, pointer)?;
        // A paged list is a GET; one with a JSON body is left a plain method.
        let pagination = if json_body.is_none() {
            self.pagination(method, &response, &fields)
        } else {
            None
        };
        let params = (!fields.is_empty()).then(|| Params {
            name: format!("{type_base}Params"),
            fields,
        });
        Some(Operation {
            fn_name: naming::value_name(&id),
            id,
            method,
            path_template: path.to_owned(),
            path_params,
            params,
            json_body,
            response,
            pagination,
            summary: operation.summary.clone(),
            doc: doc_lines(operation.description.as_deref()),
            resource_name: resource_name(path, item),
        })
    }

    /// Path-item parameters overridden by the operation's own (same name and location).
    fn parameters(
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

    fn parameter(
        &mut self,
        parameter: &'a ReferenceOr<Parameter>,
        at: &Pointer,
    ) -> Option<&'a Parameter> {
        match parameter {
            ReferenceOr::Item(p) => Some(p),
            ReferenceOr::Reference { reference } => {
                let doc = self.doc;
                let found = reference
                    .strip_prefix("#/components/parameters/")
                    .and_then(|key| doc.components.as_ref()?.parameters.get(key));
                match found {
                    Some(ReferenceOr::Item(p)) => Some(p),
                    _ => {
                        self.error(
                            at,
                            format!("$ref {reference:?} does not resolve to a component parameter"),
                        );
                        None
                    }
                }
            }
        }
    }

    fn check_path_template(&mut self, path: &str, params: &[PathParam], pointer: &Pointer) {
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

    /// The media type and schema of a request body: a form wins over JSON.
    fn request_body(
        &mut self,
        body: &'a ReferenceOr<RequestBody>,
        pointer: &Pointer,
    ) -> Option<(&'static str, &'a ReferenceOr<Schema>)> {
        let body = match body {
            ReferenceOr::Item(body) => body,
            ReferenceOr::Reference { reference } => {
                let doc = self.doc;
                let found = reference
                    .strip_prefix("#/components/requestBodies/")
                    .and_then(|key| doc.components.as_ref()?.request_bodies.get(key));
                match found {
                    Some(ReferenceOr::Item(body)) => body,
                    _ => {
                        self.error(
                            pointer,
                            format!(
                                "$ref {reference:?} does not resolve to a component request body"
                            ),
                        );
                        return None;
                    }
                }
            }
        };
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
    fn form_fields(
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
    fn response_body(
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

    fn response(
        &mut self,
        response: &'a ReferenceOr<Response>,
        at: &Pointer,
    ) -> Option<&'a Response> {
        match response {
            ReferenceOr::Item(r) => Some(r),
            ReferenceOr::Reference { reference } => {
                let doc = self.doc;
                let found = reference
                    .strip_prefix("#/components/responses/")
                    .and_then(|key| doc.components.as_ref()?.responses.get(key));
                match found {
                    Some(ReferenceOr::Item(r)) => Some(r),
                    _ => {
                        self.error(
                            at,
                            format!("$ref {reference:?} does not resolve to a component response"),
                        );
                        None
                    }
                }
            }
        }
    }

    /// A GET whose response is a Twilio page gets a stream over all its items.
    fn pagination(
        &self,
        method: Method,
        response: &ResponseBody,
        fields: &[ParamField],
    ) -> Option<Pagination> {
        let ResponseBody::Json(Ty::Model(name)) = response else {
            return None;
        };
        if method != Method::Get {
            return None;
        }
        let Some(Model::Struct(page)) = self.models.get(name) else {
            return None;
        };
        let list = page.list_page.as_ref()?;
        let page_size = fields
            .iter()
            .find(|f| {
                f.location == ParamLocation::Query
                    && f.field.wire_name.eq_ignore_ascii_case("PageSize")
            })
            .map(|f| (f.field.name.clone(), f.maximum.unwrap_or(1000)));
        Some(Pagination {
            page_struct: name.clone(),
            item_ty: list.item_ty.clone(),
            page_size,
        })
    }

    fn maximum(&self, schema: &ReferenceOr<Schema>) -> Option<i64> {
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

fn method_of(name: &str) -> Option<Method> {
    match name {
        "get" => Some(Method::Get),
        "post" => Some(Method::Post),
        "put" => Some(Method::Put),
        "patch" => Some(Method::Patch),
        "delete" => Some(Method::Delete),
        _ => None,
    }
}

/// The pointer of the path item holding the operation at `pointer`.
fn parent_of(pointer: &Pointer) -> Pointer {
    let text = pointer.as_str();
    let cut = text.rfind('/').unwrap_or(0);
    Pointer::from_ref(&format!("#{}", &text[..cut])).unwrap_or_default()
}

fn title_of(schema: &ReferenceOr<Schema>) -> Option<String> {
    match schema {
        ReferenceOr::Item(s) => s.schema_data.title.clone(),
        ReferenceOr::Reference { .. } => None,
    }
}

/// A path parameter called `Sid` takes its name from the operation: `FetchEndUser` ->
/// `EndUserSid`; `BundleSid` names itself.
fn path_sid_hint(operation_id: &str, parameter: &str) -> SidHint {
    if !parameter.eq_ignore_ascii_case("sid") {
        return SidHint::for_name(parameter);
    }
    let resource = ["Create", "Fetch", "Update", "Delete", "List"]
        .iter()
        .find_map(|verb| operation_id.strip_prefix(verb))
        .unwrap_or(operation_id);
    SidHint {
        name: format!("{}Sid", naming::type_name(resource)),
        rank: 0,
    }
}

/// Twilio's libraries mount each resource under a name: `x-twilio.mountName` when the document
/// gives one, else the last literal path segment (`/EndUsers/{Sid}` -> `end_users`).
fn resource_name(path: &str, item: &PathItem) -> String {
    let mount = item
        .extensions
        .get("x-twilio")
        .and_then(|x| x.get("mountName"))
        .and_then(|m| m.as_str());
    if let Some(mount) = mount {
        return mount.to_owned();
    }
    let segment = path
        .rsplit('/')
        .find(|s| !s.is_empty() && !s.starts_with('{'))
        .unwrap_or("");
    naming::value_name(segment)
}
