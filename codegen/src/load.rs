//! Stage 1: spec text to `openapiv3::OpenAPI`. The only module that knows about YAML.

mod strict;

use openapiv3::OpenAPI;

use crate::error::{SpecError, SpecErrors};
use crate::pointer::Pointer;

/// The largest document the generator reads: 64 MiB. Twilio's largest (`twilio_api_v2010.yaml`)
/// is about 1.5 MB. Callers that read files should stop reading past this (`Read::take`).
pub const MAX_SPEC_BYTES: usize = 64 << 20;

/// How many flow collections (`[`, `{`) may be open at once, as counted by [`flow_depth_bound`].
/// The YAML scanner's work per token grows with this depth, so capping it keeps parsing linear;
/// Twilio's documents stay under 110 by that count (nested `[[...]]` 100k deep used to take 30 s
/// and more to refuse).
pub const MAX_FLOW_DEPTH: usize = 512;

/// A parsed document, with the keys it holds that OpenAPI does not define: reported together
/// with resolve's own errors, so one run lists every problem.
pub(crate) struct Loaded {
    pub(crate) doc: OpenAPI,
    pub(crate) unknown_keys: Vec<SpecError>,
}

/// Parses `text` (YAML or JSON) as an OpenAPI 3.0.x document named `file` in errors.
pub(crate) fn load(file: &str, text: &str) -> Result<Loaded, SpecErrors> {
    let fail = |pointer: String, message: String| {
        Err(SpecErrors(vec![SpecError {
            file: file.to_owned(),
            pointer,
            message,
        }]))
    };
    if text.len() > MAX_SPEC_BYTES {
        return fail(
            String::new(),
            format!(
                "the document is {} bytes, more than the limit of {MAX_SPEC_BYTES} (64 MiB)",
                text.len()
            ),
        );
    }
    // JSON goes to serde_json, linear at any depth with its own nesting limit (128); the bound
    // below is for the YAML scanner, and would refuse any large JSON document, whose objects
    // all span lines.
    if !strict::is_json(text)
        && let Err(line) = flow_depth_bound(text, MAX_FLOW_DEPTH)
    {
        return fail(
            String::new(),
            format!(
                "flow collections (`[`, `{{`) nest more than {MAX_FLOW_DEPTH} deep by line {line}"
            ),
        );
    }
    // A generic tree first: it gives line numbers for syntax errors and lets the version gate run
    // before openapiv3 reports a less helpful shape error on a 3.1 document.
    let tree = strict::parse_tree(file, text)?;
    let Some(root) = tree.as_object() else {
        return fail(String::new(), "the document is not a mapping".to_owned());
    };
    match root.get("openapi").and_then(|v| v.as_str()) {
        Some(v) if v.starts_with("3.0.") => {}
        Some(v) => {
            return fail(
                "/openapi".to_owned(),
                format!("unsupported OpenAPI version {v:?}: only 3.0.x is supported"),
            );
        }
        None => {
            return fail(
                "/openapi".to_owned(),
                "missing the `openapi` version field".to_owned(),
            );
        }
    }
    let unknown_keys = strict::unknown_keys(file, &tree);
    // Paths are tracked only to explain a failure: a valid document is read once without them.
    if let Ok(doc) = <OpenAPI as serde::Deserialize>::deserialize(&tree) {
        return Ok(Loaded { doc, unknown_keys });
    }
    match serde_path_to_error::deserialize::<_, OpenAPI>(&tree) {
        Ok(doc) => Ok(Loaded { doc, unknown_keys }),
        Err(e) => {
            let message = e.inner().to_string();
            let pointer = locate(&tree).unwrap_or_else(|| path_to_pointer(e.path()));
            fail(
                pointer,
                format!("not a valid OpenAPI 3.0 document: {message}"),
            )
        }
    }
}

