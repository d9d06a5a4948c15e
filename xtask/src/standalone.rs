//! `cargo xtask codegen --spec FILE --out DIR`: a self-contained client crate for any document.
//!
//! The crate gets the generated files, a copy of the hand-written runtime, and a `Cargo.toml`
//! whose dependency versions are taken from this workspace, with an empty `[workspace]` table so
//! it builds on its own wherever DIR is.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::project_root;

/// Hand-written files of `generated-client` that every generated crate needs.
const RUNTIME_ROOTS: &[&str] = &["build.rs", "src/lib.rs", "src/generated.rs", "src/runtime"];

/// The file in DIR that lists, one relative path a line, every file a previous run wrote there.
/// Its presence is what makes a non-empty DIR "ours"; only the files it lists are ever removed.
pub(crate) const MARKER: &str = ".codegen-files";
const MARKER_HEADER: &str =
    "# Files written by `cargo xtask codegen --out`; it removes only these.";

pub(crate) fn write_crate(
    spec: &Path,
    out: &Path,
    crate_name: Option<&str>,
    pins: &codegen::Pins,
    force: bool,
    verbose: bool,
) -> Result<(), String> {
    let text = read_spec(spec)?;
    let package = match crate_name {
        Some(name) => {
            check_package_name(name)?;
            name.to_owned()
        }
        None => package_name(spec),
    };
    let label = spec
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let options = codegen::Options {
        crate_name: package.replace('-', "_"),
        spec_label: label,
    };
    let output = codegen::generate_with(&spec.display().to_string(), &text, &options, pins)
        .map_err(|e| e.to_string())?;
    crate::approximations::print(&spec.display().to_string(), &output, verbose);

    let client_dir = project_root().join("generated-client");
    let mut files = BTreeMap::new();
    for root in RUNTIME_ROOTS {
        collect_tree(&client_dir, Path::new(root), &mut files)?;
    }
    for (name, contents) in output.files {
        files.insert(format!("src/generated/{name}"), contents);
    }
    files.insert(
        "Cargo.toml".to_owned(),
        manifest(&package, &output.title, &client_dir)?,
    );
    let out = check_out_dir(out, force)?;
    write_files(&out, &files)?;
    println!("wrote crate `{package}` to {}", out.display());
    Ok(())
}

/// Reads a spec, refusing one over [`codegen::MAX_SPEC_BYTES`] without reading past the limit
/// (so `/dev/urandom` or an endless pipe is refused as soon as the limit is reached).
pub(crate) fn read_spec(path: &Path) -> Result<String, String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(codegen::MAX_SPEC_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if bytes.len() > codegen::MAX_SPEC_BYTES {
        return Err(format!(
            "{} is larger than {} bytes (64 MiB), the largest document the generator reads",
            path.display(),
            codegen::MAX_SPEC_BYTES
        ));
    }
    String::from_utf8(bytes).map_err(|e| format!("{} is not UTF-8: {e}", path.display()))
}

/// A package name Cargo accepts and that cannot inject anything into `Cargo.toml` or the docs:
/// an ASCII letter, then up to 63 ASCII letters, digits, `-` or `_`; not a Rust keyword nor a
/// name the standard library takes.
pub(crate) fn check_package_name(name: &str) -> Result<(), String> {
    let valid_chars = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && name.len() <= 64;
    let as_ident = name.replace('-', "_");
    let reserved = ["std", "core", "alloc", "proc_macro", "test"].contains(&as_ident.as_str())
        || codegen::naming::is_keyword(&as_ident);
    if valid_chars && !reserved {
        Ok(())
    } else {
        Err(format!(
            "--crate-name {name:?} is not a valid package name: use an ASCII letter, then up to 63 \
             ASCII letters, digits, `-` or `_`, and not a Rust keyword or `std`/`core`/`alloc`/`test`"
        ))
    }
}

