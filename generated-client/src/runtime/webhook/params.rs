//! Form parameters as Twilio sends them: an ordered multimap.

use std::fmt;

use crate::runtime::redact::Redacted;

/// The parameters of a form-encoded webhook (`application/x-www-form-urlencoded`), in the order
/// they were sent, with repeated names kept (`Digits=1&Digits=2` is two entries).
///
/// `Debug` shows the names only: values are callers' phone numbers, message bodies and the
/// like, so they print as `<redacted>`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct FormParams {
    pairs: Vec<(String, String)>,
}

impl FormParams {
    /// An empty set of parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Decodes a form body (percent-escapes and `+` as space; invalid UTF-8 replaced with
    /// U+FFFD, as Twilio's libraries read it).
    pub fn parse(body: &[u8]) -> Self {
        Self {
            pairs: form_urlencoded::parse(body)
                .map(|(name, value)| (name.into_owned(), value.into_owned()))
                .collect(),
        }
    }

    /// Adds one parameter at the end (a name already present gets a further value).
    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.pairs.push((name.into(), value.into()));
    }

    /// The first value of `name`, if it was sent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name`, in the order sent.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether `name` was sent at least once.
    pub fn contains(&self, name: &str) -> bool {
        self.pairs.iter().any(|(n, _)| n == name)
    }

    /// Every `(name, value)` pair, in the order sent.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// How many pairs were sent (a repeated name counts each time).
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether no parameter was sent.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The pairs without `names` (those a typed payload has read), in the order sent.
    pub(super) fn without(&self, names: &[&str]) -> Self {
        Self {
            pairs: self
                .pairs
                .iter()
                .filter(|(n, _)| !names.contains(&n.as_str()))
                .cloned()
                .collect(),
        }
    }
}

impl<N: Into<String>, V: Into<String>> FromIterator<(N, V)> for FormParams {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(iter: I) -> Self {
        Self {
            pairs: iter
                .into_iter()
                .map(|(n, v)| (n.into(), v.into()))
                .collect(),
        }
    }
}

impl fmt::Debug for FormParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.pairs.iter().map(|(n, _)| (n, Redacted)))
            .finish()
    }
}
