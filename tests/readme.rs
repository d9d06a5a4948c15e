// This library exists so that `cargo test` compiles the README's Rust examples as doctests:
// a README that stops compiling fails the build.
#![doc = include_str!("../README.md")]
