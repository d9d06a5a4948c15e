//! Recursion among the resolved types: a struct or union that contains itself gets `Box`es
//! where the recursion does not already go through a `Vec` or a map, and a cycle made only of
//! aliases (`A: {$ref: B}`, `B: {$ref: A}`) is an error, since it names no type at all.

use std::collections::BTreeMap;

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
    out.extend(ty.model_name());
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
    // A field needs a box exactly when its target sits in the same strongly connected component
    // as the struct itself (it can reach back). One linear pass, whatever the document's size.
    let component = strongly_connected(&edges);
    let reaches = |from: &str, to: &str| -> bool {
        matches!((component.get(from), component.get(to)), (Some(a), Some(b)) if a == b)
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
    // Edges between aliases only: an alias mentioning another alias, at any depth.
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, model) in models {
        if let Model::Alias(alias) = model {
            let mut out = Vec::new();
            mentioned_models(&alias.ty, &mut out);
            let targets = out
                .into_iter()
                .filter(|n| matches!(models.get(*n), Some(Model::Alias(_))))
                .map(str::to_owned)
                .collect();
            edges.insert(name.clone(), targets);
        }
    }
    let component = strongly_connected(&edges);
    let mut members: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (name, id) in &component {
        members.entry(*id).or_default().push(name);
    }
    for cycle in members.values() {
        let first = cycle[0];
        let loops = cycle.len() > 1
            || edges
                .get(first)
                .is_some_and(|t| t.iter().any(|t| t == first));
        if !loops {
            continue;
        }
        let pointer = component_pointers.get(first).cloned().unwrap_or_default();
        diags.error(
            &pointer,
            format!(
                "$ref cycle with no type in between ({} -> {first}): it describes no value",
                cycle.join(" -> ")
            ),
        );
    }
}

/// The strongly connected component of every node (Kosaraju, with explicit stacks so that no
/// document can exhaust the call stack). Nodes only mentioned as targets get their own.
fn strongly_connected(edges: &BTreeMap<String, Vec<String>>) -> BTreeMap<String, usize> {
    let mut nodes: Vec<&str> = edges.keys().map(String::as_str).collect();
    for targets in edges.values() {
        nodes.extend(targets.iter().map(String::as_str));
    }
    nodes.sort_unstable();
    nodes.dedup();
    let index: BTreeMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let forward: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            edges
                .get(*n)
                .into_iter()
                .flatten()
                .filter_map(|t| index.get(t.as_str()).copied())
                .collect()
        })
        .collect();
    let mut backward = vec![Vec::new(); nodes.len()];
    for (from, targets) in forward.iter().enumerate() {
        for &to in targets {
            backward[to].push(from);
        }
    }
    // First pass: nodes in order of completion.
    let mut visited = vec![false; nodes.len()];
    let mut order = Vec::with_capacity(nodes.len());
    for start in 0..nodes.len() {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.pop() {
            if let Some(&child) = forward[node].get(next) {
                stack.push((node, next + 1));
                if !visited[child] {
                    visited[child] = true;
                    stack.push((child, 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    // Second pass, on the reversed graph in reverse completion order.
    let mut component = vec![usize::MAX; nodes.len()];
    let mut count = 0;
    for &start in order.iter().rev() {
        if component[start] != usize::MAX {
            continue;
        }
        component[start] = count;
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            for &parent in &backward[node] {
                if component[parent] == usize::MAX {
                    component[parent] = count;
                    stack.push(parent);
                }
            }
        }
        count += 1;
    }
    nodes
        .iter()
        .enumerate()
        .map(|(i, n)| ((*n).to_owned(), component[i]))
        .collect()
}
