//! The documented items a crate defines: models (structs, aliases, unions), enums, SID types.

use super::Ty;

/// A documented item in `models`.
#[derive(Debug, Clone, PartialEq)]
pub enum Model {
    /// A struct with named fields.
    Struct(Struct),
    /// A type alias (arrays, primitives, references to other components).
    Alias(Alias),
    /// `oneOf`/`anyOf` whose branches can be told apart: an enum with one variant per branch.
    Union(Union),
}

/// An enum over alternative schemas: untagged (branches told apart by their JSON kind) or
/// internally tagged by a discriminator property.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// The Rust name of the enum.
    pub name: String,
    /// Doc lines from the schema's description.
    pub doc: Vec<String>,
    /// The discriminator property, for an internally tagged enum.
    pub tag: Option<String>,
    /// One variant per branch, in document order.
    pub variants: Vec<UnionVariant>,
    /// For a tagged union: the variant that keeps a value whose tag the document does not list
    /// (as JSON), so a new kind on the server never breaks decoding.
    pub catch_all: Option<String>,
}

impl Union {
    /// Whether this is a union of SIDs of different kinds (`IT`, `RD`, `AD`): told apart by
    /// their prefix, sent and received as the SID's text.
    pub fn is_sid_union(&self) -> bool {
        self.tag.is_none()
            && !self.variants.is_empty()
            && self
                .variants
                .iter()
                .all(|v| matches!(&v.ty, Ty::Sid(prefix) if !prefix.is_empty()))
    }
}

/// One branch of a [`Union`].
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// The variant's Rust name.
    pub name: String,
    /// The discriminator values that select this variant, for a tagged union.
    pub tag_values: Vec<String>,
    /// The branch's type.
    pub ty: Ty,
    /// Boxed because the variant contains the union itself.
    pub boxed: bool,
}

impl Model {
    /// The Rust name of the model.
    pub fn name(&self) -> &str {
        match self {
            Model::Struct(s) => &s.name,
            Model::Alias(a) => &a.name,
            Model::Union(u) => &u.name,
        }
    }
}

/// A struct in `models`.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// The Rust name.
    pub name: String,
    /// Doc lines from the schema's description.
    pub doc: Vec<String>,
    /// Fields in document order (`allOf` members merged).
    pub fields: Vec<Field>,
    /// Set when the struct is a Twilio list page: `{ <items>: [...], meta: {...} }`.
    pub list_page: Option<ListPage>,
}

/// How a struct that is a Twilio list page splits into items and paging metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct ListPage {
    /// Rust name of the items field.
    pub items_field: String,
    /// The type of one listed item.
    pub item_ty: Ty,
    /// Rust name of the meta field.
    pub meta_field: String,
    /// The next page is named by a token (`meta.nextToken`), not a URL.
    pub by_token: bool,
}

/// A field of a struct or a params struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The Rust identifier (keywords already mangled).
    pub name: String,
    /// The name on the wire (JSON key, query or form key).
    pub wire_name: String,
    /// The field's type (without the `Option` of an optional field).
    pub ty: Ty,
    /// Wrapped in `Option`: not required, or nullable.
    pub optional: bool,
    /// Doc lines from the property's description.
    pub doc: Vec<String>,
    /// Marked personal data (`x-twilio.pii`), or a secret: redacted from `Debug`.
    pub pii: bool,
    /// Boxed because the field's type contains the struct itself.
    pub boxed: bool,
    /// The object's `additionalProperties`: a map flattened into the struct (`#[serde(flatten)]`).
    pub flatten: bool,
}

impl Field {
    /// A field that is neither boxed nor flattened (`resolve/cycles.rs` and the
    /// `additionalProperties` map set those).
    pub fn new(
        name: String,
        wire_name: &str,
        ty: Ty,
        optional: bool,
        doc: Vec<String>,
        pii: bool,
    ) -> Self {
        Field {
            name,
            wire_name: wire_name.to_owned(),
            ty,
            optional,
            doc,
            pii,
            boxed: false,
            flatten: false,
        }
    }
}

/// A type alias in `models`.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    /// The Rust name.
    pub name: String,
    /// Doc lines from the schema's description.
    pub doc: Vec<String>,
    /// The type it stands for.
    pub ty: Ty,
}

/// An open string enum in `enums`.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// The Rust name.
    pub name: String,
    /// Doc lines from the schema's description.
    pub doc: Vec<String>,
    /// The values the document lists, in its order.
    pub variants: Vec<Variant>,
    /// The variant that keeps values the document does not list (`Unknown`, or `UnknownValue`
    /// when the document lists a value called `unknown`).
    pub unknown_variant: String,
}

/// One listed value of an [`Enum`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The variant's Rust name.
    pub name: String,
    /// The value on the wire.
    pub wire: String,
}

/// A checked SID newtype in `sids`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidType {
    /// The Rust name (`EndUserSid`).
    pub name: String,
    /// Two ASCII letters, or empty when any two letters are accepted.
    pub prefix: String,
    /// The spec's pattern allows only lowercase hex digits.
    pub lowercase_only: bool,
    /// Doc lines for the type.
    pub doc: Vec<String>,
}
