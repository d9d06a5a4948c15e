//! SID validation shared by every generated SID newtype.
//!
//! Twilio SIDs are two ASCII letters naming the resource type followed by 32 hex digits. Checking
//! them before any network I/O turns a typo into a clear local error instead of a 404.

use std::fmt;

/// Length of every Twilio SID: 2-letter prefix + 32 hex digits.
const SID_LEN: usize = 34;

/// Values longer than this are described by their length only, so a pasted blob (or a secret
/// passed by mistake) is not echoed into logs through the error message.
const MAX_SHOWN_LEN: usize = 64;

/// A string was not a valid SID of the expected type.
///
/// `Display` names the type and what was wrong, e.g.
/// `invalid EndUserSid "XX…": expected prefix "IT", found "XX"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidSid {
    // Boxed so that `Result<_, Error>` stays small on the happy path.
    inner: Box<Inner>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    type_name: &'static str,
    problem: Problem,
    /// The offending value, kept only when it is short enough to show.
    value: Option<String>,
    /// Length of the offending value in characters.
    len: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    Length,
    Prefix {
        expected: &'static str,
        found: String,
    },
    NotLetters {
        found: String,
    },
    NotHex {
        position: usize,
        lowercase_only: bool,
    },
    /// A well-formed SID whose prefix is none of those a union of SID kinds accepts.
    Prefixes {
        expected: &'static [&'static str],
        found: String,
    },
}

impl InvalidSid {
    /// The name of the SID type that was expected, e.g. `"EndUserSid"`.
    pub fn type_name(&self) -> &'static str {
        self.inner.type_name
    }

    /// The rejected value, when it is at most 64 characters long and was not checked as a
    /// credential.
    pub fn value(&self) -> Option<&str> {
        self.inner.value.as_deref()
    }

    /// Forgets the value and any piece of it, for a check whose argument may have been a
    /// secret (credentials given in the wrong order): only the type, the length and what was
    /// expected remain.
    pub(crate) fn without_value(mut self) -> Self {
        self.inner.value = None;
        match &mut self.inner.problem {
            Problem::Prefix { found, .. }
            | Problem::NotLetters { found }
            | Problem::Prefixes { found, .. } => found.clear(),
            Problem::Length | Problem::NotHex { .. } => {}
        }
        self
    }
}

impl fmt::Display for InvalidSid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        write!(f, "invalid {}", inner.type_name)?;
        match &inner.value {
            Some(value) => write!(f, " {value:?}")?,
            None => write!(f, " (a {}-character value)", inner.len)?,
        }
        match &inner.problem {
            Problem::Length => write!(f, ": expected {SID_LEN} characters, found {}", inner.len),
            Problem::Prefix { expected, found } if found.is_empty() => {
                write!(f, ": expected prefix {expected:?}")
            }
            Problem::Prefix { expected, found } => {
                write!(f, ": expected prefix {expected:?}, found {found:?}")
            }
            Problem::Prefixes { expected, found } => {
                let expected: Vec<String> = expected.iter().map(|p| format!("{p:?}")).collect();
                write!(
                    f,
                    ": expected one of the prefixes {}, found {found:?}",
                    expected.join(", ")
                )
            }
            Problem::NotLetters { found } if found.is_empty() => {
                write!(f, ": expected two ASCII letters first")
            }
            Problem::NotLetters { found } => {
                write!(f, ": expected two ASCII letters first, found {found:?}")
            }
            Problem::NotHex {
                position,
                lowercase_only,
            } => {
                let digits = if *lowercase_only {
                    "lowercase hex digits (0-9, a-f)"
                } else {
                    "hex digits"
                };
                write!(
                    f,
                    ": expected 32 {digits} after the prefix, character {position} is not one"
                )
            }
        }
    }
}

impl std::error::Error for InvalidSid {}

/// Validates a SID: exactly 34 characters, `prefix` (2 ASCII letters; `""` accepts any two ASCII
/// letters), then 32 hex digits (`lowercase_hex_only` for patterns written `[0-9a-f]`).
///
/// Used by the generated `FromStr`/`Deserialize` impls of SID newtypes.
pub(crate) fn check_sid(
    value: &str,
    type_name: &'static str,
    prefix: &'static str,
    lowercase_hex_only: bool,
) -> Result<(), InvalidSid> {
    // Counted only for the error: a valid SID is checked byte by byte, once (this runs for every
    // SID of every decoded item).
    let fail = |problem| {
        let len = value.chars().count();
        InvalidSid {
            inner: Box::new(Inner {
                type_name,
                problem,
                value: (len <= MAX_SHOWN_LEN).then(|| value.to_owned()),
                len,
            }),
        }
    };
    // Byte length 34 with a non-ASCII char somewhere is caught by the letter/hex checks below.
    if value.len() != SID_LEN {
        return Err(fail(Problem::Length));
    }
    let bytes = value.as_bytes();
    let head = &bytes[..2];
    // Shown as chars, not bytes, so a multi-byte char is never cut in half.
    let head_text = || value.chars().take(2).collect::<String>();
    if prefix.is_empty() {
        if !head.iter().all(u8::is_ascii_alphabetic) {
            return Err(fail(Problem::NotLetters { found: head_text() }));
        }
    } else if head != prefix.as_bytes() {
        return Err(fail(Problem::Prefix {
            expected: prefix,
            found: head_text(),
        }));
    }
    let is_digit = |b: &u8| {
        if lowercase_hex_only {
            b.is_ascii_digit() || (b'a'..=b'f').contains(b)
        } else {
            b.is_ascii_hexdigit()
        }
    };
    // Every byte checked without an early exit (a loop the compiler can vectorise); the
    // position is looked for only in an invalid SID.
    let hex = &bytes[2..];
    if !hex.iter().fold(true, |ok, b| ok & is_digit(b))
        && let Some(offset) = hex.iter().position(|b| !is_digit(b))
    {
        return Err(fail(Problem::NotHex {
            // 1-based position in the whole SID, as a person counts.
            position: offset + 3,
            lowercase_only: lowercase_hex_only,
        }));
    }
    Ok(())
}

