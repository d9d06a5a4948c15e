//! The words of a decode error: the JSON pointer of the node and serde's message, with every
//! value the message quotes taken out (a success body is where personal data lives).

use serde_json::error::Category;

/// Path segments (keys) longer than this are described by their length: a free-form map's
/// keys come from the body.
const MAX_SEGMENT_CHARS: usize = 64;
/// serde's expectation (`expected one of ...`) is cut after this many characters.
const MAX_EXPECTED_CHARS: usize = 160;

/// The JSON pointer of a serde path: `/results/3/sid`.
pub(super) fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path {
        out.push('/');
        match segment {
            Segment::Seq { index } => out.push_str(&index.to_string()),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                let chars = key.chars().count();
                if chars > MAX_SEGMENT_CHARS {
                    out.push_str(&format!("<key of {chars} chars>"));
                } else {
                    out.push_str(&key.replace('~', "~0").replace('/', "~1"));
                }
            }
            Segment::Unknown => out.push('?'),
        }
    }
    out
}

/// serde_json's message without the position suffix and without any value it quotes.
pub(super) fn reason(error: &serde_json::Error) -> String {
    let message = error.to_string();
    // serde_json appends " at line L column C" when it knows the position.
    let message = match message.rfind(" at line ") {
        Some(at) if error.line() > 0 => &message[..at],
        _ => &message[..],
    };
    match error.classify() {
        // Syntax and end-of-input messages are fixed texts ("expected `,` or `}`", "EOF while
        // parsing a string"); an I/O error cannot happen on a slice.
        Category::Syntax | Category::Eof | Category::Io => message.to_owned(),
        Category::Data => data_reason(message),
    }
}

/// Shapes serde's data errors take (`serde::de::Error`'s provided methods), with the value
/// dropped; anything else is a custom message from a type's own check, which may quote the
/// value, and is replaced as a whole.
fn data_reason(message: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let (kind, expected) = unexpected_kind(rest);
            return format!("{prefix}{kind}{}", expected_part(expected));
        }
    }
    for prefix in ["unknown variant ", "unknown field "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let what = prefix.trim_end();
            return match skip_quoted(rest).and_then(|rest| rest.strip_prefix(", ")) {
                Some(rest) => match rest.strip_prefix("expected ") {
                    Some(expected) => format!("{what}{}", expected_part(Some(expected))),
                    None => format!("{what}, {}", shorten(rest, MAX_EXPECTED_CHARS)),
                },
                None => what.to_owned(),
            };
        }
    }
    // The field names in these come from the Rust type, and the length is a number.
    if message.starts_with("missing field `")
        || message.starts_with("duplicate field `")
        || message.starts_with("invalid length ")
    {
        return shorten(message, MAX_EXPECTED_CHARS * 2);
    }
    // Generated SID types say `invalid EndUserSid "<value>": ...`: keep the type name.
    if let Some(rest) = message.strip_prefix("invalid ")
        && let Some((name, _)) = rest.split_once(' ')
        && name.ends_with("Sid")
        && name.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return format!("not a valid {name}");
    }
    "the value was refused by its type (the message is withheld: it may quote the value)".to_owned()
}

/// `string "x", expected u8` -> (`string`, Some(`u8`)). The kind is one of serde's fixed
/// descriptions; anything else becomes "a value".
fn unexpected_kind(rest: &str) -> (&'static str, Option<&str>) {
    const KINDS: &[&str] = &[
        "floating point",
        "unit variant",
        "newtype variant",
        "tuple variant",
        "struct variant",
        "newtype struct",
        "Option value",
        "unit value",
        "byte array",
        "character",
        "sequence",
        "boolean",
        "integer",
        "string",
        "null",
        "enum",
        "map",
        "unit",
    ];
    for kind in KINDS {
        if let Some(after) = rest.strip_prefix(kind) {
            let after = match after.strip_prefix(' ') {
                Some(quoted) => match skip_quoted(quoted) {
                    Some(after) => after,
                    None => continue,
                },
                None => after,
            };
            if let Some(expected) = after.strip_prefix(", expected ") {
                return (kind, Some(expected));
            }
            if after.is_empty() {
                return (kind, None);
            }
        }
    }
    ("a value", rest.rsplit_once(", expected ").map(|(_, e)| e))
}

/// Skips one `"..."` (with backslash escapes, as serde prints strings) or `` `...` `` span at
/// the start of `text`, returning what follows it.
fn skip_quoted(text: &str) -> Option<&str> {
    let mut chars = text.char_indices();
    match chars.next()? {
        (_, '"') => {
            let mut escaped = false;
            for (at, c) in chars {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => return Some(&text[at + 1..]),
                    _ => {}
                }
            }
            None
        }
        // Backticks surround numbers, booleans, characters and names. The last "`, expected "
        // (serde's own text follows the value) or a final "`" closes the span, even when the
        // value itself holds a backtick.
        (_, '`') => {
            let body = &text[1..];
            ["`, expected ", "`, there are no "]
                .iter()
                .find_map(|end| body.rfind(end).map(|at| &body[at + 1..]))
                .or_else(|| body.strip_suffix('`').map(|_| ""))
        }
        _ => None,
    }
}

fn expected_part(expected: Option<&str>) -> String {
    match expected {
        Some(expected) if !expected.is_empty() => {
            format!(", expected {}", shorten(expected, MAX_EXPECTED_CHARS))
        }
        _ => String::new(),
    }
}

fn shorten(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_spans_are_skipped_whole() {
        assert_eq!(skip_quoted(r#""a \" b", expected x"#), Some(", expected x"));
        assert_eq!(skip_quoted("`a`b`, expected x"), Some(", expected x"));
        assert_eq!(skip_quoted("`5`"), Some(""));
        assert_eq!(skip_quoted(r#""unterminated"#), None);
        assert_eq!(unexpected_kind("something odd"), ("a value", None));
    }
}
