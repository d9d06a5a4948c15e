//! The generated crate's public Rust API as sorted lines, one item per line.
//!
//! The surface is what a user of the generated crate can name or call: operations with their
//! signatures, parameter structs and their fields, models and their fields (and constructors),
//! enums and their values, SID types and their prefixes. It is computed from `model::Api`, so it
//! costs nothing to produce, and two surfaces can be compared line by line (`diff`) to tell a
//! spec change's effect on users: see `report`.
//!
//! Every line is `<key><value>`: the key names the item (`model EndUser field sid`), the value
//! says what it is (`: Option<EndUserSid>`). Lines sort by key, so a diff pairs an item with its
//! old self even when its type changed.

pub mod diff;
#[cfg(test)]
mod tests;

use crate::model::{Api, Model, ParamField, ResponseBody, Ty};

/// One line of the surface, split into the item's name and what it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Line {
    /// What the line is about (`model EndUser field sid`).
    pub key: String,
    /// What it says about it (`: Option<EndUserSid>`).
    pub value: String,
}

impl std::fmt::Display for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.key, self.value)
    }
}

impl Line {
    fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Line {
            key: key.into(),
            value: value.into(),
        }
    }

    /// Splits a printed line back into key and value (the inverse of `Display`).
    pub fn parse(text: &str) -> Option<Line> {
        let text = text.trim_end();
        let (kind, _) = text.split_once(' ')?;
        let split = match kind {
            "operation" => text.find('('),
            // The wire value is quoted and may hold anything; the variant name is an identifier.
            "enum" if text.contains(" value \"") => text.rfind(" = "),
            "model" | "params" | "alias" | "enum" | "sid" | "union" => [": ", " = ", "("]
                .iter()
                .filter_map(|sep| text.find(sep))
                .min(),
            _ => return None,
        };
        Some(match split {
            Some(at) => Line::new(&text[..at], &text[at..]),
            None => Line::new(text, ""),
        })
    }
}

/// The API surface: sorted, one line per item.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Surface {
    /// The lines, sorted.
    pub lines: Vec<Line>,
}

impl Surface {
    /// Reads a surface printed by `Display`; lines that are not surface lines are skipped.
    pub fn parse(text: &str) -> Surface {
        let mut lines: Vec<Line> = text.lines().filter_map(Line::parse).collect();
        lines.sort();
        lines.dedup();
        Surface { lines }
    }
}

