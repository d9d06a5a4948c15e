//! Doc examples for operations: compiled (`no_run`) calls with placeholder values, written the
//! way a user would write them (imports, short names, a variable named after the resource).

use std::collections::BTreeSet;

use heck::ToSnakeCase;

use crate::Options;
use crate::model::{Api, Model, Operation, Passing, ResponseBody, Ty};

/// The example's source lines, or `None` when a required value has no simple placeholder.
pub(crate) fn example(op: &Operation, api: &Api, options: &Options) -> Option<Vec<String>> {
    let mut imports = BTreeSet::from(["Client".to_owned()]);
    let body = call_lines(op, api, &mut imports)?;
    let mut lines = vec![
        "# Example".to_owned(),
        String::new(),
        "```no_run".to_owned(),
    ];
    lines.push(use_line(&options.crate_name, &imports));
    lines.push(String::new());
    lines.push(
        "# async fn example(client: &Client) -> Result<(), Box<dyn std::error::Error>> {"
            .to_owned(),
    );
    lines.extend(body);
    lines.extend(["# Ok(())", "# }", "```"].map(str::to_owned));
    Some(lines)
}

/// The crate-level example: a client from the environment, then the first list of the API (or
/// its first operation) called with placeholder values.
pub(crate) fn crate_example(api: &Api, options: &Options) -> Vec<String> {
    let mut imports = BTreeSet::from(["Client".to_owned()]);
    if api.base_url.is_empty() {
        imports.insert("Credentials".to_owned());
    }
    let chosen = api
        .operations
        .iter()
        .filter(|op| op.pagination.is_some())
        .chain(&api.operations)
        .find_map(|op| call_lines(op, api, &mut imports));
    let mut lines = vec![
        "```no_run".to_owned(),
        use_line(&options.crate_name, &imports),
    ];
    lines.push(String::new());
    lines.push("# async fn example() -> Result<(), Box<dyn std::error::Error>> {".to_owned());
    if api.base_url.is_empty() {
        // The document names no server: the client needs to be told where the API is.
        lines.push(
            "// Credentials from TWILIO_* environment variables; the document names no".to_owned(),
        );
        lines.push("// server, so the base URL is required.".to_owned());
        lines.push("let client = Client::builder(Credentials::from_env()?)".to_owned());
        lines.push("    .base_url(\"https://api.example.com\")".to_owned());
        lines.push("    .build()?;".to_owned());
    } else {
        lines.push(
            "// Credentials (and edge/region) from TWILIO_* environment variables.".to_owned(),
        );
        lines.push("let client = Client::from_env()?;".to_owned());
    }
    lines.extend(chosen.unwrap_or_default());
    lines.extend(["# Ok(())", "# }", "```"].map(str::to_owned));
    lines
}

/// The lines that prepare the arguments and call `op`, printing what it returns; `None` when a
/// required value has no simple placeholder. Records the names they need imported.
fn call_lines(op: &Operation, api: &Api, imports: &mut BTreeSet<String>) -> Option<Vec<String>> {
    let mut wanted = imports.clone();
    let mut setup = Vec::new();
    let mut call_args = Vec::new();
    for p in op.path_params.iter().filter(|p| !p.client_account) {
        let value = placeholder(&p.ty, api, &mut wanted)?;
        setup.push(format!("let {} = {value};", p.name));
        call_args.push(match p.passing {
            Passing::Str | Passing::Value => p.name.clone(),
            Passing::Ref => format!("&{}", p.name),
        });
    }
    if let Some(params) = &op.params {
        wanted.insert(format!("params::{}", params.name));
        let required: Vec<_> = params.fields.iter().filter(|f| f.required).collect();
        let line = if required.is_empty() {
            format!("let params = {}::default();", params.name)
        } else {
            let values: Option<Vec<String>> = required
                .iter()
                .map(|f| placeholder(&f.field.ty, api, &mut wanted))
                .collect();
            format!("let params = {}::new({});", params.name, values?.join(", "))
        };
        setup.push(line);
        call_args.push("&params".to_owned());
    }
    if let Some(body) = &op.json_body {
        setup.push(format!(
            "let body = {};",
            placeholder(body, api, &mut wanted)?
        ));
        call_args.push("&body".to_owned());
    }
    *imports = wanted;
    let call = format!("client.{}({})", op.fn_name, call_args.join(", "));
    // A struct literal placeholder spans several lines.
    let mut lines: Vec<String> = setup
        .iter()
        .flat_map(|line| line.lines().map(str::to_owned))
        .collect();
    match (&op.pagination, &op.response) {
        (Some(p), _) => {
            let item = variable_name(&p.item_ty, "item");
            lines.push(format!("let page = {call}.await?;"));
            lines.push(format!("for {item} in &page.items {{"));
            lines.push(format!("    println!(\"{{{item}:?}}\");"));
            lines.push("}".to_owned());
        }
        (None, ResponseBody::Json(ty)) => {
            let answer = variable_name(ty, "answer");
            lines.push(format!("let {answer} = {call}.await?;"));
            lines.push(format!("println!(\"{{{answer}:?}}\");"));
        }
        (None, ResponseBody::Empty) => lines.push(format!("{call}.await?;")),
        (None, ResponseBody::ByStatus(_)) => {
            lines.push(format!("let answer = {call}.await?;"));
            lines.push("println!(\"{answer:?}\");".to_owned());
        }
        (None, ResponseBody::Redirect(_)) => {
            lines.push(format!("let redirect = {call}.await?;"));
            lines.push("println!(\"{:?}\", redirect.location);".to_owned());
        }
    }
    Some(lines)
}

