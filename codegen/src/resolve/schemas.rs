//! Schemas into types: the dispatch over schema kinds, primitives, arrays and maps; objects go
//! to `structs`, string enums to `enums`, compositions to `compose`.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

use super::sids::{SidHint, parse_sid_pattern};
use super::view::{Kind, SchemaView};
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
    /// The property or parameter name the schema is the value of, when it has one: a number
    /// named like money (`price`, `MaxPrice`) is a decimal.
    pub(crate) wire_name: Option<String>,
}

impl Context {
    pub(crate) fn new(pointer: Pointer, name_hint: String) -> Self {
        Context {
            pointer,
            name_hint,
            sid_hint: None,
            wire_name: None,
        }
    }

    pub(crate) fn with_wire_name(mut self, name: &str) -> Self {
        self.wire_name = Some(name.to_owned());
        self
    }

    pub(crate) fn with_sid_hint(mut self, hint: Option<SidHint>) -> Self {
        self.sid_hint = hint;
        self
    }
}

impl<'a> Resolver<'a> {
    /// Follows a `#/components/schemas/...` reference, through chains of references, to its
    /// schema. A chain that comes back to itself is `None` (reported by `check_ref_cycles`).
    pub(crate) fn component_schema(&self, reference: &str) -> Option<(&'a str, &'a Schema)> {
        let components = self.doc.components.as_ref()?;
        let mut reference = reference;
        // A chain longer than the number of schemas has looped.
        for _ in 0..=components.schemas.len() {
            let key = reference.strip_prefix("#/components/schemas/")?;
            let (key, schema) = components.schemas.get_key_value(key)?;
            match schema {
                ReferenceOr::Item(schema) => return Some((key.as_str(), schema)),
                ReferenceOr::Reference { reference: next } => reference = next,
            }
        }
        None
    }

    /// Why `reference` does not lead to a schema: missing, or part of a `$ref` cycle.
    pub(crate) fn unresolved(&self, reference: &str) -> String {
        let exists = reference
            .strip_prefix("#/components/schemas/")
            .zip(self.doc.components.as_ref())
            .is_some_and(|(key, c)| c.schemas.contains_key(key));
        if exists {
            format!("$ref {reference:?} is part of a $ref cycle and names no schema")
        } else {
            format!("$ref {reference:?} does not resolve to a component schema")
        }
    }

