//! Runs inside the crate generated from `tests/it/fixtures/ok/composition.yaml` (see `.ci/run`):
//! every value decodes into the generated types and re-encodes to the same JSON, so nothing a
//! server sends is dropped.

use composition::models::{Content, Node, Rule, Shape, ShapeSize};
use serde_json::{Value, json};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(input: &Value) -> Value {
    let typed: T = serde_json::from_value(input.clone()).expect("decodes");
    serde_json::to_value(&typed).expect("encodes")
}

#[test]
fn free_form_objects_keep_every_key() {
    let input = json!({
        "sid": "SH1",
        "metadata": {"a": 1, "nested": {"b": [true, null]}},
        "settings": {"theme": "dark", "retries": 3},
        "counters": {"n": 42, "m": -1},
        "labels": {"primary": "red", "secondary": "blue", "other": "green"},
    });
    assert_eq!(round_trip::<Shape>(&input), input);
}

#[test]
fn all_of_members_merge_into_one_struct() {
    let input = json!({"sid": "SH1", "created": "2024-01-01T00:00:00Z", "sides": 4});
    let shape: Shape = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(shape.sid, "SH1");
    assert_eq!(shape.sides, Some(4));
    assert_eq!(round_trip::<Shape>(&input), input);
}

#[test]
fn one_of_branches_are_told_apart_by_json_kind() {
    for (size, expected) in [
        (json!("small"), "String"),
        (json!(12), "Integer"),
        (json!({"width": 1.5, "height": 2.0}), "Object"),
    ] {
        let input = json!({"sid": "SH1", "size": size});
        let shape: Shape = serde_json::from_value(input.clone()).unwrap();
        let kind = match shape.size.unwrap() {
            ShapeSize::String(_) => "String",
            ShapeSize::Integer(_) => "Integer",
            ShapeSize::ShapeSizeVariant3(_) => "Object",
            _ => "another variant",
        };
        assert_eq!(kind, expected);
        assert_eq!(round_trip::<Shape>(&input), input);
    }
}

#[test]
fn an_ambiguous_any_of_is_kept_as_json() {
    let input = json!({"sid": "SH1", "owner": {"name": "Ada", "members": 3}});
    assert_eq!(round_trip::<Shape>(&input), input);
}

#[test]
fn a_recursive_tree_decodes_and_re_encodes() {
    let input = json!({
        "name": "root",
        "children": [
            {"name": "leaf", "parent": {"name": "root"}},
            {"name": "branch", "children": [{"name": "deep"}]}
        ]
    });
    assert_eq!(round_trip::<Node>(&input), input);
}

#[test]
fn a_discriminator_picks_the_variant_and_an_unknown_kind_is_kept() {
    let input = json!({
        "sid": "SH1",
        "rules": [
            {"kind": "LENGTH", "max": 5},
            {"kind": "RANGE", "low": 1.5, "high": 2.5},
            {"kind": "REGEX", "pattern": "^a+$"}
        ]
    });
    let shape: Shape = serde_json::from_value(input.clone()).unwrap();
    let rules = shape.rules.as_deref().unwrap();
    assert!(matches!(&rules[0], Rule::Length(rule) if rule.max == Some(5)));
    assert!(matches!(&rules[1], Rule::Range(rule) if rule.high == Some(2.5)));
    assert!(matches!(&rules[2], Rule::Unknown(value) if value["pattern"] == "^a+$"));
    assert_eq!(round_trip::<Shape>(&input), input);
}

#[test]
fn a_tag_every_branch_pins_is_inferred_without_a_discriminator() {
    for (content, is_text) in [
        (json!({"type": "TEXT", "text": "hello"}), true),
        (json!({"type": "IMAGE", "url": "https://example.com/a.png"}), false),
    ] {
        let input = json!({"sid": "SH1", "content": content});
        let shape: Shape = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(matches!(shape.content, Some(Content::Text(_))), is_text);
        assert_eq!(round_trip::<Shape>(&input), input);
    }
    // A known tag with the wrong shape is an error, not a silent fallback.
    let wrong = json!({"sid": "SH1", "content": {"type": "TEXT"}});
    assert!(serde_json::from_value::<Shape>(wrong).is_err());
}
