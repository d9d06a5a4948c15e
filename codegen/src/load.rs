//! Stage 1: spec text to `openapiv3::OpenAPI`. The only module that knows about YAML.

use openapiv3::OpenAPI;

use crate::error::{SpecError, SpecErrors};

/// Parses `text` (YAML or JSON) as an OpenAPI 3.0.x document named `file` in errors.
pub(crate) fn load(file: &str, text: &str) -> Result<OpenAPI, SpecErrors> {
    let fail = |pointer: String, message: String| {
        Err(SpecErrors(vec![SpecError { file: file.to_owned(), pointer, message }]))
    };
    // A generic tree first: it gives line numbers for syntax errors and lets the version gate run
    // before openapiv3 reports a less helpful shape error on a 3.1 document.
    let tree: serde_json::Value = match serde_yaml::from_str(text) {
        Ok(tree) => tree,
        Err(e) => return fail(String::new(), format!("not valid YAML: {e}")),
    };
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
        None => return fail("/openapi".to_owned(), "missing the `openapi` version field".to_owned()),
    }
    serde_path_to_error::deserialize::<_, OpenAPI>(tree).or_else(|e| {
        let pointer = path_to_pointer(e.path());
        fail(pointer, format!("not a valid OpenAPI 3.0 document: {}", e.inner()))
    })
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
