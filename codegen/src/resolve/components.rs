//! Component schemas: choosing their Rust names, then converting their bodies.

use std::collections::BTreeMap;

use openapiv3::{ReferenceOr, Schema};

use super::schemas::Context;
use super::view::SchemaView;
use super::{ComponentType, Resolver};
use crate::model::{Alias, Model, Ty};
use crate::naming;
use crate::pointer::{Pointer, ptr};

impl Resolver<'_> {
    /// Gives every component schema a Rust name before any body is converted.
    ///
    /// Each key has candidates from short to long (see `naming::component_candidates`); a key
    /// moves to its next candidate while its current one is shared. Objects win a tie against
    /// enums, so the End-User Types resource keeps `EndUserType` and the enum of End-User types
    /// becomes `EndUserEnumType`.
    pub(super) fn name_components(&mut self) {
        let doc = self.doc;
        let Some(components) = &doc.components else {
            return;
        };
        let keys: Vec<(&String, bool, Vec<String>)> = components
            .schemas
            .iter()
            .map(|(key, schema)| (key, is_enum(schema), naming::component_candidates(key)))
            .collect();
        let mut choice = vec![0usize; keys.len()];
        loop {
            let mut holders: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for (i, (_, _, candidates)) in keys.iter().enumerate() {
                holders.entry(&candidates[choice[i]]).or_default().push(i);
            }
            let mut moved = false;
            for group in holders.values().filter(|g| g.len() > 1) {
                let objects = group.iter().filter(|&&i| !keys[i].1).count();
                for &i in group {
                    // With exactly one object in the group, only the enums move on; otherwise everyone does.
                    let yields = objects != 1 || keys[i].1;
                    let (_, _, candidates) = &keys[i];
                    if yields && choice[i] + 1 < candidates.len() {
                        choice[i] += 1;
                        moved = true;
                    }
                }
            }
            if !moved {
                break;
            }
        }
        for (i, (key, enum_like, candidates)) in keys.iter().enumerate() {
            let name = naming::unique_type(candidates[choice[i]].clone(), &mut self.type_names);
            let ty = if *enum_like {
                ComponentType::Enum(name)
            } else {
                ComponentType::Model(name)
            };
            self.component_types.insert((*key).clone(), ty);
        }
    }

    pub(super) fn resolve_components(&mut self) {
        let doc = self.doc;
        let Some(components) = &doc.components else {
            return;
        };
        let base = Pointer::root().push("components").push("schemas");
        for (key, schema) in &components.schemas {
            let pointer = ptr!(base, key);
            let Some(target) = self.component_types.get(key).cloned() else {
                continue;
            };
            match (target, schema) {
                (ComponentType::Enum(name), ReferenceOr::Item(schema)) => {
                    self.define_enum(name, schema, &pointer);
                }
                (ComponentType::Model(name), ReferenceOr::Item(schema))
                    if SchemaView::of(schema).is_struct()
                        || SchemaView::of(schema).is_composed() =>
                {
                    // Converted under its own name: a struct, a union, or (for a composition
                    // kept as JSON) an alias.
                    self.type_names.remove(&name);
                    let context = Context::new(pointer, name.clone());
                    let ty = self.ty_of_schema(schema, &context);
                    if ty != Ty::Model(name.clone()) {
                        self.type_names.insert(name.clone());
                        let doc = super::doc_lines(schema.schema_data.description.as_deref());
                        self.models
                            .insert(name.clone(), Model::Alias(Alias { name, doc, ty }));
                    }
                }
                // Anything else (an array, a primitive, a `$ref` to another component) is an
                // alias. `is_enum` only classifies items as enums, so an enum is never a `$ref`.
                (ComponentType::Model(name) | ComponentType::Enum(name), schema) => {
                    let doc = match schema {
                        ReferenceOr::Item(s) => {
                            super::doc_lines(s.schema_data.description.as_deref())
                        }
                        ReferenceOr::Reference { .. } => Vec::new(),
                    };
                    let context = Context::new(pointer, format!("{name}Item"));
                    let ty = self.ty_of(schema, &context);
                    self.models
                        .insert(name.clone(), Model::Alias(Alias { name, doc, ty }));
                }
            }
        }
    }
}

/// A component becomes an enum when it is a string schema listing values.
fn is_enum(schema: &ReferenceOr<Schema>) -> bool {
    match schema {
        ReferenceOr::Item(schema) => {
            let view = SchemaView::of(schema);
            view.is_enum() && !view.is_composed()
        }
        ReferenceOr::Reference { .. } => false,
    }
}
