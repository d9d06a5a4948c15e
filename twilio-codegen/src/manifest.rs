//! The manifest of a stand-alone crate, assembled as a TOML document from the client crate's
//! manifest (embedded at build time) with every `workspace = true` entry replaced by the
//! workspace's value. Every other key of an entry (`optional = true`, extra `features`, ...) and
//! every other table (`[features]`, `[dev-dependencies]`, ...) is kept as it is.

use toml_edit::{DocumentMut, InlineTable, Item, Table, Value};

use crate::embedded::{CLIENT_MANIFEST, WORKSPACE_MANIFEST};

/// The version of a crate that has no earlier release.
pub const FIRST_VERSION: &str = "0.1.0";

/// The tables of a manifest that hold dependencies.
const DEPENDENCY_TABLES: &[&str] = &["dependencies", "dev-dependencies", "build-dependencies"];

/// The stand-alone crate's `Cargo.toml`: the client's manifest, renamed to `package` at
/// `version`, described by the document's `title`, with its workspace values filled in.
pub fn assemble(package: &str, title: &str, version: &str) -> Result<String, String> {
    assemble_from(CLIENT_MANIFEST, WORKSPACE_MANIFEST, package, title, version)
}

pub(crate) fn assemble_from(
    client: &str,
    workspace: &str,
    package: &str,
    title: &str,
    version: &str,
) -> Result<String, String> {
    let workspace: DocumentMut = workspace
        .parse()
        .map_err(|e| format!("the embedded workspace manifest is not TOML: {e}"))?;
    let mut doc: DocumentMut = client
        .parse()
        .map_err(|e| format!("the embedded client manifest is not TOML: {e}"))?;
    let inherited = |section: &str| workspace.get("workspace").and_then(|w| w.get(section));

    let Some(manifest_package) = doc.get_mut("package").and_then(Item::as_table_mut) else {
        return Err("the embedded client manifest has no [package]".to_owned());
    };
    let keys: Vec<String> = manifest_package
        .iter()
        .filter(|(_, item)| is_inherited(item))
        .map(|(key, _)| key.to_owned())
        .collect();
    for key in keys {
        let value = inherited("package")
            .and_then(|p| p.get(&key))
            .and_then(Item::as_value)
            .ok_or_else(|| format!("workspace.package.{key} is missing"))?;
        manifest_package.insert(&key, Item::Value(value.clone()));
    }
    // The document's title, on one line (TOML escapes whatever else it holds).
    let title: String = title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    manifest_package.insert("name", toml_edit::value(package));
    manifest_package.insert("version", toml_edit::value(version));
    manifest_package.insert(
        "description",
        toml_edit::value(format!(
            "Typed async client for {title}, generated from its OpenAPI document"
        )),
    );

    let versions = inherited("dependencies").and_then(Item::as_table_like);
    let mut tables: Vec<&mut Table> = Vec::new();
    let (targets, rest): (Vec<_>, Vec<_>) = doc
        .as_table_mut()
        .iter_mut()
        .partition(|(key, _)| key.get() == "target");
    for (key, item) in rest {
        if DEPENDENCY_TABLES.contains(&key.get())
            && let Some(table) = item.as_table_mut()
        {
            tables.push(table);
        }
    }
    for (_, item) in targets {
        for (_, platform) in item.as_table_mut().into_iter().flat_map(|t| t.iter_mut()) {
            for (key, table) in platform
                .as_table_mut()
                .into_iter()
                .flat_map(|t| t.iter_mut())
            {
                if DEPENDENCY_TABLES.contains(&key.get())
                    && let Some(table) = table.as_table_mut()
                {
                    tables.push(table);
                }
            }
        }
    }
    for table in tables {
        for (name, entry) in table.iter_mut() {
            if !is_inherited(entry) {
                continue;
            }
            let base = versions
                .and_then(|v| v.get(name.get()))
                .ok_or_else(|| format!("workspace dependency {} is missing", name.get()))?;
            *entry = Item::Value(resolve_dependency(base, entry)?);
        }
    }

    // `[[test]]`, `[[example]]` and `[[bench]]` name files of the client crate that a
    // stand-alone crate does not get (they use Numbers v2's names).
    for target in ["test", "example", "bench"] {
        doc.remove(target);
    }

    // The runtime serves every document: one without lists, SIDs or path parameters leaves
    // some of its helpers unused, which is expected rather than dead code to remove. The
    // workspace's own lints do not apply outside it.
    let mut lints = Table::new();
    let mut rust = Table::new();
    rust.insert("dead_code", toml_edit::value("allow"));
    rust.insert("unused_imports", toml_edit::value("allow"));
    rust.decor_mut()
        .set_prefix("\n# The runtime serves every document; this one may not need all of it.\n");
    lints.insert("rust", Item::Table(rust));
    lints.set_implicit(true);
    doc.insert("lints", Item::Table(lints));
    // A stand-alone crate, not a member of any enclosing workspace.
    let mut own = Table::new();
    own.decor_mut()
        .set_prefix("\n# A stand-alone crate, not a member of any enclosing workspace.\n");
    doc.insert("workspace", Item::Table(own));
    Ok(doc.to_string())
}

/// Whether a manifest entry is `workspace = true` (as `x.workspace = true` or in an inline table).
fn is_inherited(item: &Item) -> bool {
    item.as_table_like()
        .and_then(|t| t.get("workspace"))
        .and_then(Item::as_bool)
        == Some(true)
}

