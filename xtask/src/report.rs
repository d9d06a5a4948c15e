//! API change reports: `cargo xtask diff OLD NEW [--markdown]`, the report `cargo xtask codegen`
//! prints, and `cargo xtask semver OLD NEW [NEWER...]` (one crate regenerated through the
//! documents, each report next to cargo-semver-checks' verdict).

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

/// `cargo xtask semver OLD NEW [NEWER...] [--out DIR]`: regenerates one stand-alone crate
/// through the documents in order (as a user regenerating into the same `--out` would: names
/// kept, a report and a version bump each time), keeps a copy of each state, and runs
/// cargo-semver-checks on each consecutive pair. It is asked for its own verdict
/// (`--release-type minor`: does the change need a major release?), which is then compared
/// with the report's. Prints one Markdown table row per pair.
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
    if files.len() < 2 {
        return Err(
            "usage: cargo xtask semver OLD.yaml NEW.yaml [NEWER.yaml...] [--out DIR]".to_owned(),
        );
    }
    if out.exists() {
        std::fs::remove_dir_all(&out)
            .map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    let live = out.join("crate");
    let mut steps: Vec<(PathBuf, twilio_codegen::Written)> = Vec::new();
    for (index, spec) in files.iter().enumerate() {
        let request = twilio_codegen::Request {
            spec: spec.clone(),
            out: live.clone(),
            crate_name: Some("twilio-client".to_owned()),
            force: false,
            guard: crate::guard(),
        };
        let written = twilio_codegen::write_crate(&request)?;
        println!("==> {}", spec.display());
        print!("{}", twilio_codegen::describe(&request, &written, false));
        let copy = out.join(format!("step-{index}"));
        copy_crate(&live, &copy)?;
        steps.push((copy, written));
    }
    let mut rows = Vec::new();
    for (pair, (spec_pair, step_pair)) in files.windows(2).zip(steps.windows(2)).enumerate() {
        let [(old_dir, _), (new_dir, written)] = step_pair else {
            continue;
        };
        let output = Command::new("cargo")
            .arg("semver-checks")
            .arg("--baseline-root")
            .arg(old_dir)
            .arg("--manifest-path")
            .arg(new_dir.join("Cargo.toml"))
            .args(["--release-type", "minor"])
            // One target dir for every run: the dependencies compile once.
            .env("CARGO_TARGET_DIR", project_root().join("target/semver-target"))
            .output()
            .map_err(|e| {
                format!("cannot run cargo-semver-checks ({e}); install it with `cargo install cargo-semver-checks --locked`")
            })?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        print!("{text}");
        let judge_major = if output.status.success() {
            false
        } else if text.contains("requires new major version") {
            true
        } else {
            return Err(format!(
                "cargo-semver-checks failed on pair {pair}; see its output above"
            ));
        };
        let lints: Vec<&str> = text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("--- failure "))
            .map(|l| l.split(':').next().unwrap_or(l).trim())
            .collect();
        let report = written.report.clone().unwrap_or_default();
        let report_major = report.bump() == surface::diff::Bump::Major;
        let name = |p: &Path| {
            p.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        rows.push(format!(
            "| {} -> {} | {} -> {} | {}: {} breaking, {} compatible | {} | {} |",
            name(&spec_pair[0]),
            name(&spec_pair[1]),
            written.previous_version.as_deref().unwrap_or("?"),
            written.version,
            report.bump().as_str(),
            report.count(surface::diff::Label::Breaking),
            report.count(surface::diff::Label::Compatible),
            if judge_major {
                format!("major: {}", lints.join(", "))
            } else {
                "no major bump required".to_owned()
            },
            if judge_major == report_major {
                "yes"
            } else {
                "NO"
            },
        ));
    }
    println!(
        "\n| pair | version | the report | cargo-semver-checks | agree |\n| --- | --- | --- | --- | --- |"
    );
    for row in &rows {
        println!("{row}");
    }
    if rows.iter().any(|r| r.ends_with("| NO |")) {
        return Err("the report and cargo-semver-checks disagree".to_owned());
    }
    Ok(())
}

/// Copies a generated crate (every file but a `target/` folder) to `to`.
fn copy_crate(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", from.display()))?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type().map_err(|e| e.to_string())?;
        if kind.is_dir() && entry.file_name() != "target" {
            copy_crate(&source, &target)?;
        } else if kind.is_file() {
            std::fs::copy(&source, &target)
                .map_err(|e| format!("cannot copy {}: {e}", source.display()))?;
        }
    }
    Ok(())
}
