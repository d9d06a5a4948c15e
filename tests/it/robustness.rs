//! The generator never panics: every document derived from a valid one by removing a node or
//! changing a value's type either generates or is refused with errors that name the file.
//!
//! Each case is a complete run of the pipeline, so this covers the resolve and emit stages on
//! shapes no hand-written fixture has.

use std::path::Path;

use serde_json::Value;

fn options() -> codegen::Options {
    codegen::Options {
        crate_name: "c".to_owned(),
        spec_label: "mutant".to_owned(),
    }
}

/// Every JSON pointer in `value`, parents before children.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    let escape = |key: &str| key.replace('~', "~0").replace('/', "~1");
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                pointers(child, format!("{at}/{}", escape(key)), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn remove(doc: &Value, pointer: &str) -> Option<Value> {
    let (parent, key) = pointer.rsplit_once('/')?;
    let mut doc = doc.clone();
    match doc.pointer_mut(parent)? {
        Value::Object(map) => {
            map.shift_remove(&key.replace("~1", "/").replace("~0", "~"))?;
        }
        Value::Array(items) => {
            let index: usize = key.parse().ok()?;
            (index < items.len()).then(|| items.remove(index))?;
        }
        _ => return None,
    }
    Some(doc)
}

/// The value at `pointer` replaced by one of another JSON type.
fn retype(doc: &Value, pointer: &str) -> Option<Value> {
    let mut doc = doc.clone();
    let node = doc.pointer_mut(pointer)?;
    *node = match node {
        Value::String(_) => Value::from(7),
        Value::Number(_) | Value::Bool(_) | Value::Null => Value::from("x"),
        Value::Array(_) => Value::from("x"),
        Value::Object(_) => Value::from(vec![Value::from(1)]),
    };
    Some(doc)
}

/// Mutates every node of `text`, or, when it has more than `max_nodes`, an evenly spread,
/// fixed selection of that many (each run generates the whole document, so the cost grows with
/// the square of its size).
#[track_caller]
fn check_mutants(label: &str, text: &str, max_nodes: usize) -> usize {
    let doc: Value = serde_yaml::from_str(text).expect("the fixture is valid YAML");
    let mut all = Vec::new();
    pointers(&doc, String::new(), &mut all);
    let stride = all.len().div_ceil(max_nodes.max(1)).max(1);
    let mut runs = 0;
    for pointer in all.iter().skip(1).step_by(stride) {
        for mutant in [remove(&doc, pointer), retype(&doc, pointer)]
            .into_iter()
            .flatten()
        {
            let text = serde_json::to_string(&mutant).expect("a JSON value serializes");
            // A panic here fails the test, naming the mutation through the message below.
            let result =
                std::panic::catch_unwind(|| codegen::generate("mutant.yaml", &text, &options()));
            match result {
                Ok(Ok(_)) => {}
                Ok(Err(errors)) => assert!(
                    errors
                        .0
                        .iter()
                        .all(|e| e.file == "mutant.yaml" && !e.message.is_empty()),
                    "{label} {pointer}: {errors}"
                ),
                Err(_) => panic!("{label}: the generator panicked after mutating {pointer}"),
            }
            runs += 1;
        }
    }
    runs
}

#[test]
fn test_no_mutant_of_a_fixture_makes_the_generator_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("it/fixtures/ok");
    let mut runs = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures exist")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let text = std::fs::read_to_string(entry.path()).expect("fixture is readable");
        runs += check_mutants(&entry.file_name().to_string_lossy(), &text, usize::MAX);
    }
    assert!(runs > 500, "only {runs} mutants were generated");
}

#[test]
fn test_no_mutant_of_the_project_spec_makes_the_generator_panic() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/twilio_numbers_v2.yaml");
    let text = std::fs::read_to_string(path).expect("the spec is readable");
    // A spread of 400 nodes keeps the run near what the End-User-only spec took; the fixtures
    // cover every construct node by node.
    let runs = check_mutants("spec/twilio_numbers_v2.yaml", &text, 400);
    assert!(runs > 600, "only {runs} mutants were generated");
}
