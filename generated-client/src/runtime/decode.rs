//! Decoding success bodies, with errors that say where and what, never which value.
//!
//! serde_json's messages quote the offending value (`invalid type: string "Jane Doe, ..."`), and
//! a success body is where personal data lives. A decode error therefore keeps the JSON pointer
//! of the node, the position, and serde's expectation with every quoted value taken out.

use std::fmt;

use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::error::{BodyExcerpt, Error, Result};

mod message;

use message::{pointer, reason};

/// Decodes a success body into `T`; a failure is [`Error::Decode`] naming the operation, the
/// path template, the JSON pointer and position, but no value.
///
/// The path is worked out only on failure (a second, tracking pass over the same bytes), so
/// successful decodes pay nothing for it.
pub(crate) fn decode_json<T: DeserializeOwned>(
    operation: &'static str,
    path_template: &'static str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T> {
    let error = match serde_json::from_slice(body) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let (pointer, error) = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(tracked) => (pointer(tracked.path()), tracked.into_inner()),
        // Only trailing characters fail the first pass and not this one.
        Ok(_) => (String::new(), error),
    };
    Err(Error::Decode {
        operation,
        source: DecodeError {
            inner: Box::new(Inner {
                path_template,
                status: None,
                pointer,
                reason: reason(&error),
                line: error.line(),
                column: error.column(),
                body: body.to_vec(),
            }),
        },
        body_excerpt: BodyExcerpt::from_body(headers, body),
    })
}

/// For the generated `response_examples` tests: `json` (an example of `operation`'s answer from
/// the document) decodes into `T` as a response would, and re-encodes to JSON that decodes to
/// the same value.
#[cfg(test)]
#[track_caller]
pub(crate) fn check_example<T>(operation: &'static str, path_template: &'static str, json: &str)
where
    T: DeserializeOwned + serde::Serialize + PartialEq + fmt::Debug,
{
    let decoded: T = match decode_json(operation, path_template, &HeaderMap::new(), json.as_bytes())
    {
        Ok(decoded) => decoded,
        Err(Error::Decode { source, .. }) => {
            panic!("{operation}: the example does not decode: {source}")
        }
        Err(other) => panic!("{operation}: {other}"),
    };
    let encoded = serde_json::to_string(&decoded).expect("a decoded model encodes");
    let again: T = match decode_json(
        operation,
        path_template,
        &HeaderMap::new(),
        encoded.as_bytes(),
    ) {
        Ok(again) => again,
        Err(Error::Decode { source, .. }) => {
            panic!("{operation}: the re-encoded example does not decode: {source}")
        }
        Err(other) => panic!("{operation}: {other}"),
    };
    assert!(
        again == decoded,
        "{operation}: the example changed in a round trip"
    );
}

/// Why a success body could not be decoded: where, and what was expected, never the value.
///
/// `Display` reads like `invalid type: string, expected u8 at /meta/page_size (line 1,
/// column 52) of the /v2/Things response`.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError {
    // Boxed so that `Result<_, Error>` stays small.
    inner: Box<Inner>,
}

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    path_template: &'static str,
    /// The answer's HTTP status, set by the client once it has decoded (`Error::at_status`).
    status: Option<u16>,
    pointer: String,
    reason: String,
    line: usize,
    column: usize,
    /// The whole body, for [`DecodeError::body`]; never shown.
    body: Vec<u8>,
}

impl DecodeError {
    /// The path template of the request, e.g. `"/v2/RegulatoryCompliance/EndUsers/{Sid}"`.
    pub fn path_template(&self) -> &'static str {
        self.inner.path_template
    }

    /// The JSON pointer (RFC 6901) of the node that failed, e.g. `"/results/3/sid"`; empty for
    /// the whole document (a syntax error, say). Keys longer than 64 characters appear as
    /// `<key of N chars>`.
    pub fn pointer(&self) -> &str {
        &self.inner.pointer
    }

    /// What was wrong, with any value taken out, e.g. `invalid type: string, expected u8`.
    pub fn reason(&self) -> &str {
        &self.inner.reason
    }

    /// The line of the body where decoding stopped (1-based).
    pub fn line(&self) -> usize {
        self.inner.line
    }

    /// The column of the body where decoding stopped (1-based).
    pub fn column(&self) -> usize {
        self.inner.column
    }

    /// The HTTP status of the answer that did not decode (`None` outside a request).
    pub fn status(&self) -> Option<u16> {
        self.inner.status
    }

    /// The whole response body, as received: the way to the data when one field does not fit
    /// the document's type. Never part of `Display` or `Debug`, since it can hold personal data.
    pub fn body(&self) -> &[u8] {
        &self.inner.body
    }

    /// The response body as untyped JSON (`None` when it is not JSON at all), so a program can
    /// still read every field, the one that did not fit included: match `Error::Decode { source,
    /// .. }` and read `source.json()` (the README shows it whole).
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.inner.body).ok()
    }

    pub(crate) fn set_status(&mut self, status: u16) {
        self.inner.status = Some(status);
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        f.write_str(&i.reason)?;
        if !i.pointer.is_empty() {
            write!(f, " at {}", i.pointer)?;
        }
        write!(
            f,
            " (line {}, column {}) of the {} response",
            i.line, i.column, i.path_template
        )?;
        match i.status {
            Some(status) => write!(f, " (HTTP {status})"),
            None => Ok(()),
        }
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        // Destructured, so a new field cannot be forgotten here: it must be shown or redacted.
        let Inner {
            path_template,
            status,
            pointer,
            reason,
            line,
            column,
            body,
        } = &**i;
        f.debug_struct("DecodeError")
            .field("path_template", path_template)
            .field("status", status)
            .field("pointer", pointer)
            .field("reason", reason)
            .field("line", line)
            .field("column", column)
            .field("body", &format_args!("<{} bytes>", body.len()))
            .finish()
    }
}

