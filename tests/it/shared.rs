//! Twilio's documents in `../shared/specs/`: reference data the project reads in place and
//! must not copy. A checkout without them still passes, and says what it did not check.
//!
//! A test that needs a document and finds none declares the insta snapshots it would have
//! compared as skipped: it prints them, and appends their paths to the file named by
//! `SKIPPED_SNAPSHOTS_FILE` when that is set. `.ci/run` reads that file so that its
//! "no unreferenced snapshot" step tells a snapshot nobody checks (an orphan, a failure) from
//! one whose test had nothing to compare it with in this checkout (listed, not a failure).

use std::io::Write as _;
use std::path::PathBuf;

/// `../shared/specs/`, next to this checkout.
pub(crate) fn specs_dir() -> PathBuf {
    [env!("CARGO_MANIFEST_DIR"), "..", "..", "shared", "specs"]
        .iter()
        .collect()
}

/// The text of `relative` under [`specs_dir`]; when it is absent, declares `snapshots`
/// (insta snapshot names of `module`, as in `it__{module}__{name}.snap`) skipped and returns
/// `None`.
pub(crate) fn read_or_skip(relative: &str, module: &str, snapshots: &[&str]) -> Option<String> {
    let path = specs_dir().join(relative);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            skip(
                &format!("{} is not present", path.display()),
                module,
                snapshots,
            );
            None
        }
    }
}

/// Declares the snapshots of a skipped test (see the module docs).
pub(crate) fn skip(reason: &str, module: &str, snapshots: &[&str]) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("it/snapshots");
    let paths: Vec<String> = snapshots
        .iter()
        .map(|name| {
            dir.join(format!("it__{module}__{name}.snap"))
                .display()
                .to_string()
        })
        .collect();
    eprintln!(
        "skipped: {reason}; snapshots not checked in this run: {}",
        if paths.is_empty() {
            "none".to_owned()
        } else {
            paths.join(", ")
        }
    );
    if let Some(file) = std::env::var_os("SKIPPED_SNAPSHOTS_FILE") {
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&file)
            .and_then(|mut f| paths.iter().try_for_each(|p| writeln!(f, "{p}")));
        if let Err(e) = written {
            panic!(
                "cannot record skipped snapshots in {}: {e}",
                PathBuf::from(file).display()
            );
        }
    }
}
