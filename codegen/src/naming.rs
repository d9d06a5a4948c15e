//! Every Rust identifier decision: case conversion, keywords, uniqueness.
//!
//! Emitters never invent names; they use what `resolve` chose through these functions.

use std::collections::BTreeSet;

use heck::{ToPascalCase, ToSnakeCase};

/// Rust keywords (strict and reserved) that cannot be plain identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Whether `word` is a Rust keyword (strict or reserved), which cannot name a crate or item.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Twilio writes range filters as `DateCreated<` and `DateCreated>`; its libraries call them
/// `date_created_before` and `date_created_after`.
fn spell_operators(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 8);
    for c in raw.chars() {
        match c {
            '<' => out.push_str("_before"),
            '>' => out.push_str("_after"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => out.push('_'),
        }
    }
    out
}

/// A type or variant name: `end_user_enum_type` -> `EndUserEnumType`, `2fa` -> `V2fa`,
/// `self` -> `SelfValue`.
pub fn type_name(raw: &str) -> String {
    let mut name = spell_operators(raw).to_pascal_case();
    if name.is_empty() {
        name = "Empty".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    // `Self` is the only keyword in PascalCase. A trailing underscore would break camel case as
    // soon as something is appended (`Self_2`, `Self_Params` fail `non_camel_case_types`).
    if KEYWORDS.contains(&name.as_str()) {
        name.push_str("Value");
    }
    name
}

/// A field, parameter or function name: `FriendlyName` -> `friendly_name`, `type` -> `type_`.
pub fn value_name(raw: &str) -> String {
    let mut name = spell_operators(raw).to_snake_case();
    if name.is_empty() {
        name = "value".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "n_");
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// A companion method's name: `create_end_user` + `with_response`. A name mangled with a
/// trailing underscore (`type_`) loses it first, so the result stays snake case.
pub fn companion(fn_name: &str, suffix: &str) -> String {
    format!("{}_{suffix}", fn_name.trim_end_matches('_'))
}

/// Names a params struct already uses for its own methods (`new`, `default()` through `Default`,
/// and the wire helpers), so no field's setter may take them.
pub fn reserved_param_fields() -> BTreeSet<String> {
    ["new", "default", "wire_query", "wire_form", "wire_headers"]
        .map(str::to_owned)
        .into()
}

/// Argument names an operation method uses besides its path parameters.
pub fn reserved_path_arguments() -> BTreeSet<String> {
    ["params", "body", "limit", "page", "client", "request"]
        .map(str::to_owned)
        .into()
}

/// Returns `name`, or `name2`, `name3`... if taken, and records the result as taken.
///
/// The counter is found by doubling then bisecting, so many values that map to one name (an
/// enum of `a`, `a-`, `a_`, ...) take logarithmic, not linear, time each. It is the smallest
/// free number whenever the numbers taken so far are contiguous, which they are unless the
/// document itself uses names like `X3` next to `X`.
pub fn unique(name: String, taken: &mut BTreeSet<String>) -> String {
    if taken.insert(name.clone()) {
        return name;
    }
    let is_taken = |n: u64| taken.contains(&format!("{name}{n}"));
    // Invariant: `low` is taken (or is 1, standing for `name` itself); `high` is free.
    let (mut low, mut high) = (1u64, 2u64);
    while is_taken(high) {
        low = high;
        high = high.saturating_mul(2);
    }
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if is_taken(middle) {
            low = middle;
        } else {
            high = middle;
        }
    }
    let found = format!("{name}{high}");
    taken.insert(found.clone());
    found
}

/// Names the generated modules use unqualified (`Option<T>`, `String`, `impl From<&str>`, ...): a
/// model or enum with one of them would shadow it and break the module.
const PRELUDE_TYPES: &[&str] = &[
    "Box", "From", "Into", "Option", "Result", "Send", "String", "Sync", "ToOwned", "ToString",
    "TryFrom", "TryInto", "Vec",
];

/// `unique` for a model or enum name: one that would shadow a prelude name gets `Schema`
/// appended first (`String` -> `StringSchema`).
pub fn unique_type(name: String, taken: &mut BTreeSet<String>) -> String {
    let name = if PRELUDE_TYPES.contains(&name.as_str()) {
        format!("{name}Schema")
    } else {
        name
    };
    unique(name, taken)
}

/// Candidate type names for a component schema key, most preferred first.
///
/// `numbers.v2.regulatory_compliance.end_user` gives `EndUser`, then
/// `RegulatoryComplianceEndUser`, ...; `end_user_enum_type` gives `EndUserType`, then
/// `EndUserEnumType`.
pub fn component_candidates(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((owner, field)) = key.split_once("_enum_") {
        out.push(type_name(&format!("{owner}_{field}")));
    }
    let segments: Vec<&str> = key.split('.').collect();
    for start in (0..segments.len()).rev() {
        out.push(type_name(&segments[start..].join("_")));
    }
    out.dedup();
    out
}
