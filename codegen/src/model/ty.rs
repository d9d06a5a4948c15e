//! The Rust type of a field, parameter or body, and the one walk over its containers.

/// The Rust type of a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ty {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32` (`format: int32`).
    I32,
    /// `i64` (other integers).
    I64,
    /// `f64`.
    F64,
    /// An exact decimal (`rust_decimal::Decimal`): amounts of money, and numbers the document
    /// says are sent as text (`x-twilio.overrideType: string`).
    Decimal,
    /// An instant, ISO 8601 on the wire (`jiff::Timestamp`).
    Timestamp,
    /// An instant written in RFC 2822 on the wire (`format: date-time-rfc-2822`, Api v2010's
    /// `Thu, 30 Jul 2015 20:00:00 +0000`); the same `jiff::Timestamp` in Rust.
    Rfc2822Timestamp,
    /// A calendar date (`jiff::civil::Date`).
    Date,
    /// Any JSON value: schemas with no type.
    Json,
    /// A JSON object whose keys the spec does not list.
    JsonObject,
    /// A map from string keys to values of one type.
    Map(Box<Ty>),
    /// A list of values of one type.
    Vec(Box<Ty>),
    /// A struct or alias in the `models` module.
    Model(String),
    /// An enum in the `enums` module.
    Enum(String),
    /// A SID newtype, by prefix ("" for any prefix).
    Sid(String),
    /// The runtime's pagination metadata.
    PageMeta,
    /// A file sent as a part of a `multipart/form-data` body (`format: binary`): the runtime's
    /// `FilePart`.
    Binary,
}

impl Ty {
    /// The type a `Vec` or map holds; `None` for every other type. The match names every kind,
    /// so a new container cannot be skipped by the walks built on it.
    pub fn element(&self) -> Option<&Ty> {
        match self {
            Ty::Vec(inner) | Ty::Map(inner) => Some(inner),
            Ty::String
            | Ty::Bool
            | Ty::I32
            | Ty::I64
            | Ty::F64
            | Ty::Decimal
            | Ty::Timestamp
            | Ty::Rfc2822Timestamp
            | Ty::Date
            | Ty::Json
            | Ty::JsonObject
            | Ty::Model(_)
            | Ty::Enum(_)
            | Ty::Sid(_)
            | Ty::PageMeta
            | Ty::Binary => None,
        }
    }

    /// [`element`](Self::element), mutably.
    pub fn element_mut(&mut self) -> Option<&mut Ty> {
        match self {
            Ty::Vec(inner) | Ty::Map(inner) => Some(inner),
            Ty::String
            | Ty::Bool
            | Ty::I32
            | Ty::I64
            | Ty::F64
            | Ty::Decimal
            | Ty::Timestamp
            | Ty::Rfc2822Timestamp
            | Ty::Date
            | Ty::Json
            | Ty::JsonObject
            | Ty::Model(_)
            | Ty::Enum(_)
            | Ty::Sid(_)
            | Ty::PageMeta
            | Ty::Binary => None,
        }
    }

    /// `self` and every type nested in it, outermost first (`Vec<Map<Model>>`: the `Vec`, the
    /// map, the model): the one walk over types.
    pub fn walk(&self) -> impl Iterator<Item = &Ty> {
        std::iter::successors(Some(self), |ty| ty.element())
    }

    /// The model named anywhere in `self`, if any (`Vec<models::X>` names `X`).
    pub fn model_name(&self) -> Option<&str> {
        self.walk().find_map(|ty| match ty {
            Ty::Model(name) => Some(name.as_str()),
            _ => None,
        })
    }
}
