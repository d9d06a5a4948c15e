//! Generation speed and memory: `cargo bench -p codegen`.
//!
//! Measures the whole pipeline (parse, resolve, emit, format) on the project's spec and, when
//! `../shared/specs/` is present, on Twilio's full Numbers v2 document.

use std::path::Path;

/// Counts allocations and bytes per iteration, so memory is reported next to time.
#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

fn read(relative: &str) -> Option<String> {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).ok()
}

fn options() -> codegen::Options {
    codegen::Options {
        crate_name: "twilio_numbers_v2".to_owned(),
        spec_label: "bench".to_owned(),
    }
}

#[divan::bench(sample_count = 20)]
fn project_spec(bencher: divan::Bencher) {
    let Some(text) = read("../spec/twilio_numbers_v2.yaml") else {
        return;
    };
    bencher.bench(|| codegen::generate("spec", divan::black_box(&text), &options()));
}

#[divan::bench(sample_count = 10)]
fn upstream_numbers_v2(bencher: divan::Bencher) {
    let Some(text) = read("../../shared/specs/twilio_numbers_v2.yaml") else {
        eprintln!("skipped: ../shared/specs/twilio_numbers_v2.yaml is not present");
        return;
    };
    bencher.bench(|| codegen::generate("upstream", divan::black_box(&text), &options()));
}

/// Parsing and resolving only, to see what the emit and format stages cost on top.
#[divan::bench(sample_count = 10)]
fn upstream_resolve_only(bencher: divan::Bencher) {
    let Some(text) = read("../../shared/specs/twilio_numbers_v2.yaml") else {
        return;
    };
    bencher.bench(|| codegen::resolve("upstream", divan::black_box(&text)));
}
