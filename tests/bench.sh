#!/usr/bin/env bash
# Every figure of BENCHMARKS.md, each next to its baseline from the same run:
#
#   tests/bench.sh            # all of it (about 15 minutes on 2 cores, most of it compiling)
#   tests/bench.sh generate   # only the generator: stage benches and whole processes
#   tests/bench.sh client     # only the client benches
#   tests/bench.sh build      # only the build time of generated crates
#
# XTASK_BEFORE=/path/to/an/older/xtask adds that build to the whole-process alternation (for
# before/after figures). RUNS (15) and BUILD_RUNS (3) set the number of runs.
#
# Needs ../shared/specs (Twilio's documents); the generator parts and the build part skip
# what is missing. Whole-process timings alternate the two programs run by run, so a busy
# machine slows both alike; callgrind instruction counts (when valgrind is installed) give
# a noise-free ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
shared="$root/../shared/specs"
numbers="$shared/twilio_numbers_v2.yaml"
api2010="$shared/twilio/twilio_api_v2010.yaml"
what="${1:-all}"
runs="${RUNS:-15}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

step() { printf '\n==> %s\n' "$*"; }

# Milliseconds taken by one run of "$@" (output discarded).
millis() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

generate() {
  step "cargo bench -p codegen (stages next to the parse floor)"
  cargo bench -p codegen

  [ -f "$numbers" ] || { echo "skipped whole processes: $numbers is not present"; return; }
  step "whole processes: xtask codegen --spec --out vs parse_floor, $runs alternating runs"
  cargo build --release -q -p xtask
  cargo build --release -q -p codegen --example parse_floor
  local xtask="$root/target/release/xtask" floor="$root/target/release/examples/parse_floor"
  local out="$work/generated"
  : >"$work/gen.ms"
  : >"$work/floor.ms"
  : >"$work/before.ms"
  # One warm-up each, then alternate; every generation writes into a fresh directory.
  "$xtask" codegen --spec "$numbers" --out "$out" >/dev/null
  "$floor" "$numbers" >/dev/null
  for _ in $(seq "$runs"); do
    rm -rf "$out"
    millis "$xtask" codegen --spec "$numbers" --out "$out" >>"$work/gen.ms"
    millis "$floor" "$numbers" >>"$work/floor.ms"
    # An older build of xtask to compare with, in the same alternation (optional).
    if [ -n "${XTASK_BEFORE:-}" ]; then
      rm -rf "$out"
      millis "$XTASK_BEFORE" codegen --spec "$numbers" --out "$out" >>"$work/before.ms"
    fi
  done
  local gen floor_ms
  gen=$(median <"$work/gen.ms")
  floor_ms=$(median <"$work/floor.ms")
  echo "generation (fresh dir) median ${gen} ms, parse floor median ${floor_ms} ms:" \
    "$(awk -v a="$gen" -v b="$floor_ms" 'BEGIN { printf "%.2fx", a / b }')"
  if [ -n "${XTASK_BEFORE:-}" ]; then
    local before
    before=$(median <"$work/before.ms")
    echo "XTASK_BEFORE (fresh dir) median ${before} ms:" \
      "$(awk -v a="$before" -v b="$floor_ms" 'BEGIN { printf "%.2fx", a / b }') of the floor"
  fi

  if command -v valgrind >/dev/null; then
    rm -rf "$out"
    local gen_ir floor_ir
    gen_ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$xtask" codegen \
      --spec "$numbers" --out "$out" 2>&1 >/dev/null | awk '/Collected/ { print $4 }')
    floor_ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$floor" "$numbers" \
      2>&1 >/dev/null | awk '/Collected/ { print $4 }')
    echo "instructions (all threads): generation $gen_ir, parse floor $floor_ir:" \
      "$(awk -v a="$gen_ir" -v b="$floor_ir" 'BEGIN { printf "%.2fx", a / b }')"
    if [ -n "${XTASK_BEFORE:-}" ]; then
      rm -rf "$out"
      local before_ir
      before_ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$XTASK_BEFORE" \
        codegen --spec "$numbers" --out "$out" 2>&1 >/dev/null | awk '/Collected/ { print $4 }')
      echo "instructions (all threads): XTASK_BEFORE $before_ir:" \
        "$(awk -v a="$before_ir" -v b="$floor_ir" 'BEGIN { printf "%.2fx", a / b }') of the floor"
    fi
  fi
}

client() {
  step "cargo bench -p tests --bench client (each figure next to its hand-written baseline)"
  cargo bench -p tests --bench client
}

# Crate-only build time of the crate generated from $1: dependencies built once, then
# `touch src/lib.rs` and `cargo build` with CARGO_INCREMENTAL=0 (the crate compiled in full,
# its dependencies reused), median of $BUILD_RUNS runs, per operation.
build_one() {
  local spec="$1" name dir ops times
  name="$(basename "$spec" .yaml)"
  dir="$work/$name"
  cargo run --release -q -p xtask -- codegen --spec "$spec" --out "$dir" >/dev/null
  # The workspace's lock file: the same dependency versions as the workspace, already built.
  cp "$root/Cargo.lock" "$dir/"
  ops=$(grep -c '(operation `' "$dir/src/generated/operations.rs" || true)
  export CARGO_INCREMENTAL=0
  (cd "$dir" && CARGO_TARGET_DIR="$root/target" cargo build -q)
  : >"$work/$name.ms"
  for _ in $(seq "${BUILD_RUNS:-3}"); do
    touch "$dir/src/lib.rs"
    (cd "$dir" && export CARGO_TARGET_DIR="$root/target" && millis cargo build -q) >>"$work/$name.ms"
  done
  times=$(median <"$work/$name.ms")
  echo "$name: $ops operations, crate-only build median ${times} ms," \
    "$(awk -v t="$times" -v n="$ops" 'BEGIN { printf "%.0f ms", t / n }') per operation"
}

build() {
  step "crate-only build time of generated crates (debug, CARGO_TARGET_DIR shared)"
  for spec in "$numbers" "$api2010"; do
    if [ -f "$spec" ]; then build_one "$spec"; else echo "skipped: $spec is not present"; fi
  done
}

case "$what" in
  all) generate; client; build ;;
  generate) generate ;;
  client) client ;;
  build) build ;;
  *) echo "usage: tests/bench.sh [all|generate|client|build]" >&2; exit 2 ;;
esac
