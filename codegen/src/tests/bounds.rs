//! Bounded input: size, flow nesting and name uniqueness stay cheap on hostile documents.

use std::collections::BTreeSet;

use crate::load::flow_depth_bound;
use crate::naming::unique;

const HEAD: &str = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\n";

// No timings here: speed is measured by `cargo bench -p codegen`, not asserted in tests. These
// check the behaviour that keeps the work bounded (refused early, linear structures).

#[test]
fn deep_flow_nesting_is_refused_before_parsing() {
    let n = 100_000;
    let text = format!("{HEAD}x: {}{}\n", "[".repeat(n), "]".repeat(n));
    // This took 30 to 70 s before the bound: the YAML scanner is quadratic in flow depth.
    let errors = { crate::resolve("deep.yaml", &text).expect_err("refused") };
    assert_eq!(errors.0.len(), 1);
    assert_eq!(errors.0[0].pointer, "");
    assert!(
        errors.0[0]
            .message
            .contains("nest more than 512 deep by line 4"),
        "{}",
        errors.0[0]
    );
}

#[test]
fn flow_depth_bound_never_trusts_a_closer_it_cannot_pair() {
    // Balanced on one line: nothing stays open.
    assert_eq!(flow_depth_bound("a: [[1, 2], {b: [3]}]\n", 3), Ok(()));
    // Multi-line flow collections and prose brackets count as open for the rest of the document.
    assert_eq!(flow_depth_bound("a: [\n  1\n]\nb: [\n", 1), Err(4));
    // A closer inside a quoted scalar, a tag or a comment cannot cancel a real opener...
    assert_eq!(flow_depth_bound("a: [ ']', [ ']', [ ']'\n", 2), Err(1));
    assert_eq!(flow_depth_bound("a: [ !<]> [ !<]> [ !<]>\n", 2), Err(1));
    assert_eq!(flow_depth_bound("a: [ # ]\n  [ # ]\n  [\n", 2), Err(3));
    // ...and a line break (CR, NEL, LS, PS) splits a pair as a newline does.
    assert_eq!(
        flow_depth_bound("a: [\r]\u{2028}[\u{85}]\u{2029}[", 2),
        Err(1)
    );
    // Unbalanced closers never lower the count.
    assert_eq!(flow_depth_bound("[\n]]]]\n[\n", 1), Err(3));
}

#[test]
fn documents_over_the_size_limit_are_refused() {
    let mut text = String::from(HEAD);
    text.push_str("x: '");
    text.push_str(&"a".repeat(crate::MAX_SPEC_BYTES));
    text.push_str("'\n");
    let errors = { crate::resolve("big.yaml", &text).expect_err("refused") };
    assert!(
        errors.0[0]
            .message
            .contains("more than the limit of 67108864"),
        "{}",
        errors.0[0]
    );
}

#[test]
fn many_values_with_one_name_stay_fast() {
    // 20k distinct values that all become the variant name `A` (`a-`, `a_`, `a-_`, ...): each
    // used to scan every earlier one, and `unique` counted up from 2 for each.
    let n = 20_000;
    let sep = |i: usize| -> String {
        (0..15)
            .map(|b| if i >> b & 1 == 1 { '_' } else { '-' })
            .collect()
    };
    let values: String = (0..n).map(|i| format!("      - 'a{}'\n", sep(i))).collect();
    let text = format!(
        "openapi: 3.0.1\ninfo: {{title: t, version: '1'}}\nservers: [{{url: 'https://x.example'}}]\n\
         paths:\n  /v2/X:\n    get:\n      operationId: FetchX\n      responses:\n        '200':\n\
         \x20         description: OK\n          content:\n            application/json:\n\
         \x20             schema: {{$ref: '#/components/schemas/x'}}\n\
         components:\n  schemas:\n    x:\n      type: object\n      properties:\n        state:\n\
         \x20         $ref: '#/components/schemas/x_enum_state'\n    x_enum_state:\n      type: string\n      enum:\n{values}"
    );
    let api = { crate::resolve("enum.yaml", &text).expect("resolves") };
    let variants = &api.enums[0].variants;
    assert_eq!(variants.len(), n);
    assert_eq!(variants[0].name, "A");
    assert_eq!(variants[1].name, "A2");
    assert_eq!(variants[n - 1].name, format!("A{n}"));
}

#[test]
fn unique_names_take_the_next_free_number() {
    let mut taken = BTreeSet::new();
    let names: Vec<String> = (0..5).map(|_| unique("X".to_owned(), &mut taken)).collect();
    assert_eq!(names, ["X", "X2", "X3", "X4", "X5"]);
    let mut taken: BTreeSet<String> = ["Y", "Y2", "Y3", "Y5"].map(str::to_owned).into();
    assert_eq!(unique("Y".to_owned(), &mut taken), "Y4");
    assert_eq!(unique("Y".to_owned(), &mut taken), "Y6");
}

/// A large JSON document (every object spanning lines) is not mistaken for deep YAML flow
/// nesting: JSON goes to serde_json, whose own nesting limit keeps it linear.
#[test]
fn large_json_documents_load() {
    let schemas: Vec<String> = (0..2_000)
        .map(|i| format!("    \"s{i}\": {{\n      \"type\": \"object\",\n      \"properties\": {{\n        \"a\": {{\n          \"type\": \"string\"\n        }}\n      }}\n    }}"))
        .collect();
    let text = format!(
        "{{\n  \"openapi\": \"3.0.1\",\n  \"info\": {{\"title\": \"t\", \"version\": \"1\"}},\n  \"paths\": {{}},\n  \"components\": {{\n  \"schemas\": {{\n{}\n  }}\n  }}\n}}\n",
        schemas.join(",\n")
    );
    let api = crate::resolve("big.json", &text).expect("a large JSON document loads");
    assert_eq!(api.models.len(), 2_000);
    // Deep JSON nesting is refused by serde_json's limit, with an error rather than a crash.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep = format!("{{\"openapi\": \"3.0.1\", \"x\": {deep}}}");
    assert!(crate::resolve("deep.json", &deep).is_err());
}
