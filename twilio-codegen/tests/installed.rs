//! The `twilio-codegen` binary on its own: copied out of the build into a temporary folder and
//! run from there (as after `cargo install`), it writes a whole crate, and running it again
//! into the same folder reports no change and keeps the version. `.ci/run` builds and tests
//! crates written this way for every fixture.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh folder under the system's temporary directory, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(binary: &Path, cwd: &Path, args: &[&str]) -> String {
    let output = Command::new(binary)
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the copied binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{args:?} failed:\n{text}");
    text
}

#[test]
fn the_copied_binary_writes_a_crate_from_any_folder() {
    let scratch = Scratch(std::env::temp_dir().join(format!("installed-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&scratch.0);
    let bin_dir = scratch.0.join("bin");
    let work = scratch.0.join("work");
    std::fs::create_dir_all(&bin_dir).unwrap();
    std::fs::create_dir_all(&work).unwrap();
    let binary = bin_dir.join("twilio-codegen");
    std::fs::copy(env!("CARGO_BIN_EXE_twilio-codegen"), &binary).unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/it/fixtures/ok/sid_pattern.yaml");
    std::fs::copy(&fixture, work.join("my_api.yaml")).unwrap();

    let first = run(
        &binary,
        &work,
        &["--spec", "my_api.yaml", "--out", "client"],
    );
    assert!(first.contains("wrote crate `my-api` 0.1.0"), "{first}");
    let out = work.join("client");
    for (relative, text) in twilio_codegen::client_files() {
        let written = std::fs::read_to_string(out.join(relative)).unwrap();
        assert!(written == *text, "{relative} is the embedded file");
    }
    for relative in [
        "Cargo.toml",
        "api-surface.txt",
        "src/generated/operations.rs",
        ".codegen-files",
    ] {
        assert!(out.join(relative).is_file(), "{relative} is written");
    }
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"my-api\""), "{manifest}");
    assert!(!manifest.contains("workspace = true"), "{manifest}");

    let again = run(
        &binary,
        &work,
        &["--spec", "my_api.yaml", "--out", "client"],
    );
    assert!(again.contains("no change to the public API"), "{again}");
    assert!(again.contains("version 0.1.0 kept"), "{again}");
}