/// The folder to write to, made absolute. It must be empty, missing, or hold a marker from an
/// earlier run; `force` allows any other folder. Never the workspace, one of its parents, or
/// `generated-client/`, force or not.
pub(crate) fn check_out_dir(out: &Path, force: bool) -> Result<PathBuf, String> {
    let absolute = absolute(out)?;
    let root = absolute_existing(&project_root());
    let client = root.join("generated-client");
    if root.starts_with(&absolute) {
        return Err(format!(
            "--out {} is this workspace or a folder containing it; choose a new folder",
            out.display()
        ));
    }
    if absolute.starts_with(&client) {
        return Err(format!(
            "--out {} is inside generated-client/, which `cargo xtask codegen` (without --out) \
             maintains; choose a new folder",
            out.display()
        ));
    }
    match std::fs::symlink_metadata(&absolute) {
        Err(_) => return Ok(absolute),
        Ok(meta) if !meta.is_dir() => {
            return Err(format!(
                "--out {} exists and is not a folder",
                out.display()
            ));
        }
        Ok(_) => {}
    }
    let empty = std::fs::read_dir(&absolute)
        .map_err(|e| format!("cannot list {}: {e}", out.display()))?
        .next()
        .is_none();
    let ours = std::fs::symlink_metadata(absolute.join(MARKER)).is_ok_and(|m| m.is_file());
    if empty || ours || force {
        Ok(absolute)
    } else {
        Err(format!(
            "--out {} is not empty and was not written by `cargo xtask codegen --out` (it has no \
             {MARKER}); choose an empty folder, or pass --force to write into it anyway",
            out.display()
        ))
    }
}

/// `path` made absolute with its existing part resolved (symlinks followed, as the user named
/// them) and the rest appended; `..` in the missing part is refused.
fn absolute(path: &Path) -> Result<PathBuf, String> {
    let joined = std::env::current_dir()
        .map_err(|e| format!("no current directory: {e}"))?
        .join(path);
    let mut existing = joined.as_path();
    let mut rest = Vec::new();
    while std::fs::symlink_metadata(existing).is_err() {
        let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
            break;
        };
        rest.push(name.to_owned());
        existing = parent;
    }
    let mut out = absolute_existing(existing);
    for name in rest.iter().rev() {
        out.push(name);
    }
    if out
        .components()
        .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err(format!(
            "--out {}: `..` in a folder that does not exist yet",
            path.display()
        ));
    }
    Ok(out)
}

fn absolute_existing(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Writes `files` (relative path -> contents) under `out`, which `check_out_dir` accepted.
/// Nothing is written through a symlink: every folder on the way must be a real folder, and
/// each file is written to a new temporary file that is then renamed over the old one (a
/// rename replaces a symlink, never its target). Files that an earlier run listed in the
/// marker and this run does not write are removed; no other file is.
pub(crate) fn write_files(out: &Path, files: &BTreeMap<String, String>) -> Result<(), String> {
    let previous = read_marker(out)?;
    ensure_real_dir(out, out)?;
    // The marker lists every file this run may write before the first is written, so a run
    // that stops half-way still leaves a folder the next run recognises and cleans up.
    let mut all: Vec<&str> = previous.iter().map(String::as_str).collect();
    all.extend(files.keys().map(String::as_str));
    write_marker(out, all)?;
    for (relative, contents) in files {
        let path = checked_path(out, relative)?;
        if let Some(parent) = path.parent() {
            ensure_real_dir(out, parent)?;
        }
        write_file(&path, contents)?;
    }
    for relative in previous.difference(&files.keys().cloned().collect()) {
        let path = checked_path(out, relative)?;
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            std::fs::remove_file(&path)
                .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            println!("removed {relative} (no longer generated)");
        }
    }
    write_marker(out, files.keys().map(String::as_str).collect())
}

fn write_marker(out: &Path, mut paths: Vec<&str>) -> Result<(), String> {
    paths.sort_unstable();
    paths.dedup();
    let mut marker = format!("{MARKER_HEADER}\n");
    for relative in paths {
        marker.push_str(relative);
        marker.push('\n');
    }
    write_file(&out.join(MARKER), &marker)
}

/// The paths listed in `out`'s marker (none when there is no marker).
fn read_marker(out: &Path) -> Result<std::collections::BTreeSet<String>, String> {
    let path = out.join(MARKER);
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Err(format!("{} is not a regular file", path.display())),
        Err(_) => return Ok(Default::default()),
    }
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let listed: std::collections::BTreeSet<String> = text
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect();
    // A marker naming anything outside the folder is refused before anything is written.
    for relative in &listed {
        checked_path(out, relative).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(listed)
}

/// `out/relative`, refusing anything but plain names separated by `/` (no `..`, no root).
fn checked_path(out: &Path, relative: &str) -> Result<PathBuf, String> {
    let plain = !relative.is_empty()
        && relative
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains('\\'));
    if plain {
        Ok(out.join(relative))
    } else {
        Err(format!(
            "refusing the path {relative:?}: not a plain relative path"
        ))
    }
}

