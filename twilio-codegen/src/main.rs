//! `twilio-codegen --spec FILE --out DIR`: a stand-alone client crate for a Twilio document.

use std::path::PathBuf;
use std::process::ExitCode;

const HELP: &str = "\
usage: twilio-codegen --spec FILE --out DIR [--crate-name NAME] [--force] [--verbose]

Writes a typed async Rust client crate for the OpenAPI document FILE into DIR.

DIR must be empty, missing, or written by an earlier run (it lists its files in
DIR/.codegen-files and removes only those); --force writes into any other folder. Nothing is
written through a symlink. The crate records its public API in DIR/api-surface.txt: running
again into DIR keeps the SID type names listed there, prints what changed, and bumps the
version in DIR/Cargo.toml (0.x: breaking -> 0.(x+1).0, otherwise a patch).
--crate-name sets the package name (default: the earlier run's, else the file's name).
--verbose lists every schema kept as a JSON value, with its pointer.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    if args.is_empty() || args.iter().any(|a| a == "--help" || a == "-h") {
        print!("{HELP}");
        return Ok(());
    }
    let mut request = twilio_codegen::Request::default();
    let (mut spec, mut out, mut verbose) = (None, None, false);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--spec" => spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => request.crate_name = Some(value("--crate-name")?),
            "--force" => request.force = true,
            "--verbose" => verbose = true,
            other => return Err(format!("unknown argument {other:?}\n{HELP}")),
        }
    }
    let (Some(spec), Some(out)) = (spec, out) else {
        return Err(format!("--spec and --out are both needed\n{HELP}"));
    };
    request.spec = spec;
    request.out = out;
    let written = twilio_codegen::write_crate(&request)?;
    print!("{}", twilio_codegen::describe(&request, &written, verbose));
    Ok(())
}
