//! Schemas into types: the dispatch over schema kinds, primitives, arrays, maps and SIDs;
//! objects go to `structs`, string enums to `enums`.

use openapiv3::{
    AdditionalProperties, IntegerFormat, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use super::sids::{SidHint, parse_sid_pattern};
use super::{ComponentType, Resolver};
use crate::model::Ty;
use crate::naming;
use crate::pointer::Pointer;

/// openapiv3 keeps properties in an `IndexMap`, in document order.
pub(crate) type PropertyMap = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

/// Where a schema sits: its pointer, the name an inline type would get, and how a SID found
/// there would like to be called.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    pub(crate) pointer: Pointer,
    pub(crate) name_hint: String,
    pub(crate) sid_hint: Option<SidHint>,
}

impl Context {
    pub(crate) fn new(pointer: Pointer, name_hint: String) -> Self {
        Context {
            pointer,
            name_hint,
            sid_hint: None,
        }
    }

    pub(crate) fn with_sid_hint(mut self, hint: Option<SidHint>) -> Self {
        self.sid_hint = hint;
        self
    }
}

/// The parts of an object schema, whether openapiv3 read it as `Type::Object` or `Any`.
pub(crate) struct ObjectShape<'s> {
    pub(crate) properties: &'s PropertyMap,
    pub(crate) required: &'s [String],
}

impl<'a> Resolver<'a> {
    /// Follows a `#/components/schemas/...` reference to its schema.
    pub(crate) fn component_schema(&self, reference: &str) -> Option<(&'a str, &'a Schema)> {
        let key = reference.strip_prefix("#/components/schemas/")?;
        let components = self.doc.components.as_ref()?;
        let (key, schema) = components.schemas.get_key_value(key)?;
        match schema {
            ReferenceOr::Item(schema) => Some((key.as_str(), schema)),
            ReferenceOr::Reference { reference } => self.component_schema(reference),
        }
    }

    /// The Rust type for a schema, defining any inline struct or enum it needs.
    pub(crate) fn ty_of(&mut self, schema: &ReferenceOr<Schema>, cx: &Context) -> Ty {
        match schema {
            ReferenceOr::Reference { reference } => self.ty_of_ref(reference, cx),
            ReferenceOr::Item(schema) => self.ty_of_schema(schema, cx),
        }
    }

    pub(crate) fn ty_of_boxed(&mut self, schema: &ReferenceOr<Box<Schema>>, cx: &Context) -> Ty {
        match schema {
            ReferenceOr::Reference { reference } => self.ty_of_ref(reference, cx),
            ReferenceOr::Item(schema) => self.ty_of_schema(schema, cx),
        }
    }

    fn ty_of_ref(&mut self, reference: &str, cx: &Context) -> Ty {
        let key = reference.strip_prefix("#/components/schemas/");
        match key.and_then(|k| self.component_types.get(k)) {
            Some(ComponentType::Model(name)) => Ty::Model(name.clone()),
            Some(ComponentType::Enum(name)) => Ty::Enum(name.clone()),
            None => {
                self.error(
                    &cx.pointer,
                    format!("$ref {reference:?} does not resolve to a component schema"),
                );
                Ty::Json
            }
        }
    }

