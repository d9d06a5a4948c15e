//! Decoding what Twilio sends, not only what its documents say.
//!
//! Twilio's servers deviate from the documents in a few repeated ways: numbers arrive as text
//! (`"latitude": "19.720000"`), "none" arrives as an empty string (`"sms_application_sid": ""`),
//! and Api v2010 writes its timestamps in RFC 2822. The generator picks one function of this
//! module per model field from the field's type (`codegen/src/emit/models.rs`); each accepts the
//! document's shape and Twilio's deviations from it, and nothing else. ARCHITECTURE.md lists every
//! tolerance with its evidence.
//!
//! Serializing is unchanged (the type's own `Serialize`), except for RFC 2822 timestamps, which are
//! written back in RFC 2822 so that a decoded model re-encodes as Twilio sent it.

use std::fmt;
use std::marker::PhantomData;

use jiff::Timestamp;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::de::{self, Deserialize, Deserializer, Unexpected, Visitor};

/// A scalar that Twilio may send as the document's JSON type or as text holding it.
pub(crate) trait Scalar: Sized {
    /// What a message says was expected.
    const EXPECTING: &'static str;

    /// The value written as text, `None` when the text does not hold one.
    fn from_text(text: &str) -> Option<Self>;

    /// The value from a JSON number with a fraction or an exponent.
    fn from_f64(_: f64) -> Option<Self> {
        None
    }

    /// The value from a JSON integer.
    fn from_i64(_: i64) -> Option<Self> {
        None
    }

    /// The value from a JSON boolean.
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
}

impl Scalar for f64 {
    const EXPECTING: &'static str = "a number, or a string holding one";

    fn from_text(text: &str) -> Option<Self> {
        // `parse` also reads "NaN" and "inf", which JSON cannot carry back.
        text.parse::<f64>().ok().filter(|v| v.is_finite())
    }

    fn from_f64(value: f64) -> Option<Self> {
        Some(value)
    }

    fn from_i64(value: i64) -> Option<Self> {
        Some(value as f64)
    }
}

impl Scalar for i64 {
    const EXPECTING: &'static str = "an integer, or a string holding one";

    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }

    fn from_f64(value: f64) -> Option<Self> {
        // `1.0` is an integer written with a fraction; `1.5` is not an integer.
        let in_range = value >= i64::MIN as f64 && value < i64::MAX as f64;
        (value.fract() == 0.0 && in_range).then_some(value as i64)
    }

    fn from_i64(value: i64) -> Option<Self> {
        Some(value)
    }
}

impl Scalar for i32 {
    const EXPECTING: &'static str = "a 32-bit integer, or a string holding one";

    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }

    fn from_f64(value: f64) -> Option<Self> {
        i64::from_f64(value).and_then(|v| i32::try_from(v).ok())
    }

    fn from_i64(value: i64) -> Option<Self> {
        i32::try_from(value).ok()
    }
}

impl Scalar for bool {
    const EXPECTING: &'static str = "a boolean, or the string \"true\" or \"false\"";

    fn from_text(text: &str) -> Option<Self> {
        if text.eq_ignore_ascii_case("true") {
            Some(true)
        } else if text.eq_ignore_ascii_case("false") {
            Some(false)
        } else {
            None
        }
    }

    fn from_bool(value: bool) -> Option<Self> {
        Some(value)
    }
}

impl Scalar for Decimal {
    const EXPECTING: &'static str = "a decimal number, or a string holding one";

    fn from_text(text: &str) -> Option<Self> {
        // Text keeps every digit Twilio wrote, trailing zeros included ("-0.00750").
        Decimal::from_str_exact(text)
            .or_else(|_| Decimal::from_scientific(text))
            .ok()
    }

    fn from_f64(value: f64) -> Option<Self> {
        // serde_json has already read the number as the nearest f64; its shortest round-trip
        // text is the number as written whenever the document's digits fit an f64 (15 or more
        // significant digits), so the decimal keeps them rather than the binary expansion.
        Self::from_text(&value.to_string())
    }

    fn from_i64(value: i64) -> Option<Self> {
        Some(Decimal::from(value))
    }
}

impl Scalar for Timestamp {
    const EXPECTING: &'static str = "an RFC 3339 or RFC 2822 timestamp";

    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok().or_else(|| parse_rfc2822(text))
    }
}

impl Scalar for Date {
    const EXPECTING: &'static str = "a date (YYYY-MM-DD)";

    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

/// Twilio's RFC 2822 timestamps (`Thu, 30 Jul 2015 20:00:00 +0000`), or RFC 3339 for a value
/// that was re-encoded elsewhere.
struct Rfc2822(Timestamp);

impl Scalar for Rfc2822 {
    const EXPECTING: &'static str = "an RFC 2822 or RFC 3339 timestamp";

