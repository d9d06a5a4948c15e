//! Reading a document and naming its crate.

use std::io::Read;
use std::path::Path;

/// Reads a spec, refusing one over [`codegen::MAX_SPEC_BYTES`] without reading past the limit
/// (so `/dev/urandom` or an endless pipe is refused as soon as the limit is reached).
pub fn read_spec(path: &Path) -> Result<String, String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(codegen::MAX_SPEC_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if bytes.len() > codegen::MAX_SPEC_BYTES {
        return Err(format!(
            "{} is larger than {} bytes (64 MiB), the largest document the generator reads",
            path.display(),
            codegen::MAX_SPEC_BYTES
        ));
    }
    String::from_utf8(bytes).map_err(|e| format!("{} is not UTF-8: {e}", path.display()))
}

/// A package name Cargo accepts and that cannot inject anything into `Cargo.toml` or the docs:
/// an ASCII letter, then up to 63 ASCII letters, digits, `-` or `_`; not a Rust keyword nor a
/// name the standard library takes.
pub fn check_package_name(name: &str) -> Result<(), String> {
    let valid_chars = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && name.len() <= 64;
    let as_ident = name.replace('-', "_");
    let reserved = ["std", "core", "alloc", "proc_macro", "test"].contains(&as_ident.as_str())
        || codegen::naming::is_keyword(&as_ident);
    if valid_chars && !reserved {
        Ok(())
    } else {
        Err(format!(
            "--crate-name {name:?} is not a valid package name: use an ASCII letter, then up to 63 \
             ASCII letters, digits, `-` or `_`, and not a Rust keyword or `std`/`core`/`alloc`/`test`"
        ))
    }
}

/// `twilio_numbers_v2.yaml` -> `twilio-numbers-v2`; a name that would not work as a Rust crate
/// name (`ref.yaml`, `2024.yaml`) gets `-client` after it or `twilio-` before it.
pub fn package_name(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-').to_owned();
    if name.is_empty() {
        "twilio-client".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("twilio-{name}")
    } else if codegen::naming::is_keyword(&name.replace('-', "_")) {
        format!("{name}-client")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{check_package_name, package_name, read_spec};
    use crate::tests::Scratch;

    #[test]
    fn crate_names_are_validated() {
        for good in ["twilio-numbers-v2", "my_client", "A1"] {
            assert_eq!(check_package_name(good), Ok(()), "{good}");
        }
        for bad in [
            "x\"\nbuild = \"../../evil.rs",
            "",
            "2fa",
            "-x",
            "a b",
            "caf\u{e9}",
            "self",
            "std",
            &"a".repeat(65),
        ] {
            assert!(check_package_name(bad).is_err(), "{bad:?} is refused");
        }
    }

    #[test]
    fn oversized_specs_are_refused_without_reading_them_whole() {
        let scratch = Scratch::new("spec-size");
        let path = scratch.0.join("big.yaml");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(codegen::MAX_SPEC_BYTES as u64 + 1).unwrap();
        let error = read_spec(&path).expect_err("refused");
        assert!(error.contains("larger than 67108864 bytes"), "{error}");
        // An endless file ends at the limit instead of filling memory.
        if Path::new("/dev/urandom").exists() {
            assert!(read_spec(Path::new("/dev/urandom")).is_err());
        }
    }

    #[test]
    fn package_names_come_from_the_spec_file() {
        assert_eq!(
            package_name(Path::new("specs/twilio_numbers_v2.yaml")),
            "twilio-numbers-v2"
        );
        assert_eq!(package_name(Path::new("Api.V1.json")), "api-v1");
        assert_eq!(package_name(Path::new("fixtures/ref.yaml")), "ref-client");
        assert_eq!(package_name(Path::new("2024.yaml")), "twilio-2024");
    }
}
