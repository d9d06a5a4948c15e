//! The generator's report of what it could only approximate: printed after every generation so
//! that "nothing is skipped silently" holds for schemas kept as `serde_json::Value` too.

/// The count of approximated schemas; with `verbose` (`--verbose`), each pointer and reason
/// too. Empty when there are none.
pub fn note(spec: &str, output: &codegen::Output, verbose: bool) -> String {
    let found = &output.approximations;
    if found.is_empty() {
        return String::new();
    }
    let s = if found.len() == 1 { "" } else { "s" };
    let mut text = format!(
        "note: {} schema{s} of {spec} kept as JSON values (serde_json::Value){}\n",
        found.len(),
        if verbose {
            ":"
        } else {
            "; --verbose lists them"
        }
    );
    if verbose {
        for item in found {
            text.push_str(&format!("  {spec}#{}: {}\n", item.pointer, item.what));
        }
    }
    text
}
