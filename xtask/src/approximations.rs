//! The generator's report of what it could only approximate: printed after every generation so
//! that "nothing is skipped silently" holds for schemas kept as `serde_json::Value` too.

/// Prints the count of approximated schemas; with `verbose` (`--verbose`), each pointer and
/// reason too.
pub(crate) fn print(spec: &str, output: &codegen::Output, verbose: bool) {
    let found = &output.approximations;
    if found.is_empty() {
        return;
    }
    let s = if found.len() == 1 { "" } else { "s" };
    println!(
        "note: {} schema{s} of {spec} kept as JSON values (serde_json::Value){}",
        found.len(),
        if verbose {
            ":"
        } else {
            "; --verbose lists them"
        }
    );
    if verbose {
        for item in found {
            println!("  {spec}#{}: {}", item.pointer, item.what);
        }
    }
}