/// Creates `dir` (under `out`) as needed, refusing any symlink between `out` and it.
fn ensure_real_dir(out: &Path, dir: &Path) -> Result<(), String> {
    // The folders above `out` are the caller's path (`--out /tmp/new/crate`): created as needed.
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let relative = dir.strip_prefix(out).unwrap_or(Path::new(""));
    let mut current = out.to_path_buf();
    let parts = std::iter::once(None).chain(relative.components().map(Some));
    for part in parts {
        if let Some(part) = part {
            current.push(part);
        }
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                return Err(format!(
                    "{} is a symlink or a file, not a folder; refusing to write through it",
                    current.display()
                ));
            }
            Err(_) => std::fs::create_dir(&current)
                .map_err(|e| format!("cannot create {}: {e}", current.display()))?,
        }
    }
    Ok(())
}

/// Makes `path` a regular file holding `contents`, leaving an identical file untouched (so its
/// modification time, and incremental builds, are kept).
fn write_file(path: &Path, contents: &str) -> Result<(), String> {
    match std::fs::symlink_metadata(path) {
        Ok(meta)
            if meta.is_file()
                && std::fs::read_to_string(path).is_ok_and(|current| current == contents) =>
        {
            return Ok(());
        }
        Ok(meta) if meta.is_dir() => {
            return Err(format!("{} is a folder, expected a file", path.display()));
        }
        // A symlink (or a missing file) is replaced, never followed.
        _ => {}
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.codegen-{}", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| std::io::Write::write_all(&mut file, contents.as_bytes()))
        .and_then(|()| std::fs::rename(&temporary, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(format!("cannot write {}: {e}", path.display()));
    }
    Ok(())
}

/// `twilio_numbers_v2.yaml` -> `twilio-numbers-v2`; a name that would not work as a Rust crate
/// name (`ref.yaml`, `2024.yaml`) gets `-client` after it or `twilio-` before it.
fn package_name(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-').to_owned();
    if name.is_empty() {
        "twilio-client".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("twilio-{name}")
    } else if codegen::naming::is_keyword(&name.replace('-', "_")) {
        format!("{name}-client")
    } else {
        name
    }
}

/// Adds the hand-written file or folder `relative` (under `client_dir`) to `files`.
fn collect_tree(
    client_dir: &Path,
    relative: &Path,
    files: &mut BTreeMap<String, String>,
) -> Result<(), String> {
    let from = client_dir.join(relative);
    if from.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(&from)
            .map_err(|e| format!("cannot list {}: {e}", from.display()))?
            .filter_map(Result::ok)
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            collect_tree(client_dir, &relative.join(entry.file_name()), files)?;
        }
        return Ok(());
    }
    let contents = std::fs::read_to_string(&from)
        .map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    let key = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    files.insert(key, contents);
    Ok(())
}

