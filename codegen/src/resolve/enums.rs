//! String enums: values into variants, inline or from components.

use openapiv3::Schema;

use super::schemas::Context;
use super::view::SchemaView;
use super::{Resolver, doc_lines};
use crate::model::{Enum, Ty, Variant};
use crate::naming;
use crate::pointer::Pointer;

impl Resolver<'_> {
    pub(crate) fn inline_enum(&mut self, schema: &Schema, cx: &Context) -> Ty {
        let name = naming::unique_type(cx.name_hint.clone(), &mut self.type_names);
        self.define_enum(name.clone(), schema, &cx.pointer);
        Ty::Enum(name)
    }

    /// Defines the enum `name` from a string schema's values.
    pub(crate) fn define_enum(&mut self, name: String, schema: &Schema, pointer: &Pointer) {
        let values = SchemaView::of(schema).string_values;
        let mut taken = std::collections::BTreeSet::new();
        let mut variants = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for wire in values {
            // A set, not a scan of `variants`: a 100k-value enum must stay linear.
            if !seen.insert(wire) {
                continue;
            }
            let wire = wire.to_owned();
            let variant = naming::unique(naming::type_name(&wire), &mut taken);
            variants.push(Variant {
                name: variant,
                wire,
            });
        }
        if variants.is_empty() {
            self.error(pointer, "an enum with no string values");
        }
        let doc = doc_lines(schema.schema_data.description.as_deref());
        let unknown = if taken.contains("Unknown") {
            "UnknownValue"
        } else {
            "Unknown"
        };
        let unknown_variant = naming::unique(unknown.to_owned(), &mut taken);
        self.enums.insert(
            name.clone(),
            Enum {
                name,
                doc,
                variants,
                unknown_variant,
            },
        );
    }
}
