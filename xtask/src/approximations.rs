//! The generator's report of what it could only approximate: printed after every generation so
//! that "nothing is skipped silently" holds for schemas kept as `serde_json::Value` too.

use std::sync::atomic::{AtomicBool, Ordering};

/// Set by `--verbose`: list every approximated schema with its pointer, not just the count.
pub(crate) static VERBOSE: AtomicBool = AtomicBool::new(false);

/// Prints the count of approximated schemas (and, verbose, each pointer and reason).
pub(crate) fn print(spec: &str, output: &codegen::Output) {
    let found = &output.approximations;
    if found.is_empty() {
        return;
    }
    let s = if found.len() == 1 { "" } else { "s" };
    println!(
        "note: {} schema{s} of {spec} kept as JSON values (serde_json::Value){}",
        found.len(),
        if VERBOSE.load(Ordering::Relaxed) {
            ":"
        } else {
            "; --verbose lists them"
        }
    );
    if VERBOSE.load(Ordering::Relaxed) {
        for item in found {
            println!("  {spec}#{}: {}", item.pointer, item.what);
        }
    }
}
