//! Snapshots of the generator's output: review changes with `cargo insta review`.

use std::path::Path;

fn options(spec_label: &str) -> codegen::Options {
    codegen::Options {
        crate_name: "twilio_numbers_v2".to_owned(),
        spec_label: spec_label.to_owned(),
    }
}

fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root")
}

/// The public API of the client generated from the project's own spec, one line per item: the
/// review artifact for a spec change (`cargo insta review`). The generated files themselves are
/// checked in and guarded by `cargo xtask codegen --check`, so they are not snapshotted twice.
#[test]
fn test_spec_surface() {
    let label = "spec/twilio_numbers_v2.yaml";
    let text = std::fs::read_to_string(workspace_root().join(label)).expect("the spec is readable");
    // `cargo xtask codegen` keeps the SID names this snapshot has accepted; so does the test.
    let accepted = std::fs::read_to_string(
        workspace_root().join("tests/it/snapshots/it__emit__spec_surface.snap"),
    )
    .unwrap_or_default();
    let pins = codegen::Pins::from_surface(&codegen::surface::Surface::parse(&accepted));
    let surface = codegen::surface_with(label, &text, &pins).expect("the project's spec resolves");
    insta::assert_snapshot!("spec_surface", surface.to_string());
}

/// Generating twice gives byte-identical files.
#[test]
fn test_output_is_deterministic() {
    let label = "spec/twilio_numbers_v2.yaml";
    let text = std::fs::read_to_string(workspace_root().join(label)).expect("the spec is readable");
    let first = codegen::generate(label, &text, &options(label)).expect("generates");
    let second = codegen::generate(label, &text, &options(label)).expect("generates");
    assert_eq!(first, second);
}

/// Each fixture under `fixtures/ok/` exercises one concern; its files are snapshotted together.
#[test]
fn test_fixtures() {
    insta::glob!("fixtures/ok/*.{yaml,json}", |path| {
        let label = fixture_label(path);
        let text = std::fs::read_to_string(path).expect("fixture is readable");
        let output = match codegen::generate(&label, &text, &options(&label)) {
            Ok(output) => output,
            Err(errors) => panic!("{label} should generate:\n{errors}"),
        };
        let mut joined: String = output
            .files
            .iter()
            .map(|(name, contents)| format!("===== {name} =====\n{contents}\n"))
            .collect();
        // What the generator reports as approximated is part of its output too.
        if !output.approximations.is_empty() {
            joined.push_str("===== approximations (the generator's report) =====\n");
            for item in &output.approximations {
                joined.push_str(&format!("{}: {}\n", item.pointer, item.what));
            }
        }
        insta::assert_snapshot!(joined);
    });
}

/// Each fixture under `fixtures/err/` is refused with a message naming the file and pointer.
#[test]
fn test_invalid_specs() {
    insta::glob!("fixtures/err/*.yaml", |path| {
        let label = fixture_label(path);
        let text = std::fs::read_to_string(path).expect("fixture is readable");
        match codegen::generate(&label, &text, &options(&label)) {
            Ok(_) => panic!("{label} should be refused"),
            Err(errors) => {
                for error in &errors.0 {
                    assert_eq!(error.file, label, "every error names the file");
                }
                insta::assert_snapshot!(errors.to_string());
            }
        }
    });
}

fn fixture_label(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let kind = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("fixtures/{kind}/{name}")
}
