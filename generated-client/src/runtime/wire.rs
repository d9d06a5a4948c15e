//! How request parameters go on the wire: query strings, form bodies and path segments, encoded
//! exactly as Twilio's own libraries do.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is escaped, so a value
/// can never add a path segment, a query or a fragment.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path segment (everything but unreserved characters).
pub(crate) fn encode_path_segment(value: &str) -> String {
    utf8_percent_encode(value, PATH_SEGMENT).to_string()
}

/// Ordered key/value pairs for a query string or a form body. Arrays become repeated keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct WireParams {
    pairs: Vec<(&'static str, String)>,
}

impl WireParams {
    /// No parameters yet.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds `value` under `key` (several pairs for a list).
    pub(crate) fn push<V: ToWire + ?Sized>(&mut self, key: &'static str, value: &V) {
        value.to_wire(&mut |text| self.pairs.push((key, text)));
    }

    /// Adds `value` under `key` when it is set; `None` sends nothing at all.
    pub(crate) fn push_opt<V: ToWire + ?Sized>(&mut self, key: &'static str, value: Option<&V>) {
        if let Some(value) = value {
            self.push(key, value);
        }
    }

    /// Adds `value` under `key` as compact JSON text (object-valued form fields, as Twilio's
    /// libraries send them).
    #[allow(dead_code)] // Only documents with object-valued parameters use it.
    pub(crate) fn push_json<V: serde::Serialize + ?Sized>(&mut self, key: &'static str, value: &V) {
        // Generated models serialize infallibly (string keys, no custom serializers).
        if let Ok(text) = serde_json::to_string(value) {
            self.pairs.push((key, text));
        }
    }

    /// `push_json` when the value is set.
    #[allow(dead_code)]
    pub(crate) fn push_json_opt<V: serde::Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: Option<&V>,
    ) {
        if let Some(value) = value {
            self.push_json(key, value);
        }
    }

    /// One JSON text per item, under the same key.
    #[allow(dead_code)]
    pub(crate) fn push_json_each<V: serde::Serialize>(&mut self, key: &'static str, values: &[V]) {
        for value in values {
            self.push_json(key, value);
        }
    }

    /// `push_json_each` when the list is set.
    #[allow(dead_code)]
    pub(crate) fn push_json_each_opt<V: serde::Serialize>(
        &mut self,
        key: &'static str,
        values: Option<&Vec<V>>,
    ) {
        if let Some(values) = values {
            self.push_json_each(key, values);
        }
    }

    /// Appends all pairs of `other`, keeping order.
    pub(crate) fn extend(&mut self, other: WireParams) {
        self.pairs.extend(other.pairs);
    }

    /// Removes every pair under `key`.
    pub(crate) fn remove(&mut self, key: &str) {
        self.pairs.retain(|(k, _)| *k != key);
    }

    /// True when there are no pairs.
    pub(crate) fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The pairs in order.
    pub(crate) fn pairs(&self) -> &[(&'static str, String)] {
        &self.pairs
    }

    /// `application/x-www-form-urlencoded` text, also used for query strings.
    pub(crate) fn to_urlencoded(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.pairs.iter().map(|(k, v)| (*k, v.as_str())))
            .finish()
    }
}

/// How one value goes on the wire: it calls `out` once per wire value (zero times to omit,
/// several times for a list, which Twilio reads as repeated keys).
///
/// Generated SID newtypes and enums implement it with their string form.
pub(crate) trait ToWire {
    /// Emits the wire text(s) of `self`.
    fn to_wire(&self, out: &mut dyn FnMut(String));
}

impl ToWire for str {
    fn to_wire(&self, out: &mut dyn FnMut(String)) {
        out(self.to_owned());
    }
}

impl ToWire for String {
    fn to_wire(&self, out: &mut dyn FnMut(String)) {
        out(self.clone());
    }
}

impl ToWire for bool {
    fn to_wire(&self, out: &mut dyn FnMut(String)) {
        // Twilio expects lowercase, as Rust's Display already gives; spelled out to make it explicit.
        out(if *self { "true" } else { "false" }.to_owned());
    }
}

macro_rules! to_wire_by_display {
    ($($t:ty),*) => {$(
        impl ToWire for $t {
            fn to_wire(&self, out: &mut dyn FnMut(String)) {
                out(self.to_string());
            }
        }
    )*};
}
to_wire_by_display!(
    i32,
    i64,
    u32,
    u64,
    f32,
    f64,
    jiff::civil::Date,
    rust_decimal::Decimal
);

impl ToWire for jiff::Timestamp {
    fn to_wire(&self, out: &mut dyn FnMut(String)) {
        // Whole seconds, like the official libraries' `iso8601_datetime`; Twilio's date filters
        // are second-precision and some endpoints reject fractional seconds.
        out(self.strftime("%Y-%m-%dT%H:%M:%SZ").to_string());
    }
}

/// A JSON value for a form or query parameter such as `Attributes`, saying how it is sent.
///
/// Setters take `impl Into<JsonParam>`: a [`serde_json::Value`] becomes [`JsonParam::Json`] and a
/// `String` or `&str` becomes [`JsonParam::Text`], as Twilio's own libraries treat them.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonParam {
    /// Sent as its compact JSON text (`{"a":1}`; a JSON string is sent quoted, JSON `null`
    /// sends nothing).
    Json(serde_json::Value),
    /// Text that already is JSON, sent exactly as given (spacing included).
    Text(String),
}

impl From<serde_json::Value> for JsonParam {
    fn from(value: serde_json::Value) -> Self {
        JsonParam::Json(value)
    }
}

impl From<String> for JsonParam {
    fn from(text: String) -> Self {
        JsonParam::Text(text)
    }
}

