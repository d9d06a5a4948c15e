//! Composition: `allOf` merged into one struct, `oneOf`/`anyOf` into an enum when the branches
//! can be told apart by their JSON kind, otherwise a JSON value listed in the report.

use std::collections::BTreeSet;

use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

use super::Resolver;
use super::schemas::Context;
use super::view::SchemaView;
use crate::model::{Approximation, Model, Ty, Union, UnionVariant};
use crate::naming;
use crate::pointer::{Pointer, ptr};

/// The parts of an object, possibly gathered from several `allOf` members.
pub(crate) struct ObjectParts<'a> {
    /// Properties in document order, each with the pointer of its schema.
    pub(crate) properties: Vec<(&'a String, &'a ReferenceOr<Box<Schema>>, Pointer)>,
    pub(crate) required: BTreeSet<&'a str>,
    pub(crate) additional: Option<&'a AdditionalProperties>,
}

/// `allOf` members nested deeper than this are refused rather than followed.
const MAX_ALL_OF_DEPTH: usize = 32;

impl<'a> Resolver<'a> {
    pub(crate) fn composed_ty(
        &mut self,
        schema: &'a Schema,
        view: &SchemaView<'a>,
        cx: &Context,
    ) -> Ty {
        let alternatives = if view.one_of.is_empty() {
            view.any_of
        } else {
            view.one_of
        };
        if view.not {
            return self.approximate(cx, "`not` schema: any JSON value");
        }
        if !view.all_of.is_empty() && alternatives.is_empty() {
            // `allOf: [$ref]` attaches a description (or nothing) to one schema.
            if view.all_of.len() == 1 && view.properties.is_none() {
                return self.ty_of(
                    &view.all_of[0],
                    &Context {
                        pointer: ptr!(cx.pointer, "allOf", "0"),
                        ..cx.clone()
                    },
                );
            }
            if self.object_parts(schema, &cx.pointer).is_some() {
                let name = naming::unique_type(cx.name_hint.clone(), &mut self.type_names);
                self.define_struct(name.clone(), schema, &cx.pointer);
                return Ty::Model(name);
            }
            // One typed member and the rest annotations (a description, an example): the
            // typed member is the schema (`allOf: [{type: string, pattern}, {description}]`).
            if let Some((i, member)) = self.single_typed_member(view.all_of) {
                return self.ty_of(
                    member,
                    &Context {
                        pointer: ptr!(cx.pointer, "allOf", i.to_string()),
                        ..cx.clone()
                    },
                );
            }
            return self.approximate(
                cx,
                "`allOf` of schemas that are not all objects: any JSON value",
            );
        }
        if !view.all_of.is_empty() || view.properties.is_some() {
            return self.approximate(
                cx,
                "`oneOf`/`anyOf` combined with `allOf` or properties: any JSON value",
            );
        }
        let keyword = if view.one_of.is_empty() {
            "anyOf"
        } else {
            "oneOf"
        };
        if alternatives.len() == 1 {
            let cx = Context {
                pointer: ptr!(cx.pointer, keyword, "0"),
                ..cx.clone()
            };
            return self.ty_of(&alternatives[0], &cx);
        }
        self.union_ty(schema, alternatives, keyword, cx)
    }

