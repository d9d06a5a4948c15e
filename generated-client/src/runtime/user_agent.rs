//! The User-Agent header, in the official libraries' format so Twilio can tell clients apart.

use super::error::ConfigError;

/// `{crate name}/{crate version} ({os} {arch}) rust/{rustc version}` followed by the
/// extensions, space-separated.
///
/// The rustc version comes from the crate's build script (`TWILIO_RUST_RUSTC_VERSION`); it is
/// `unknown` if the compiler could not be asked.
pub(crate) fn user_agent(extensions: &[String]) -> Result<String, ConfigError> {
    let mut agent = format!(
        "{}/{} ({} {}) rust/{}",
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH,
        option_env!("TWILIO_RUST_RUSTC_VERSION").unwrap_or("unknown"),
    );
    for extension in extensions {
        // Visible ASCII only: keeps the header valid and the space separator unambiguous.
        if extension.is_empty() || !extension.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(ConfigError::InvalidUserAgentExtension(extension.clone()));
        }
        agent.push(' ');
        agent.push_str(extension);
    }
    Ok(agent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_official_format() {
        let agent = user_agent(&[]).unwrap();
        let expected = format!(
            "{}/{} ({} {}) rust/",
            env!("CARGO_PKG_NAME"),
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS,
            std::env::consts::ARCH
        );
        assert!(agent.starts_with(&expected), "{agent}");
        // The build script found the compiler: a version such as `1.95.0`, not `unknown`.
        let rust = &agent[expected.len()..];
        assert!(
            rust.starts_with(|c: char| c.is_ascii_digit()) && rust.contains('.'),
            "{agent}"
        );
    }

    #[test]
    fn appends_extensions_space_separated() {
        let agent = user_agent(&["my-app/1.2".to_owned(), "ci".to_owned()]).unwrap();
        let base = user_agent(&[]).unwrap();
        assert_eq!(agent, format!("{base} my-app/1.2 ci"));
    }

    #[test]
    fn rejects_extensions_that_would_break_the_header() {
        for bad in ["", "two words", "line\nbreak", "ünï"] {
            let err = user_agent(&[bad.to_owned()]).unwrap_err();
            assert!(
                matches!(err, ConfigError::InvalidUserAgentExtension(_)),
                "{bad:?}"
            );
        }
    }
}
