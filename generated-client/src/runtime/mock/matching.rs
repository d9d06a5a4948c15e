//! Whether a request meets an expectation, and if not, every difference in words.

use super::expectation::{Fields, When};
use super::request::{MockRequest, values};

/// How a request compares with one expectation.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// The method and the path's shape match (the request is for this operation).
    pub(crate) route: bool,
    /// How many checked parts (path arguments, fields, headers, body) matched.
    pub(crate) matched: usize,
    /// One line per difference.
    pub(crate) mismatches: Vec<String>,
}

impl Outcome {
    pub(crate) fn is_match(&self) -> bool {
        self.route && self.mismatches.is_empty()
    }

    /// Orders candidates for "closest": right route first, then most parts matched, then fewest
    /// differences.
    pub(crate) fn score(&self) -> (bool, usize, std::cmp::Reverse<usize>) {
        (
            self.route,
            self.matched,
            std::cmp::Reverse(self.mismatches.len()),
        )
    }

    /// `form field X: expected .., got ..; 3 other fields matched`.
    pub(crate) fn describe(&self) -> String {
        let others = match self.matched {
            0 => String::new(),
            1 => "; 1 other field matched".to_owned(),
            n => format!("; {n} other fields matched"),
        };
        format!("{}{others}", self.mismatches.join("; "))
    }
}

/// Compares `request` with `when`.
pub(crate) fn check(when: &When, request: &MockRequest) -> Outcome {
    let mut out = Outcome::default();
    let method_ok = *request.method() == when.method;
    let captured = capture(when.template, request.path());
    if !method_ok {
        out.mismatches.push(format!(
            "method: expected {}, got {}",
            when.method,
            request.method()
        ));
    }
    let Some(captured) = captured else {
        out.mismatches.push(format!(
            "path: expected {}, got {}",
            when.template,
            request.path()
        ));
        return out;
    };
    out.route = method_ok;
    for (name, expected) in &when.path_args {
        match captured.iter().find(|(n, _)| n == name) {
            Some((_, got)) if got == expected => out.matched += 1,
            Some((_, got)) => out.mismatches.push(format!(
                "path argument {name}: expected {expected:?}, got {got:?}"
            )),
            None => out
                .mismatches
                .push(format!("path argument {name}: not in {}", when.template)),
        }
    }
    compare_fields("query field", &when.query, request.query(), when, &mut out);
    compare_fields("form field", &when.form, request.form(), when, &mut out);
    for (name, expected) in &when.headers {
        match request.header(name) {
            Some(got) if got == expected => out.matched += 1,
            Some(got) => out
                .mismatches
                .push(format!("header {name}: expected {expected:?}, got {got:?}")),
            None => out
                .mismatches
                .push(format!("header {name}: expected {expected:?}, not sent")),
        }
    }
    if let Some(expected) = &when.json_body {
        match request.json() {
            Some(got) if got == *expected => out.matched += 1,
            Some(got) => out
                .mismatches
                .push(format!("JSON body: expected {expected}, got {got}")),
            None => out
                .mismatches
                .push(format!("JSON body: expected {expected}, got no JSON")),
        }
    }
    out
}

fn compare_fields(
    what: &str,
    fields: &Fields,
    got: &[(String, String)],
    when: &When,
    out: &mut Outcome,
) {
    for (key, expected) in &fields.expected {
        let sent = values(got, key);
        let json = when.json_fields.contains(&key.as_str());
        if same_values(expected, &sent, json) {
            out.matched += 1;
        } else if sent.is_empty() {
            out.mismatches.push(format!(
                "{what} {key}: expected {}, not sent",
                show(expected)
            ));
        } else {
            out.mismatches.push(format!(
                "{what} {key}: expected {}, got {}",
                show(expected),
                show(&sent)
            ));
        }
    }
    if fields.exact {
        let mut extra: Vec<&str> = Vec::new();
        for (key, _) in got {
            if !fields.expected.iter().any(|(k, _)| k == key) && !extra.contains(&key.as_str()) {
                extra.push(key);
            }
        }
        for key in extra {
            out.mismatches.push(format!(
                "{what} {key}: not expected, got {}",
                show(&values(got, key))
            ));
        }
    }
}