    /// The schema `schema` stands for, `$ref`s followed.
    pub(crate) fn deref_schema<'s>(&self, schema: &'s ReferenceOr<Schema>) -> Option<&'s Schema>
    where
        'a: 's,
    {
        match schema {
            ReferenceOr::Item(s) => Some(s),
            ReferenceOr::Reference { reference } => self.component_schema(reference).map(|r| r.1),
        }
    }

    /// `deref_schema` for a property or items schema (openapiv3 boxes those).
    pub(crate) fn deref_boxed(&self, schema: &'a ReferenceOr<Box<Schema>>) -> Option<&'a Schema> {
        match schema {
            ReferenceOr::Item(s) => Some(s),
            ReferenceOr::Reference { reference } => self.component_schema(reference).map(|r| r.1),
        }
    }

    /// The schema `schema` stands for and the pointer it sits at: `at` for an inline schema,
    /// its component's pointer for a `$ref`.
    pub(crate) fn schema_at(
        &self,
        schema: &'a ReferenceOr<Schema>,
        at: &Pointer,
    ) -> Option<(&'a Schema, Pointer)> {
        match schema {
            ReferenceOr::Item(s) => Some((s, at.clone())),
            ReferenceOr::Reference { reference } => {
                let (key, s) = self.component_schema(reference)?;
                let at = Pointer::root().push("components").push("schemas").push(key);
                Some((s, at))
            }
        }
    }

    /// The Rust type for a schema, defining any inline struct or enum it needs.
    pub(crate) fn ty_of(&mut self, schema: &'a ReferenceOr<Schema>, cx: &Context) -> Ty {
        match schema {
            ReferenceOr::Reference { reference } => self.ty_of_ref(reference, cx),
            ReferenceOr::Item(schema) => self.ty_of_schema(schema, cx),
        }
    }

    pub(crate) fn ty_of_boxed(&mut self, schema: &'a ReferenceOr<Box<Schema>>, cx: &Context) -> Ty {
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

    pub(crate) fn ty_of_schema(&mut self, schema: &'a Schema, cx: &Context) -> Ty {
        let view = SchemaView::of(schema);
        if view.is_composed() {
            return self.composed_ty(schema, &view, cx);
        }
        if view.is_struct() {
            let name = naming::unique_type(cx.name_hint.clone(), &mut self.type_names);
            self.define_struct(name.clone(), schema, &cx.pointer);
            return Ty::Model(name);
        }
        if view.is_enum() {
            return self.inline_enum(schema, cx);
        }
        match view.kind {
            Kind::String => self.string_ty(view.format, view.pattern, cx),
            Kind::Integer if view.format == "int32" => Ty::I32,
            Kind::Integer => Ty::I64,
            Kind::Number => number_ty(schema, cx),
            Kind::Boolean => Ty::Bool,
            Kind::Array => self.array_ty(view.items, cx),
            Kind::Object => self.map_ty(view.additional, view.format, cx),
            // No type: any JSON value, which is exactly what the schema allows.
            Kind::Untyped => Ty::Json,
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
            "date-time-rfc-2822" => Ty::Rfc2822Timestamp,
            "date" => Ty::Date,
            _ => Ty::String,
        }
    }

    fn array_ty(&mut self, items: Option<&'a ReferenceOr<Box<Schema>>>, cx: &Context) -> Ty {
        let Some(items) = items else {
            return Ty::Vec(Box::new(Ty::Json));
        };
        let item_cx = Context {
            pointer: cx.pointer.push("items"),
            name_hint: format!("{}Item", cx.name_hint),
            sid_hint: cx.sid_hint.clone(),
            wire_name: cx.wire_name.clone(),
        };
        Ty::Vec(Box::new(self.ty_of_boxed(items, &item_cx)))
    }

    /// An object without listed properties: a typed map, Twilio's `uri-map`, or any JSON value.
    ///
    /// Twilio flips properties such as `attributes` between untyped and `type: object` without
    /// `properties`: the same JSON either way. Were the second a `serde_json::Map`, each flip
    /// would retype the field and break users, so an object whose keys and values the document
    /// leaves open is a `serde_json::Value`, as an untyped property is. Only a map of typed
    /// values (`additionalProperties` with a schema, `uri-map`) is a `Map`.
    fn map_ty(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        format: &str,
        cx: &Context,
    ) -> Ty {
        if format == "uri-map" {
            return Ty::Map(Box::new(Ty::String));
        }
        match self.additional_ty(additional, cx) {
            Some(map @ Ty::Map(_)) => map,
            _ => Ty::Json,
        }
    }

    /// The map type of an object's `additionalProperties`: `None` when the object allows no
    /// other keys, `JsonObject` when any value goes. Only a struct's flattened map of other keys
    /// keeps `JsonObject` (only an object can be flattened); elsewhere `map_ty` makes it a value.
    pub(crate) fn additional_ty(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        cx: &Context,
    ) -> Option<Ty> {
        match additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let value_cx = Context::new(
                    cx.pointer.push("additionalProperties"),
                    format!("{}Value", cx.name_hint),
                );
                let value = self.ty_of(schema, &value_cx);
                Some(if value == Ty::Json {
                    Ty::JsonObject
                } else {
                    Ty::Map(Box::new(value))
                })
            }
            Some(AdditionalProperties::Any(false)) => None,
            Some(AdditionalProperties::Any(true)) | None => Some(Ty::JsonObject),
        }
    }
}

/// `type: number`: an exact decimal for amounts of money and for numbers Twilio sends as text
/// (`x-twilio.overrideType: string`, as on Pricing's `base_price`), `f64` otherwise.
fn number_ty(schema: &Schema, cx: &Context) -> Ty {
    let sent_as_text = override_type(schema) == Some("string");
    let money = cx.wire_name.as_deref().is_some_and(names_money);
    if sent_as_text || money {
        Ty::Decimal
    } else {
        Ty::F64
    }
}

/// Twilio's `x-twilio.overrideType`: the type its own libraries give the value.
pub(crate) fn override_type(schema: &Schema) -> Option<&str> {
    schema
        .schema_data
        .extensions
        .get("x-twilio")?
        .get("overrideType")?
        .as_str()
}

/// Whether a property or parameter name reads as an amount of money: one of its words is
/// `price`, `amount`, `cost`, `fee`, `balance` or `billed` (`price`, `MaxPrice`,
/// `ChargeAmount`, `data_total_billed`).
pub(crate) fn names_money(name: &str) -> bool {
    const MONEY_WORDS: &[&str] = &["price", "amount", "cost", "fee", "balance", "billed"];
    heck::ToSnakeCase::to_snake_case(name)
        .split('_')
        .any(|word| MONEY_WORDS.contains(&word))
}
