//! Two surfaces compared: every changed line labelled breaking or compatible for users of the
//! generated crate, and the version bump that follows.
//!
//! The labels follow what the generated code makes of each item (and what cargo-semver-checks
//! checks): operations, models, enums and SID types may be added; parameters structs, models and
//! enums are `#[non_exhaustive]`, so an optional parameter, a model field or an enum value may be
//! added too. Anything removed, renamed or retyped, and a new required value where the user
//! passes the required values to `new`, is breaking.

use std::fmt::Write as _;

use super::{Line, Surface};

/// What a change means for code that uses the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Label {
    /// Code written against the old crate may not compile.
    Breaking,
    /// Code written against the old crate still compiles.
    Compatible,
}

/// One changed item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Breaking or compatible.
    pub label: Label,
    /// `added`, `removed` or `changed`.
    pub action: &'static str,
    /// The surface line added, removed or changed.
    pub line: Line,
    /// The old value of a changed line.
    pub was: Option<String>,
    /// Why the label, in a few words.
    pub why: &'static str,
}

/// The version bump a set of changes calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing in the API changed.
    Patch,
    /// Only additions.
    Minor,
    /// Something breaking.
    Major,
}

impl Bump {
    /// `"patch"`, `"minor"` or `"major"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// The next version after `version` (`MAJOR.MINOR.PATCH`). For a 0.x crate Cargo treats
    /// the minor number as the major one: breaking goes 0.1.3 -> 0.2.0, additions 0.1.3 -> 0.1.4.
    pub fn next(self, version: &str) -> Option<String> {
        let mut parts = version.split(['-', '+']).next()?.split('.');
        let mut num = || parts.next()?.parse::<u64>().ok();
        let (major, minor, patch) = (num()?, num()?, num()?);
        Some(match (self, major) {
            (Bump::Major, 0) => format!("0.{}.0", minor + 1),
            (Bump::Major, _) => format!("{}.0.0", major + 1),
            (Bump::Minor, 0) | (Bump::Patch, _) => format!("{major}.{minor}.{}", patch + 1),
            (Bump::Minor, _) => format!("{major}.{}.0", minor + 1),
        })
    }
}

/// The changes between two surfaces, breaking ones first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// Every change, in surface order.
    pub entries: Vec<Entry>,
}

/// Compares `old` with `new` line by line (by key).
pub fn diff(old: &Surface, new: &Surface) -> Report {
    use std::collections::BTreeMap;
    let old_map: BTreeMap<&str, &Line> = old.lines.iter().map(|l| (l.key.as_str(), l)).collect();
    let new_map: BTreeMap<&str, &Line> = new.lines.iter().map(|l| (l.key.as_str(), l)).collect();
    let mut entries = Vec::new();
    for (key, line) in &old_map {
        match new_map.get(key) {
            None => entries.push(entry("removed", (*line).clone(), None)),
            Some(now) if now.value != line.value => {
                entries.push(entry("changed", (*now).clone(), Some(line.value.clone())));
            }
            Some(_) => {}
        }
    }
    for (key, line) in &new_map {
        if !old_map.contains_key(key) {
            entries.push(entry("added", (*line).clone(), None));
        }
    }
    pair_aliases_that_became_structs(&mut entries);
    required_fields_of_new_structs(&mut entries, &old_map);
    entries.sort_by(|a, b| (a.label, &a.line.key).cmp(&(b.label, &b.line.key)));
    Report { entries }
}

/// A required field of a params struct that did not exist before is an argument of a new `new`,
/// which no caller can be using yet: compatible.
fn required_fields_of_new_structs(
    entries: &mut [Entry],
    old: &std::collections::BTreeMap<&str, &Line>,
) {
    for e in entries.iter_mut() {
        let mut words = e.line.key.split(' ');
        if e.action != "added" || words.next() != Some("params") {
            continue;
        }
        let (Some(name), Some("field")) = (words.next(), words.next()) else {
            continue;
        };
        if e.label == Label::Breaking && !old.contains_key(format!("params {name}").as_str()) {
            e.label = Label::Compatible;
            e.why = "a field of a new params struct";
        }
    }
}

