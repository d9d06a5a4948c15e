//! Errors the generator reports: each names the spec file and the JSON pointer of the node.

use std::fmt;

/// One problem found in a spec, located by file and JSON pointer (RFC 6901).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The spec file name as given by the caller.
    pub file: String,
    /// JSON pointer of the offending node; empty for the document root.
    pub pointer: String,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{}#{}: {}", self.file, pointer, self.message)
    }
}

/// Every problem found in one run; the generator reports them all, not only the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecErrors(pub Vec<SpecError>);

impl fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        writeln!(
            f,
            "{n} problem{} in the spec:",
            if n == 1 { "" } else { "s" }
        )?;
        for error in &self.0 {
            writeln!(f, "  {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecErrors {}

/// Collects errors while a stage keeps going, so one run reports every problem.
#[derive(Debug)]
pub(crate) struct Diagnostics {
    file: String,
    errors: Vec<SpecError>,
}

impl Diagnostics {
    pub(crate) fn new(file: &str) -> Self {
        Diagnostics {
            file: file.to_owned(),
            errors: Vec::new(),
        }
    }

    pub(crate) fn error(&mut self, pointer: &crate::pointer::Pointer, message: impl Into<String>) {
        self.errors.push(SpecError {
            file: self.file.clone(),
            pointer: pointer.to_string(),
            message: message.into(),
        });
    }

    pub(crate) fn into_result<T>(self, value: T) -> Result<T, SpecErrors> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(SpecErrors(self.errors))
        }
    }
}
