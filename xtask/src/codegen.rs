//! `cargo xtask codegen [--check]`: keeps `generated-client/src/generated/` in step with `spec/`.

use std::path::Path;

use crate::project_root;

pub(crate) const SPEC: &str = "spec/twilio_numbers_v2.yaml";
pub(crate) const GENERATED_DIR: &str = "generated-client/src/generated";
pub(crate) const CRATE_NAME: &str = "twilio_numbers_v2";

/// Regenerates the checked-in client; with `check`, writes nothing and fails on any difference.
pub(crate) fn regenerate(check: bool, verbose: bool) -> Result<(), String> {
    let root = project_root();
    let spec_path = root.join(SPEC);
    let text = twilio_codegen::spec::read_spec(&spec_path)?;
    let options = codegen::Options {
        crate_name: CRATE_NAME.to_owned(),
        spec_label: SPEC.to_owned(),
    };
    // Names the accepted surface already has are kept (see `codegen::Pins`).
    let accepted = crate::report::accepted_surface();
    let pins = codegen::Pins::from_surface(accepted.as_ref().unwrap_or(&Default::default()));
    let output = codegen::generate_with(SPEC, &text, &options, &pins).map_err(|e| e.to_string())?;
    print!(
        "{}",
        twilio_codegen::approximations::note(SPEC, &output, verbose)
    );
    let dir = root.join(GENERATED_DIR);
    let mut stale = Vec::new();
    for (name, contents) in &output.files {
        let path = dir.join(name);
        if ensure_file_contents(&path, contents, check)? {
            stale.push(format!("{GENERATED_DIR}/{name}"));
        }
    }
    for extra in stray_files(&dir, &output.files)? {
        if !check {
            std::fs::remove_file(dir.join(&extra))
                .map_err(|e| format!("cannot remove {extra}: {e}"))?;
            println!("removed {GENERATED_DIR}/{extra} (no longer generated)");
        }
        stale.push(format!("{GENERATED_DIR}/{extra} (not generated any more)"));
    }
    if !check {
        let surface = codegen::surface_with(SPEC, &text, &pins).map_err(|e| e.to_string())?;
        crate::report::print_codegen_report(accepted.as_ref(), &surface);
    }
    match (check, stale.is_empty()) {
        (_, true) => {
            println!(
                "generated code is up to date ({} files)",
                output.files.len()
            );
            Ok(())
        }
        (true, false) => Err(format!(
            "generated code is stale:\n  {}\nrun `cargo xtask codegen` and commit the result",
            stale.join("\n  ")
        )),
        (false, false) => Ok(()),
    }
}

/// Makes `path` hold `contents`; returns whether it differed. In check mode nothing is written.
pub(crate) fn ensure_file_contents(
    path: &Path,
    contents: &str,
    check: bool,
) -> Result<bool, String> {
    let current = std::fs::read_to_string(path).ok();
    // Git may check files out with CRLF endings on some machines; that is not staleness.
    if current
        .as_deref()
        .map(|c| c.replace("\r\n", "\n"))
        .as_deref()
        == Some(contents)
    {
        return Ok(false);
    }
    if !check {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(path, contents)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        let root = project_root();
        println!(
            "updated {}",
            path.strip_prefix(&root).unwrap_or(path).display()
        );
    }
    Ok(true)
}

fn stray_files(
    dir: &Path,
    expected: &std::collections::BTreeMap<String, String>,
) -> Result<Vec<String>, String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut extra = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_file() && !expected.contains_key(&name) {
            extra.push(name);
        }
    }
    extra.sort();
    Ok(extra)
}

#[cfg(test)]
mod tests {
    use super::ensure_file_contents;

    /// Check mode reports a difference and leaves the file alone; write mode fixes it; a file
    /// that differs only in line endings is not stale.
    #[test]
    fn ensure_file_contents_checks_before_it_writes() {
        let dir = std::env::temp_dir().join(format!("xtask-ensure-{}", std::process::id()));
        let path = dir.join("nested/file.rs");
        assert!(
            ensure_file_contents(&path, "new\n", true).unwrap(),
            "a missing file is stale"
        );
        assert!(!path.exists(), "check mode writes nothing");
        assert!(ensure_file_contents(&path, "new\n", false).unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        assert!(
            !ensure_file_contents(&path, "new\n", true).unwrap(),
            "now fresh"
        );
        std::fs::write(&path, "new\r\n").unwrap();
        assert!(
            !ensure_file_contents(&path, "new\n", true).unwrap(),
            "CRLF is not staleness"
        );
        assert!(ensure_file_contents(&path, "other\n", true).unwrap());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "new\r\n",
            "check mode left it alone"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// `cargo test` fails when someone changed the spec or the generator without regenerating.
    #[test]
    fn generated_client_is_fresh() {
        if let Err(message) = super::regenerate(true, false) {
            panic!("{message}");
        }
    }
}