    fn ty_of_schema(&mut self, schema: &Schema, cx: &Context) -> Ty {
        if self.object_shape(schema).is_some() {
            let name = naming::unique_type(cx.name_hint.clone(), &mut self.type_names);
            self.define_struct(name.clone(), schema, &cx.pointer);
            return Ty::Model(name);
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                if s.enumeration.iter().any(Option::is_some) {
                    return self.inline_enum(schema, cx);
                }
                let format = match &s.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => "date-time",
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => "date",
                    VariantOrUnknownOrEmpty::Unknown(f) => f.as_str(),
                    _ => "",
                };
                self.string_ty(format, s.pattern.as_deref(), cx)
            }
            SchemaKind::Type(Type::Integer(i)) => match i.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Ty::I32,
                _ => Ty::I64,
            },
            SchemaKind::Type(Type::Number(_)) => Ty::F64,
            SchemaKind::Type(Type::Boolean(_)) => Ty::Bool,
            SchemaKind::Type(Type::Array(a)) => self.array_ty(a.items.as_ref(), cx),
            SchemaKind::Type(Type::Object(o)) => {
                self.map_ty(o.additional_properties.as_ref(), None, cx)
            }
            SchemaKind::Any(any) => {
                let format = any.format.as_deref().unwrap_or("");
                match any.typ.as_deref() {
                    Some("string") if any.enumeration.iter().any(|v| v.is_string()) => {
                        self.inline_enum(schema, cx)
                    }
                    Some("string") => self.string_ty(format, any.pattern.as_deref(), cx),
                    Some("integer") if format == "int32" => Ty::I32,
                    Some("integer") => Ty::I64,
                    Some("number") => Ty::F64,
                    Some("boolean") => Ty::Bool,
                    Some("array") => self.array_ty(any.items.as_ref(), cx),
                    Some("object") => {
                        self.map_ty(any.additional_properties.as_ref(), Some(format), cx)
                    }
                    None if any.items.is_some() => self.array_ty(any.items.as_ref(), cx),
                    _ if all_of_single(schema).is_some() => {
                        let inner = all_of_single(schema).cloned();
                        inner.map_or(Ty::Json, |inner| self.ty_of(&inner, cx))
                    }
                    // No type, or a composition the client keeps as raw JSON: nothing is lost.
                    _ => Ty::Json,
                }
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => self.ty_of(&all_of[0], cx),
            SchemaKind::AllOf { .. }
            | SchemaKind::OneOf { .. }
            | SchemaKind::AnyOf { .. }
            | SchemaKind::Not { .. } => Ty::Json,
        }
    }

    fn string_ty(&mut self, format: &str, pattern: Option<&str>, cx: &Context) -> Ty {
        if let Some(pattern) = pattern
            && let Some(sid) = parse_sid_pattern(pattern)
        {
            let hint = cx.sid_hint.clone();
            self.sids.record(&sid, hint);
            return Ty::Sid(sid.prefix);
        }
        match format {
            "date-time" => Ty::Timestamp,
            "date" => Ty::Date,
            _ => Ty::String,
        }
    }

    fn array_ty(&mut self, items: Option<&ReferenceOr<Box<Schema>>>, cx: &Context) -> Ty {
        let Some(items) = items else {
            return Ty::Vec(Box::new(Ty::Json));
        };
        let item_cx = Context {
            pointer: cx.pointer.push("items"),
            name_hint: format!("{}Item", cx.name_hint),
            sid_hint: cx.sid_hint.clone(),
        };
        Ty::Vec(Box::new(self.ty_of_boxed(items, &item_cx)))
    }

    /// An object without listed properties: a typed map, Twilio's `uri-map`, or a JSON object.
    fn map_ty(
        &mut self,
        additional: Option<&AdditionalProperties>,
        format: Option<&str>,
        cx: &Context,
    ) -> Ty {
        if format == Some("uri-map") {
            return Ty::Map(Box::new(Ty::String));
        }
        match additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let value_cx = Context::new(
                    cx.pointer.push("additionalProperties"),
                    format!("{}Value", cx.name_hint),
                );
                let value = self.ty_of(schema, &value_cx);
                if value == Ty::Json {
                    Ty::JsonObject
                } else {
                    Ty::Map(Box::new(value))
                }
            }
            _ => Ty::JsonObject,
        }
    }
}

/// `allOf` with a single member, which some documents use to attach a description to a `$ref`.
fn all_of_single(schema: &Schema) -> Option<&ReferenceOr<Schema>> {
    match &schema.schema_kind {
        SchemaKind::Any(any) if any.all_of.len() == 1 && any.properties.is_empty() => {
            any.all_of.first()
        }
        _ => None,
    }
}
