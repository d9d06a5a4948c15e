//! The generator on Twilio's published Numbers v2 document, read from `../shared/specs/`.
//!
//! The document is reference data that the project must not copy, so these tests read it in
//! place. Where it is absent (a checkout without `shared/`), they say so and pass.

const LABEL: &str = "twilio_numbers_v2.yaml";

/// The document, or `None` when it is absent (the snapshots of `test` are declared skipped).
fn upstream_spec(snapshots: &[&str]) -> Option<String> {
    crate::shared::read_or_skip(LABEL, "upstream", snapshots)
}

/// Every operation of the document is generated, with no error.
#[test]
fn test_upstream_generates_every_operation() {
    let Some(text) = upstream_spec(&[]) else {
        return;
    };
    let api = codegen::resolve(LABEL, &text).unwrap_or_else(|e| panic!("{e}"));
    let declared = text.matches("operationId:").count();
    assert_eq!(
        api.operations.len(),
        declared,
        "every operationId becomes a method"
    );
    let options = codegen::Options {
        crate_name: "twilio_numbers_v2".to_owned(),
        spec_label: LABEL.to_owned(),
    };
    let output = codegen::generate(LABEL, &text, &options).unwrap_or_else(|e| panic!("{e}"));
    let again = codegen::generate(LABEL, &text, &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        output, again,
        "generation is deterministic on the full document"
    );
    for op in &api.operations {
        let needle = format!("pub async fn {}(", op.fn_name);
        assert!(
            output.files["operations.rs"].contains(&needle),
            "{} is emitted",
            op.fn_name
        );
    }
}

/// The API surface of the crate generated from Twilio's document (the same line-per-item
/// description `cargo xtask diff` compares): a generator change that affects the full API shows
/// up here for review.
#[test]
fn test_upstream_model_summary() {
    let Some(text) = upstream_spec(&["upstream_model_summary"]) else {
        return;
    };
    let surface = codegen::surface(LABEL, &text).unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!(surface.to_string());
}
