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
mod sent;
pub(crate) mod sids;
mod structs;
mod view;

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::OpenAPI;

use crate::error::{Diagnostics, SpecErrors};
use crate::model::{Api, Enum, Model, Operation};
use crate::pins::Pins;
use crate::pointer::Pointer;

/// Resolves `doc` (read from `file`) into the model, reporting every problem found; SID types
/// keep the names `pins` gives.
pub(crate) fn resolve(file: &str, doc: &OpenAPI, pins: &Pins) -> Result<Api, SpecErrors> {
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
    let (mut operations, base_url, operation_servers) = resolver.resolve_operations();
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
    let sids = sids.into_types(&pins.sid_names);
    sids::name_sid_union_variants(&mut models, &sids);
    let sent_models = sent::sent_models(&models, &operations);
    let api = Api {
        title: doc.info.title.clone(),
        description: doc_lines(doc.info.description.as_deref()),
        base_url,
        operation_servers,
        models: models.into_values().collect(),
        enums: enums.into_values().collect(),
        sids,
        operations,
        approximations,
        sent_models,
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

/// Descriptions are rendered by the one prose renderer (`crate::prose`).
pub(crate) use crate::prose::doc_lines;

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