    fn from_text(text: &str) -> Option<Self> {
        parse_rfc2822(text)
            .or_else(|| text.parse().ok())
            .map(Rfc2822)
    }
}

fn parse_rfc2822(text: &str) -> Option<Timestamp> {
    jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(text)
        .ok()
}

/// Reads a [`Scalar`] from whatever JSON Twilio sent; `optional` makes `null` and `""` mean
/// "none".
struct ScalarVisitor<T> {
    optional: bool,
    marker: PhantomData<T>,
}

impl<T> ScalarVisitor<T> {
    fn new(optional: bool) -> Self {
        ScalarVisitor {
            optional,
            marker: PhantomData,
        }
    }
}

impl<'de, T: Scalar> Visitor<'de> for ScalarVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)?;
        if self.optional {
            f.write_str(", \"\" or null")?;
        }
        Ok(())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if text.is_empty() && self.optional {
            return Ok(None);
        }
        match T::from_text(text) {
            Some(value) => Ok(Some(value)),
            None => Err(E::invalid_value(Unexpected::Str(text), &self)),
        }
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        T::from_f64(value)
            .map(Some)
            .ok_or_else(|| E::invalid_type(Unexpected::Float(value), &self))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        T::from_i64(value)
            .map(Some)
            .ok_or_else(|| E::invalid_type(Unexpected::Signed(value), &self))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        match i64::try_from(value) {
            Ok(value) => self.visit_i64(value),
            // Beyond i64: only a float or a decimal can hold it, and only approximately.
            Err(_) => self.visit_f64(value as f64),
        }
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        T::from_bool(value)
            .map(Some)
            .ok_or_else(|| E::invalid_type(Unexpected::Bool(value), &self))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        if self.optional {
            Ok(None)
        } else {
            Err(E::invalid_type(Unexpected::Option, &self))
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// An optional number, boolean, decimal, timestamp or date: the document's JSON type, or text
/// holding it; `null` and `""` are `None`.
pub(crate) fn option<'de, D: Deserializer<'de>, T: Scalar>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    deserializer.deserialize_option(ScalarVisitor::new(true))
}

/// A required number, boolean, decimal, timestamp or date: the document's JSON type, or text
/// holding it.
pub(crate) fn required<'de, D: Deserializer<'de>, T: Scalar>(
    deserializer: D,
) -> Result<T, D::Error> {
    let visitor = ScalarVisitor::new(false);
    let value = deserializer.deserialize_any(visitor)?;
    // A required visitor answers `None` for nothing; the `?` above has returned its errors.
    value
        .ok_or_else(|| de::Error::invalid_type(Unexpected::Option, &ScalarVisitor::<T>::new(false)))
}

/// An optional SID or enum: `null` and `""` are `None`; any other text goes to the type's own
/// `Deserialize` (which keeps a SID as sent, and an unlisted enum value as `Unknown`).
pub(crate) fn text_option<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    deserializer.deserialize_option(TextOption(PhantomData))
}

struct TextOption<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for TextOption<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, \"\" or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        if text.is_empty() {
            return Ok(None);
        }
        T::deserialize(de::value::BorrowedStrDeserializer::new(text)).map(Some)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if text.is_empty() {
            return Ok(None);
        }
        T::deserialize(de::value::StrDeserializer::new(text)).map(Some)
    }
}

/// Twilio's own way of writing a timestamp in RFC 2822: `Thu, 30 Jul 2015 20:00:00 +0000`
/// (two-digit day, UTC as `+0000`), so a decoded model re-encodes as it was sent.
fn write_rfc2822(timestamp: &Timestamp) -> String {
    timestamp
        .strftime("%a, %d %b %Y %H:%M:%S +0000")
        .to_string()
}

/// A required RFC 2822 timestamp (`#[serde(with = ...)]`).
pub(crate) mod rfc2822 {
    use jiff::Timestamp;
    use serde::{Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(value: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::write_rfc2822(value))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        super::required::<D, super::Rfc2822>(d).map(|t| t.0)
    }
}

/// An optional RFC 2822 timestamp (`#[serde(with = ...)]`): `null` and `""` are `None`.
pub(crate) mod rfc2822_option {
    use jiff::Timestamp;
    use serde::{Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<Timestamp>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => s.serialize_some(&super::write_rfc2822(value)),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Timestamp>, D::Error> {
        super::option::<D, super::Rfc2822>(d).map(|t| t.map(|t| t.0))
    }
}
