//! One stand-alone crate regenerated through Twilio's Numbers v2 history, as a user keeping a
//! crate up to date would: `twilio-codegen --spec DOC --out DIR` into the same folder after
//! each of Twilio's changes (`../shared/specs/history/`, in date order, then the current
//! document). Each run keeps the SID names of the crate's accepted surface, reports what
//! changed (snapshotted here) and bumps the version by the report.
//!
//! `cargo xtask semver` runs cargo-semver-checks on the same steps; ARCHITECTURE.md ("Semver on
//! Twilio's history") records that it agrees with each verdict.

use std::collections::BTreeMap;

use crate::shared;

/// (snapshot name of the change that leads to it, document under `../shared/specs/`).
const STEPS: &[(&str, &str)] = &[
    ("", "history/twilio_numbers_v2.20250818_a3f1069.yaml"),
    (
        "20250818_20250925",
        "history/twilio_numbers_v2.20250925_a33f634.yaml",
    ),
    (
        "20250925_20260310",
        "history/twilio_numbers_v2.20260310_c854046.yaml",
    ),
    (
        "20260310_20260324",
        "history/twilio_numbers_v2.20260324_5fc16b9.yaml",
    ),
    ("20260324_current", "twilio_numbers_v2.yaml"),
];

/// SID prefix -> type name, from a crate's `api-surface.txt`.
fn sid_names(surface: &str) -> BTreeMap<String, String> {
    let surface = codegen::surface::Surface::parse(surface);
    codegen::Pins::from_surface(&surface)
        .sid_names
        .into_iter()
        .collect()
}

#[test]
fn test_history_regenerates_one_crate() {
    let snapshots: Vec<String> = STEPS
        .iter()
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, _)| format!("history_{name}"))
        .collect();
    let snapshot_names: Vec<&str> = snapshots.iter().map(String::as_str).collect();
    if let Some((_, missing)) = STEPS
        .iter()
        .find(|(_, doc)| !shared::specs_dir().join(doc).is_file())
    {
        let reason = format!(
            "{} is not present",
            shared::specs_dir().join(missing).display()
        );
        shared::skip(&reason, "history", &snapshot_names);
        return;
    }
    let out = std::env::temp_dir().join(format!("history-crate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for (name, doc) in STEPS {
        let request = twilio_codegen::Request {
            spec: shared::specs_dir().join(doc),
            out: out.clone(),
            crate_name: Some("twilio-numbers-v2".to_owned()),
            ..Default::default()
        };
        let written = twilio_codegen::write_crate(&request).unwrap_or_else(|e| panic!("{e}"));
        let surface = std::fs::read_to_string(out.join(twilio_codegen::SURFACE_FILE)).unwrap();
        let now = sid_names(&surface);
        // Every prefix the crate named keeps its name while the document still uses it.
        for (prefix, old) in &names {
            if let Some(new) = now.get(prefix) {
                assert_eq!(new, old, "{doc}: the SID type for {prefix:?} was renamed");
            }
        }
        names.extend(now);
        if name.is_empty() {
            assert!(
                written.report.is_none(),
                "a new crate has nothing to compare with"
            );
            assert_eq!(written.version, "0.1.0");
            continue;
        }
        let text = format!(
            "{}version {} -> {}\n",
            written.report_text(),
            written.previous_version.as_deref().unwrap_or("none"),
            written.version
        );
        insta::assert_snapshot!(format!("history_{name}"), text);
    }
    // The names Twilio's later documents would have taken from these prefixes.
    assert_eq!(
        names.get("AP").map(String::as_str),
        Some("SmsApplicationSid")
    );
    assert_eq!(
        names.get("PN").map(String::as_str),
        Some("IncomingPhoneNumberSid")
    );
    let _ = std::fs::remove_dir_all(&out);
}
