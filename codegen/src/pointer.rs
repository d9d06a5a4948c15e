//! JSON pointers (RFC 6901) that locate spec nodes in error messages.

use std::fmt;

/// A JSON pointer built one token at a time while walking the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Pointer(String);

impl Pointer {
    pub(crate) fn root() -> Self {
        Pointer(String::new())
    }

    /// Parses the fragment of a local `$ref` such as `#/components/schemas/x`.
    pub(crate) fn from_ref(reference: &str) -> Option<Self> {
        reference.strip_prefix('#').map(|p| Pointer(p.to_owned()))
    }

    /// The pointer to a child node; escapes `~` and `/` in the token.
    pub(crate) fn push(&self, token: &str) -> Self {
        let escaped = token.replace('~', "~0").replace('/', "~1");
        Pointer(format!("{}/{}", self.0, escaped))
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Builds a pointer from literal tokens: `ptr!(base, "paths", path, "get")`.
macro_rules! ptr {
    ($base:expr $(, $token:expr)* $(,)?) => {{
        let p: $crate::pointer::Pointer = $base.clone();
        $( let p = p.push(&$token); )*
        p
    }};
}
pub(crate) use ptr;