impl std::error::Error for DecodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // Only decoded.
    struct Thing {
        sid: String,
        count: u8,
        kind: Kind,
        tags: Vec<u8>,
        #[serde(default)]
        links: std::collections::BTreeMap<String, u8>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Individual,
        Business,
    }

    fn decode_error(body: &str) -> DecodeError {
        match decode_json::<Thing>(
            "FetchThing",
            "/v2/Things/{Sid}",
            &HeaderMap::new(),
            body.as_bytes(),
        ) {
            Err(Error::Decode { source, .. }) => source,
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    const SECRET: &str = "Jane Doe, +15551234567, jane@example.com, `x`, \\\"q";

    fn body(field: &str, value: &str) -> String {
        let mut fields = serde_json::json!({
            "sid": "IT1", "count": 1, "kind": "business", "tags": [1]
        });
        fields[field] = serde_json::from_str(value).unwrap();
        fields.to_string()
    }

    #[test]
    fn wrong_type_names_pointer_and_kind_but_not_the_value() {
        let secret = serde_json::to_string(SECRET).unwrap();
        let err = decode_error(&body("count", &secret));
        assert_eq!(err.pointer(), "/count");
        assert_eq!(err.reason(), "invalid type: string, expected u8");
        assert_eq!(err.path_template(), "/v2/Things/{Sid}");
        let shown = format!("{err} {err:?}");
        assert!(
            !shown.contains("Jane") && !shown.contains("5551234567"),
            "{shown}"
        );
        assert!(
            shown.contains("of the /v2/Things/{Sid} response"),
            "{shown}"
        );
    }

    #[test]
    fn nested_positions_are_json_pointers() {
        let err = decode_error(&body("tags", r#"[1, 2, "Jane"]"#));
        assert_eq!(err.pointer(), "/tags/2");
        assert_eq!(err.reason(), "invalid type: string, expected u8");
        let err = decode_error(&body("links", r#"{"a/b~c": "Jane"}"#));
        assert_eq!(err.pointer(), "/links/a~1b~0c");
        let long_key = format!(r#"{{"{}": "Jane"}}"#, "k".repeat(100));
        let err = decode_error(&body("links", &long_key));
        assert_eq!(err.pointer(), "/links/<key of 100 chars>");
        let err = decode_error(&body("count", "300"));
        assert_eq!(err.reason(), "invalid value: integer, expected u8");
    }

    #[test]
    fn unknown_variant_keeps_the_expected_names_only() {
        let secret = serde_json::to_string(SECRET).unwrap();
        let err = decode_error(&body("kind", &secret));
        assert_eq!(err.pointer(), "/kind");
        assert_eq!(
            err.reason(),
            "unknown variant, expected `individual` or `business`"
        );
    }

    #[test]
    fn missing_fields_and_syntax_errors_keep_their_fixed_text() {
        let err = decode_error(r#"{"sid": "IT1"}"#);
        assert_eq!(err.reason(), "missing field `count`");
        let err = decode_error(r#"{"sid": "Jane"#);
        assert_eq!(err.reason(), "EOF while parsing a string");
        assert_eq!((err.line(), err.column()), (1, 13));
        let err =
            decode_error(r#"{"sid": "IT1", "count": 1, "kind": "business", "tags": []} Jane"#);
        assert_eq!(err.reason(), "trailing characters");
        assert_eq!(err.pointer(), "");
    }

    #[test]
    fn custom_messages_are_withheld() {
        #[derive(Debug)]
        struct Checked;
        impl<'de> serde::Deserialize<'de> for Checked {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> std::result::Result<Self, D::Error> {
                let value = String::deserialize(d)?;
                Err(serde::de::Error::custom(format!("bad {value}")))
            }
        }
        let err =
            decode_json::<Vec<Checked>>("Op", "/x", &HeaderMap::new(), br#"["Jane"]"#).unwrap_err();
        let shown = format!("{err} {err:?} {}", std::error::Error::source(&err).unwrap());
        assert!(!shown.contains("Jane"), "{shown}");
        assert!(shown.contains("at /0"), "{shown}");
    }
}
