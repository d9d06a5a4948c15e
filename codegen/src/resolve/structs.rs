//! Object schemas into structs, with Twilio's list pages recognised and field notes (personal
//! data, unchecked patterns) attached.

use openapiv3::{ReferenceOr, Schema};

use super::schemas::Context;
use super::sids::{SidHint, parse_sid_pattern};
use super::view::SchemaView;
use super::{Resolver, doc_lines};
use crate::model::{Field, ListPage, Model, Struct, Ty};
use crate::naming;
use crate::pointer::Pointer;

impl<'a> Resolver<'a> {
    /// Defines the struct `name` from an object schema (its `allOf` members merged); detects
    /// Twilio list pages. An object with `additionalProperties` keeps the other keys in a map.
    pub(crate) fn define_struct(&mut self, name: String, schema: &'a Schema, pointer: &Pointer) {
        let Some(parts) = self.object_parts(schema, pointer) else {
            return;
        };
        let doc = doc_lines(schema.schema_data.description.as_deref());
        let list_items = self.list_page_items(&parts.properties);
        let mut taken = std::collections::BTreeSet::new();
        let mut fields = Vec::new();
        let mut list_page = None;
        for (key, property, at) in &parts.properties {
            let (key, property) = (*key, *property);
            let field_name = naming::unique(naming::value_name(key), &mut taken);
            let is_meta = list_items.is_some() && key == "meta";
            let ty = if is_meta {
                Ty::PageMeta
            } else {
                let cx = Context::new(at.clone(), format!("{name}{}", naming::type_name(key)))
                    .with_sid_hint(Some(SidHint::for_field(&name, key)))
                    .with_wire_name(key);
                self.ty_of_boxed(property, &cx)
            };
            if let Some((items, by_token)) = list_items
                && items == key
                && let Ty::Vec(item) = &ty
            {
                list_page = Some(ListPage {
                    items_field: field_name.clone(),
                    item_ty: (**item).clone(),
                    meta_field: String::new(),
                    by_token,
                });
            }
            let required = parts.required.contains(key.as_str());
            let mut field = property_field(field_name, key, property, ty, required);
            field.optional |= is_meta;
            fields.push(field);
        }
        // Keys the object allows besides its properties are kept, not dropped.
        let additional_cx = Context::new(pointer.clone(), format!("{name}Additional"));
        if parts.additional.is_some()
            && let Some(ty) = self.additional_ty(parts.additional, &additional_cx)
        {
            fields.push(Field {
                name: naming::unique("additional_properties".to_owned(), &mut taken),
                wire_name: String::new(),
                ty,
                optional: false,
                doc: vec!["Keys other than the listed properties, with their values.".to_owned()],
                pii: false,
                boxed: false,
                flatten: true,
            });
        }
        if let Some(page) = &mut list_page {
            page.meta_field = fields
                .iter()
                .find(|f| f.ty == Ty::PageMeta)
                .map(|f| f.name.clone())
                .unwrap_or_default();
        }
        self.models.insert(
            name.clone(),
            Model::Struct(Struct {
                name,
                doc,
                fields,
                list_page,
            }),
        );
    }
}

/// The field for the object property `key`: optional unless required and not nullable,
/// documented from the property (with a note on unchecked patterns), personal data marked. The
/// one place struct and form fields are made.
pub(crate) fn property_field(
    name: String,
    key: &str,
    property: &ReferenceOr<Box<Schema>>,
    ty: Ty,
    required: bool,
) -> Field {
    let (nullable, description, pii, note) = match property {
        ReferenceOr::Item(s) => (
            s.schema_data.nullable,
            s.schema_data.description.as_deref(),
            is_pii(&s.schema_data.extensions),
            pattern_note(s),
        ),
        ReferenceOr::Reference { .. } => (false, None, false, None),
    };
    Field::new(
        name,
        key,
        ty,
        nullable || !required,
        with_note(doc_lines(description), note),
        pii,
    )
}

/// A doc note for a string pattern that is not a SID: documented, and left to the API to enforce
/// (checking arbitrary patterns would need a regex engine in every client).
pub(crate) fn pattern_note(schema: &Schema) -> Option<String> {
    let pattern = SchemaView::of(schema).pattern?;
    if parse_sid_pattern(pattern).is_some() {
        return None;
    }
    Some(format!(
        "The API expects values matching {}; this client does not check it.",
        crate::prose::code(pattern)
    ))
}

/// Adds `note` to `doc` as its own paragraph.
pub(crate) fn with_note(mut doc: Vec<String>, note: Option<String>) -> Vec<String> {
    if let Some(note) = note {
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.push(note);
    }
    doc
}

/// Twilio marks personal data with `x-twilio: { pii: { handling, deleteSla } }`.
pub(crate) fn is_pii(extensions: &indexmap::IndexMap<String, serde_json::Value>) -> bool {
    extensions
        .get("x-twilio")
        .and_then(|x| x.get("pii"))
        .is_some_and(|p| !p.is_null())
}
