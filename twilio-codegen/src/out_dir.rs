//! Safe writing into `--out`: only into a missing or empty folder, or one an earlier run wrote
//! (it holds the [`MARKER`] list of its files); never through a symlink; never into a folder the
//! caller guards; and removing only files the marker lists.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file in DIR that lists, one relative path a line, every file a previous run wrote there.
/// Its presence is what makes a non-empty DIR "ours"; only the files it lists are ever removed.
pub const MARKER: &str = ".codegen-files";
const MARKER_HEADER: &str = "# Files written by the generator's --out; it removes only these.";

/// Folders `--out` must stay clear of, whatever `--force` says.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    /// `--out` may not be one of these nor a folder containing one (a workspace's root).
    pub not_above: Vec<PathBuf>,
    /// `--out` may not be one of these nor inside one (a crate maintained otherwise).
    pub not_within: Vec<PathBuf>,
}

/// Whether `out` holds the marker of an earlier run (so its files are this generator's).
pub fn is_ours(out: &Path) -> bool {
    std::fs::symlink_metadata(out.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// The folder to write to, made absolute. It must be empty, missing, or hold a marker from an
/// earlier run; `force` allows any other folder. Never one of `guard`'s folders, force or not.
pub fn check_out_dir(out: &Path, force: bool, guard: &Guard) -> Result<PathBuf, String> {
    let absolute = absolute(out)?;
    for kept in &guard.not_above {
        if absolute_existing(kept).starts_with(&absolute) {
            return Err(format!(
                "--out {} is {} or a folder containing it; choose a new folder",
                out.display(),
                kept.display()
            ));
        }
    }
    for kept in &guard.not_within {
        if absolute.starts_with(absolute_existing(kept)) {
            return Err(format!(
                "--out {} is inside {}, which `cargo xtask codegen` (without --out) maintains; \
                 choose a new folder",
                out.display(),
                kept.display()
            ));
        }
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
pub fn write_files(out: &Path, files: &BTreeMap<String, String>) -> Result<Vec<String>, String> {
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
    let mut removed = Vec::new();
    for relative in previous.difference(&files.keys().cloned().collect()) {
        let path = checked_path(out, relative)?;
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            std::fs::remove_file(&path)
                .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            removed.push(relative.clone());
        }
    }
    write_marker(out, files.keys().map(String::as_str).collect())?;
    Ok(removed)
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
pub(crate) fn read_marker(out: &Path) -> Result<std::collections::BTreeSet<String>, String> {
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
pub(crate) fn checked_path(out: &Path, relative: &str) -> Result<PathBuf, String> {
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::{Guard, MARKER, check_out_dir, write_files};
    use crate::tests::Scratch;

    fn files(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn out_refuses_the_workspace_generated_client_and_foreign_folders() {
        let root = std::env::temp_dir().join(format!("guarded-{}", std::process::id()));
        std::fs::create_dir_all(root.join("generated-client/src")).unwrap();
        let guard = Guard {
            not_above: vec![root.clone()],
            not_within: vec![root.join("generated-client")],
        };
        for target in [
            root.clone(),
            root.join("generated-client"),
            root.join("generated-client/src"),
        ] {
            assert!(
                check_out_dir(&target, true, &guard).is_err(),
                "{} is refused",
                target.display()
            );
        }
        if let Some(parent) = root.parent() {
            assert!(
                check_out_dir(parent, true, &guard).is_err(),
                "a parent of the workspace is refused"
            );
        }
        let _ = std::fs::remove_dir_all(&root);
        let scratch = Scratch::new("out-foreign");
        std::fs::write(scratch.0.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
        let refused = check_out_dir(&scratch.0, false, &Guard::default())
            .expect_err("a user's crate is refused");
        assert!(refused.contains("--force"), "{refused}");
        assert!(
            check_out_dir(&scratch.0, true, &Guard::default()).is_ok(),
            "--force allows it"
        );
        assert!(
            check_out_dir(&scratch.0.join("new"), false, &Guard::default()).is_ok(),
            "a missing folder is fine"
        );
        std::fs::create_dir(scratch.0.join("empty")).unwrap();
        assert!(
            check_out_dir(&scratch.0.join("empty"), false, &Guard::default()).is_ok(),
            "an empty one too"
        );
        std::fs::write(scratch.0.join(MARKER), "").unwrap();
        assert!(
            check_out_dir(&scratch.0, false, &Guard::default()).is_ok(),
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
}
