//! Embeds what every generated crate holds besides its generated files: the hand-written
//! runtime of `generated-client` (walked here, so a file added to it is embedded without
//! listing it anywhere), its crate root and build script, and the two manifests the
//! stand-alone manifest is assembled from (`generated-client/Cargo.toml` and the workspace's,
//! for the dependency versions).
//!
//! The output is `$OUT_DIR/embedded.rs`: one `include_str!` per file, so the binary carries the
//! text and no path of this checkout is read at run time.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Files and folders of `generated-client` copied into every generated crate.
const CLIENT_ROOTS: &[&str] = &["build.rs", "src/lib.rs", "src/generated.rs", "src/runtime"];

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let workspace = manifest_dir
        .parent()
        .expect("twilio-codegen sits in the workspace");
    let client = workspace.join("generated-client");
    println!("cargo:rerun-if-changed=build.rs");
    let mut files = Vec::new();
    for root in CLIENT_ROOTS {
        // A folder is watched as a whole: cargo rescans it, so new files trigger a rebuild.
        println!("cargo:rerun-if-changed={}", client.join(root).display());
        collect(&client, Path::new(root), &mut files);
    }
    files.sort();
    let mut out = String::from(
        "/// The hand-written files of the client crate, relative to a generated crate's root.\n\
         pub(crate) const CLIENT_FILES: &[(&str, &str)] = &[\n",
    );
    for (relative, absolute) in &files {
        let _ = writeln!(out, "    ({relative:?}, include_str!({absolute:?})),");
    }
    out.push_str("];\n");
    for (name, path, doc) in [
        (
            "CLIENT_MANIFEST",
            client.join("Cargo.toml"),
            "The client crate's manifest: the template of every generated crate's.",
        ),
        (
            "WORKSPACE_MANIFEST",
            workspace.join("Cargo.toml"),
            "The workspace manifest: the values the template's `workspace = true` entries take.",
        ),
    ] {
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            out,
            "/// {doc}\npub(crate) const {name}: &str = include_str!({:?});",
            path.display().to_string()
        );
    }
    let target =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("embedded.rs");
    std::fs::write(&target, out).expect("OUT_DIR is writable");
}

/// Adds the file `relative` (under `client`), or every file below it when it is a folder, as
/// (`a/b.rs`, absolute path). Hidden files (editor swap files, `.DS_Store`) are left out.
fn collect(client: &Path, relative: &Path, files: &mut Vec<(String, String)>) {
    let path = client.join(relative);
    if path.is_dir() {
        let entries = std::fs::read_dir(&path)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", path.display()));
        for entry in entries {
            let entry = entry.unwrap_or_else(|e| panic!("cannot list {}: {e}", path.display()));
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            collect(client, &relative.join(entry.file_name()), files);
        }
        return;
    }
    let key = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    files.push((key, path.display().to_string()));
}
