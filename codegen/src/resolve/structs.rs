//! Object schemas into structs, with Twilio's list pages recognised and field notes (personal
//! data, unchecked patterns) attached.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::schemas::{Context, ObjectShape, PropertyMap};
use super::sids::{SidHint, parse_sid_pattern};
use super::{Resolver, doc_lines};
use crate::model::{Field, ListPage, Model, Struct, Ty};
use crate::naming;
use crate::pointer::{Pointer, ptr};

impl<'a> Resolver<'a> {
    /// The properties of an object schema (with properties), if it is one.
    pub(crate) fn object_shape<'s>(&self, schema: &'s Schema) -> Option<ObjectShape<'s>> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => Some(ObjectShape {
                properties: &o.properties,
                required: &o.required,
            }),
            SchemaKind::Any(any) if !any.properties.is_empty() => Some(ObjectShape {
                properties: &any.properties,
                required: &any.required,
            }),
            _ => None,
        }
    }

    /// Defines the struct `name` from an object schema; detects Twilio list pages.
    pub(crate) fn define_struct(&mut self, name: String, schema: &Schema, pointer: &Pointer) {
        let Some(shape) = self.object_shape(schema) else {
            return;
        };
        let doc = doc_lines(schema.schema_data.description.as_deref());
        let list_items = self.list_page_items(shape.properties);
        let mut taken = std::collections::BTreeSet::new();
        let mut fields = Vec::new();
        let mut list_page = None;
        for (key, property) in shape.properties {
            let field_name = naming::unique(naming::value_name(key), &mut taken);
            let pointer = ptr!(pointer, "properties", key);
            let is_meta = list_items.is_some() && key == "meta";
            let ty = if is_meta {
                Ty::PageMeta
            } else {
                let cx = Context::new(pointer, format!("{name}{}", naming::type_name(key)))
                    .with_sid_hint(Some(SidHint::for_field(&name, key)));
                self.ty_of_boxed(property, &cx)
            };
            if list_items.as_deref() == Some(key.as_str())
                && let Ty::Vec(item) = &ty
            {
                list_page = Some(ListPage {
                    items_field: field_name.clone(),
                    item_ty: (**item).clone(),
                    meta_field: String::new(),
                });
            }
            let (nullable, description, pii, note) = match property {
                ReferenceOr::Item(s) => (
                    s.schema_data.nullable,
                    s.schema_data.description.clone(),
                    is_pii(&s.schema_data.extensions),
                    pattern_note(s),
                ),
                ReferenceOr::Reference { .. } => (false, None, false, None),
            };
            let required = shape.required.iter().any(|r| r == key);
            fields.push(Field {
                name: field_name,
                wire_name: key.clone(),
                ty,
                optional: nullable || !required || is_meta,
                doc: with_note(doc_lines(description.as_deref()), note),
                pii,
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

    /// The items key when `properties` is a Twilio page: one array plus a `meta` object that
    /// carries `next_page_url`.
    fn list_page_items(&self, properties: &PropertyMap) -> Option<String> {
        let meta = properties.get("meta")?;
        let meta_schema = match meta {
            ReferenceOr::Item(s) => &**s,
            ReferenceOr::Reference { reference } => self.component_schema(reference.as_str())?.1,
        };
        let meta_shape = self.object_shape(meta_schema)?;
        if !meta_shape.properties.contains_key("next_page_url") {
            return None;
        }
        let arrays: Vec<&String> = properties
            .iter()
            .filter(|(key, _)| key.as_str() != "meta")
            .filter(|(_, schema)| match schema {
                ReferenceOr::Item(s) => matches!(
                    &s.schema_kind,
                    SchemaKind::Type(Type::Array(_))
                ) || matches!(&s.schema_kind, SchemaKind::Any(a) if a.typ.as_deref() == Some("array")),
                ReferenceOr::Reference { .. } => false,
            })
            .map(|(key, _)| key)
            .collect();
        match (arrays.as_slice(), properties.len()) {
            ([items], 2) => Some((*items).clone()),
            _ => None,
        }
    }
}

/// A doc note for a string pattern that is not a SID: documented, and left to the API to enforce
/// (checking arbitrary patterns would need a regex engine in every client).
pub(crate) fn pattern_note(schema: &Schema) -> Option<String> {
    let pattern = match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.pattern.as_deref(),
        SchemaKind::Any(any) => any.pattern.as_deref(),
        _ => None,
    }?;
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