/// Checks, before the YAML parser runs, that `text` never has more than `limit` flow
/// collections open at once; `Err` carries the 1-based line where the bound is passed.
///
/// The YAML scanner does work proportional to the open flow collections for every token, so a
/// deep `[[[...` costs quadratic time before its own recursion limit is reached. This count is
/// an upper bound of the real depth, computed without parsing: a `[` or `{` counts as opened
/// unless a `]` or `}` closes it on the same line with no character between them that could
/// start a quoted scalar, a comment, a tag or a directive (`'`, `"`, `#`, `!`, `%`), nor a
/// line break. Such a pair is either two real brackets or two characters of one scalar or
/// comment, so dropping it never under-counts. Closers that are not paired on their line are ignored (never trusted), so
/// unbalanced brackets in prose only ever raise the count.
pub(crate) fn flow_depth_bound(text: &str, limit: usize) -> Result<(), usize> {
    let mut open = 0usize;
    for (index, line) in text.split('\n').enumerate() {
        for segment in line.split([
            '\'', '"', '#', '!', '%', '\r', '\u{85}', '\u{2028}', '\u{2029}',
        ]) {
            let mut pending = 0usize;
            for byte in segment.bytes() {
                match byte {
                    b'[' | b'{' => {
                        pending += 1;
                        if open + pending > limit {
                            return Err(index + 1);
                        }
                    }
                    b']' | b'}' => pending = pending.saturating_sub(1),
                    _ => {}
                }
            }
            open += pending;
        }
    }
    Ok(())
}

/// openapiv3 flattens and untags many types, so serde's own error path often stops at
/// `/paths`. This walks down the parts a document is made of, deserializing each on its own,
/// to find the innermost node that fails.
fn locate(tree: &serde_json::Value) -> Option<String> {
    use openapiv3::{Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema};
    let root = Pointer::root();
    if let Some(paths) = tree.get("paths").and_then(|p| p.as_object()) {
        for (path, item) in paths {
            let at = root.push("paths").push(path);
            if try_as::<ReferenceOr<PathItem>>(item).is_ok() {
                continue;
            }
            for (method, operation) in item.as_object().into_iter().flatten() {
                let at = at.push(method);
                if !OPERATION_KEYS.contains(&method.as_str())
                    || try_as::<Operation>(operation).is_ok()
                {
                    continue;
                }
                for (key, part) in operation.as_object().into_iter().flatten() {
                    let at = at.push(key);
                    let found = match key.as_str() {
                        "parameters" => {
                            first_failure::<ReferenceOr<Parameter>>(part.as_array(), &at)
                        }
                        "requestBody" => deepest::<ReferenceOr<RequestBody>>(part, &at),
                        "responses" => part.as_object().and_then(|map| {
                            map.iter().find_map(|(code, r)| {
                                deepest::<ReferenceOr<Response>>(r, &at.push(code))
                            })
                        }),
                        _ => None,
                    };
                    if found.is_some() {
                        return found;
                    }
                }
                return Some(at.to_string());
            }
            let parameters = item.get("parameters").and_then(|p| p.as_array());
            return first_failure::<ReferenceOr<Parameter>>(parameters, &at.push("parameters"))
                .or_else(|| Some(at.to_string()));
        }
    }
    let schemas = tree
        .pointer("/components/schemas")
        .and_then(|s| s.as_object());
    for (name, schema) in schemas.into_iter().flatten() {
        let at = root.push("components").push("schemas").push(name);
        if let Some(found) = deepest::<ReferenceOr<Schema>>(schema, &at) {
            return Some(found);
        }
    }
    None
}

const OPERATION_KEYS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Deserializes `value` as a `T`; on failure, the pointer (relative to `value`) of the bad node.
fn try_as<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> Result<T, String> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| path_to_pointer(e.path()))
}

/// The pointer of the failing node under `at`, if `value` does not deserialize as a `T`.
fn deepest<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    at: &Pointer,
) -> Option<String> {
    try_as::<T>(value).err().map(|inner| format!("{at}{inner}"))
}

fn first_failure<T: serde::de::DeserializeOwned>(
    items: Option<&Vec<serde_json::Value>>,
    at: &Pointer,
) -> Option<String> {
    items?
        .iter()
        .enumerate()
        .find_map(|(i, item)| deepest::<T>(item, &at.push(&i.to_string())))
}

/// `paths./v2/x.get.parameters[0]` as a JSON pointer `/paths/~1v2~1x/get/parameters/0`.
fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = crate::pointer::Pointer::root();
    for segment in path.iter() {
        pointer = match segment {
            Segment::Seq { index } => pointer.push(&index.to_string()),
            Segment::Map { key } => pointer.push(key),
            Segment::Enum { variant } => pointer.push(variant),
            Segment::Unknown => break,
        };
    }
    pointer.to_string()
}
