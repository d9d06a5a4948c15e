//! The resolved model: plain data between `resolve` and `emit`.
//!
//! No openapiv3 types and no token streams live here; every `$ref` is already resolved and
//! every Rust identifier already chosen (see `naming`).

use std::collections::BTreeMap;

/// A whole API, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// The document's `info.title`.
    pub title: String,
    /// The document's `info.description`, as doc lines.
    pub description: Vec<String>,
    /// The default origin, from the document's (or the paths') `servers`.
    pub base_url: String,
    /// Other servers that some operations declare as their own, sorted; credentials go to
    /// these and to `base_url` only.
    pub operation_servers: Vec<String>,
    /// Structs and aliases of the `models` module, sorted by name.
    pub models: Vec<Model>,
    /// String enums of the `enums` module, sorted by name.
    pub enums: Vec<Enum>,
    /// SID newtypes of the `sids` module, keyed by prefix ("" for "any SID").
    pub sids: BTreeMap<String, SidType>,
    /// Operations in document order.
    pub operations: Vec<Operation>,
    /// Schemas generated only approximately (as `serde_json::Value`), for the generator's report.
    pub approximations: Vec<Approximation>,
    /// Models a request sends as JSON (bodies, object-valued parameters) and the models inside
    /// them: they get `new(required values)`. Decided once, in resolve.
    pub sent_models: std::collections::BTreeSet<String>,
}

/// A schema the client represents less precisely than the document describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approximation {
    /// JSON pointer of the schema.
    pub pointer: String,
    /// What was approximated and how, e.g. "oneOf whose branches cannot be told apart: JSON value".
    pub what: String,
}

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

/// An operation's HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method as sent (`"GET"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// One operation: a method on `Client`.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The spec's operationId, e.g. `CreateEndUser`.
    pub id: String,
    /// The method name, e.g. `create_end_user`.
    pub fn_name: String,
    /// The HTTP method.
    pub method: Method,
    /// The path as written in the spec, e.g. `/v2/RegulatoryCompliance/EndUsers/{Sid}`.
    pub path_template: String,
    /// The template parsed once: literal text and path parameters (indexes into `path_params`).
    pub path_pieces: Vec<PathPiece>,
    /// Path parameters in template order (positional arguments).
    pub path_params: Vec<PathParam>,
    /// Query and form parameters, gathered into one struct the caller fills.
    pub params: Option<Params>,
    /// An `application/json` request body.
    pub json_body: Option<Ty>,
    /// What a success answer holds.
    pub response: ResponseBody,
    /// The first success status the document declares (`201` for most creates), else its
    /// first redirect status, else `200`; what a mock answers by default.
    pub success_status: u16,
    /// Set for a GET returning a Twilio list page.
    pub pagination: Option<Pagination>,
    /// The operation's `summary`.
    pub summary: Option<String>,
    /// Doc lines from the operation's description.
    pub doc: Vec<String>,
    /// Which credentials the request carries.
    pub auth: Auth,
    /// What Twilio's libraries call the resource (`x-twilio.mountName`, else the last path
    /// segment in snake case, e.g. `end_users`); emitted as a rustdoc search alias.
    pub resource_name: String,
    /// The operation's own server (`servers` at operation or path level) when it is not the
    /// API's base URL, e.g. `https://numbers-upload.twilio.com/v2`.
    pub server: Option<String>,
    /// The document's examples of success answers, each decoded by a generated test.
    pub examples: Vec<ResponseExample>,
}

/// An example body of a success answer, as the document gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseExample {
    /// The answer's status as written (`200`, `2XX`).
    pub status: String,
    /// The example's name (its key under `examples`), or `example` for a lone `example`.
    pub name: String,
    /// The type the operation decodes that answer into.
    pub ty: Ty,
    /// The example value as compact JSON text.
    pub json: String,
}

