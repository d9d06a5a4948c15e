//! Table-driven unit checks of the pieces whose rules are easiest to state as input -> output.

use crate::naming::{component_candidates, type_name, value_name};
use crate::resolve::sids::{SidHint, parse_sid_pattern};

#[track_caller]
fn check_names(f: fn(&str) -> String, cases: &[(&str, &str)]) {
    for (input, expected) in cases {
        assert_eq!(f(input), *expected, "for {input:?}");
    }
}

#[test]
fn value_names_are_snake_case_and_never_keywords() {
    check_names(
        value_name,
        &[
            ("FriendlyName", "friendly_name"),
            ("Type", "type_"),
            ("type", "type_"),
            ("self", "self_"),
            ("PageSize", "page_size"),
            ("ValidUntilDate<", "valid_until_date_before"),
            ("ValidUntilDate>", "valid_until_date_after"),
            ("3rd_party", "n_3rd_party"),
            ("phone-number", "phone_number"),
            ("", "value"),
        ],
    );
}

#[test]
fn type_names_are_pascal_case_and_valid_identifiers() {
    check_names(
        type_name,
        &[
            ("end_user_enum_type", "EndUserEnumType"),
            ("in-progress", "InProgress"),
            ("TWILIO_REVIEW", "TwilioReview"),
            ("2fa", "V2fa"),
            ("Self", "SelfValue"),
            ("self", "SelfValue"),
            ("", "Empty"),
        ],
    );
}

#[test]
fn component_names_prefer_the_shortest_suffix() {
    assert_eq!(
        component_candidates("numbers.v2.regulatory_compliance.end_user"),
        [
            "EndUser",
            "RegulatoryComplianceEndUser",
            "V2RegulatoryComplianceEndUser",
            "NumbersV2RegulatoryComplianceEndUser"
        ]
    );
    assert_eq!(
        component_candidates("end_user_enum_type"),
        ["EndUserType", "EndUserEnumType"]
    );
    assert_eq!(component_candidates("SenderId"), ["SenderId"]);
}

#[test]
fn sid_patterns_are_recognised_by_shape() {
    let sid = |p: &str| parse_sid_pattern(p).map(|s| (s.prefix, s.lowercase_only));
    assert_eq!(sid("^IT[0-9a-fA-F]{32}$"), Some(("IT".to_owned(), false)));
    assert_eq!(sid("^BN[0-9a-f]{32}$"), Some(("BN".to_owned(), true)));
    assert_eq!(
        sid("^[a-zA-Z]{2}[0-9a-fA-F]{32}$"),
        Some((String::new(), false))
    );
    // Not SIDs: unanchored, lists of SIDs, other shapes.
    assert_eq!(sid("IT[0-9a-fA-F]{32}$"), None);
    assert_eq!(sid("^BU[0-9a-fA-F]{32}(,BU[0-9a-fA-F]{32}){0,19}$"), None);
    assert_eq!(sid("^[A-Z]{2}-[0-9]+$"), None);
    assert_eq!(sid("^it[0-9a-fA-F]{32}$"), None);
}

#[test]
fn sid_hints_name_the_resource() {
    let hint = |owner: &str, key: &str| {
        let h = SidHint::for_field(owner, key);
        (h.name, h.rank)
    };
    assert_eq!(hint("EndUser", "sid"), ("EndUserSid".to_owned(), 0));
    assert_eq!(hint("EndUser", "account_sid"), ("AccountSid".to_owned(), 1));
    assert_eq!(hint("Bundle", "BundleSid"), ("BundleSid".to_owned(), 1));
    assert_eq!(
        hint("Order", "hosted_number_order_sids"),
        ("HostedNumberOrderSid".to_owned(), 1)
    );
    assert_eq!(
        hint("Order", "signing_document"),
        ("SigningDocumentSid".to_owned(), 2)
    );
}

#[test]
fn errors_point_at_the_node() {
    let text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: X}\n      responses: {}\n";
    let errors = crate::resolve("t.yaml", text).expect_err("a parameter without `in` is refused");
    let first = &errors.0[0];
    assert_eq!(first.file, "t.yaml");
    assert!(
        first.pointer.starts_with("/paths/~1a"),
        "pointer {:?} locates the path item",
        first.pointer
    );
}

#[test]
fn descriptions_become_safe_doc_lines() {
    let doc = crate::resolve::doc_lines(Some(
        "See 'https://example.com/a#b'. Or (https://example.com/c), <https://ok.example>.\n```\nlet x = 1;\n```",
    ));
    assert_eq!(
        doc,
        [
            "See '<https://example.com/a#b>'. Or (<https://example.com/c>), <https://ok.example>.",
            "```text",
            "let x = 1;",
            "```",
        ]
    );
    assert!(crate::resolve::doc_lines(Some("  ")).is_empty());
}

#[test]
fn impl_items_are_separated_by_blank_lines() {
    let text = "impl A {\n    /// Doc;\n    /// more;\n    pub fn a() {}\n    pub fn b() {\n        x;\n    }\n    const C: u8 = 1;\n    #[must_use]\n    fn d() {}\n}\n";
    assert_eq!(
        crate::format::space_impl_items(text),
        "impl A {\n    /// Doc;\n    /// more;\n    pub fn a() {}\n\n    pub fn b() {\n        x;\n    }\n\n    const C: u8 = 1;\n\n    #[must_use]\n    fn d() {}\n}\n"
    );
}

mod bounds;
mod properties;
mod prose;

/// Every method the runtime defines in an `impl Client` block is reserved, so no operation can
/// be named like one (the generated crate would not compile). Reads the runtime's source.
#[test]
fn runtime_client_methods_are_all_reserved() {
    let runtime =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated-client/src/runtime");
    let mut found = std::collections::BTreeSet::new();
    // Every file, in subfolders too (`client/send.rs` adds methods to `Client`).
    let mut folders = vec![runtime];
    let mut files = Vec::new();
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("the runtime is next to codegen") {
            let path = entry.expect("readable directory").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable runtime file");
        let mut in_client = false;
        for line in text.lines() {
            if line.starts_with("impl Client {") {
                in_client = true;
            } else if line == "}" {
                in_client = false;
            } else if in_client
                && let Some(rest) = line.strip_prefix("    ")
                && !rest.starts_with(' ')
                && let Some((_, after)) = rest.split_once("fn ")
            {
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.insert(name);
            }
        }
    }
    assert!(
        found.contains("send_json"),
        "the scan found the runtime: {found:?}"
    );
    let reserved = crate::resolve::operations::RUNTIME_CLIENT_METHODS;
    let missing: Vec<&String> = found
        .iter()
        .filter(|m| !reserved.contains(&m.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "add to RUNTIME_CLIENT_METHODS: {missing:?}"
    );
}
