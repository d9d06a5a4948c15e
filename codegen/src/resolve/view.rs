//! The one place that reads openapiv3's schema enum.
//!
//! openapiv3 stores a schema either as `SchemaKind::Type(..)` (a plain `type:`), as
//! `SchemaKind::AllOf/OneOf/AnyOf/Not`, or as `SchemaKind::Any` when keywords are mixed (a
//! `type:` next to `allOf`, `format: uri-map` on an object, ...). Every other resolve module sees
//! a schema only through [`SchemaView`], so a new construct is handled in one room.

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::schemas::PropertyMap;

/// What a schema says, whichever way openapiv3 stored it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    /// `type: object`, or no type but `properties`/`additionalProperties`.
    Object,
    /// No `type` and nothing that implies one.
    Untyped,
}

/// A normalised, borrowed view of one schema.
pub(crate) struct SchemaView<'s> {
    pub(crate) kind: Kind,
    /// The `format`, empty when none is given.
    pub(crate) format: &'s str,
    pub(crate) pattern: Option<&'s str>,
    /// String `enum` values, in document order (non-string values are ignored).
    pub(crate) string_values: Vec<&'s str>,
    /// Listed `properties`; `None` when there are none.
    pub(crate) properties: Option<&'s PropertyMap>,
    pub(crate) required: &'s [String],
    pub(crate) additional: Option<&'s AdditionalProperties>,
    pub(crate) items: Option<&'s ReferenceOr<Box<Schema>>>,
    pub(crate) maximum: Option<i64>,
    pub(crate) all_of: &'s [ReferenceOr<Schema>],
    pub(crate) one_of: &'s [ReferenceOr<Schema>],
    pub(crate) any_of: &'s [ReferenceOr<Schema>],
    pub(crate) not: bool,
}

impl<'s> SchemaView<'s> {
    pub(crate) fn of(schema: &'s Schema) -> Self {
        let mut view = SchemaView {
            kind: Kind::Untyped,
            format: "",
            pattern: None,
            string_values: Vec::new(),
            properties: None,
            required: &[],
            additional: None,
            items: None,
            maximum: None,
            all_of: &[],
            one_of: &[],
            any_of: &[],
            not: false,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                view.kind = Kind::String;
                view.format = match &s.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => "date-time",
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => "date",
                    VariantOrUnknownOrEmpty::Item(StringFormat::Password) => "password",
                    VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => "byte",
                    VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => "binary",
                    VariantOrUnknownOrEmpty::Unknown(f) => f.as_str(),
                    VariantOrUnknownOrEmpty::Empty => "",
                };
                view.pattern = s.pattern.as_deref();
                view.string_values = s.enumeration.iter().flatten().map(String::as_str).collect();
            }
            SchemaKind::Type(Type::Integer(i)) => {
                view.kind = Kind::Integer;
                view.format = match &i.format {
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => "int32",
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => "int64",
                    VariantOrUnknownOrEmpty::Unknown(f) => f.as_str(),
                    VariantOrUnknownOrEmpty::Empty => "",
                };
                view.maximum = i.maximum;
            }
            SchemaKind::Type(Type::Number(n)) => {
                view.kind = Kind::Number;
                view.format = match &n.format {
                    VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => "float",
                    VariantOrUnknownOrEmpty::Item(NumberFormat::Double) => "double",
                    VariantOrUnknownOrEmpty::Unknown(f) => f.as_str(),
                    VariantOrUnknownOrEmpty::Empty => "",
                };
            }
            SchemaKind::Type(Type::Boolean(_)) => view.kind = Kind::Boolean,
            SchemaKind::Type(Type::Array(a)) => {
                view.kind = Kind::Array;
                view.items = a.items.as_ref();
            }
            SchemaKind::Type(Type::Object(o)) => {
                view.kind = Kind::Object;
                view.properties = (!o.properties.is_empty()).then_some(&o.properties);
                view.required = &o.required;
                view.additional = o.additional_properties.as_ref();
            }
            SchemaKind::AllOf { all_of } => view.all_of = all_of,
            SchemaKind::OneOf { one_of } => view.one_of = one_of,
            SchemaKind::AnyOf { any_of } => view.any_of = any_of,
            SchemaKind::Not { .. } => view.not = true,
            SchemaKind::Any(any) => {
                view.format = any.format.as_deref().unwrap_or("");
                view.pattern = any.pattern.as_deref();
                view.string_values = any.enumeration.iter().filter_map(|v| v.as_str()).collect();
                view.properties = (!any.properties.is_empty()).then_some(&any.properties);
                view.required = &any.required;
                view.additional = any.additional_properties.as_ref();
                view.items = any.items.as_ref();
                view.maximum = any.maximum.map(|m| m as i64);
                view.all_of = &any.all_of;
                view.one_of = &any.one_of;
                view.any_of = &any.any_of;
                view.not = any.not.is_some();
                view.kind = match any.typ.as_deref() {
                    Some("string") => Kind::String,
                    Some("integer") => Kind::Integer,
                    Some("number") => Kind::Number,
                    Some("boolean") => Kind::Boolean,
                    Some("array") => Kind::Array,
                    Some("object") => Kind::Object,
                    _ if view.items.is_some() => Kind::Array,
                    _ if view.properties.is_some() || view.additional.is_some() => Kind::Object,
                    _ => Kind::Untyped,
                };
            }
        }
        view
    }

    /// An object with listed properties: becomes a struct.
    pub(crate) fn is_struct(&self) -> bool {
        self.properties.is_some()
    }

    /// A string schema listing values: becomes an enum.
    pub(crate) fn is_enum(&self) -> bool {
        matches!(self.kind, Kind::String | Kind::Untyped)
            && self.properties.is_none()
            && !self.string_values.is_empty()
    }

    /// Composition keywords are present.
    pub(crate) fn is_composed(&self) -> bool {
        !self.all_of.is_empty() || !self.one_of.is_empty() || !self.any_of.is_empty() || self.not
    }
}
