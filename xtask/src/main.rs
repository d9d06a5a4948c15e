//! The project's build tasks, run as `cargo xtask <task>` (see matklad/cargo-xtask).
//!
//! - `cargo xtask codegen`: regenerate `generated-client/src/generated/` from `spec/`.
//! - `cargo xtask codegen --check`: fail, naming each stale file, if the checked-in code differs.
//! - `cargo xtask codegen --spec FILE --out DIR [--crate-name NAME] [--force]`: write a
//!   self-contained client crate for another document into DIR, which must be empty, missing, or
//!   written by an earlier run (`--force` for any other folder).
//! - `cargo xtask surface SPEC.yaml`: the public API of the crate generated from SPEC, one
//!   line per item.
//! - `cargo xtask diff OLD.yaml NEW.yaml [--markdown]`: the API change report between two
//!   documents.
//! - `cargo xtask semver OLD.yaml NEW.yaml [NEWER.yaml...] [--out DIR]`: one crate regenerated
//!   through the documents in order; each report next to cargo-semver-checks' verdict.

mod codegen;
mod report;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const HELP: &str = "\
usage:
  cargo xtask codegen [--check] [--verbose]
  cargo xtask codegen --spec FILE --out DIR [--crate-name NAME] [--force] [--verbose]
  cargo xtask surface SPEC.yaml
  cargo xtask diff OLD.yaml NEW.yaml [--markdown]
  cargo xtask semver OLD.yaml NEW.yaml [NEWER.yaml...] [--out DIR]

--verbose lists every schema kept as a JSON value, with its pointer (otherwise only the count).
--out DIR must be empty, missing, or written by an earlier --out (it keeps a list of its files
in DIR/.codegen-files and removes only those); --force writes into any other folder. It never
writes through a symlink, nor into this workspace or generated-client/. The crate records its
API in DIR/api-surface.txt; regenerating into DIR keeps its SID names, prints the change report
and bumps the version in DIR/Cargo.toml. `twilio-codegen` (cargo install --path twilio-codegen)
does the same outside this checkout.
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
    let Some((task, rest)) = args.split_first() else {
        print!("{HELP}");
        return Ok(());
    };
    match task.as_str() {
        "codegen" => {
            let flags = CodegenFlags::parse(rest)?;
            match (flags.spec, flags.out) {
                (None, None) if flags.crate_name.is_none() && !flags.force => {
                    codegen::regenerate(flags.check, flags.verbose)
                }
                (Some(spec), Some(out)) if !flags.check => {
                    let request = twilio_codegen::Request {
                        spec,
                        out,
                        crate_name: flags.crate_name,
                        force: flags.force,
                        guard: guard(),
                    };
                    let written = twilio_codegen::write_crate(&request)?;
                    print!(
                        "{}",
                        twilio_codegen::describe(&request, &written, flags.verbose)
                    );
                    Ok(())
                }
                (Some(_), Some(_)) => Err(format!("--check does not apply to --out\n{HELP}")),
                (None, None) => Err(format!("--crate-name and --force need --out\n{HELP}")),
                _ => Err(format!("--spec and --out go together\n{HELP}")),
            }
        }
        "surface" => report::print_surface(rest),
        "diff" => report::diff(rest),
        "semver" => report::semver(rest),
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        other => Err(format!("unknown task {other:?}\n{HELP}")),
    }
}

struct CodegenFlags {
    check: bool,
    verbose: bool,
    force: bool,
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    crate_name: Option<String>,
}

impl CodegenFlags {
    fn parse(args: &[String]) -> Result<Self, String> {
        let mut flags = CodegenFlags {
            check: false,
            verbose: false,
            force: false,
            spec: None,
            out: None,
            crate_name: None,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| {
                args.next()
                    .cloned()
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match arg.as_str() {
                "--check" => flags.check = true,
                "--verbose" => flags.verbose = true,
                "--force" => flags.force = true,
                "--spec" => flags.spec = Some(PathBuf::from(value("--spec")?)),
                "--out" => flags.out = Some(PathBuf::from(value("--out")?)),
                "--crate-name" => flags.crate_name = Some(value("--crate-name")?),
                other => return Err(format!("unknown flag {other:?}\n{HELP}")),
            }
        }
        Ok(flags)
    }
}

/// What `--out` must stay clear of: this workspace (and its parents), and `generated-client/`,
/// which `cargo xtask codegen` maintains.
pub(crate) fn guard() -> twilio_codegen::Guard {
    let root = project_root();
    twilio_codegen::Guard {
        not_above: vec![root.clone()],
        not_within: vec![root.join("generated-client")],
    }
}

/// The workspace root: xtask lives one level below it.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}