    /// An enum over `alternatives`: tagged by a discriminator property (declared, or a property
    /// every branch pins to one value), else untagged when each branch has a different JSON kind,
    /// else a reported JSON value.
    fn union_ty(
        &mut self,
        schema: &'a Schema,
        alternatives: &'a [ReferenceOr<Schema>],
        keyword: &str,
        cx: &Context,
    ) -> Ty {
        let name = naming::unique_type(cx.name_hint.clone(), &mut self.type_names);
        let tags = self.branch_tags(schema, alternatives);
        let mut variants: Vec<UnionVariant> = Vec::new();
        let mut kinds = BTreeSet::new();
        let mut distinct_kinds = true;
        let mut taken = BTreeSet::new();
        for (i, branch) in alternatives.iter().enumerate() {
            // A tagged branch is named by its tag (`Content::Text`, an inline `ContentText`).
            let tag_name = tags
                .as_ref()
                .and_then(|(_, values)| values.get(i)?.first())
                .map(|value| naming::type_name(value));
            let hint = match &tag_name {
                Some(tag) => format!("{name}{tag}"),
                None => format!("{name}Variant{}", i + 1),
            };
            // A branch's `title` names a SID type its pattern may introduce (`AddressSid`).
            let title = match branch {
                ReferenceOr::Item(s) => s.schema_data.title.as_deref(),
                ReferenceOr::Reference { .. } => None,
            };
            let branch_cx = Context::new(ptr!(cx.pointer, keyword, i.to_string()), hint)
                .with_sid_hint(title.map(super::sids::SidHint::for_name));
            let ty = self.ty_of(branch, &branch_cx);
            let kind = self.json_kind(&ty);
            if kind == "any" || !kinds.insert(kind) {
                distinct_kinds = false;
            }
            let variant = match (&tag_name, &ty) {
                (Some(tag), _) => tag.clone(),
                (None, Ty::Model(n) | Ty::Enum(n)) => n.clone(),
                (None, _) => naming::type_name(kind),
            };
            variants.push(UnionVariant {
                name: naming::unique(variant, &mut taken),
                tag_values: Vec::new(),
                ty,
                boxed: false,
            });
        }
        // SIDs of different kinds (`IT`, `RD`, `AD`): told apart by their prefix, each variant
        // checked by its own SID type; variants are named after those types in `resolve`.
        let prefixes: BTreeSet<&str> = variants
            .iter()
            .filter_map(|v| match &v.ty {
                Ty::Sid(prefix) if !prefix.is_empty() => Some(prefix.as_str()),
                _ => None,
            })
            .collect();
        let sid_union = tags.is_none() && prefixes.len() == variants.len();
        let (tag, catch_all) = match tags {
            None if sid_union => (None, None),
            Some((property, values)) => {
                for (variant, values) in variants.iter_mut().zip(values) {
                    variant.tag_values = values;
                }
                let unknown = if taken.contains("Unknown") {
                    "UnknownKind"
                } else {
                    "Unknown"
                };
                (
                    Some(property),
                    Some(naming::unique(unknown.to_owned(), &mut taken)),
                )
            }
            None if distinct_kinds => {
                // serde tries untagged variants in order: integers before other numbers.
                variants.sort_by_key(|v| u8::from(matches!(v.ty, Ty::F64 | Ty::Decimal)));
                (None, None)
            }
            None => {
                // Branches of one JSON kind and no tag: only trying each would tell them
                // apart. Keep the value as JSON, and say so.
                self.type_names.remove(&name);
                return self.approximate(
                    cx,
                    &format!("`{keyword}` whose branches cannot be told apart (no discriminator, same JSON kind): any JSON value"),
                );
            }
        };
        let doc = super::doc_lines(schema.schema_data.description.as_deref());
        self.models.insert(
            name.clone(),
            Model::Union(Union {
                name: name.clone(),
                doc,
                tag,
                variants,
                catch_all,
            }),
        );
        Ty::Model(name)
    }