/// The client's manifest with each `x.workspace = true` replaced by the workspace's value.
fn manifest(package: &str, title: &str, client_dir: &Path) -> Result<String, String> {
    let root_manifest =
        std::fs::read_to_string(project_root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    let client_manifest =
        std::fs::read_to_string(client_dir.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let versions = workspace_dependencies(&root_manifest);
    let mut out = String::new();
    for line in client_manifest.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("name = ") {
            out.push_str(&format!("name = \"{package}\"\n"));
        } else if trimmed.starts_with("description = ") {
            // The document's own title, as a TOML basic string (quotes, backslashes and
            // control characters escaped).
            let title: String = title
                .chars()
                .flat_map(|c| match c {
                    '"' => "\\\"".chars().collect::<Vec<_>>(),
                    '\\' => "\\\\".chars().collect(),
                    c if c.is_control() => vec![' '],
                    c => vec![c],
                })
                .collect();
            out.push_str(&format!(
                "description = \"Typed async client for {title}, generated from its OpenAPI document\"\n"
            ));
        } else if trimmed.ends_with(".workspace = true") {
            let key = trimmed.trim_end_matches(".workspace = true").trim();
            let package_keys = ["edition", "rust-version", "license", "publish"];
            if package_keys.contains(&key) {
                let value = workspace_package_value(&root_manifest, key)
                    .ok_or_else(|| format!("workspace.package.{key} is missing"))?;
                out.push_str(&format!("{key} = {value}\n"));
            } else {
                let value = versions
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| format!("workspace dependency {key} is missing"))?;
                out.push_str(&format!("{key} = {value}\n"));
            }
        } else if let Some((key, rest)) = trimmed.split_once("= { workspace = true") {
            // `tokio = { workspace = true, features = [...] }`: merge the extra features.
            let key = key.trim();
            let base = versions
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| format!("workspace dependency {key} is missing"))?;
            let mut value = merge_features(&base, rest);
            // `axum = { workspace = true, optional = true }` (the `mock` feature's server).
            if rest.contains("optional = true") {
                value = if value.starts_with('"') {
                    format!("{{ version = {value}, optional = true }}")
                } else {
                    format!(
                        "{}, optional = true }}",
                        value.trim_end_matches('}').trim_end()
                    )
                };
            }
            out.push_str(&format!("{key} = {value}\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    // The runtime serves every document: one without lists, SIDs or path parameters leaves
    // some of its helpers unused, which is expected rather than dead code to remove. Our own
    // workspace keeps these lints, since its document uses the whole runtime.
    out.push_str(
        "\n# The runtime serves every document; this one may not need all of it.\n\
         [lints.rust]\ndead_code = \"allow\"\nunused_imports = \"allow\"\n",
    );
    out.push_str(
        "\n# A stand-alone crate, not a member of any enclosing workspace.\n[workspace]\n",
    );
    Ok(out)
}

fn workspace_dependencies(root_manifest: &str) -> Vec<(String, String)> {
    section_entries(root_manifest, "[workspace.dependencies]")
}

fn workspace_package_value(root_manifest: &str, key: &str) -> Option<String> {
    section_entries(root_manifest, "[workspace.package]")
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

fn section_entries(manifest: &str, header: &str) -> Vec<(String, String)> {
    let mut inside = false;
    let mut out = Vec::new();
    for line in manifest.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            inside = trimmed == header;
            continue;
        }
        if inside
            && !trimmed.starts_with('#')
            && let Some((key, value)) = trimmed.split_once(" = ")
        {
            out.push((key.trim().to_owned(), value.trim().to_owned()));
        }
    }
    out
}

/// Adds the `features` of `extra` (`, features = ["a"] }`) to a workspace dependency value.
fn merge_features(base: &str, extra: &str) -> String {
    let extra_features = extra
        .split_once("features = [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(list, _)| list.trim().to_owned())
        .unwrap_or_default();
    if extra_features.is_empty() {
        return base.to_owned();
    }
    if base.starts_with('"') {
        return format!("{{ version = {base}, features = [{extra_features}] }}");
    }
    if let Some((head, rest)) = base.split_once("features = [") {
        return format!("{head}features = [{extra_features}, {rest}");
    }
    format!(
        "{}, features = [{extra_features}] }}",
        base.trim_end_matches('}').trim_end()
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use super::{
        MARKER, check_out_dir, check_package_name, merge_features, package_name, read_spec,
        section_entries, write_files,
    };

    /// A fresh folder under the system's temporary directory, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Self {
            let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn files(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn crate_names_are_validated() {
        for good in ["twilio-numbers-v2", "my_client", "A1"] {
            assert_eq!(check_package_name(good), Ok(()), "{good}");
        }
        for bad in [
            "x\"\nbuild = \"../../evil.rs",
            "",
            "2fa",
            "-x",
            "a b",
            "caf\u{e9}",
            "self",
            "std",
            &"a".repeat(65),
        ] {
            assert!(check_package_name(bad).is_err(), "{bad:?} is refused");
        }
    }

    #[test]
    fn out_refuses_the_workspace_generated_client_and_foreign_folders() {
        let root = crate::project_root();
        for target in [
            root.clone(),
            root.join("generated-client"),
            root.join("generated-client/src"),
        ] {
            assert!(
                check_out_dir(&target, true).is_err(),
                "{} is refused",
                target.display()
            );
        }
        if let Some(parent) = root.parent() {
            assert!(
                check_out_dir(parent, true).is_err(),
                "a parent of the workspace is refused"
            );
        }
        let scratch = Scratch::new("out-foreign");
        std::fs::write(scratch.0.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
        let refused = check_out_dir(&scratch.0, false).expect_err("a user's crate is refused");
        assert!(refused.contains("--force"), "{refused}");
        assert!(check_out_dir(&scratch.0, true).is_ok(), "--force allows it");
        assert!(
            check_out_dir(&scratch.0.join("new"), false).is_ok(),
            "a missing folder is fine"
        );
        std::fs::create_dir(scratch.0.join("empty")).unwrap();
        assert!(
            check_out_dir(&scratch.0.join("empty"), false).is_ok(),
            "an empty one too"
        );
        std::fs::write(scratch.0.join(MARKER), "").unwrap();
        assert!(
            check_out_dir(&scratch.0, false).is_ok(),
            "a folder with the marker is ours"
        );
    }

    #[test]
    fn out_removes_only_files_it_wrote() {
        let scratch = Scratch::new("out-remove");
        let out = scratch.0.as_path();
        write_files(out, &files(&[("a.rs", "a"), ("src/b.rs", "b")])).unwrap();
        std::fs::write(out.join("src/mine.rs"), "mine").unwrap();
        write_files(out, &files(&[("a.rs", "a2")])).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.rs")).unwrap(), "a2");
        assert!(
            !out.join("src/b.rs").exists(),
            "a file it wrote and no longer writes is removed"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("src/mine.rs")).unwrap(),
            "mine"
        );
        let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
        assert!(
            marker.lines().any(|l| l == "a.rs") && !marker.contains("b.rs"),
            "{marker}"
        );
        // A marker listing paths outside the folder removes nothing there.
        let outside = Scratch::new("out-outside");
        std::fs::write(outside.0.join("victim"), "keep").unwrap();
        let escape = format!(
            "../{}/victim",
            outside.0.file_name().unwrap().to_string_lossy()
        );
        std::fs::write(out.join(MARKER), format!("{escape}\n")).unwrap();
        assert!(write_files(out, &files(&[("a.rs", "changed")])).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("a.rs")).unwrap(),
            "a2",
            "refused before anything is written"
        );
        assert_eq!(
            std::fs::read_to_string(outside.0.join("victim")).unwrap(),
            "keep"
        );
    }

    #[cfg(unix)]
    #[test]
    fn out_never_writes_through_a_symlink() {
        let scratch = Scratch::new("out-symlink");
        let out = scratch.0.join("crate");
        let victim = scratch.0.join("victim.rs");
        std::fs::write(&victim, "outside").unwrap();
        std::fs::create_dir_all(out.join("src")).unwrap();
        std::os::unix::fs::symlink(&victim, out.join("src/lib.rs")).unwrap();
        write_files(&out, &files(&[("src/lib.rs", "generated")])).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "outside");
        assert!(
            std::fs::symlink_metadata(out.join("src/lib.rs"))
                .unwrap()
                .is_file()
        );
        // A symlinked folder is refused outright.
        let elsewhere = scratch.0.join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("runtime")).unwrap();
        assert!(write_files(&out, &files(&[("runtime/x.rs", "x")])).is_err());
        assert!(!elsewhere.join("x.rs").exists());
    }

    #[test]
    fn oversized_specs_are_refused_without_reading_them_whole() {
        let scratch = Scratch::new("spec-size");
        let path = scratch.0.join("big.yaml");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(codegen::MAX_SPEC_BYTES as u64 + 1).unwrap();
        let error = read_spec(&path).expect_err("refused");
        assert!(error.contains("larger than 67108864 bytes"), "{error}");
        // An endless file ends at the limit instead of filling memory.
        if Path::new("/dev/urandom").exists() {
            assert!(read_spec(Path::new("/dev/urandom")).is_err());
        }
    }

    #[test]
    fn workspace_values_are_read_from_their_section_only() {
        let manifest = "[workspace.package]\nedition = \"2024\"\n\n[workspace.dependencies]\n# a comment\nserde = { version = \"1\", features = [\"derive\"] }\nurl = \"2\"\n\n[other]\nurl = \"9\"\n";
        assert_eq!(
            section_entries(manifest, "[workspace.dependencies]"),
            [
                (
                    "serde".to_owned(),
                    "{ version = \"1\", features = [\"derive\"] }".to_owned()
                ),
                ("url".to_owned(), "\"2\"".to_owned()),
            ]
        );
    }

    #[test]
    fn member_features_are_added_to_the_workspace_value() {
        assert_eq!(
            merge_features("\"1\"", ", features = [\"macros\"] }"),
            "{ version = \"1\", features = [\"macros\"] }"
        );
        assert_eq!(
            merge_features(
                "{ version = \"1\", features = [\"time\"] }",
                ", features = [\"macros\"] }"
            ),
            "{ version = \"1\", features = [\"macros\", \"time\"] }"
        );
        assert_eq!(
            merge_features("{ version = \"0.8\" }", " }"),
            "{ version = \"0.8\" }"
        );
    }

    #[test]
    fn package_names_come_from_the_spec_file() {
        assert_eq!(
            package_name(std::path::Path::new("specs/twilio_numbers_v2.yaml")),
            "twilio-numbers-v2"
        );
        assert_eq!(package_name(std::path::Path::new("Api.V1.json")), "api-v1");
        assert_eq!(
            package_name(std::path::Path::new("fixtures/ref.yaml")),
            "ref-client"
        );
        assert_eq!(
            package_name(std::path::Path::new("2024.yaml")),
            "twilio-2024"
        );
    }
}