/// `use krate::{Client, enums::X, params::Y};`
fn use_line(krate: &str, imports: &BTreeSet<String>) -> String {
    let list: Vec<&str> = imports.iter().map(String::as_str).collect();
    format!("use {krate}::{{{}}};", list.join(", "))
}

/// `end_user` for an `EndUser`; `fallback` for anything that is not a model.
fn variable_name(ty: &Ty, fallback: &str) -> String {
    match ty {
        Ty::Model(name) => {
            let name = name.to_snake_case();
            if crate::naming::value_name(&name) == name {
                name
            } else {
                fallback.to_owned()
            }
        }
        _ => fallback.to_owned(),
    }
}

/// Source text for a placeholder value of `ty`, recording what it needs imported; `None` when
/// there is no simple one.
fn placeholder(ty: &Ty, api: &Api, imports: &mut BTreeSet<String>) -> Option<String> {
    placeholder_at(ty, api, imports, 0)
}

/// Struct literals nest at most this deep (a recursive model would never end).
const MAX_PLACEHOLDER_DEPTH: usize = 4;

fn placeholder_at(
    ty: &Ty,
    api: &Api,
    imports: &mut BTreeSet<String>,
    depth: usize,
) -> Option<String> {
    if depth > MAX_PLACEHOLDER_DEPTH {
        return None;
    }
    Some(match ty {
        Ty::String => "\"example\"".to_owned(),
        Ty::Bool => "true".to_owned(),
        Ty::I32 | Ty::I64 => "1".to_owned(),
        Ty::F64 => "1.0".to_owned(),
        Ty::Decimal => {
            imports.insert("Decimal".to_owned());
            "Decimal::new(125, 2)".to_owned()
        }
        Ty::Timestamp | Ty::Rfc2822Timestamp => {
            "\"2024-01-01T00:00:00Z\".parse::<jiff::Timestamp>()?".to_owned()
        }
        Ty::Date => "jiff::civil::date(2024, 1, 1)".to_owned(),
        Ty::Json => "serde_json::json!({})".to_owned(),
        Ty::JsonObject | Ty::Map(_) | Ty::Vec(_) => "Default::default()".to_owned(),
        Ty::Enum(name) => {
            let first = api
                .enums
                .iter()
                .find(|e| &e.name == name)?
                .variants
                .first()?;
            imports.insert(format!("enums::{name}"));
            format!("{name}::{}", first.name)
        }
        Ty::Sid(prefix) => {
            let sid = api.sids.get(prefix)?;
            let letters = if prefix.is_empty() {
                "XX"
            } else {
                prefix.as_str()
            };
            imports.insert(format!("sids::{}", sid.name));
            format!("\"{letters}{}\".parse::<{}>()?", "0".repeat(32), sid.name)
        }
        Ty::Model(name) => match api.models.iter().find(|m| m.name() == name)? {
            // Models a request sends have `new` with their required values.
            Model::Struct(s) if api.sent_models.contains(name) => {
                imports.insert(format!("models::{name}"));
                let mut args = Vec::new();
                for field in s.fields.iter().filter(|f| !f.optional && !f.flatten) {
                    args.push(placeholder_at(&field.ty, api, imports, depth + 1)?);
                }
                format!("{name}::new({})", args.join(", "))
            }
            Model::Struct(_) | Model::Alias(_) | Model::Union(_) => return None,
        },
        Ty::PageMeta => return None,
        Ty::Binary => {
            imports.insert("FilePart".to_owned());
            "FilePart::from_bytes(b\"%PDF-1.7\".to_vec()).file_name(\"document.pdf\").content_type(\"application/pdf\")".to_owned()
        }
    })
}
