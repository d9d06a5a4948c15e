//! `cargo xtask codegen --spec FILE --out DIR`: a self-contained client crate for any document.
//!
//! The crate gets the generated files, a copy of the hand-written runtime, and a `Cargo.toml`
//! whose dependency versions are taken from this workspace, with an empty `[workspace]` table so
//! it builds on its own wherever DIR is.

use std::path::Path;

use crate::codegen::ensure_file_contents;
use crate::project_root;

/// Hand-written files of `generated-client` that every generated crate needs.
const RUNTIME_ROOTS: &[&str] = &["build.rs", "src/lib.rs", "src/generated.rs", "src/runtime"];

pub(crate) fn write_crate(
    spec: &Path,
    out: &Path,
    crate_name: Option<&str>,
    pins: &codegen::Pins,
) -> Result<(), String> {
    let text = std::fs::read_to_string(spec)
        .map_err(|e| format!("cannot read {}: {e}", spec.display()))?;
    let package = crate_name
        .map(str::to_owned)
        .unwrap_or_else(|| package_name(spec));
    let label = spec
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let options = codegen::Options {
        crate_name: package.replace('-', "_"),
        spec_label: label,
    };
    let output = codegen::generate_with(&spec.display().to_string(), &text, &options, pins)
        .map_err(|e| e.to_string())?;
    crate::approximations::print(&spec.display().to_string(), &output);

    let client_dir = project_root().join("generated-client");
    for root in RUNTIME_ROOTS {
        copy_tree(&client_dir.join(root), &out.join(root))?;
    }
    for (name, contents) in &output.files {
        ensure_file_contents(&out.join("src/generated").join(name), contents, false)?;
    }
    let manifest = manifest(&package, &client_dir)?;
    ensure_file_contents(&out.join("Cargo.toml"), &manifest, false)?;
    println!("wrote crate `{package}` to {}", out.display());
    Ok(())
}

/// `twilio_numbers_v2.yaml` -> `twilio-numbers-v2`; a name that would not work as a Rust crate
/// name (`ref.yaml`, `2024.yaml`) gets `-client` after it or `twilio-` before it.
fn package_name(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-').to_owned();
    if name.is_empty() {
        "twilio-client".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("twilio-{name}")
    } else if codegen::naming::is_keyword(&name.replace('-', "_")) {
        format!("{name}-client")
    } else {
        name
    }
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    if from.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(from)
            .map_err(|e| format!("cannot list {}: {e}", from.display()))?
            .filter_map(Result::ok)
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        return Ok(());
    }
    let contents = std::fs::read_to_string(from)
        .map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    ensure_file_contents(to, &contents, false).map(|_| ())
}