/// Values compared in order; JSON fields as JSON values when both sides parse.
fn same_values<S: AsRef<str>>(expected: &[String], got: &[S], json: bool) -> bool {
    expected.len() == got.len()
        && expected.iter().zip(got).all(|(e, g)| {
            let g = g.as_ref();
            if json {
                let parsed = (
                    serde_json::from_str::<serde_json::Value>(e),
                    serde_json::from_str::<serde_json::Value>(g),
                );
                if let (Ok(e), Ok(g)) = parsed {
                    return e == g;
                }
            }
            e == g
        })
}

/// `"Jane"` for one value, `["a", "b"]` for several.
fn show<S: AsRef<str>>(values: &[S]) -> String {
    match values {
        [one] => format!("{:?}", one.as_ref()),
        many => format!(
            "[{}]",
            many.iter()
                .map(|v| format!("{:?}", v.as_ref()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The path arguments of `path` (decoded) when it has the template's shape.
pub(crate) fn capture(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let template_segments: Vec<&str> = template.trim_start_matches('/').split('/').collect();
    let path_segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    if template_segments.len() != path_segments.len() {
        return None;
    }
    let mut captured = Vec::new();
    for (pattern, segment) in template_segments.iter().zip(&path_segments) {
        capture_segment(pattern, segment, &mut captured)?;
    }
    Some(captured)
}

/// Matches one segment (`{Sid}.json`, `Calls`) against its pattern; a placeholder takes the
/// shortest text up to the literal after it.
fn capture_segment(pattern: &str, segment: &str, out: &mut Vec<(String, String)>) -> Option<()> {
    let mut rest = segment;
    let mut pattern = pattern;
    while !pattern.is_empty() {
        match pattern.find('{') {
            Some(0) => {
                let close = pattern.find('}')?;
                let name = &pattern[1..close];
                pattern = &pattern[close + 1..];
                let next_literal = pattern.split('{').next().unwrap_or("");
                let end = if next_literal.is_empty() {
                    rest.len()
                } else if pattern.len() == next_literal.len() {
                    // The last literal of the segment: the placeholder ends where it starts.
                    rest.len().checked_sub(next_literal.len())?
                } else {
                    rest.find(next_literal)?
                };
                let raw = &rest[..end];
                if raw.is_empty() {
                    return None;
                }
                let value = percent_encoding::percent_decode_str(raw)
                    .decode_utf8_lossy()
                    .into_owned();
                out.push((name.to_owned(), value));
                rest = &rest[end..];
            }
            found => {
                let literal_end = found.unwrap_or(pattern.len());
                let literal = &pattern[..literal_end];
                rest = rest.strip_prefix(literal)?;
                pattern = &pattern[literal_end..];
            }
        }
    }
    rest.is_empty().then_some(())
}

#[cfg(test)]
mod tests {
    use super::capture;

    #[test]
    fn templates_capture_decoded_arguments() {
        assert_eq!(
            capture("/v2/EndUsers/{Sid}", "/v2/EndUsers/IT1%2F2"),
            Some(vec![("Sid".to_owned(), "IT1/2".to_owned())])
        );
        assert_eq!(
            capture(
                "/2010/Accounts/{AccountSid}/Calls/{Sid}.json",
                "/2010/Accounts/AC1/Calls/CA2.json"
            ),
            Some(vec![
                ("AccountSid".to_owned(), "AC1".to_owned()),
                ("Sid".to_owned(), "CA2".to_owned())
            ])
        );
        assert_eq!(capture("/v2/EndUsers/{Sid}", "/v2/EndUsers"), None);
        assert_eq!(capture("/v2/EndUsers", "/v2/EndUserTypes"), None);
        assert_eq!(capture("/v1/{Sid}.json", "/v1/.json"), None);
    }
}