/// `alias X` removed and `model X` added is one change of the type named `X`.
fn pair_aliases_that_became_structs(entries: &mut Vec<Entry>) {
    let became: Vec<String> = entries
        .iter()
        .filter(|e| e.action == "removed" && e.line.key.starts_with("alias "))
        .filter_map(|e| {
            let name = e.line.key.strip_prefix("alias ")?;
            let model = format!("model {name}");
            entries
                .iter()
                .any(|n| n.action == "added" && n.line.key == model)
                .then(|| name.to_owned())
        })
        .collect();
    for name in became {
        let alias = format!("alias {name}");
        let Some(at) = entries.iter().position(|e| e.line.key == alias) else {
            continue;
        };
        let was = entries.remove(at).line.value;
        if let Some(model) = entries
            .iter_mut()
            .find(|e| e.line.key == format!("model {name}"))
        {
            model.action = "changed";
            model.label = Label::Breaking;
            model.why = "a type alias became a struct (cargo-semver-checks does not see it)";
            model.was = Some(was);
        }
    }
}

fn entry(action: &'static str, line: Line, was: Option<String>) -> Entry {
    let kind = line.key.split(' ').next().unwrap_or_default();
    let member = line.key.split(' ').nth(2).unwrap_or_default();
    let (label, why) = match (action, kind, member) {
        ("removed", ..) => (Label::Breaking, "users may name it"),
        ("added", "params", "field") if line.value.ends_with(", required") => {
            (Label::Breaking, "a new argument of `new`")
        }
        ("added", "params", "field") => (Label::Compatible, "optional, non_exhaustive struct"),
        ("added", "model", "field") => (Label::Compatible, "non_exhaustive struct"),
        ("added", "enum", "value") => (Label::Compatible, "open, non_exhaustive enum"),
        ("added", ..) => (Label::Compatible, "new item"),
        ("changed", "model", "") if was.as_deref() == Some(" = deserialize") => {
            (Label::Compatible, "gained a constructor")
        }
        ("changed", "operation", _) => (Label::Breaking, "signature changed"),
        ("changed", "params" | "model", "") => (Label::Breaking, "constructor changed"),
        ("changed", "enum", "value") => (Label::Breaking, "variant renamed"),
        // Only the lowercase-only flag moved: accepting uppercase hex again refuses nothing.
        ("changed", "sid", _)
            if format!("{}, lowercase hex", line.value) == was.clone().unwrap_or_default() =>
        {
            (Label::Compatible, "accepts uppercase hex too")
        }
        ("changed", "sid", _) if line.value.ends_with(", lowercase hex") => {
            (Label::Breaking, "refuses uppercase hex it accepted")
        }
        ("changed", "sid", _) => (Label::Breaking, "accepts other SIDs"),
        ("changed", ..) => (Label::Breaking, "type changed"),
        _ => (Label::Breaking, "unrecognised change"),
    };
    Entry {
        label,
        action,
        line,
        was,
        why,
    }
}

impl Report {
    /// Whether the API did not change.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many entries carry `label`.
    pub fn count(&self, label: Label) -> usize {
        self.entries.iter().filter(|e| e.label == label).count()
    }

    /// Major for any breaking change, minor for additions only, patch for no API change.
    pub fn bump(&self) -> Bump {
        if self.count(Label::Breaking) > 0 {
            Bump::Major
        } else if self.is_empty() {
            Bump::Patch
        } else {
            Bump::Minor
        }
    }

    /// "suggested bump: minor (0.1.0 -> 0.1.1: a 0.x crate ...)".
    fn bump_sentence(&self, version: Option<&str>) -> String {
        let bump = self.bump();
        let mut text = format!("suggested version bump: {}", bump.as_str());
        if let Some(version) = version
            && let Some(next) = bump.next(version)
        {
            let _ = write!(text, " ({version} -> {next}");
            if version.starts_with("0.") && bump != Bump::Patch {
                let _ = write!(
                    text,
                    "; a 0.x crate moves its minor number for breaking changes and its patch number otherwise"
                );
            }
            text.push(')');
        }
        text
    }

    fn headline(&self) -> String {
        if self.is_empty() {
            "no change to the public API".to_owned()
        } else {
            let total = self.entries.len();
            format!(
                "{} breaking, {} compatible: {total} API change{}",
                self.count(Label::Breaking),
                self.count(Label::Compatible),
                if total == 1 { "" } else { "s" }
            )
        }
    }

    /// Plain text: a headline, the suggested bump, then one line per change.
    pub fn to_text(&self, version: Option<&str>) -> String {
        let mut out = format!("{}\n{}\n", self.headline(), self.bump_sentence(version));
        for e in &self.entries {
            let label = match e.label {
                Label::Breaking => "breaking  ",
                Label::Compatible => "compatible",
            };
            let _ = write!(out, "  {label} {:<7} {}", e.action, e.line);
            if let Some(was) = &e.was {
                let _ = write!(out, "  (was{was})");
            }
            let _ = writeln!(out, "  [{}]", e.why);
        }
        out
    }

