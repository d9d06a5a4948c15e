//! Stage 2: `openapiv3::OpenAPI` into the resolved `model::Api`.
//!
//! The only stage that sees openapiv3 types and the only place that follows `$ref`s.

mod components;
mod operations;
mod schemas;
pub(crate) mod sids;

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::OpenAPI;

use crate::error::{Diagnostics, SpecErrors};
use crate::model::{Api, Enum, Model, Operation};
use crate::pointer::Pointer;

/// Resolves `doc` (read from `file`) into the model, reporting every problem found.
pub(crate) fn resolve(file: &str, doc: &OpenAPI) -> Result<Api, SpecErrors> {
    let mut resolver = Resolver {
        doc,
        diags: Diagnostics::new(file),
        component_types: BTreeMap::new(),
        type_names: BTreeSet::new(),
        models: BTreeMap::new(),
        enums: BTreeMap::new(),
        sids: sids::SidRegistry::default(),
    };
    resolver.name_components();
    resolver.resolve_components();
    let (mut operations, base_url) = resolver.resolve_operations();
    mark_personal_parameters(&resolver.models, &mut operations);
    let Resolver {
        diags,
        models,
        enums,
        sids,
        ..
    } = resolver;
    let api = Api {
        title: doc.info.title.clone(),
        description: doc_lines(doc.info.description.as_deref()),
        base_url,
        models: models.into_values().collect(),
        enums: enums.into_values().collect(),
        sids: sids.into_types(),
        operations,
    };
    diags.into_result(api)
}

/// What a component schema became, decided before any schema body is converted so that
/// `$ref`s can be resolved in any order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ComponentType {
    Model(String),
    Enum(String),
}

struct Resolver<'a> {
    doc: &'a OpenAPI,
    diags: Diagnostics,
    /// Component schema key -> the Rust type it becomes.
    component_types: BTreeMap<String, ComponentType>,
    /// Names used in the models and enums modules (one namespace, so docs read unambiguously).
    type_names: BTreeSet<String>,
    models: BTreeMap<String, Model>,
    enums: BTreeMap<String, Enum>,
    sids: sids::SidRegistry,
}

impl Resolver<'_> {
    fn error(&mut self, pointer: &Pointer, message: impl Into<String>) {
        self.diags.error(pointer, message);
    }
}

/// A description as doc lines: trimmed, blank lines kept between paragraphs.
pub(crate) fn doc_lines(text: Option<&str>) -> Vec<String> {
    let Some(text) = text else { return Vec::new() };
    let lines: Vec<String> = text
        .trim()
        .lines()
        .map(|l| sanitize(l.trim_end()))
        .collect();
    if lines.len() == 1 && lines[0].is_empty() {
        Vec::new()
    } else {
        lines
    }
}

/// Keeps spec prose from turning into rustdoc constructs it did not mean: code fences become
/// plain text blocks (never doctests) and bare URLs become links.
fn sanitize(line: &str) -> String {
    if let Some(rest) = line.trim_start().strip_prefix("```") {
        if rest.trim().is_empty() {
            return line.to_owned();
        }
        return line.replacen(&format!("```{rest}"), "```text", 1);
    }
    line.split(' ')
        .map(|word| {
            if word.starts_with("http://") || word.starts_with("https://") {
                let end = word.trim_end_matches(['.', ',', ';', ')']);
                format!("<{end}>{}", &word[end.len()..])
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Request parameters rarely carry `x-twilio.pii`, but they hold the same data as the response
/// fields that do (End-User `Attributes` is sent as `Attributes` and returned as `attributes`):
/// a parameter named like a personal response field is treated as personal too.
fn mark_personal_parameters(models: &BTreeMap<String, Model>, operations: &mut [Operation]) {
    let personal: BTreeSet<&str> = models
        .values()
        .filter_map(|m| match m {
            Model::Struct(s) => Some(s),
            Model::Alias(_) => None,
        })
        .flat_map(|s| s.fields.iter().filter(|f| f.pii).map(|f| f.name.as_str()))
        .collect();
    for field in operations
        .iter_mut()
        .flat_map(|op| op.params.iter_mut())
        .flat_map(|p| p.fields.iter_mut())
    {
        if personal.contains(field.field.name.as_str()) {
            field.field.pii = true;
        }
    }
}
