//! Keys openapiv3 would drop without a word: a duplicated key (YAML keeps the last), a key the
//! OpenAPI object does not define (`propertes:`, `GET:`, `psot:`), a path without its leading
//! `/`. Each is an error with the pointer of the node, so nothing vanishes silently.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::error::{SpecError, SpecErrors};
use crate::pointer::Pointer;

/// Parses YAML (or JSON) text into a tree, refusing duplicated mapping keys.
pub(super) fn parse_tree(file: &str, text: &str) -> Result<Value, SpecErrors> {
    let fail = |pointer: String, message: String| {
        SpecErrors(vec![SpecError {
            file: file.to_owned(),
            pointer,
            message,
        }])
    };
    let json = is_json(text);
    // A valid document is parsed once, without tracking paths (about 5 % of the parse on
    // Numbers v2); only a failing one is parsed again, with paths, to name the node.
    let fast = if json {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        Tree::deserialize(&mut deserializer)
            .ok()
            .filter(|_| deserializer.end().is_ok())
    } else {
        Tree::deserialize(serde_yaml::Deserializer::from_str(text)).ok()
    };
    if let Some(Tree(tree)) = fast {
        return Ok(tree);
    }
    let (path, message) = if json {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        match serde_path_to_error::deserialize::<_, Tree>(&mut deserializer) {
            Ok(Tree(tree)) => {
                return match deserializer.end() {
                    Ok(()) => Ok(tree),
                    Err(e) => Err(fail(String::new(), format!("not valid JSON: {e}"))),
                };
            }
            Err(e) => (e.path().clone(), e.into_inner().to_string()),
        }
    } else {
        match serde_path_to_error::deserialize::<_, Tree>(serde_yaml::Deserializer::from_str(text))
        {
            Ok(Tree(tree)) => return Ok(tree),
            Err(e) => (e.path().clone(), e.into_inner().to_string()),
        }
    };
    let Some(rest) = message
        .find(DUPLICATE)
        .map(|at| &message[at + DUPLICATE.len()..])
    else {
        return Err(fail(String::new(), format!("not valid YAML: {message}")));
    };
    let key = rest.split(" at line").next().unwrap_or(rest);
    // The path names the mapping, or already its repeated key.
    let mut pointer = super::path_to_pointer(&path);
    let last = Pointer::root().push(key).to_string();
    if !pointer.ends_with(&last) {
        pointer.push_str(&last);
    }
    Err(fail(
        pointer,
        format!("the key {key:?} appears twice in one mapping; YAML would keep only the last"),
    ))
}

const DUPLICATE: &str = "duplicate key ";

/// A JSON document (it starts with `{`), as opposed to YAML.
pub(super) fn is_json(text: &str) -> bool {
    text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with('{')
}

/// A JSON tree whose mappings never repeat a key.
struct Tree(Value);

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TreeVisitor).map(Tree)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Tree(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(Key(key)) = map.next_key()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!("{DUPLICATE}{key}")));
            }
            let Tree(value) = map.next_value()?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// A mapping key: any scalar, as text (`200:` and `'200':` are the same response code).
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a scalar mapping key")
            }
            fn visit_str<E>(self, v: &str) -> Result<String, E> {
                Ok(v.to_owned())
            }
            fn visit_bool<E>(self, v: bool) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_i64<E>(self, v: i64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_u64<E>(self, v: u64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_f64<E>(self, v: f64) -> Result<String, E> {
                Ok(v.to_string())
            }
        }
        deserializer.deserialize_any(KeyVisitor).map(Key)
    }
}

const ROOT: &[&str] = &[
    "openapi",
    "info",
    "servers",
    "paths",
    "components",
    "security",
    "tags",
    "externalDocs",
];
const PATH_ITEM: &[&str] = &[
    "$ref",
    "summary",
    "description",
    "get",
    "put",
    "post",
    "delete",
    "options",
    "head",
    "patch",
    "trace",
    "servers",
    "parameters",
];
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];
const OPERATION: &[&str] = &[
    "tags",
    "summary",
    "description",
    "externalDocs",
    "operationId",
    "parameters",
    "requestBody",
    "responses",
    "callbacks",
    "deprecated",
    "security",
    "servers",
];
const PARAMETER: &[&str] = &[
    "$ref",
    "name",
    "in",
    "description",
    "required",
    "deprecated",
    "allowEmptyValue",
    "style",
    "explode",
    "allowReserved",
    "schema",
    "example",
    "examples",
    "content",
];
const REQUEST_BODY: &[&str] = &["$ref", "description", "content", "required"];
const RESPONSE: &[&str] = &["$ref", "description", "headers", "content", "links"];
const MEDIA_TYPE: &[&str] = &["schema", "example", "examples", "encoding"];
const COMPONENTS: &[&str] = &[
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
];
const SCHEMA: &[&str] = &[
    "$ref",
    "title",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "required",
    "enum",
    "type",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "items",
    "properties",
    "additionalProperties",
    "description",
    "format",
    "default",
    "nullable",
    "discriminator",
    "readOnly",
    "writeOnly",
    "xml",
    "externalDocs",
    "example",
    "deprecated",
];