/// The client's manifest with each `x.workspace = true` replaced by the workspace's value.
fn manifest(package: &str, client_dir: &Path) -> Result<String, String> {
    let root_manifest =
        std::fs::read_to_string(project_root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    let client_manifest =
        std::fs::read_to_string(client_dir.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let versions = workspace_dependencies(&root_manifest);
    let mut out = String::new();
    for line in client_manifest.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("name = ") {
            out.push_str(&format!("name = \"{package}\"\n"));
        } else if trimmed.ends_with(".workspace = true") {
            let key = trimmed.trim_end_matches(".workspace = true").trim();
            let package_keys = ["edition", "rust-version", "license", "publish"];
            if package_keys.contains(&key) {
                let value = workspace_package_value(&root_manifest, key)
                    .ok_or_else(|| format!("workspace.package.{key} is missing"))?;
                out.push_str(&format!("{key} = {value}\n"));
            } else {
                let value = versions
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| format!("workspace dependency {key} is missing"))?;
                out.push_str(&format!("{key} = {value}\n"));
            }
        } else if let Some((key, rest)) = trimmed.split_once("= { workspace = true") {
            // `tokio = { workspace = true, features = [...] }`: merge the extra features.
            let key = key.trim();
            let base = versions
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| format!("workspace dependency {key} is missing"))?;
            out.push_str(&format!("{key} = {}\n", merge_features(&base, rest)));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    // The runtime serves every document: one without lists, SIDs or path parameters leaves
    // some of its helpers unused, which is expected rather than dead code to remove. Our own
    // workspace keeps these lints, since its document uses the whole runtime.
    out.push_str(
        "\n# The runtime serves every document; this one may not need all of it.\n\
         [lints.rust]\ndead_code = \"allow\"\nunused_imports = \"allow\"\n",
    );
    out.push_str(
        "\n# A stand-alone crate, not a member of any enclosing workspace.\n[workspace]\n",
    );
    Ok(out)
}

fn workspace_dependencies(root_manifest: &str) -> Vec<(String, String)> {
    section_entries(root_manifest, "[workspace.dependencies]")
}

fn workspace_package_value(root_manifest: &str, key: &str) -> Option<String> {
    section_entries(root_manifest, "[workspace.package]")
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

fn section_entries(manifest: &str, header: &str) -> Vec<(String, String)> {
    let mut inside = false;
    let mut out = Vec::new();
    for line in manifest.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            inside = trimmed == header;
            continue;
        }
        if inside
            && !trimmed.starts_with('#')
            && let Some((key, value)) = trimmed.split_once(" = ")
        {
            out.push((key.trim().to_owned(), value.trim().to_owned()));
        }
    }
    out
}

/// Adds the `features` of `extra` (`, features = ["a"] }`) to a workspace dependency value.
fn merge_features(base: &str, extra: &str) -> String {
    let extra_features = extra
        .split_once("features = [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(list, _)| list.trim().to_owned())
        .unwrap_or_default();
    if extra_features.is_empty() {
        return base.to_owned();
    }
    if base.starts_with('"') {
        return format!("{{ version = {base}, features = [{extra_features}] }}");
    }
    if let Some((head, rest)) = base.split_once("features = [") {
        return format!("{head}features = [{extra_features}, {rest}");
    }
    format!(
        "{}, features = [{extra_features}] }}",
        base.trim_end_matches('}').trim_end()
    )
}

#[cfg(test)]
mod tests {
    use super::{merge_features, package_name, section_entries};

    #[test]
    fn workspace_values_are_read_from_their_section_only() {
        let manifest = "[workspace.package]\nedition = \"2024\"\n\n[workspace.dependencies]\n# a comment\nserde = { version = \"1\", features = [\"derive\"] }\nurl = \"2\"\n\n[other]\nurl = \"9\"\n";
        assert_eq!(
            section_entries(manifest, "[workspace.dependencies]"),
            [
                (
                    "serde".to_owned(),
                    "{ version = \"1\", features = [\"derive\"] }".to_owned()
                ),
                ("url".to_owned(), "\"2\"".to_owned()),
            ]
        );
    }

    #[test]
    fn member_features_are_added_to_the_workspace_value() {
        assert_eq!(
            merge_features("\"1\"", ", features = [\"macros\"] }"),
            "{ version = \"1\", features = [\"macros\"] }"
        );
        assert_eq!(
            merge_features(
                "{ version = \"1\", features = [\"time\"] }",
                ", features = [\"macros\"] }"
            ),
            "{ version = \"1\", features = [\"macros\", \"time\"] }"
        );
        assert_eq!(
            merge_features("{ version = \"0.8\" }", " }"),
            "{ version = \"0.8\" }"
        );
    }

    #[test]
    fn package_names_come_from_the_spec_file() {
        assert_eq!(
            package_name(std::path::Path::new("specs/twilio_numbers_v2.yaml")),
            "twilio-numbers-v2"
        );
        assert_eq!(package_name(std::path::Path::new("Api.V1.json")), "api-v1");
        assert_eq!(
            package_name(std::path::Path::new("fixtures/ref.yaml")),
            "ref-client"
        );
        assert_eq!(
            package_name(std::path::Path::new("2024.yaml")),
            "twilio-2024"
        );
    }
}
