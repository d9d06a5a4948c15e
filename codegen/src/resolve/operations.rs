//! Paths and operations: the walk over the document, and paged lists.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{PathItem, ReferenceOr, SecurityScheme};

use super::bodies::{FORM, JSON, MULTIPART, title_of};
use super::schemas::Context;
use super::{Resolver, doc_lines};
use crate::model::{Auth, Method, Operation, ParamLocation, Params};
use crate::naming;
use crate::pointer::{Pointer, ptr};

/// Methods the hand-written runtime defines on `Client` (`generated-client/src/runtime/`); an
/// operation named like one of them would not compile. Part of `docs/runtime-contract.md`; a
/// test (`runtime_client_methods_are_all_reserved`) reads the runtime's source to keep it true.
pub(crate) const RUNTIME_CLIENT_METHODS: &[&str] = &[
    "account_sid",
    "attempt",
    "base_url",
    "builder",
    "execute",
    "execute_allowing_redirects",
    "execute_with",
    "for_account",
    "from_env",
    "max_body_size",
    "max_pages",
    "neighbour",
    "next_page",
    "paginate",
    "previous_page",
    "report_retry",
    "request_for",
    "resolve_next_page",
    "retry_policy",
    "send_by_status",
    "send_empty",
    "send_json",
    "send_page",
    "send_redirect",
    "url_for",
    "user_agent",
];