/// The error for `value` parsed as a union of SID kinds (`type_name`) whose prefixes are
/// `expected`, when its prefix is none of them: a malformed SID gets the usual message, a
/// well-formed one of another kind names the prefixes.
#[allow(dead_code)] // Only documents with a union of SID kinds use it.
pub(crate) fn sid_of_other_kind(
    value: &str,
    type_name: &'static str,
    expected: &'static [&'static str],
) -> InvalidSid {
    match check_sid(value, type_name, "", false) {
        Err(malformed) => malformed,
        Ok(()) => InvalidSid {
            inner: Box::new(Inner {
                type_name,
                problem: Problem::Prefixes {
                    expected,
                    found: value.chars().take(2).collect(),
                },
                value: Some(value.to_owned()),
                len: SID_LEN,
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "IT0123456789abcdefABCDEF0123456789";

    #[test]
    fn accepts_valid_sid_with_mixed_case_hex() {
        assert_eq!(GOOD.len(), 34);
        assert_eq!(check_sid(GOOD, "EndUserSid", "IT", false), Ok(()));
    }

    #[test]
    fn rejects_uppercase_hex_when_lowercase_only() {
        let err = check_sid(GOOD, "EndUserSid", "IT", true).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("lowercase hex digits"), "{msg}");
        assert!(msg.contains("character 19 is not one"), "{msg}");
        let lower = GOOD.to_ascii_lowercase().replacen("it", "IT", 1);
        assert_eq!(check_sid(&lower, "EndUserSid", "IT", true), Ok(()));
    }

    #[test]
    fn rejects_wrong_prefix_naming_both() {
        let value = GOOD.replacen("IT", "AC", 1);
        let err = check_sid(&value, "EndUserSid", "IT", false).unwrap_err();
        assert_eq!(err.type_name(), "EndUserSid");
        assert_eq!(
            err.to_string(),
            format!("invalid EndUserSid \"{value}\": expected prefix \"IT\", found \"AC\"")
        );
    }

    #[test]
    fn a_union_of_kinds_names_its_prefixes_or_the_malformation() {
        let other = GOOD.replacen("IT", "BU", 1);
        let err = sid_of_other_kind(&other, "BundleItemSid", &["IT", "RD", "AD"]);
        assert_eq!(err.type_name(), "BundleItemSid");
        assert_eq!(
            err.to_string(),
            format!(
                "invalid BundleItemSid \"{other}\": expected one of the prefixes \"IT\", \"RD\", \"AD\", found \"BU\""
            )
        );
        let short = sid_of_other_kind("IT12", "BundleItemSid", &["IT"]);
        assert!(
            short.to_string().contains("expected 34 characters"),
            "{short}"
        );
        assert!(!other_kind_without_value(&other).contains("BU"));
    }

    fn other_kind_without_value(value: &str) -> String {
        sid_of_other_kind(value, "BundleItemSid", &["IT"])
            .without_value()
            .to_string()
    }

    #[test]
    fn rejects_wrong_length() {
        let err = check_sid("IT123", "EndUserSid", "IT", false).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid EndUserSid \"IT123\": expected 34 characters, found 5"
        );
        assert!(check_sid(&format!("{GOOD}0"), "EndUserSid", "IT", false).is_err());
        assert!(check_sid("", "EndUserSid", "IT", false).is_err());
    }

    #[test]
    fn rejects_non_hex_body() {
        let value = format!("IT{}g", &GOOD[2..33]);
        let err = check_sid(&value, "EndUserSid", "IT", false).unwrap_err();
        assert!(err.to_string().contains("character 34 is not one"), "{err}");
    }

    #[test]
    fn empty_prefix_accepts_any_two_letters_only() {
        let any = GOOD.replacen("IT", "zZ", 1);
        assert_eq!(check_sid(&any, "Sid", "", false), Ok(()));
        let digits = GOOD.replacen("IT", "12", 1);
        let err = check_sid(&digits, "Sid", "", false).unwrap_err();
        assert!(err.to_string().contains("two ASCII letters"), "{err}");
    }

    #[test]
    fn long_values_are_described_by_length_not_echoed() {
        let long = "x".repeat(500);
        let err = check_sid(&long, "EndUserSid", "IT", false).unwrap_err();
        assert_eq!(err.value(), None);
        let msg = err.to_string();
        assert!(!msg.contains("xxxx"), "{msg}");
        assert!(msg.contains("500-character value"), "{msg}");
    }

    #[test]
    fn non_ascii_input_never_panics() {
        // 34 bytes but with multi-byte chars at the prefix and in the body.
        let tricky = [
            "éT0123456789abcdef0123456789abcde",
            "ITé3456789abcdef0123456789abcdef0",
            "IT0123456789abcdef0123456789abcdé",
        ];
        for value in tricky {
            assert_eq!(value.len(), 34, "{value}");
            assert!(check_sid(value, "EndUserSid", "IT", false).is_err());
            assert!(check_sid(value, "Sid", "", false).is_err());
        }
    }
}
