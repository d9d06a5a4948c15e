//! The generator on Twilio's published Numbers v2 document, read from `../shared/specs/`.
//!
//! The document is reference data that the project must not copy, so these tests read it in
//! place. Where it is absent (a checkout without `shared/`), they say so and pass.

use std::fmt::Write as _;
use std::path::PathBuf;

use codegen::model::{Api, Model, ParamLocation, ResponseBody, Ty};

const LABEL: &str = "twilio_numbers_v2.yaml";

fn upstream_spec() -> Option<String> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "shared",
        "specs",
        LABEL,
    ]
    .iter()
    .collect();
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("skipped: {} is not present", path.display());
            None
        }
    }
}

/// Every operation of the document is generated, with no error.
#[test]
fn test_upstream_generates_every_operation() {
    let Some(text) = upstream_spec() else { return };
    let api = codegen::resolve(LABEL, &text).unwrap_or_else(|e| panic!("{e}"));
    let declared = text.matches("operationId:").count();
    assert_eq!(
        api.operations.len(),
        declared,
        "every operationId becomes a method"
    );
    let options = codegen::Options {
        crate_name: "twilio_numbers_v2".to_owned(),
        spec_label: LABEL.to_owned(),
    };
    let output = codegen::generate(LABEL, &text, &options).unwrap_or_else(|e| panic!("{e}"));
    let again = codegen::generate(LABEL, &text, &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        output, again,
        "generation is deterministic on the full document"
    );
    for op in &api.operations {
        let needle = format!("pub async fn {}(", op.fn_name);
        assert!(
            output.files["operations.rs"].contains(&needle),
            "{} is emitted",
            op.fn_name
        );
    }
}

/// A compact summary of the upstream model: operations, types and SID prefixes. A generator
/// change that affects the full API shows up here for review.
#[test]
fn test_upstream_model_summary() {
    let Some(text) = upstream_spec() else { return };
    let api = codegen::resolve(LABEL, &text).unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!(summary(&api));
}

fn summary(api: &Api) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "base_url: {}", api.base_url);
    let _ = writeln!(out, "\n# operations ({})", api.operations.len());
    for op in &api.operations {
        let path_args: Vec<String> = op
            .path_params
            .iter()
            .map(|p| format!("{}: {}", p.name, ty(&p.ty, api)))
            .collect();
        let response = match &op.response {
            ResponseBody::Json(t) => ty(t, api),
            ResponseBody::Empty => "()".to_owned(),
            ResponseBody::Redirect(t) => format!(
                "redirect({})",
                t.as_ref()
                    .map_or_else(|| "no body".to_owned(), |t| ty(t, api))
            ),
        };
        let _ = writeln!(
            out,
            "{} {} {} -> {}",
            op.method.as_str(),
            op.path_template,
            op.fn_name,
            response
        );
        if !path_args.is_empty() {
            let _ = writeln!(out, "    path: {}", path_args.join(", "));
        }
        if let Some(params) = &op.params {
            let fields: Vec<String> = params
                .fields
                .iter()
                .map(|f| {
                    let at = match f.location {
                        ParamLocation::Query => "query",
                        ParamLocation::Form => "form",
                        ParamLocation::Header => "header",
                    };
                    let req = if f.required { "" } else { "?" };
                    format!(
                        "{}{req}: {} ({at} {})",
                        f.field.name,
                        ty(&f.field.ty, api),
                        f.field.wire_name
                    )
                })
                .collect();
            let _ = writeln!(out, "    {}: {}", params.name, fields.join(", "));
        }
        if let Some(body) = &op.json_body {
            let _ = writeln!(out, "    json body: {}", ty(body, api));
        }
        if let Some(p) = &op.pagination {
            let _ = writeln!(
                out,
                "    stream of {} (page size {:?})",
                ty(&p.item_ty, api),
                p.page_size
            );
        }
    }
    let _ = writeln!(out, "\n# models ({})", api.models.len());
    for model in &api.models {
        match model {
            Model::Struct(s) => {
                let fields: Vec<String> = s
                    .fields
                    .iter()
                    .map(|f| {
                        let opt = if f.optional { "?" } else { "" };
                        let pii = if f.pii { " [pii]" } else { "" };
                        format!("{}{opt}: {}{pii}", f.name, ty(&f.ty, api))
                    })
                    .collect();
                let page = if s.list_page.is_some() { " (page)" } else { "" };
                let _ = writeln!(out, "struct {}{page} {{ {} }}", s.name, fields.join(", "));
            }
            Model::Alias(a) => {
                let _ = writeln!(out, "type {} = {}", a.name, ty(&a.ty, api));
            }
            Model::Union(u) => {
                let variants: Vec<String> = u.variants.iter().map(|v| ty(&v.ty, api)).collect();
                let _ = writeln!(out, "union {} = {}", u.name, variants.join(" | "));
            }
        }
    }
    let _ = writeln!(out, "\n# enums ({})", api.enums.len());
    for e in &api.enums {
        let values: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
        let _ = writeln!(out, "enum {}: {}", e.name, values.join(" | "));
    }
    let _ = writeln!(out, "\n# sids ({})", api.sids.len());
    for sid in api.sids.values() {
        let prefix = if sid.prefix.is_empty() {
            "any"
        } else {
            &sid.prefix
        };
        let case = if sid.lowercase_only {
            " (lowercase hex)"
        } else {
            ""
        };
        let _ = writeln!(out, "{}: {}{case}", prefix, sid.name);
    }
    out
}

fn ty(t: &Ty, api: &Api) -> String {
    match t {
        Ty::String => "String".into(),
        Ty::Bool => "bool".into(),
        Ty::I32 => "i32".into(),
        Ty::I64 => "i64".into(),
        Ty::F64 => "f64".into(),
        Ty::Timestamp => "Timestamp".into(),
        Ty::Date => "Date".into(),
        Ty::Json => "Json".into(),
        Ty::JsonObject => "JsonObject".into(),
        Ty::Map(v) => format!("Map<{}>", ty(v, api)),
        Ty::Vec(v) => format!("Vec<{}>", ty(v, api)),
        Ty::Model(n) | Ty::Enum(n) => n.clone(),
        Ty::Sid(p) => api
            .sids
            .get(p)
            .map_or_else(|| format!("Sid({p})"), |s| s.name.clone()),
        Ty::PageMeta => "PageMeta".into(),
    }
}
