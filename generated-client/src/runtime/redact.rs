//! Stand-ins for secret or personal values in `Debug` output.

use std::fmt;

/// Printed instead of a secret or a PII field: its `Debug` output is `<redacted>`.
///
/// Generated models use it in their hand-rolled `Debug` impls for fields that the spec marks
/// `x-twilio.pii`, so logging a model with `{:?}` never leaks an email or a phone number.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A secret string (auth token, API secret) whose `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    pub(crate) fn new(value: String) -> Self {
        Self(value)
    }

    /// The secret itself; only the HTTP layer calls this, to build the Authorization header.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Quoted, so it reads like the string field it replaces.
        f.write_str("\"<redacted>\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacted_prints_placeholder() {
        assert_eq!(format!("{Redacted:?}"), "<redacted>");
    }

    #[test]
    fn secret_debug_hides_value() {
        let secret = Secret::new("hunter2".to_owned());
        let shown = format!("{secret:?} {secret:#?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert_eq!(format!("{secret:?}"), "\"<redacted>\"");
        assert_eq!(secret.expose(), "hunter2");
    }
}