impl std::fmt::Display for Surface {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for line in &self.lines {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

/// The public API the generated crate has for `api`.
pub fn surface(api: &Api) -> Surface {
    let mut lines = Vec::new();
    let sent = &api.sent_models;
    for op in &api.operations {
        // Argument types only: callers pass them by position, so a renamed path parameter
        // changes nothing for them.
        let mut args: Vec<String> = op
            .path_params
            .iter()
            .filter(|p| !p.client_account)
            .map(|p| match &p.ty {
                Ty::String => "&str".to_owned(),
                ty => format!("&{}", ty_text(ty, api)),
            })
            .collect();
        if let Some(params) = &op.params {
            args.push(format!("&{}", params.name));
        }
        if let Some(body) = &op.json_body {
            args.push(format!("&{}", ty_text(body, api)));
        }
        let result = match (&op.pagination, &op.response) {
            (Some(p), _) => format!("Page<{}>, paged", ty_text(&p.item_ty, api)),
            (None, ResponseBody::Json(ty)) => ty_text(ty, api),
            (None, ResponseBody::Empty) => "()".to_owned(),
            (None, ResponseBody::ByStatus(responses)) => {
                for v in &responses.variants {
                    let body =
                        v.ty.as_ref()
                            .map_or_else(String::new, |ty| ty_text(ty, api));
                    lines.push(Line::new(
                        format!("responses {} variant {}", responses.name, v.name),
                        format!("({body})"),
                    ));
                }
                responses.name.clone()
            }
            (None, ResponseBody::Redirect(ty)) => format!(
                "Redirect<{}>",
                ty.as_ref()
                    .map_or_else(|| "Value".to_owned(), |ty| ty_text(ty, api))
            ),
        };
        lines.push(Line::new(
            format!("operation {}", op.fn_name),
            format!("({}) -> {result}", args.join(", ")),
        ));
        if let Some(params) = &op.params {
            let required: Vec<&ParamField> = params.fields.iter().filter(|f| f.required).collect();
            let ctor = if required.is_empty() {
                "default()".to_owned()
            } else {
                let args: Vec<String> = required
                    .iter()
                    .map(|f| {
                        let ty = match &f.field.ty {
                            Ty::Json => "JsonParam".to_owned(),
                            ty => ty_text(ty, api),
                        };
                        format!("{}: {ty}", f.field.name)
                    })
                    .collect();
                format!("new({})", args.join(", "))
            };
            lines.push(Line::new(
                format!("params {}", params.name),
                format!(" = {ctor}"),
            ));
            for f in &params.fields {
                // A JSON parameter is a `JsonParam` (JSON, or text sent as is).
                let ty = match &f.field.ty {
                    Ty::Json => "JsonParam".to_owned(),
                    ty => ty_text(ty, api),
                };
                let value = if f.required {
                    format!(": {ty}, required")
                } else {
                    format!(": Option<{ty}>")
                };
                lines.push(Line::new(
                    format!("params {} field {}", params.name, f.field.name),
                    value,
                ));
            }
        }
    }
    for model in &api.models {
        match model {
            Model::Struct(s) => {
                let ctor = if sent.contains(&s.name) {
                    let args: Vec<String> = s
                        .fields
                        .iter()
                        .filter(|f| !f.optional && !f.flatten)
                        .map(|f| format!("{}: {}", f.name, ty_text(&f.ty, api)))
                        .collect();
                    format!(" = new({})", args.join(", "))
                } else {
                    " = deserialize".to_owned()
                };
                lines.push(Line::new(format!("model {}", s.name), ctor));
                for f in &s.fields {
                    let ty = ty_text(&f.ty, api);
                    let ty = if f.optional {
                        format!("Option<{ty}>")
                    } else {
                        ty
                    };
                    lines.push(Line::new(
                        format!("model {} field {}", s.name, f.name),
                        format!(": {ty}"),
                    ));
                }
            }
            Model::Alias(a) => lines.push(Line::new(
                format!("alias {}", a.name),
                format!(" = {}", ty_text(&a.ty, api)),
            )),
            Model::Union(u) => {
                lines.push(Line::new(
                    format!("union {}", u.name),
                    " = one of".to_owned(),
                ));
                for v in &u.variants {
                    lines.push(Line::new(
                        format!("union {} variant {}", u.name, v.name),
                        format!("({})", ty_text(&v.ty, api)),
                    ));
                }
            }
        }
    }
    for e in &api.enums {
        let catch_all = &e.unknown_variant;
        lines.push(Line::new(
            format!("enum {}", e.name),
            format!(" = open, {catch_all}(String)"),
        ));
        for v in &e.variants {
            lines.push(Line::new(
                format!("enum {} value {:?}", e.name, v.wire),
                format!(" = {}", v.name),
            ));
        }
    }
    for sid in api.sids.values() {
        let prefix = if sid.prefix.is_empty() {
            "any two letters".to_owned()
        } else {
            format!("{:?}", sid.prefix)
        };
        let case = if sid.lowercase_only {
            ", lowercase hex"
        } else {
            ""
        };
        lines.push(Line::new(
            format!("sid {}", sid.name),
            format!(" = {prefix}{case}"),
        ));
    }
    lines.sort();
    lines.dedup();
    Surface { lines }
}

/// A type as a user writes it, without module paths.
fn ty_text(ty: &Ty, api: &Api) -> String {
    match ty {
        Ty::String => "String".to_owned(),
        Ty::Bool => "bool".to_owned(),
        Ty::I32 => "i32".to_owned(),
        Ty::I64 => "i64".to_owned(),
        Ty::F64 => "f64".to_owned(),
        Ty::Decimal => "Decimal".to_owned(),
        Ty::Timestamp => "Timestamp".to_owned(),
        // The same Rust type; the wire format is part of what users rely on.
        Ty::Rfc2822Timestamp => "Timestamp (RFC 2822)".to_owned(),
        Ty::Date => "Date".to_owned(),
        Ty::Json => "Value".to_owned(),
        Ty::JsonObject => "Map<String, Value>".to_owned(),
        Ty::Map(value) => format!("BTreeMap<String, Option<{}>>", ty_text(value, api)),
        Ty::Vec(item) => format!("Vec<{}>", ty_text(item, api)),
        Ty::Model(name) | Ty::Enum(name) => name.clone(),
        Ty::Sid(prefix) => api
            .sids
            .get(prefix)
            .map_or_else(|| format!("{prefix}Sid"), |sid| sid.name.clone()),
        Ty::PageMeta => "PageMeta".to_owned(),
        Ty::Binary => "FilePart".to_owned(),
    }
}
