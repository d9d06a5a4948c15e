//! The API change report between consecutive versions of Twilio's Numbers v2 document, read
//! from `../shared/specs/` (reference data the project must not copy). Where the documents are
//! absent, the test says so and passes.
//!
//! `cargo xtask semver OLD NEW` runs cargo-semver-checks on the same pairs; the labels here are
//! meant to agree with it (README, "When Twilio changes the document").

use std::path::PathBuf;

use codegen::Pins;
use codegen::surface::diff::diff;

/// (snapshot name, older document, newer document), relative to `../shared/specs/`.
const PAIRS: &[(&str, &str, &str)] = &[
    (
        "20250818_20250925",
        "history/twilio_numbers_v2.20250818_a3f1069.yaml",
        "history/twilio_numbers_v2.20250925_a33f634.yaml",
    ),
    (
        "20250925_20260310",
        "history/twilio_numbers_v2.20250925_a33f634.yaml",
        "history/twilio_numbers_v2.20260310_c854046.yaml",
    ),
    (
        "20260310_20260324",
        "history/twilio_numbers_v2.20260310_c854046.yaml",
        "history/twilio_numbers_v2.20260324_5fc16b9.yaml",
    ),
    (
        "20260324_current",
        "history/twilio_numbers_v2.20260324_5fc16b9.yaml",
        "twilio_numbers_v2.yaml",
    ),
];

fn specs_dir() -> PathBuf {
    [env!("CARGO_MANIFEST_DIR"), "..", "..", "shared", "specs"]
        .iter()
        .collect()
}

/// The report for each pair, as `cargo xtask diff OLD NEW` prints it: the newer surface keeps
/// the SID names of the older one, as a regenerated crate keeps those of its last release.
#[test]
fn test_history_reports() {
    for (name, old, new) in PAIRS {
        let (old_path, new_path) = (specs_dir().join(old), specs_dir().join(new));
        let (Ok(old_text), Ok(new_text)) = (
            std::fs::read_to_string(&old_path),
            std::fs::read_to_string(&new_path),
        ) else {
            eprintln!(
                "skipped {name}: {} or {} is not present",
                old_path.display(),
                new_path.display()
            );
            continue;
        };
        let old_surface = codegen::surface(old, &old_text).unwrap_or_else(|e| panic!("{e}"));
        let pins = Pins::from_surface(&old_surface);
        let new_surface =
            codegen::surface_with(new, &new_text, &pins).unwrap_or_else(|e| panic!("{e}"));
        let report = diff(&old_surface, &new_surface);
        insta::assert_snapshot!(format!("history_{name}"), report.to_text(None));
    }
}