impl From<&str> for JsonParam {
    fn from(text: &str) -> Self {
        JsonParam::Text(text.to_owned())
    }
}

impl ToWire for JsonParam {
    fn to_wire(&self, out: &mut dyn FnMut(String)) {
        match self {
            JsonParam::Json(serde_json::Value::Null) => {}
            JsonParam::Json(value) => out(value.to_string()),
            JsonParam::Text(text) => out(text.clone()),
        }
    }
}

impl ToWire for serde_json::Value {
    fn to_wire(&self, out: &mut dyn FnMut(String)) {
        match self {
            // A string is the caller's own JSON text (e.g. `Attributes: "{}"`): sent as is.
            serde_json::Value::String(text) => out(text.clone()),
            // JSON null means "no value", which Twilio spells as an absent key.
            serde_json::Value::Null => {}
            other => out(other.to_string()),
        }
    }
}

impl ToWire for serde_json::Map<String, serde_json::Value> {
    fn to_wire(&self, out: &mut dyn FnMut(String)) {
        // Serializing a `Map` of `Value`s cannot fail; the fallback is never taken.
        out(serde_json::to_string(self).unwrap_or_else(|_| "{}".to_owned()));
    }
}

impl<T: ToWire> ToWire for [T] {
    fn to_wire(&self, out: &mut dyn FnMut(String)) {
        for item in self {
            item.to_wire(out);
        }
    }
}

impl<T: ToWire> ToWire for Vec<T> {
    fn to_wire(&self, out: &mut dyn FnMut(String)) {
        self.as_slice().to_wire(out);
    }
}

impl<T: ToWire + ?Sized> ToWire for &T {
    fn to_wire(&self, out: &mut dyn FnMut(String)) {
        (**self).to_wire(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn encoded(build: impl FnOnce(&mut WireParams)) -> String {
        let mut params = WireParams::new();
        build(&mut params);
        params.to_urlencoded()
    }

    #[test]
    fn strings_are_form_encoded() {
        let body = encoded(|p| {
            p.push("FriendlyName", "Jane Doe & Co");
            p.push("Email", &"jane+test@example.com".to_owned());
        });
        assert_eq!(
            body,
            "FriendlyName=Jane+Doe+%26+Co&Email=jane%2Btest%40example.com"
        );
    }

    #[test]
    fn booleans_are_lowercase_words() {
        assert_eq!(
            encoded(|p| {
                p.push("A", &true);
                p.push("B", &false);
            }),
            "A=true&B=false"
        );
    }

    #[test]
    fn numbers_use_plain_decimal() {
        assert_eq!(
            encoded(|p| {
                p.push("PageSize", &50i64);
                p.push("N", &-3i32);
                p.push("U", &7u32);
                p.push("Big", &u64::MAX);
                p.push("F", &1.5f64);
                p.push("G", &0.25f32);
            }),
            "PageSize=50&N=-3&U=7&Big=18446744073709551615&F=1.5&G=0.25"
        );
    }

    #[test]
    fn timestamps_are_iso8601_utc_whole_seconds() {
        let ts: jiff::Timestamp = "2019-07-30T23:57:45.123+02:00".parse().unwrap();
        assert_eq!(
            encoded(|p| p.push("DateCreated", &ts)),
            "DateCreated=2019-07-30T21%3A57%3A45Z"
        );
        let mut raw = Vec::new();
        ts.to_wire(&mut |s| raw.push(s));
        assert_eq!(raw, ["2019-07-30T21:57:45Z"]);
    }

    #[test]
    fn dates_are_yyyy_mm_dd() {
        let date = jiff::civil::date(2024, 3, 9);
        assert_eq!(encoded(|p| p.push("Date", &date)), "Date=2024-03-09");
    }

    #[test]
    fn objects_and_untyped_values_are_json_text() {
        let attrs = json!({"business_name": "Acme", "tags": [1, 2]});
        let map = attrs.as_object().unwrap().clone();
        assert_eq!(
            encoded(|p| {
                p.push("Attributes", &attrs);
                p.push("Map", &map);
                p.push("Raw", &json!("{\"already\":\"json\"}"));
                p.push("Num", &json!(3));
                p.push("Nothing", &serde_json::Value::Null);
            }),
            "Attributes=%7B%22business_name%22%3A%22Acme%22%2C%22tags%22%3A%5B1%2C2%5D%7D\
             &Map=%7B%22business_name%22%3A%22Acme%22%2C%22tags%22%3A%5B1%2C2%5D%7D\
             &Raw=%7B%22already%22%3A%22json%22%7D&Num=3"
        );
    }

    #[test]
    fn arrays_are_repeated_keys_and_empty_arrays_send_nothing() {
        let urls = vec!["a".to_owned(), "b c".to_owned()];
        let none: Vec<String> = Vec::new();
        assert_eq!(
            encoded(|p| {
                p.push("MediaUrl", &urls);
                p.push("Empty", &none);
                p.push("Slice", &[true, false][..]);
            }),
            "MediaUrl=a&MediaUrl=b+c&Slice=true&Slice=false"
        );
    }

    #[test]
    fn none_is_omitted_and_some_is_sent() {
        assert_eq!(
            encoded(|p| {
                p.push_opt::<str>("Missing", None);
                p.push_opt("Present", Some("x"));
                p.push_opt("Flag", Some(&true));
            }),
            "Present=x&Flag=true"
        );
    }

    #[test]
    fn path_segments_escape_all_but_unreserved() {
        assert_eq!(encode_path_segment("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(
            encode_path_segment("a/b?c#d e%f+g"),
            "a%2Fb%3Fc%23d%20e%25f%2Bg"
        );
        assert_eq!(encode_path_segment("é"), "%C3%A9");
    }
}