    /// Markdown for a pull request: a heading, the bump, and a table per label.
    pub fn to_markdown(&self, version: Option<&str>) -> String {
        let mut out = format!(
            "### API changes: {}\n\n{}.\n",
            self.headline(),
            capitalised(&self.bump_sentence(version))
        );
        for (label, title) in [
            (Label::Breaking, "Breaking"),
            (Label::Compatible, "Compatible"),
        ] {
            let entries: Vec<&Entry> = self.entries.iter().filter(|e| e.label == label).collect();
            if entries.is_empty() {
                continue;
            }
            let _ = write!(
                out,
                "\n#### {title} ({})\n\n| change | item | why |\n| --- | --- | --- |\n",
                entries.len()
            );
            for e in entries {
                let mut item = format!("`{}`", e.line);
                if let Some(was) = &e.was {
                    let _ = write!(item, " (was `{}`)", was.trim_start_matches([' ', ':', '=']));
                }
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    e.action,
                    item.replace('|', "\\|"),
                    e.why
                );
            }
        }
        out
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surface(text: &str) -> Surface {
        Surface::parse(text)
    }

    #[test]
    fn labels_follow_the_generated_code() {
        let old = surface(
            "operation fetch_x(&XSid) -> X\n\
             operation gone() -> ()\n\
             params P = default()\n\
             params P field a: Option<String>\n\
             model X = deserialize\n\
             model X field sid: Option<XSid>\n\
             enum E = open, Unknown(String)\n\
             enum E value \"a\" = A\n\
             sid XSid = \"XX\"\n",
        );
        let new = surface(
            "operation fetch_x(&XSid) -> X\n\
             operation fetch_y(&YSid) -> X\n\
             params P = new(b: String)\n\
             params P field a: Option<String>\n\
             params P field b: String, required\n\
             params P field c: Option<i64>\n\
             model X = deserialize\n\
             model X field sid: Option<XSid>\n\
             model X field more: Option<String>\n\
             enum E = open, Unknown(String)\n\
             enum E value \"a\" = A\n\
             enum E value \"b\" = B\n\
             sid XSid = \"XX\"\n\
             sid YSid = \"YY\"\n",
        );
        let report = diff(&old, &new);
        let text = report.to_text(Some("0.1.0"));
        assert_eq!(report.count(Label::Breaking), 3, "{text}");
        assert_eq!(report.count(Label::Compatible), 5, "{text}");
        assert_eq!(report.bump(), Bump::Major);
        assert!(text.contains("0.1.0 -> 0.2.0"), "{text}");
        assert!(
            text.contains("breaking   removed operation gone() -> ()"),
            "{text}"
        );
        assert!(text.contains("breaking   added   params P field b: String, required"));
        assert!(text.contains("compatible added   params P field c: Option<i64>"));
    }

    #[test]
    fn required_fields_of_a_new_params_struct_are_compatible() {
        let old = surface("operation fetch_x(&XSid) -> X\n");
        let new = surface(
            "operation fetch_x(&XSid) -> X\n\
             operation create_y(&CreateYParams) -> X\n\
             params CreateYParams = new(name: String)\n\
             params CreateYParams field name: String, required\n",
        );
        let report = diff(&old, &new);
        let text = report.to_text(Some("0.1.0"));
        assert_eq!(report.count(Label::Breaking), 0, "{text}");
        assert_eq!(report.bump(), Bump::Minor, "{text}");
        assert!(text.contains("a field of a new params struct"), "{text}");
    }

    #[test]
    fn lines_round_trip() {
        for text in [
            "operation list_x(&ListXParams) -> Page<X>, paged",
            "model X field a: Option<BTreeMap<String, String>>",
            "model X = new(a: String, b: XSid)",
            "enum E value \"a: b = c\" = AbC",
            "sid AnySid = any two letters, lowercase hex",
            "union U variant Address(AddressSid)",
        ] {
            let line = Line::parse(text).unwrap();
            assert_eq!(line.to_string(), text);
        }
        assert_eq!(
            Line::parse("enum E value \"a: b = c\" = A").unwrap().key,
            "enum E value \"a: b = c\""
        );
    }

    #[test]
    fn versions_move_like_cargo_expects() {
        assert_eq!(Bump::Major.next("0.1.3").unwrap(), "0.2.0");
        assert_eq!(Bump::Minor.next("0.1.3").unwrap(), "0.1.4");
        assert_eq!(Bump::Patch.next("0.1.3").unwrap(), "0.1.4");
        assert_eq!(Bump::Major.next("1.2.3").unwrap(), "2.0.0");
        assert_eq!(Bump::Minor.next("1.2.3").unwrap(), "1.3.0");
        assert_eq!(Bump::Patch.next("1.2.3").unwrap(), "1.2.4");
    }
}
