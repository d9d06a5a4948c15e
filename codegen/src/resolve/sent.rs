//! Which models a request sends: JSON bodies, object-valued parameters (sent as JSON text) and
//! every model inside them. They get `new(required values)`; every other model is built by
//! deserializing, as the client does. Decided here once; emit and the surface read
//! `Api::sent_models`.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Model, Operation, Ty};

pub(super) fn sent_models(
    models: &BTreeMap<String, Model>,
    operations: &[Operation],
) -> BTreeSet<String> {
    let mut sent = BTreeSet::new();
    let mut todo: Vec<&Ty> = operations
        .iter()
        .filter_map(|op| op.json_body.as_ref())
        .chain(
            operations
                .iter()
                .flat_map(|op| op.params.iter().flat_map(|p| &p.fields))
                .map(|f| &f.field.ty),
        )
        .collect();
    while let Some(ty) = todo.pop() {
        let Some(name) = ty.model_name() else {
            continue;
        };
        if !sent.insert(name.to_owned()) {
            continue;
        }
        match models.get(name) {
            Some(Model::Struct(s)) => todo.extend(s.fields.iter().map(|f| &f.ty)),
            Some(Model::Alias(a)) => todo.push(&a.ty),
            Some(Model::Union(u)) => todo.extend(u.variants.iter().map(|v| &v.ty)),
            // A name no model has was reported where it was made.
            None => {}
        }
    }
    sent
}
