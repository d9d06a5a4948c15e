//! Doc examples for operations: compiled (`no_run`) calls with placeholder values.

use super::types;
use crate::Options;
use crate::model::{Api, Operation, ResponseBody, Ty};

/// A compiled (`no_run`) example calling the operation with placeholder values.
pub(crate) fn example(op: &Operation, api: &Api, options: &Options) -> Option<Vec<String>> {
    let krate = &options.crate_name;
    let mut setup = Vec::new();
    let mut call_args = Vec::new();
    for p in &op.path_params {
        let value = example_value(&p.ty, api, krate)?;
        setup.push(format!("let {} = {value};", p.name));
        call_args.push(match &p.ty {
            Ty::I32 | Ty::I64 | Ty::F64 | Ty::Bool | Ty::String => p.name.clone(),
            _ => format!("&{}", p.name),
        });
    }
    if let Some(params) = &op.params {
        let required: Vec<_> = params.fields.iter().filter(|f| f.required).collect();
        let line = if required.is_empty() {
            format!("let params = {krate}::params::{}::default();", params.name)
        } else {
            let values: Option<Vec<String>> = required
                .iter()
                .map(|f| example_value(&f.field.ty, api, krate))
                .collect();
            format!(
                "let params = {krate}::params::{}::new({});",
                params.name,
                values?.join(", ")
            )
        };
        setup.push(line);
        call_args.push("&params".to_owned());
    }
    if let Some(body) = &op.json_body {
        setup.push(format!("let body = {};", example_value(body, api, krate)?));
        call_args.push("&body".to_owned());
    }
    let call = format!("client.{}({})", op.fn_name, call_args.join(", "));
    let mut lines = vec![
        "# Example".to_owned(),
        String::new(),
        "```no_run".to_owned(),
        format!(
            "# async fn example(client: &{krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{"
        ),
    ];
    lines.extend(setup);
    match (&op.pagination, &op.response) {
        (Some(_), _) => {
            lines.push(format!("let page = {call}.await?;"));
            lines.push("for item in &page.items {".to_owned());
            lines.push("    println!(\"{item:?}\");".to_owned());
            lines.push("}".to_owned());
        }
        (None, ResponseBody::Json(_)) => {
            lines.push(format!("let answer = {call}.await?;"));
            lines.push("println!(\"{answer:?}\");".to_owned());
        }
        (None, ResponseBody::Empty) => lines.push(format!("{call}.await?;")),
    }
    lines.push("# Ok(())".to_owned());
    lines.push("# }".to_owned());
    lines.push("```".to_owned());
    Some(lines)
}

/// Source text for a placeholder value of `ty`, or `None` when there is no simple one.
fn example_value(ty: &Ty, api: &Api, krate: &str) -> Option<String> {
    Some(match ty {
        Ty::String => "\"example\"".to_owned(),
        Ty::Bool => "true".to_owned(),
        Ty::I32 | Ty::I64 => "1".to_owned(),
        Ty::F64 => "1.0".to_owned(),
        Ty::Timestamp => "\"2024-01-01T00:00:00Z\".parse::<jiff::Timestamp>()?".to_owned(),
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
            format!("{krate}::enums::{name}::{}", first.name)
        }
        Ty::Sid(prefix) => {
            let sid = api.sids.get(prefix)?;
            let letters = if prefix.is_empty() {
                "XX"
            } else {
                prefix.as_str()
            };
            format!(
                "\"{letters}{}\".parse::<{krate}::sids::{}>()?",
                "0".repeat(32),
                sid.name
            )
        }
        Ty::Model(name) => {
            let model = api.models.iter().find(|m| m.name() == name)?;
            match model {
                crate::model::Model::Struct(s)
                    if s.fields
                        .iter()
                        .all(|f| f.optional || types::has_default(&f.ty)) =>
                {
                    format!("{krate}::models::{name}::default()")
                }
                _ => return None,
            }
        }
        Ty::PageMeta => return None,
    })
}
