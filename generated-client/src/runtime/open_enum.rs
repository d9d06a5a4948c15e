//! Decoding the generated open enums (listed values plus `Unknown(String)`).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Unexpected, Visitor};

/// Deserializes an open enum from a string. A listed value is matched on the borrowed text,
/// without allocating (this runs for every enum field of every decoded item); an unlisted one
/// is kept whole, as `From<String>` does. Accepts what `String` accepts, with the same errors.
pub(crate) fn deserialize_open_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: de::Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    deserializer.deserialize_str(OpenEnumVisitor(PhantomData))
}

struct OpenEnumVisitor<T>(PhantomData<T>);

impl<T> Visitor<'_> for OpenEnumVisitor<T>
where
    T: for<'a> From<&'a str> + From<String>,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
        Ok(T::from(value))
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<T, E> {
        match std::str::from_utf8(value) {
            Ok(text) => Ok(T::from(text)),
            Err(_) => Err(E::invalid_value(Unexpected::Bytes(value), &self)),
        }
    }

    fn visit_byte_buf<E: de::Error>(self, value: Vec<u8>) -> Result<T, E> {
        match String::from_utf8(value) {
            Ok(text) => Ok(T::from(text)),
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
