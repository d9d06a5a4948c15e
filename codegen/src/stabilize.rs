//! Model rewrites that keep the generated API stable when Twilio edits a schema without changing
//! what goes over the wire.
//!
//! Twilio flips properties such as `attributes` between untyped (`serde_json::Value`) and
//! `type: object` without `properties`: the same JSON either way. Were the second a
//! `serde_json::Map`, each flip would retype the field and break users, so an object whose keys
//! the document does not list is a `serde_json::Value` too. Typed maps (`additionalProperties`
//! with a schema, Twilio's `uri-map`) keep their value type.

use crate::model::{Api, Model, ResponseBody, Ty};

pub(crate) fn apply(api: &mut Api) {
    for model in &mut api.models {
        match model {
            Model::Struct(s) => {
                // A flattened map of other keys stays a map: only an object can be flattened.
                for field in s.fields.iter_mut().filter(|f| !f.flatten) {
                    untyped_objects_are_values(&mut field.ty);
                }
                if let Some(page) = &mut s.list_page {
                    untyped_objects_are_values(&mut page.item_ty);
                }
            }
            Model::Alias(a) => untyped_objects_are_values(&mut a.ty),
            Model::Union(u) => {
                for variant in &mut u.variants {
                    untyped_objects_are_values(&mut variant.ty);
                }
            }
        }
    }
    for op in &mut api.operations {
        for param in &mut op.path_params {
            untyped_objects_are_values(&mut param.ty);
        }
        if let Some(params) = &mut op.params {
            for f in &mut params.fields {
                untyped_objects_are_values(&mut f.field.ty);
            }
        }
        if let Some(body) = &mut op.json_body {
            untyped_objects_are_values(body);
        }
        if let ResponseBody::Json(ty) | ResponseBody::Redirect(Some(ty)) = &mut op.response {
            untyped_objects_are_values(ty);
        }
        if let Some(page) = &mut op.pagination {
            untyped_objects_are_values(&mut page.item_ty);
        }
    }
}

fn untyped_objects_are_values(ty: &mut Ty) {
    let mut current = Some(ty);
    while let Some(ty) = current {
        if *ty == Ty::JsonObject {
            *ty = Ty::Json;
        }
        current = ty.element_mut();
    }
}
