//! Twilio's paged lists, in one room: recognising a page schema (`{ <items>: [...], meta:
//! { next_page_url, ... } }`) and deciding which operations stream it and with what page size.
//! Emit prints what is decided here (`emit/models.rs` the `ListPage` impl, `emit/operations.rs`
//! the stream and neighbours); the walking itself is the runtime's (`runtime/pagination.rs`).

use openapiv3::{ReferenceOr, Schema};

use super::Resolver;
use super::view::{Kind, SchemaView};
use crate::model::{Method, Model, Pagination, ParamField, ParamLocation, ResponseBody, Ty};
use crate::pointer::Pointer;

/// The keys the runtime's `PageMeta` holds (Twilio's classic `meta`, and the token-paged one).
const PAGE_META_KEYS: &[&str] = &[
    "page",
    "page_size",
    "pageSize",
    "first_page_url",
    "previous_page_url",
    "next_page_url",
    "url",
    "key",
    "nextToken",
    "previousToken",
    "next_token",
    "previous_token",
];

impl<'a> Resolver<'a> {
    /// The items key when `properties` is a Twilio page: one array plus a `meta` object that
    /// links to the next page, by URL (`next_page_url`) or by token (`nextToken`); and whether
    /// it pages by token. A `meta` with keys the runtime's `PageMeta` does not hold is left a
    /// model of its own, so no key is dropped.
    pub(super) fn list_page_items<'p>(
        &self,
        properties: &'p [(&'a String, &'a ReferenceOr<Box<Schema>>, Pointer)],
    ) -> Option<(&'a String, bool)> {
        let (_, meta, at) = properties.iter().find(|(k, _, _)| k.as_str() == "meta")?;
        let meta_schema = self.deref_boxed(meta)?;
        let meta_keys: Vec<&str> = self
            .object_parts(meta_schema, at)?
            .properties
            .iter()
            .map(|(key, _, _)| key.as_str())
            .collect();
        if !meta_keys.iter().all(|key| PAGE_META_KEYS.contains(key)) {
            return None;
        }
        let by_token = if meta_keys.contains(&"next_page_url") {
            false
        } else if meta_keys.contains(&"nextToken") || meta_keys.contains(&"next_token") {
            true
        } else {
            return None;
        };
        let arrays: Vec<&'a String> = properties
            .iter()
            .filter(|(key, _, _)| key.as_str() != "meta")
            .filter(|(_, schema, _)| match schema {
                ReferenceOr::Item(s) => SchemaView::of(s).kind == Kind::Array,
                ReferenceOr::Reference { .. } => false,
            })
            .map(|(key, _, _)| *key)
            .collect();
        match (arrays.as_slice(), properties.len()) {
            ([items], 2) => Some((items, by_token)),
            _ => None,
        }
    }

    /// A GET whose response is a Twilio page gets a stream over all its items.
    pub(super) fn pagination(
        &self,
        method: Method,
        response: &ResponseBody,
        fields: &[ParamField],
    ) -> Option<Pagination> {
        let ResponseBody::Json(Ty::Model(name)) = response else {
            return None;
        };
        if method != Method::Get {
            return None;
        }
        let Some(Model::Struct(page)) = self.models.get(name) else {
            return None;
        };
        let list = page.list_page.as_ref()?;
        let page_size = fields
            .iter()
            .find(|f| {
                f.location == ParamLocation::Query
                    && f.field.wire_name.eq_ignore_ascii_case("PageSize")
                    && matches!(f.field.ty, Ty::I32 | Ty::I64)
            })
            .map(|f| (f.field.name.clone(), f.maximum.unwrap_or(1000)));
        // A list paged by token needs the query parameter that takes the token back.
        let token_param = if list.by_token {
            let param = fields.iter().find(|f| {
                f.location == ParamLocation::Query
                    && f.field.wire_name.eq_ignore_ascii_case("pageToken")
                    && f.field.ty == Ty::String
            })?;
            Some(param.field.wire_name.clone())
        } else {
            None
        };
        Some(Pagination {
            page_struct: name.clone(),
            item_ty: list.item_ty.clone(),
            page_size,
            token_param,
        })
    }
}