/// A piece of a parsed path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPiece {
    /// Literal text, sent as written.
    Literal(String),
    /// The path parameter at this index of `Operation::path_params`.
    Param(usize),
}

/// A path parameter: a positional argument of the method.
#[derive(Debug, Clone, PartialEq)]
pub struct PathParam {
    /// The argument's Rust name.
    pub name: String,
    /// The placeholder's name in the template (`Sid`).
    pub wire_name: String,
    /// The argument's type.
    pub ty: Ty,
    /// Doc lines from the parameter's description.
    pub doc: Vec<String>,
    /// How the method takes the argument.
    pub passing: Passing,
    /// An `AccountSid` in an account-scoped path (`/2010-04-01/Accounts/{AccountSid}/...`):
    /// filled with the client's own account (`Client::account_sid`, a subaccount through
    /// `Client::for_account`), as Twilio's libraries do, rather than passed by the caller.
    pub client_account: bool,
}

/// How a path argument is passed to an operation method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passing {
    /// Text as `&str`.
    Str,
    /// A small `Copy` value (numbers, `bool`) by value.
    Value,
    /// Anything else by reference (`&EndUserSid`).
    Ref,
}

impl Passing {
    /// How an argument of type `ty` is passed.
    pub fn of(ty: &Ty) -> Self {
        match ty {
            Ty::String => Passing::Str,
            Ty::I32 | Ty::I64 | Ty::F64 | Ty::Bool => Passing::Value,
            _ => Passing::Ref,
        }
    }
}

/// The params struct of an operation: its query, form and header values.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// The struct's Rust name (`CreateEndUserParams`).
    pub name: String,
    /// Fields in document order.
    pub fields: Vec<ParamField>,
}

/// Where a params struct field goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// The query string.
    Query,
    /// The `application/x-www-form-urlencoded` body.
    Form,
    /// An HTTP request header, under its exact wire name.
    Header,
    /// A part of the `multipart/form-data` body (text, JSON text, or a file).
    Multipart,
}

/// A field of a params struct.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamField {
    /// Name, type and docs.
    pub field: Field,
    /// Where it is sent.
    pub location: ParamLocation,
    /// An argument of `new` rather than a setter.
    pub required: bool,
    /// The inclusive maximum the spec gives, for page sizes.
    pub maximum: Option<i64>,
}

/// What an operation's success answer holds.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    /// A JSON body of this type.
    Json(Ty),
    /// No body (`()`).
    Empty,
    /// Success answers with different bodies (a 200 with the resource, a 202 with a message):
    /// an enum in `models` with one variant per status, chosen by the answer's status.
    ByStatus(StatusResponses),
    /// Every declared answer is a redirect (3xx): the target is returned, never followed.
    /// Carries the JSON body type when the redirect has one.
    Redirect(Option<Ty>),
}

/// The success answers of an operation whose 2xx bodies differ.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusResponses {
    /// The enum's Rust name in `models` (`UpdateKnowledgeOutcome`).
    pub name: String,
    /// One variant per declared status, in document order.
    pub variants: Vec<StatusVariant>,
}

/// One declared success status and its body.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusVariant {
    /// The HTTP status (`202`).
    pub status: u16,
    /// The variant's Rust name (`Status202`).
    pub name: String,
    /// The JSON body, `None` when the answer has none.
    pub ty: Option<Ty>,
}

/// How an operation authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// HTTP basic with the client's Account SID and token (or API key).
    Basic,
    /// A bearer access token (`http`/`bearer` security schemes).
    Bearer,
    /// The operation declares `security: []`: no credentials are sent.
    None,
}

/// A list operation whose response is a Twilio page.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The page struct in `models`.
    pub page_struct: String,
    /// The type of one listed item.
    pub item_ty: Ty,
    /// Rust name of the page-size field in the params struct, and its maximum.
    pub page_size: Option<(String, i64)>,
    /// For a list paged by token: the query parameter (wire name) that takes the token.
    pub token_param: Option<String>,
}