/// Every key of the document's structural objects that OpenAPI 3.0 does not define.
pub(super) fn unknown_keys(file: &str, tree: &Value) -> Vec<SpecError> {
    let mut walk = Walk {
        file,
        errors: Vec::new(),
    };
    walk.check(tree, &Pointer::root(), ROOT, "the document");
    if let Some(paths) = tree.get("paths").and_then(Value::as_object) {
        let base = Pointer::root().push("paths");
        for (path, item) in paths {
            let at = base.push(path);
            if path.starts_with("x-") {
                continue;
            }
            if !path.starts_with('/') {
                walk.error(&at, format!("the path {path:?} must start with `/`"));
                continue;
            }
            walk.path_item(item, &at);
        }
    }
    if let Some(components) = tree.get("components") {
        let base = Pointer::root().push("components");
        walk.check(components, &base, COMPONENTS, "components");
        walk.each(
            components.get("schemas"),
            &base.push("schemas"),
            Walk::schema,
        );
        walk.each(
            components.get("parameters"),
            &base.push("parameters"),
            Walk::parameter,
        );
        walk.each(
            components.get("responses"),
            &base.push("responses"),
            Walk::response,
        );
        walk.each(
            components.get("requestBodies"),
            &base.push("requestBodies"),
            Walk::request_body,
        );
    }
    walk.errors
}

struct Walk<'f> {
    file: &'f str,
    errors: Vec<SpecError>,
}

impl Walk<'_> {
    fn error(&mut self, at: &Pointer, message: String) {
        self.errors.push(SpecError {
            file: self.file.to_owned(),
            pointer: at.to_string(),
            message,
        });
    }

    /// Reports keys of `node` outside `allowed` (extensions `x-...` are always allowed).
    fn check(&mut self, node: &Value, at: &Pointer, allowed: &[&str], what: &str) {
        let Some(map) = node.as_object() else { return };
        for key in map.keys() {
            if !key.starts_with("x-") && !allowed.contains(&key.as_str()) {
                let hint = if METHODS.contains(&key.to_ascii_lowercase().as_str()) {
                    " (HTTP methods are lowercase)"
                } else {
                    ""
                };
                self.error(
                    &at.push(key),
                    format!("unknown key {key:?} in {what}{hint}: OpenAPI 3.0 does not define it, so it would be ignored"),
                );
            }
        }
    }

    fn each(&mut self, node: Option<&Value>, at: &Pointer, visit: fn(&mut Self, &Value, &Pointer)) {
        for (key, child) in node.and_then(Value::as_object).into_iter().flatten() {
            visit(self, child, &at.push(key));
        }
    }

    fn list(&mut self, node: Option<&Value>, at: &Pointer, visit: fn(&mut Self, &Value, &Pointer)) {
        for (i, child) in node
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            visit(self, child, &at.push(&i.to_string()));
        }
    }

    fn path_item(&mut self, item: &Value, at: &Pointer) {
        self.check(item, at, PATH_ITEM, "a path item");
        self.list(
            item.get("parameters"),
            &at.push("parameters"),
            Walk::parameter,
        );
        for method in METHODS {
            if let Some(operation) = item.get(*method) {
                self.operation(operation, &at.push(method));
            }
        }
    }

    fn operation(&mut self, operation: &Value, at: &Pointer) {
        self.check(operation, at, OPERATION, "an operation");
        self.list(
            operation.get("parameters"),
            &at.push("parameters"),
            Walk::parameter,
        );
        if let Some(body) = operation.get("requestBody") {
            self.request_body(body, &at.push("requestBody"));
        }
        self.each(
            operation.get("responses"),
            &at.push("responses"),
            Walk::response,
        );
    }

    fn parameter(&mut self, parameter: &Value, at: &Pointer) {
        self.check(parameter, at, PARAMETER, "a parameter");
        if let Some(schema) = parameter.get("schema") {
            self.schema(schema, &at.push("schema"));
        }
        self.content(parameter.get("content"), &at.push("content"));
    }

    fn request_body(&mut self, body: &Value, at: &Pointer) {
        self.check(body, at, REQUEST_BODY, "a request body");
        self.content(body.get("content"), &at.push("content"));
    }

    fn response(&mut self, response: &Value, at: &Pointer) {
        self.check(response, at, RESPONSE, "a response");
        self.content(response.get("content"), &at.push("content"));
    }

    fn content(&mut self, content: Option<&Value>, at: &Pointer) {
        for (media, entry) in content.and_then(Value::as_object).into_iter().flatten() {
            let at = at.push(media);
            self.check(entry, &at, MEDIA_TYPE, "a media type");
            if let Some(schema) = entry.get("schema") {
                self.schema(schema, &at.push("schema"));
            }
        }
    }

    /// A schema and every schema inside it, with an explicit stack: no input can exhaust the
    /// call stack here.
    fn schema(&mut self, schema: &Value, at: &Pointer) {
        let mut stack = vec![(schema, at.clone())];
        while let Some((node, at)) = stack.pop() {
            self.check(node, &at, SCHEMA, "a schema");
            let Some(map) = node.as_object() else {
                continue;
            };
            for key in ["items", "not", "additionalProperties"] {
                if let Some(child) = map.get(key).filter(|c| c.is_object()) {
                    stack.push((child, at.push(key)));
                }
            }
            for key in ["allOf", "oneOf", "anyOf"] {
                for (i, child) in map
                    .get(key)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    stack.push((child, at.push(key).push(&i.to_string())));
                }
            }
            for (name, child) in map
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                stack.push((child, at.push("properties").push(name)));
            }
        }
    }
}
