//! Records the compiler's version for the User-Agent (`twilio-numbers-v2/0.1.0 (linux x86_64)
//! rust/1.95.0`), as Twilio's official libraries report their runtime's version.
//!
//! This is the crate's only build-time step; it generates no code.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=RUSTC");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    // `rustc 1.95.0 (59807616e 2026-04-14)` -> `1.95.0`; anything unexpected leaves it unknown.
    let version = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.split_whitespace().nth(1).map(str::to_owned))
        .filter(|v| {
            v.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        });
    if let Some(version) = version {
        println!("cargo:rustc-env=TWILIO_RUST_RUSTC_VERSION={version}");
    }
}
