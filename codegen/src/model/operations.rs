//! Operations: methods on `Client`, their paths, parameters, bodies and answers.

use super::{Field, Ty};

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