/// The workspace's value of a dependency (`"1"` or `{ version = "1", ... }`) with the member's
/// own keys added: `features` are joined (workspace ones first), any other key
/// (`optional`, ...) is the member's.
fn resolve_dependency(base: &Item, member: &Item) -> Result<Value, String> {
    let mut table = match base.as_value() {
        Some(Value::String(version)) => {
            let mut table = InlineTable::new();
            table.insert("version", Value::from(version.value().as_str()));
            table
        }
        Some(Value::InlineTable(table)) => table.clone(),
        _ => match base.as_table() {
            Some(table) => table.clone().into_inline_table(),
            None => {
                return Err(format!(
                    "workspace dependency value {base} is not understood"
                ));
            }
        },
    };
    let extra = member.as_table_like().into_iter().flat_map(|t| t.iter());
    for (key, value) in extra {
        if key == "workspace" {
            continue;
        }
        let Some(value) = value.as_value() else {
            return Err(format!("dependency key {key} is not a plain value"));
        };
        if key == "features"
            && let (Some(Value::Array(have)), Value::Array(more)) =
                (table.get_mut("features"), value)
        {
            for feature in more.iter() {
                if let Some(feature) = feature.as_str()
                    && !have.iter().any(|f| f.as_str() == Some(feature))
                {
                    have.push(feature);
                }
            }
            continue;
        }
        table.insert(key, value.clone());
    }
    table.fmt();
    if table.len() == 1
        && let Some(Value::String(version)) = table.get("version")
    {
        return Ok(Value::from(version.value().as_str()));
    }
    Ok(Value::InlineTable(table))
}

/// The package version of an existing manifest, if it has one.
pub fn version_of(manifest: &str) -> Result<Option<String>, String> {
    let doc = manifest.parse::<DocumentMut>().map_err(|e| e.to_string())?;
    Ok(doc
        .get("package")
        .and_then(|p| p.get("version"))
        .and_then(Item::as_str)
        .map(str::to_owned))
}

/// The package name of an existing manifest, if it has one.
pub fn name_of(manifest: &str) -> Result<Option<String>, String> {
    let doc = manifest.parse::<DocumentMut>().map_err(|e| e.to_string())?;
    Ok(doc
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(Item::as_str)
        .map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::{assemble, assemble_from, name_of, version_of};

    const WORKSPACE: &str = r#"
[workspace.package]
edition = "2024"
license = "MIT"

[workspace.dependencies]
serde = { version = "1", features = ["derive"] }
url = "2"
hmac = "0.12"
tokio = { version = "1", features = ["time"] }
"#;

    const CLIENT: &str = r#"
[package]
name = "twilio-numbers-v2"
version = "0.2.0"
description = "old"
edition.workspace = true
license.workspace = true

[[test]]
name = "webhook_axum"
required-features = ["axum"]

[features]
default = []
webhooks = ["dep:hmac"]

[dependencies]
serde.workspace = true
url = { workspace = true }
hmac = { workspace = true, optional = true }

[dev-dependencies]
tokio = { workspace = true, features = ["macros"] }
"#;

    /// Every inherited entry takes the workspace's value and keeps its own keys: the optional
    /// dependency stays optional, the feature table stays, extra features are joined.
    #[test]
    fn workspace_entries_are_resolved_and_other_keys_kept() {
        let manifest =
            assemble_from(CLIENT, WORKSPACE, "my-client", "Say \"hi\"\n", "0.3.1").unwrap();
        let doc: toml_edit::DocumentMut = manifest.parse().expect("valid TOML");
        assert_eq!(doc["package"]["name"].as_str(), Some("my-client"));
        assert_eq!(doc["package"]["version"].as_str(), Some("0.3.1"));
        assert_eq!(doc["package"]["edition"].as_str(), Some("2024"));
        assert_eq!(
            doc["package"]["description"].as_str(),
            Some("Typed async client for Say \"hi\" , generated from its OpenAPI document")
        );
        assert_eq!(doc["dependencies"]["url"].as_str(), Some("2"));
        assert_eq!(
            doc["dependencies"]["hmac"]["optional"].as_bool(),
            Some(true)
        );
        assert_eq!(
            doc["dependencies"]["hmac"]["version"].as_str(),
            Some("0.12")
        );
        assert_eq!(
            doc["dependencies"]["serde"]["features"]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>()),
            Some(vec!["derive"])
        );
        assert_eq!(
            doc["dev-dependencies"]["tokio"]["features"]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>()),
            Some(vec!["time", "macros"])
        );
        assert_eq!(
            doc["features"]["webhooks"].as_array().map(|a| a.len()),
            Some(1)
        );
        assert!(doc["workspace"].is_table(), "{manifest}");
        assert!(!manifest.contains("workspace = true"), "{manifest}");
        // The client's own test targets name files the stand-alone crate does not have.
        assert!(doc.get("test").is_none(), "{manifest}");
    }

    #[test]
    fn a_missing_workspace_value_is_an_error() {
        let error = assemble_from(
            "[package]\nname = \"x\"\n[dependencies]\nnope.workspace = true\n",
            WORKSPACE,
            "x",
            "t",
            "0.1.0",
        )
        .unwrap_err();
        assert!(error.contains("nope"), "{error}");
    }

    /// The embedded manifests assemble, and the result names its package and version.
    #[test]
    fn the_embedded_manifest_assembles() {
        let manifest = assemble("any-api", "Twilio - Any", "1.2.3").unwrap();
        assert_eq!(name_of(&manifest).unwrap().as_deref(), Some("any-api"));
        assert_eq!(version_of(&manifest).unwrap().as_deref(), Some("1.2.3"));
    }
}
