//! API change reports: `cargo xtask diff OLD NEW [--markdown]`, the report `cargo xtask codegen`
//! prints, and `cargo xtask semver OLD NEW` (the report next to cargo-semver-checks' verdict).

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::Pins;
use codegen::surface::{self, Surface};

use crate::project_root;

/// The insta snapshot holding the accepted surface of `spec/`: the review artifact, and what
/// `cargo xtask codegen` compares the regenerated surface with.
pub(crate) const SURFACE_SNAPSHOT: &str = "tests/it/snapshots/it__emit__spec_surface.snap";

pub(crate) fn surface_of(path: &Path, pins: &Pins) -> Result<Surface, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    codegen::surface_with(&path.display().to_string(), &text, pins).map_err(|e| e.to_string())
}

/// The surfaces of OLD and NEW; NEW keeps the names OLD has, as a regenerated crate keeps the
/// names of its previous release.
fn surfaces(old: &Path, new: &Path) -> Result<(Surface, Surface, Pins), String> {
    let old = surface_of(old, &Pins::default())?;
    let pins = Pins::from_surface(&old);
    let new = surface_of(new, &pins)?;
    Ok((old, new, pins))
}

/// The accepted surface of `spec/`, when its snapshot exists (its insta header lines are not
/// surface lines and are skipped).
pub(crate) fn accepted_surface() -> Option<Surface> {
    let text = std::fs::read_to_string(project_root().join(SURFACE_SNAPSHOT)).ok()?;
    Some(Surface::parse(&text))
}

/// The version of the checked-in client crate, from its manifest.
pub(crate) fn client_version() -> Option<String> {
    let manifest =
        std::fs::read_to_string(project_root().join("generated-client/Cargo.toml")).ok()?;
    manifest.lines().find_map(|line| {
        let value = line
            .strip_prefix("version")?
            .trim_start()
            .strip_prefix('=')?;
        Some(value.trim().trim_matches('"').to_owned())
    })
}

/// `cargo xtask surface SPEC`: the public API of the crate generated from SPEC, one line per item.
pub(crate) fn print_surface(args: &[String]) -> Result<(), String> {
    let [spec] = args else {
        return Err("usage: cargo xtask surface SPEC.yaml".to_owned());
    };
    print!("{}", surface_of(Path::new(spec), &Pins::default())?);
    Ok(())
}

/// `cargo xtask diff OLD NEW [--markdown]`.
pub(crate) fn diff(args: &[String]) -> Result<(), String> {
    let markdown = args.iter().any(|a| a == "--markdown");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [old, new] = files.as_slice() else {
        return Err("usage: cargo xtask diff OLD.yaml NEW.yaml [--markdown]".to_owned());
    };
    let (old, new, _) = surfaces(Path::new(old), Path::new(new))?;
    let report = surface::diff::diff(&old, &new);
    if markdown {
        print!("{}", report.to_markdown(None));
    } else {
        print!("{}", report.to_text(None));
    }
    Ok(())
}

/// After `cargo xtask codegen`: what changed since the accepted surface snapshot, if anything.
pub(crate) fn print_codegen_report(accepted: Option<&Surface>, new: &Surface) {
    let Some(accepted) = accepted else {
        println!(
            "no accepted API surface at {SURFACE_SNAPSHOT}: run `cargo test -p tests` to create it"
        );
        return;
    };
    let report = surface::diff::diff(accepted, new);
    if !report.is_empty() {
        println!(
            "\nAPI changes since the accepted surface ({SURFACE_SNAPSHOT}):\n{}",
            report.to_text(client_version().as_deref())
        );
        println!("review and accept them with `cargo test -p tests` and `cargo insta review`");
    }
}

/// `cargo xtask semver OLD NEW [--out DIR]`: generates both crates and runs cargo-semver-checks.
pub(crate) fn semver(args: &[String]) -> Result<(), String> {
    let mut files = Vec::new();
    let mut out = project_root().join("target/semver");
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = PathBuf::from(args.next().ok_or("--out needs a value")?),
            flag if flag.starts_with("--") => return Err(format!("unknown flag {flag:?}")),
            file => files.push(PathBuf::from(file)),
        }
    }
    let [old, new] = files.as_slice() else {
        return Err("usage: cargo xtask semver OLD.yaml NEW.yaml [--out DIR]".to_owned());
    };
    let (old_surface, new_surface, pins) = surfaces(old, new)?;
    let report = surface::diff::diff(&old_surface, &new_surface);
    println!("{}", report.to_text(None));
    let (old_dir, new_dir) = (out.join("old"), out.join("new"));
    for dir in [&old_dir, &new_dir] {
        if dir.exists() {
            std::fs::remove_dir_all(dir)
                .map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
        }
    }
    let package = Some("twilio-numbers-v2");
    crate::standalone::write_crate(old, &old_dir, package, &Pins::default(), false, false)?;
    crate::standalone::write_crate(new, &new_dir, package, &pins, false, false)?;
    // Both crates have the same 0.x version, so cargo-semver-checks assumes a minor release and fails exactly
    // when the change needs a major one.
    let status = Command::new("cargo")
        .arg("semver-checks")
        .arg("--baseline-root")
        .arg(&old_dir)
        .arg("--manifest-path")
        .arg(new_dir.join("Cargo.toml"))
        // One target dir for every run: the dependencies compile once.
        .env("CARGO_TARGET_DIR", project_root().join("target/semver-target"))
        .status()
        .map_err(|e| {
            format!("cannot run cargo-semver-checks ({e}); install it with `cargo install cargo-semver-checks --locked`")
        })?;
    let judge_major = !status.success();
    let report_major = report.bump() == surface::diff::Bump::Major;
    println!(
        "\nreport: {} bump; cargo-semver-checks: {}; {}",
        report.bump().as_str(),
        if judge_major {
            "major bump required"
        } else {
            "no major bump required"
        },
        if judge_major == report_major {
            "they agree"
        } else {
            "they DISAGREE"
        }
    );
    Ok(())
}
