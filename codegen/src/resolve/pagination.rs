//! Twilio's paged lists, in one room: recognising a page schema (`{ <items>: [...], meta:
//! { next_page_url, ... } }`) and deciding which operations stream it and with what page size.
//! Emit prints what is decided here (`emit/models.rs` the `ListPage` impl, `emit/operations.rs`
//! the stream and neighbours); the walking itself is the runtime's (`runtime/pagination.rs`).

use openapiv3::{ReferenceOr, Schema};

use super::Resolver;
use super::view::{Kind, SchemaView};
use crate::model::{Method, Model, Pagination, ParamField, ParamLocation, ResponseBody, Ty};
use crate::pointer::Pointer;

impl<'a> Resolver<'a> {
    /// The items key when `properties` is a Twilio page: one array plus a `meta` object that
    /// carries `next_page_url`.
    pub(super) fn list_page_items<'p>(
        &self,
        properties: &'p [(&'a String, &'a ReferenceOr<Box<Schema>>, Pointer)],
    ) -> Option<&'a String> {
        let (_, meta, _) = properties.iter().find(|(k, _, _)| k.as_str() == "meta")?;
        let meta_schema = match meta {
            ReferenceOr::Item(s) => &**s,
            ReferenceOr::Reference { reference } => self.component_schema(reference.as_str())?.1,
        };
        let meta_view = SchemaView::of(meta_schema);
        if !meta_view.properties?.contains_key("next_page_url") {
            return None;
        }
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
            ([items], 2) => Some(items),
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
        Some(Pagination {
            page_struct: name.clone(),
            item_ty: list.item_ty.clone(),
            page_size,
        })
    }
}
