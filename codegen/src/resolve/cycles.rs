//! Recursion among the resolved types: a struct or union that contains itself gets `Box`es
//! where the recursion does not already go through a `Vec` or a map, and a cycle made only of
//! aliases (`A: {$ref: B}`, `B: {$ref: A}`) is an error, since it names no type at all.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Diagnostics;
use crate::model::{Model, Ty};
use crate::pointer::Pointer;

/// The models a value of `ty` contains inline (not behind a `Vec`, a map or a `Box`).
fn inline_models<'t>(ty: &'t Ty, out: &mut Vec<&'t str>) {
    if let Ty::Model(name) = ty {
        out.push(name);
    }
}

/// Every model name `ty` mentions, at any depth.
fn mentioned_models<'t>(ty: &'t Ty, out: &mut Vec<&'t str>) {
    match ty {
        Ty::Model(name) => out.push(name),
        Ty::Vec(inner) | Ty::Map(inner) => mentioned_models(inner, out),
        _ => {}
    }
}

/// Marks the fields and variants that must be boxed, and reports alias-only cycles.
pub(super) fn resolve_recursion(
    models: &mut BTreeMap<String, Model>,
    component_pointers: &BTreeMap<String, Pointer>,
    diags: &mut Diagnostics,
) {
    report_alias_cycles(models, component_pointers, diags);
    // Edges of "contains inline": struct fields and union variants point at the model they
    // hold; an alias points at what it stands for, at any depth (an alias has no storage).
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, model) in models.iter() {
        let mut out = Vec::new();
        match model {
            Model::Struct(s) => s
                .fields
                .iter()
                .filter(|f| !f.flatten)
                .for_each(|f| inline_models(&f.ty, &mut out)),
            Model::Union(u) => u
                .variants
                .iter()
                .for_each(|v| inline_models(&v.ty, &mut out)),
            Model::Alias(a) => inline_models(&a.ty, &mut out),
        }
        edges.insert(name.clone(), out.into_iter().map(str::to_owned).collect());
    }
    let reaches = |from: &str, to: &str| -> bool {
        let mut stack = vec![from.to_owned()];
        let mut seen = BTreeSet::new();
        while let Some(node) = stack.pop() {
            if node == to {
                return true;
            }
            if seen.insert(node.clone()) {
                stack.extend(edges.get(&node).into_iter().flatten().cloned());
            }
        }
        false
    };
    let mut boxed_fields = Vec::new();
    let mut boxed_variants = Vec::new();
    for (name, model) in models.iter() {
        match model {
            Model::Struct(s) => {
                for (i, field) in s.fields.iter().enumerate() {
                    if let Ty::Model(target) = &field.ty
                        && reaches(target, name)
                    {
                        boxed_fields.push((name.clone(), i));
                    }
                }
            }
            Model::Union(u) => {
                for (i, variant) in u.variants.iter().enumerate() {
                    if let Ty::Model(target) = &variant.ty
                        && reaches(target, name)
                    {
                        boxed_variants.push((name.clone(), i));
                    }
                }
            }
            Model::Alias(_) => {}
        }
    }
    for (name, i) in boxed_fields {
        if let Some(Model::Struct(s)) = models.get_mut(&name) {
            s.fields[i].boxed = true;
        }
    }
    for (name, i) in boxed_variants {
        if let Some(Model::Union(u)) = models.get_mut(&name) {
            u.variants[i].boxed = true;
        }
    }
}

/// Aliases that lead back to themselves through aliases only (`type A = B; type B = Vec<A>;`)
/// define no type; each cycle is reported once, at the component that starts it.
fn report_alias_cycles(
    models: &BTreeMap<String, Model>,
    component_pointers: &BTreeMap<String, Pointer>,
    diags: &mut Diagnostics,
) {
    let alias_targets = |name: &str| -> Vec<String> {
        let mut out = Vec::new();
        if let Some(Model::Alias(a)) = models.get(name) {
            mentioned_models(&a.ty, &mut out);
        }
        out.into_iter()
            .filter(|n| matches!(models.get(*n), Some(Model::Alias(_))))
            .map(str::to_owned)
            .collect()
    };
    let mut reported = BTreeSet::new();
    for name in models.keys() {
        if reported.contains(name) {
            continue;
        }
        let mut stack = alias_targets(name);
        let mut seen = BTreeSet::new();
        while let Some(node) = stack.pop() {
            if node == *name {
                let pointer = component_pointers.get(name).cloned().unwrap_or_default();
                let members: Vec<String> = seen.iter().cloned().collect();
                diags.error(
                    &pointer,
                    format!(
                        "$ref cycle with no type in between ({name} -> {} -> {name}): it describes no value",
                        if members.is_empty() { name.clone() } else { members.join(" -> ") }
                    ),
                );
                reported.insert(name.clone());
                reported.extend(members);
                break;
            }
            if seen.insert(node.clone()) {
                stack.extend(alias_targets(&node));
            }
        }
    }
}
