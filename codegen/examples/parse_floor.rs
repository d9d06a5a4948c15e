//! The parse floor of issue 12: a process that only parses an OpenAPI document into
//! `openapiv3::OpenAPI`, nothing else. Generation (`cargo xtask codegen --spec FILE --out DIR`)
//! is compared with it as whole processes, see BENCHMARKS.md:
//!
//! ```sh
//! cargo build --release --example parse_floor -p codegen
//! target/release/examples/parse_floor ../shared/specs/twilio_numbers_v2.yaml
//! ```

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: parse_floor SPEC.yaml");
        return std::process::ExitCode::FAILURE;
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read {}: {e}", path.to_string_lossy());
            return std::process::ExitCode::FAILURE;
        }
    };
    match serde_yaml::from_str::<openapiv3::OpenAPI>(&text) {
        Ok(doc) => {
            println!("{} paths", doc.paths.paths.len());
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("not an OpenAPI document: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
