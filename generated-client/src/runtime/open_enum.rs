//! Decoding the generated open enums (listed values plus `Unknown(String)`).

use std::fmt;

use serde::de::{self, Unexpected, Visitor};

/// Deserializes an open enum from a string. A listed value is matched on the text borrowed from
/// the input, without allocating (this runs for every enum field of every decoded item); an
/// unlisted one is kept whole, as `From<String>` does. Accepts what `String` accepts, with the
/// same errors. The visitor does not depend on the enum, so it is compiled once per
/// deserializer, not once per enum.
pub(crate) fn deserialize_open_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: de::Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    Ok(match deserializer.deserialize_str(TextVisitor)? {
        Text::Borrowed(text) => T::from(text),
        Text::Owned(text) => T::from(text),
    })
}

/// A string from the input: borrowed when the deserializer can lend it (JSON text without
/// escapes), owned otherwise.
enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Text<'de>, E> {
        Ok(Text::Borrowed(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Text<'de>, E> {
        Ok(Text::Owned(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Text<'de>, E> {
        Ok(Text::Owned(value))
    }

    fn visit_borrowed_bytes<E: de::Error>(self, value: &'de [u8]) -> Result<Text<'de>, E> {
        match std::str::from_utf8(value) {
            Ok(text) => Ok(Text::Borrowed(text)),
            Err(_) => Err(E::invalid_value(Unexpected::Bytes(value), &self)),
        }
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Text<'de>, E> {
        match std::str::from_utf8(value) {
            Ok(text) => Ok(Text::Owned(text.to_owned())),
            Err(_) => Err(E::invalid_value(Unexpected::Bytes(value), &self)),
        }
    }

    fn visit_byte_buf<E: de::Error>(self, value: Vec<u8>) -> Result<Text<'de>, E> {
        match String::from_utf8(value) {
            Ok(text) => Ok(Text::Owned(text)),
            Err(e) => Err(E::invalid_value(Unexpected::Bytes(e.as_bytes()), &self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Kind {
        Listed,
        Unknown(String),
    }

    impl From<&str> for Kind {
        fn from(value: &str) -> Self {
            match value {
                "listed" => Self::Listed,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }

    impl From<String> for Kind {
        fn from(value: String) -> Self {
            match Self::from(value.as_str()) {
                Self::Unknown(_) => Self::Unknown(value),
                known => known,
            }
        }
    }

    fn decode(json: &str) -> Result<Kind, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        deserialize_open_enum(&mut deserializer)
    }

    #[test]
    fn listed_unlisted_escaped_and_wrong_kinds() {
        assert_eq!(decode(r#""listed""#).unwrap(), Kind::Listed);
        assert_eq!(
            decode(r#""new-value""#).unwrap(),
            Kind::Unknown("new-value".to_owned())
        );
        // An escape makes serde_json hand over a scratch copy rather than the input.
        assert_eq!(decode(r#""list\u0065d""#).unwrap(), Kind::Listed);
        let err = decode("1").unwrap_err().to_string();
        let string_err = serde_json::from_str::<String>("1").unwrap_err().to_string();
        assert_eq!(err, string_err, "the same error as for a String");
    }
}
