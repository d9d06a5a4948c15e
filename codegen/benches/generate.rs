//! Generation speed and memory: `cargo bench -p codegen`.
//!
//! - `project_spec`: the whole pipeline on the project's own spec.
//! - `numbers_v2`: Twilio's full Numbers v2 document (from `../shared/specs/` when present,
//!   skipped otherwise): the parse floor (`floor_parse_only`: YAML straight into
//!   `openapiv3::OpenAPI`, nothing else), each stage on its own (`stage_1_parse` ..
//!   `stage_5_write`), and the whole pipeline (`generate`), so every ratio comes from one run.
//!
//! The stages 3 and 4 are measured on one thread (`stage_3_emit`, `stage_4_format`) and as
//! `generate` runs them, files in parallel on the machine's cores (`stage_3_4_parallel`).

use std::path::{Path, PathBuf};

/// Counts allocations and bytes per iteration (of the benchmark thread only: the helper threads
/// of `stage_3_4_parallel` and `generate` are not counted).
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

/// Twilio's Numbers v2 document, stage by stage, next to its parse floor.
#[divan::bench_group(sample_count = 10)]
mod numbers_v2 {
    use super::*;
    use codegen::stages;

    fn upstream() -> Option<String> {
        let text = read("../../shared/specs/twilio_numbers_v2.yaml");
        if text.is_none() {
            eprintln!("skipped: ../shared/specs/twilio_numbers_v2.yaml is not present");
        }
        text
    }

    /// The floor: parsing the same YAML into `openapiv3::OpenAPI` and nothing else.
    #[divan::bench]
    fn floor_parse_only(bencher: divan::Bencher) {
        let Some(text) = upstream() else { return };
        bencher
            .bench(|| serde_yaml::from_str::<openapiv3::OpenAPI>(divan::black_box(&text)).unwrap());
    }

    /// Stage 1: YAML to a tree (duplicate keys refused), unknown keys, `openapiv3`.
    #[divan::bench]
    fn stage_1_parse(bencher: divan::Bencher) {
        let Some(text) = upstream() else { return };
        bencher.bench(|| stages::parse("upstream", divan::black_box(&text)));
    }

    /// Stage 2: `openapiv3` to the model.
    #[divan::bench]
    fn stage_2_resolve(bencher: divan::Bencher) {
        let Some(text) = upstream() else { return };
        let Ok(parsed) = stages::parse("upstream", &text) else {
            return;
        };
        bencher.bench(|| stages::resolve("upstream", divan::black_box(&parsed)));
    }

    /// Stage 3 on one thread: the model to token streams.
    #[divan::bench]
    fn stage_3_emit(bencher: divan::Bencher) {
        let Some(api) = upstream().and_then(|text| codegen::resolve("upstream", &text).ok()) else {
            return;
        };
        let options = options();
        bencher.bench(|| stages::emit(divan::black_box(&api), &options));
    }

    /// Stage 4 on one thread: token streams to formatted text (syn, prettyplease).
    #[divan::bench]
    fn stage_4_format(bencher: divan::Bencher) {
        let Some(api) = upstream().and_then(|text| codegen::resolve("upstream", &text).ok()) else {
            return;
        };
        let options = options();
        bencher
            .with_inputs(|| stages::emit(&api, &options))
            .bench_values(|emitted| stages::format(emitted, &options));
    }

    /// Stages 3 and 4 as `generate` runs them: one file per core at a time.
    #[divan::bench]
    fn stage_3_4_parallel(bencher: divan::Bencher) {
        let Some(api) = upstream().and_then(|text| codegen::resolve("upstream", &text).ok()) else {
            return;
        };
        let options = options();
        bencher.bench(|| stages::emit_and_format(divan::black_box(&api), &options));
    }

    /// Stage 5, as `cargo xtask codegen` writes: into an empty directory (every file written),
    /// and again over identical files (each read and compared, none written).
    #[divan::bench(args = ["fresh", "unchanged"])]
    fn stage_5_write(bencher: divan::Bencher, mode: &str) {
        let Some(output) =
            upstream().and_then(|text| codegen::generate("upstream", &text, &options()).ok())
        else {
            return;
        };
        let dir = std::env::temp_dir().join(format!("codegen-bench-write-{}", std::process::id()));
        let fresh = mode == "fresh";
        if !fresh {
            write_changed(&dir, &output.files);
        }
        bencher
            .with_inputs(|| {
                if fresh {
                    let _ = std::fs::remove_dir_all(&dir);
                }
            })
            .bench_values(|()| write_changed(&dir, &output.files));
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// The whole pipeline, as `cargo xtask codegen` calls it (without the writing).
    #[divan::bench]
    fn generate(bencher: divan::Bencher) {
        let Some(text) = upstream() else { return };
        bencher.bench(|| codegen::generate("upstream", divan::black_box(&text), &options()));
    }
}

/// What xtask's `ensure_file_contents` does: write a file only when its contents differ.
fn write_changed(dir: &Path, files: &std::collections::BTreeMap<String, String>) -> usize {
    let mut written = 0;
    for (name, contents) in files {
        let path: PathBuf = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(contents.as_str()) {
            continue;
        }
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(&path, contents).unwrap();
        written += 1;
    }
    written
}