    /// The tag property and each branch's tag values, when every branch is an object that can
    /// be told apart by one: the `discriminator` (its `mapping`, else the value the branch pins
    /// its property to, else the component's name), or a property every branch pins to a
    /// single, different value.
    fn branch_tags(
        &self,
        schema: &'a Schema,
        alternatives: &'a [ReferenceOr<Schema>],
    ) -> Option<(String, Vec<Vec<String>>)> {
        let branches: Vec<(Option<&str>, &Schema)> = alternatives
            .iter()
            .map(|branch| match branch {
                ReferenceOr::Item(s) => Some((None, s)),
                ReferenceOr::Reference { reference } => self
                    .component_schema(reference)
                    .map(|(_, s)| (Some(reference.as_str()), s)),
            })
            .collect::<Option<_>>()?;
        // A branch's single allowed value for `property`, if it pins one.
        let pinned = |s: &'a Schema, property: &str| -> Option<String> {
            let view = SchemaView::of(s);
            let prop = self.deref_boxed(view.properties?.get(property)?)?;
            match SchemaView::of(prop).string_values.as_slice() {
                [one] => Some((*one).to_owned()),
                _ => None,
            }
        };
        let property = match &schema.schema_data.discriminator {
            Some(d) => d.property_name.clone(),
            None => {
                // Inferred: a property of the first branch that every branch pins.
                let first = SchemaView::of(branches.first()?.1).properties?;
                first
                    .keys()
                    .find(|key| branches.iter().all(|(_, s)| pinned(s, key).is_some()))?
                    .clone()
            }
        };
        let mapping = schema
            .schema_data
            .discriminator
            .as_ref()
            .map(|d| &d.mapping);
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for (reference, branch) in &branches {
            if !SchemaView::of(branch).is_struct() {
                return None;
            }
            let mut values: Vec<String> = mapping
                .into_iter()
                .flatten()
                .filter(|(_, target)| Some(target.as_str()) == *reference)
                .map(|(value, _)| value.clone())
                .collect();
            if values.is_empty() {
                let implied = pinned(branch, &property).or_else(|| {
                    // OpenAPI's default: the component's name.
                    (*reference)?.rsplit('/').next().map(str::to_owned)
                });
                values.extend(implied);
            }
            if values.is_empty() || !values.iter().all(|v| seen.insert(v.clone())) {
                return None;
            }
            out.push(values);
        }
        Some((property, out))
    }

    /// The only `allOf` member that says anything about the value, when every other one only
    /// annotates it (no type, properties, items, values or composition).
    fn single_typed_member(
        &self,
        members: &'a [ReferenceOr<Schema>],
    ) -> Option<(usize, &'a ReferenceOr<Schema>)> {
        let mut typed = members.iter().enumerate().filter(|(_, member)| {
            self.deref_schema(member).is_none_or(|schema| {
                let view = SchemaView::of(schema);
                view.kind != super::view::Kind::Untyped
                    || view.properties.is_some()
                    || view.is_composed()
                    || !view.string_values.is_empty()
            })
        });
        let first = typed.next()?;
        typed.next().is_none().then_some(first)
    }

    /// The JSON kind a value of `ty` has on the wire; "any" when it is not one kind.
    pub(super) fn json_kind(&self, ty: &Ty) -> &'static str {
        match ty {
            Ty::String
            | Ty::Timestamp
            | Ty::Rfc2822Timestamp
            | Ty::Date
            | Ty::Enum(_)
            | Ty::Sid(_) => "string",
            Ty::Bool => "boolean",
            Ty::I32 | Ty::I64 => "integer",
            // A decimal is a number in the document, even when Twilio sends it as text.
            Ty::F64 | Ty::Decimal => "number",
            Ty::Vec(_) => "array",
            Ty::JsonObject | Ty::Map(_) | Ty::PageMeta => "object",
            Ty::Binary => "any",
            Ty::Json => "any",
            Ty::Model(name) => match self.models.get(name) {
                Some(Model::Struct(_)) => "object",
                // An alias of an alias is "any" here, so a cycle among them (reported in
                // `cycles.rs`) cannot recurse.
                Some(Model::Alias(alias)) if matches!(alias.ty, Ty::Model(_)) => "any",
                Some(Model::Alias(alias)) => self.json_kind(&alias.ty),
                // A component not converted yet, or a union: cannot be sure of one kind.
                _ if self.is_component_struct(name) => "object",
                _ => "any",
            },
        }
    }

    fn is_component_struct(&self, name: &str) -> bool {
        let Some(components) = &self.doc.components else {
            return false;
        };
        self.component_types.iter().any(|(key, ty)| {
            matches!(ty, super::ComponentType::Model(n) if n == name)
                && components
                    .schemas
                    .get(key)
                    .and_then(|s| match s {
                        ReferenceOr::Item(s) => Some(s),
                        ReferenceOr::Reference { .. } => None,
                    })
                    .is_some_and(|s| {
                        let v = SchemaView::of(s);
                        v.is_struct() && !v.is_composed()
                    })
        })
    }

    /// The properties of an object schema, `allOf` members merged in order (later members
    /// override a property of the same name); `None` when something in it is not an object.
    pub(crate) fn object_parts(
        &self,
        schema: &'a Schema,
        pointer: &Pointer,
    ) -> Option<ObjectParts<'a>> {
        let mut parts = ObjectParts {
            properties: Vec::new(),
            required: BTreeSet::new(),
            additional: None,
        };
        let mut visiting = BTreeSet::new();
        self.gather(schema, pointer, &mut parts, &mut visiting, 0)
            .then_some(parts)
            .filter(|p| !p.properties.is_empty())
    }

    fn gather(
        &self,
        schema: &'a Schema,
        pointer: &Pointer,
        parts: &mut ObjectParts<'a>,
        visiting: &mut BTreeSet<*const Schema>,
        depth: usize,
    ) -> bool {
        if depth > MAX_ALL_OF_DEPTH || !visiting.insert(schema as *const Schema) {
            // An `allOf` that includes itself: no finite struct.
            return false;
        }
        let view = SchemaView::of(schema);
        if !view.one_of.is_empty() || !view.any_of.is_empty() || view.not {
            return false;
        }
        for (i, member) in view.all_of.iter().enumerate() {
            let Some((member, at)) = self.schema_at(member, &ptr!(pointer, "allOf", i.to_string()))
            else {
                return false;
            };
            let member_view = SchemaView::of(member);
            if member_view.properties.is_none() && !member_view.is_composed() {
                // A bare `type: object` (or a description-only member) adds nothing; anything
                // else (a string, an array) cannot be merged into a struct.
                if !matches!(
                    member_view.kind,
                    super::view::Kind::Object | super::view::Kind::Untyped
                ) {
                    return false;
                }
                continue;
            }
            if !self.gather(member, &at, parts, visiting, depth + 1) {
                return false;
            }
        }
        if let Some(properties) = view.properties {
            for (key, property) in properties {
                let at = ptr!(pointer, "properties", key);
                match parts.properties.iter_mut().find(|(k, _, _)| *k == key) {
                    Some(existing) => *existing = (key, property, at),
                    None => parts.properties.push((key, property, at)),
                }
            }
        }
        parts
            .required
            .extend(view.required.iter().map(String::as_str));
        if view.additional.is_some() {
            parts.additional = view.additional;
        }
        visiting.remove(&(schema as *const Schema));
        true
    }

    /// Records that the schema at `cx` becomes a JSON value, for the report.
    pub(crate) fn approximate(&mut self, cx: &Context, what: &str) -> Ty {
        self.approximations.push(Approximation {
            pointer: cx.pointer.to_string(),
            what: what.to_owned(),
        });
        Ty::Json
    }
}
