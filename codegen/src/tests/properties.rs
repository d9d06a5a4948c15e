//! Property test: documents built from the fixtures' shapes, mutated at random (schema types,
//! odd names, missing and extra keys, random prose), never panic the generator, and each gives
//! either files that parse as Rust with inert docs, or errors that name the file and a pointer.
//!
//! CI runs 2,000 cases (about 10 s); a longer run: `PROPTEST_CASES=100000 cargo test -p codegen
//! --lib properties`.

use proptest::prelude::*;
use serde_json::Value;

const FIXTURES: &[&str] = &[
    include_str!("../../../tests/it/fixtures/ok/enum.yaml"),
    include_str!("../../../tests/it/fixtures/ok/form_body.yaml"),
    include_str!("../../../tests/it/fixtures/ok/hostile_prose.yaml"),
    include_str!("../../../tests/it/fixtures/ok/nullable_required.yaml"),
    include_str!("../../../tests/it/fixtures/ok/odd_names.yaml"),
    include_str!("../../../tests/it/fixtures/ok/ref.yaml"),
    include_str!("../../../tests/it/fixtures/ok/sid_pattern.yaml"),
    include_str!("../../../tests/it/fixtures/ok/untyped.yaml"),
];

/// One edit at the node chosen by `at` (an index into the document's nodes, modulo their count).
#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the node with a schema of a random type.
    Schema(&'static str, Option<&'static str>),
    /// Replace the node with a string.
    Text(String),
    /// Rename the node's key (when its parent is an object).
    Rename(String),
    /// Remove the node.
    Remove,
    /// Add a key to the node (when it is an object).
    Extra(String, String),
    /// Replace the node with a value of another JSON type.
    Retype(u8),
}

fn odd_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,24}",
        "[a-zA-Z_<>{}$ .-]{0,12}",
        Just("Self".to_owned()),
        Just("type".to_owned()),
        Just("```\ncompile_error!(\"ran\");\n```".to_owned()),
        Just("a\rb\u{202E}c\u{7}".to_owned()),
        Just("#/components/schemas/missing".to_owned()),
        Just(String::new()),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let types = prop::sample::select(vec![
        "string", "integer", "number", "boolean", "object", "array", "null", "bogus",
    ]);
    let formats = prop::option::of(prop::sample::select(vec![
        "date-time",
        "date",
        "uri-map",
        "int64",
        "binary",
        "phone-number",
    ]));
    prop_oneof![
        (types, formats).prop_map(|(t, f)| Mutation::Schema(t, f)),
        odd_text().prop_map(Mutation::Text),
        odd_text().prop_map(Mutation::Rename),
        Just(Mutation::Remove),
        (odd_text(), odd_text()).prop_map(|(k, v)| Mutation::Extra(k, v)),
        any::<u8>().prop_map(Mutation::Retype),
    ]
}

fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
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
    out.push(at);
}

fn apply(doc: &mut Value, at: usize, mutation: &Mutation) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let pointer = &all[at % all.len()];
    let (parent, key) = pointer
        .rsplit_once('/')
        .map(|(p, k)| (p.to_owned(), k.replace("~1", "/").replace("~0", "~")))
        .unwrap_or_default();
    match mutation {
        Mutation::Schema(ty, format) => {
            if let Some(node) = doc.pointer_mut(pointer) {
                let mut schema = serde_json::json!({ "type": ty });
                if let Some(format) = format {
                    schema["format"] = Value::from(*format);
                }
                *node = schema;
            }
        }
        Mutation::Text(text) => {
            if let Some(node) = doc.pointer_mut(pointer) {
                *node = Value::from(text.clone());
            }
        }
        Mutation::Rename(name) => {
            if let Some(Value::Object(map)) = doc.pointer_mut(&parent)
                && let Some(value) = map.shift_remove(&key)
            {
                map.insert(name.clone(), value);
            }
        }
        Mutation::Remove => match doc.pointer_mut(&parent) {
            Some(Value::Object(map)) => {
                map.shift_remove(&key);
            }
            Some(Value::Array(items)) => {
                if let Ok(i) = key.parse::<usize>()
                    && i < items.len()
                {
                    items.remove(i);
                }
            }
            _ => {}
        },
        Mutation::Extra(key, value) => {
            if let Some(Value::Object(map)) = doc.pointer_mut(pointer) {
                map.insert(key.clone(), Value::from(value.clone()));
            }
        }
        Mutation::Retype(kind) => {
            if let Some(node) = doc.pointer_mut(pointer) {
                *node = match kind % 5 {
                    0 => Value::from(7),
                    1 => Value::Bool(true),
                    2 => Value::Null,
                    3 => Value::Array(vec![Value::from("x")]),
                    _ => serde_json::json!({ "x": 1 }),
                };
            }
        }
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn mutated_fixtures_generate_or_point_at_the_problem(
        fixture in 0..FIXTURES.len(),
        edits in prop::collection::vec((any::<usize>(), mutation()), 1..4),
    ) {
        let mut doc: Value = serde_yaml::from_str(FIXTURES[fixture]).expect("fixtures parse");
        for (at, edit) in &edits {
            apply(&mut doc, *at, edit);
        }
        let text = serde_json::to_string_pretty(&doc).expect("serializes");
        let options = crate::Options {
            crate_name: "c".to_owned(),
            spec_label: "mutant.yaml".to_owned(),
        };
        match crate::generate("mutant.yaml", &text, &options) {
            Ok(output) => {
                for (name, contents) in &output.files {
                    if name.ends_with(".rs") {
                        prop_assert!(syn::parse_file(contents).is_ok(), "{name} is not Rust");
                    }
                }
            }
            Err(errors) => {
                prop_assert!(!errors.0.is_empty());
                for error in &errors.0 {
                    prop_assert_eq!(&error.file, "mutant.yaml");
                    prop_assert!(
                        error.pointer.is_empty() || error.pointer.starts_with('/'),
                        "{}", error
                    );
                }
            }
        }
    }
}
