//! Stage 2: `openapiv3::OpenAPI` into the resolved `model::Api`.
//!
//! The only stage that sees openapiv3 types and the only place that follows `$ref`s.

mod bodies;
mod components;
mod compose;
mod cycles;
mod enums;
pub(crate) mod operations;
mod pagination;
mod parameters;
mod schemas;
pub(crate) mod sids;
mod structs;
mod view;

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
        approximations: Vec::new(),
    };
    resolver.name_components();
    resolver.resolve_components();
    let (mut operations, base_url) = resolver.resolve_operations();
    mark_personal_parameters(&resolver.models, &mut operations);
    let component_pointers = resolver.component_pointers();
    let Resolver {
        mut diags,
        mut models,
        enums,
        sids,
        approximations,
        ..
    } = resolver;
    cycles::resolve_recursion(&mut models, &component_pointers, &mut diags);
    let api = Api {
        title: doc.info.title.clone(),
        description: doc_lines(doc.info.description.as_deref()),
        base_url,
        models: models.into_values().collect(),
        enums: enums.into_values().collect(),
        sids: sids.into_types(),
        operations,
        approximations,
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
    /// Schemas kept as JSON values because the client cannot type them precisely.
    approximations: Vec<crate::model::Approximation>,
}

impl<'a> Resolver<'a> {
    /// Model name -> the pointer of the component schema it came from.
    fn component_pointers(&self) -> BTreeMap<String, Pointer> {
        let base = Pointer::root().push("components").push("schemas");
        self.component_types
            .iter()
            .map(|(key, ty)| {
                let name = match ty {
                    ComponentType::Model(n) | ComponentType::Enum(n) => n.clone(),
                };
                (name, base.push(key))
            })
            .collect()
    }

    fn error(&mut self, pointer: &Pointer, message: impl Into<String>) {
        self.diags.error(pointer, message);
    }

    /// `item`, or what its `$ref` names under `#/components/<kind>/` (one level: Twilio's
    /// documents never chain these). A dangling reference is reported at `at`.
    fn follow<T>(
        &mut self,
        item: &'a openapiv3::ReferenceOr<T>,
        kind: &str,
        components: fn(
            &'a openapiv3::Components,
        ) -> &'a indexmap::IndexMap<String, openapiv3::ReferenceOr<T>>,
        at: &Pointer,
    ) -> Option<&'a T> {
        let reference = match item {
            openapiv3::ReferenceOr::Item(item) => return Some(item),
            openapiv3::ReferenceOr::Reference { reference } => reference,
        };
        let doc = self.doc;
        let found = reference
            .strip_prefix(&format!("#/components/{kind}/"))
            .and_then(|key| components(doc.components.as_ref()?).get(key));
        match found {
            Some(openapiv3::ReferenceOr::Item(item)) => Some(item),
            _ => {
                self.error(
                    at,
                    format!("$ref {reference:?} does not resolve to a component in {kind}"),
                );
                None
            }
        }
    }
}

/// A description as doc lines: trimmed, blank lines kept between paragraphs, and made safe for
/// rustdoc: code fences become `text` blocks (never doctests) and bare URLs become links.
pub(crate) fn doc_lines(text: Option<&str>) -> Vec<String> {
    let Some(text) = text else { return Vec::new() };
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let mut in_fence = false;
    let mut out = Vec::new();
    let mut in_list = false;
    let mut in_code = false;
    for line in text.lines() {
        // A plain line right after a list item would continue the item lazily (clippy's
        // `doc_lazy_continuation`); the document means a new paragraph, so it gets one.
        let trimmed = line.trim_end();
        if trimmed.trim_start().starts_with("```") {
            in_code = !in_code;
            in_list = false;
        } else if !in_code {
            let is_item = is_list_item(trimmed);
            if in_list && !is_item && !trimmed.is_empty() && !trimmed.starts_with(' ') {
                out.push(String::new());
                in_list = false;
            }
            if is_item {
                in_list = true;
            } else if trimmed.is_empty() {
                in_list = false;
            }
        }
        out.push(trimmed.to_owned());
    }
    out.into_iter()
        .map(|line| {
            let line = line.trim_end();
            if let Some(indent_end) = line.find("```").filter(|&i| line[..i].trim().is_empty()) {
                in_fence = !in_fence;
                let indent = &line[..indent_end];
                return if in_fence {
                    format!("{indent}```text")
                } else {
                    format!("{indent}```")
                };
            }
            if in_fence {
                line.to_owned()
            } else {
                line.split(' ')
                    .map(link_bare_url)
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        })
        .collect()
}

/// `- item`, `* item`, `+ item` or `1. item`.
fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(". ")
}

/// Request parameters rarely carry `x-twilio.pii`, but they hold the same data as the response
/// fields that do (End-User `Attributes` is sent as `Attributes` and returned as `attributes`):
/// a parameter named like a personal response field is treated as personal too.
fn mark_personal_parameters(models: &BTreeMap<String, Model>, operations: &mut [Operation]) {
    let personal: BTreeSet<&str> = models
        .values()
        .filter_map(|m| match m {
            Model::Struct(s) => Some(s),
            Model::Alias(_) | Model::Union(_) => None,
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

/// `'https://x/y'.` -> `'<https://x/y>'.`: rustdoc only links URLs in angle brackets. Words that
/// are already links (`<...>`, `[..](...)`) are left alone.
fn link_bare_url(word: &str) -> String {
    let Some(start) = word.find("http://").or_else(|| word.find("https://")) else {
        return word.to_owned();
    };
    let (head, url_and_tail) = word.split_at(start);
    if !head.chars().all(|c| matches!(c, '\'' | '"' | '(' | '`')) || head.contains('`') {
        return word.to_owned();
    }
    let url = url_and_tail.trim_end_matches(['.', ',', ';', ':', ')', '\'', '"', '!', '?']);
    let tail = &url_and_tail[url.len()..];
    format!("{head}<{url}>{tail}")
}