impl<'a> Resolver<'a> {
    /// Every operation in document order, the API's base URL, and the other servers some
    /// operations declare as their own.
    pub(super) fn resolve_operations(&mut self) -> (Vec<Operation>, String, Vec<String>) {
        let doc = self.doc;
        let paths_pointer = Pointer::root().push("paths");
        let mut operations = Vec::new();
        let mut seen_ids: BTreeMap<String, Pointer> = BTreeMap::new();
        // Each operation's server (index into `operations`), decided once all are known.
        let mut op_servers: Vec<Option<String>> = Vec::new();
        // The runtime's own methods on `Client` are taken too.
        let mut method_names: BTreeMap<String, String> = RUNTIME_CLIENT_METHODS
            .iter()
            .map(|name| ((*name).to_owned(), "the runtime".to_owned()))
            .collect();
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
                    .or(doc.servers.first())
                    .map(|server| server.url.trim_end_matches('/').to_owned());
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
                if let Some(op) = op {
                    self.claim_method_names(&op, &mut method_names, &op_pointer);
                    operations.push(op);
                    op_servers.push(server);
                }
            }
        }
        let base_url = self.base_url(&op_servers);
        let mut others = BTreeSet::new();
        for (op, server) in operations.iter_mut().zip(op_servers) {
            if let Some(server) = server.filter(|s| *s != base_url) {
                others.insert(server.clone());
                op.server = Some(server);
            }
        }
        (operations, base_url, others.into_iter().collect())
    }

    /// The API's base URL: the document's first `servers` entry, else the one server every
    /// operation uses. Operations may declare servers of their own (an upload host); without a
    /// document-level entry, two servers leave no default and are refused.
    fn base_url(&mut self, op_servers: &[Option<String>]) -> String {
        if let Some(server) = self.doc.servers.first() {
            return server.url.trim_end_matches('/').to_owned();
        }
        let servers: BTreeSet<&String> = op_servers.iter().flatten().collect();
        match servers.len() {
            1 => servers.into_iter().next().cloned().unwrap_or_default(),
            // No `servers` anywhere: the client then needs `ClientBuilder::base_url`.
            0 => String::new(),
            _ => {
                let list = servers
                    .into_iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ");
                self.error(
                    &Pointer::root().push("servers"),
                    format!(
                        "operations use different servers ({list}) and the document names no default one in its top-level `servers`"
                    ),
                );
                String::new()
            }
        }
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
        let (path_params, mut fields, mut field_names) =
            self.split_parameters(&id, &type_base, parameters);
        let path_pieces = self.path_pieces(path, &path_params, pointer);

        let mut json_body = None;
        if let Some(body) = &operation.request_body {
            let body_pointer = pointer.push("requestBody");
            match self.request_body(body, &body_pointer) {
                Some((media @ (FORM | MULTIPART), schema)) => {
                    let form_pointer = ptr!(body_pointer, "content", media, "schema");
                    let location = if media == MULTIPART {
                        ParamLocation::Multipart
                    } else {
                        ParamLocation::Form
                    };
                    self.form_fields(
                        schema,
                        &type_base,
                        &form_pointer,
                        location,
                        (&mut fields, &mut field_names),
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

        let mut examples = Vec::new();
        let response = self.response_body(operation, &type_base, pointer, &mut examples)?;
        // A paged list is a GET; one with a JSON body is left a plain method.
        let pagination = if json_body.is_none() {
            self.pagination(method, &response, &fields)
        } else {
            None
        };
        if let Some((name, max)) = pagination.as_ref().and_then(|p| p.page_size.as_ref())
            && let Some(field) = fields.iter_mut().find(|f| f.field.name == *name)
        {
            let note = format!(
                "Sent within `1..={max}`: a smaller value is sent as 1, a larger one as {max}."
            );
            field.field.doc =
                super::structs::with_note(std::mem::take(&mut field.field.doc), Some(note));
        }
        let params = (!fields.is_empty()).then(|| Params {
            name: format!("{type_base}Params"),
            fields,
        });
        Some(Operation {
            fn_name: naming::value_name(&id),
            id,
            method,
            path_template: path.to_owned(),
            path_pieces,
            path_params,
            params,
            json_body,
            response,
            success_status: success_status(operation),
            pagination,
            summary: operation.summary.clone(),
            doc: doc_lines(operation.description.as_deref()),
            auth: self.auth(operation, pointer),
            resource_name: resource_name(path, item),
            examples,
            server: None,
        })
    }

    /// Records the methods `op` will have on `Client`; one that another operation already has
    /// (`ListThing` next to `ListThingStream`, say) is an error rather than a crate that does not
    /// compile.
    fn claim_method_names(
        &mut self,
        op: &Operation,
        taken: &mut BTreeMap<String, String>,
        pointer: &Pointer,
    ) {
        let mut names = vec![
            op.fn_name.clone(),
            naming::companion(&op.fn_name, "with_response"),
        ];
        if op.pagination.is_some() {
            for suffix in ["stream", "request"] {
                names.push(naming::companion(&op.fn_name, suffix));
            }
        }
        for name in names {
            if let Some(owner) = taken.insert(name.clone(), format!("operation {}", op.id)) {
                let message = format!(
                    "operation {} would define the method `{name}`, which {owner} already defines",
                    op.id
                );
                self.error(&pointer.push("operationId"), message);
            }
        }
    }
}

impl Resolver<'_> {
    /// How the operation authenticates, from its `security` (or the document's): basic auth when
    /// a basic scheme is accepted, else a bearer token; `security: []` sends no credentials.
    fn auth(&mut self, operation: &openapiv3::Operation, pointer: &Pointer) -> Auth {
        let doc = self.doc;
        let (requirements, at) = match &operation.security {
            Some(list) => (list, pointer.push("security")),
            None => match &doc.security {
                Some(list) => (list, Pointer::root().push("security")),
                None => return Auth::Basic,
            },
        };
        if requirements.is_empty() {
            return Auth::None;
        }
        let schemes = doc.components.as_ref().map(|c| &c.security_schemes);
        let mut found = Vec::new();
        for name in requirements.iter().flat_map(|r| r.keys()) {
            let scheme = schemes.and_then(|s| s.get(name));
            let auth = match scheme {
                Some(ReferenceOr::Item(SecurityScheme::HTTP { scheme, .. }))
                    if scheme.eq_ignore_ascii_case("basic") =>
                {
                    Some(Auth::Basic)
                }
                Some(ReferenceOr::Item(SecurityScheme::HTTP { scheme, .. }))
                    if scheme.eq_ignore_ascii_case("bearer") =>
                {
                    Some(Auth::Bearer)
                }
                Some(ReferenceOr::Item(
                    SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. },
                )) => Some(Auth::Bearer),
                _ => None,
            };
            match auth {
                Some(auth) => found.push(auth),
                None => self.error(
                    &at,
                    format!(
                        "security scheme {name:?} is not supported: only HTTP basic and bearer tokens"
                    ),
                ),
            }
        }
        if found.contains(&Auth::Basic) || found.is_empty() {
            Auth::Basic
        } else {
            Auth::Bearer
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

/// The first 2xx status an operation declares, else its first 3xx, else 200 (a `2XX` range).
fn success_status(operation: &openapiv3::Operation) -> u16 {
    let codes: Vec<u16> = operation
        .responses
        .responses
        .keys()
        .filter_map(|status| match status {
            openapiv3::StatusCode::Code(code) => Some(*code),
            openapiv3::StatusCode::Range(_) => None,
        })
        .collect();
    let first_in = |range: std::ops::Range<u16>| codes.iter().copied().find(|c| range.contains(c));
    first_in(200..300)
        .or_else(|| first_in(300..400))
        .unwrap_or(200)
}
