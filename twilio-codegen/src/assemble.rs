//! A stand-alone crate written into `--out`, and its regeneration story: the crate records its
//! accepted surface in [`SURFACE_FILE`]; the next run into the same folder keeps the names it
//! holds, reports what changed against it, and bumps the crate's version by the report.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::Pins;
use codegen::surface::Surface;
use codegen::surface::diff::{self, Bump, Report};

use crate::out_dir::{self, Guard};
use crate::{embedded, manifest, spec};

/// The file in a generated crate that holds its accepted public API, one item a line.
pub const SURFACE_FILE: &str = "api-surface.txt";

const SURFACE_HEADER: &str = "\
# The public API of this crate, one item a line: what the last generation accepted.
# Regenerating into this folder keeps the SID type names listed here, reports every change
# against these lines and bumps the version in Cargo.toml by that report. To rename a SID type
# on purpose, edit its `sid` line and regenerate. Review changes to this file like code.
";

/// What to generate, and where.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The OpenAPI document.
    pub spec: PathBuf,
    /// The folder of the crate.
    pub out: PathBuf,
    /// The package name (default: the earlier run's, else one made from the file name).
    pub crate_name: Option<String>,
    /// Write into a non-empty folder no earlier run wrote.
    pub force: bool,
    /// Folders never to write into.
    pub guard: Guard,
}

/// What a run did, for the caller to print.
#[derive(Debug)]
pub struct Written {
    /// The package name.
    pub package: String,
    /// The folder, absolute.
    pub out: PathBuf,
    /// The version before this run (`None` for a new crate).
    pub previous_version: Option<String>,
    /// The version written.
    pub version: String,
    /// The changes since the accepted surface (`None` when the folder had none).
    pub report: Option<Report>,
    /// Files an earlier run wrote and this one removed.
    pub removed: Vec<String>,
    /// The generator's own output (the approximated schemas).
    pub output: codegen::Output,
}

impl Written {
    /// The report as the command line prints it (empty for a new crate).
    pub fn report_text(&self) -> String {
        match &self.report {
            Some(report) if !report.is_empty() => format!(
                "API changes since the accepted surface ({SURFACE_FILE}):\n{}",
                report.to_text(self.previous_version.as_deref())
            ),
            Some(_) => "no change to the public API\n".to_owned(),
            None => String::new(),
        }
    }
}

/// Generates the crate for `request.spec` into `request.out`.
pub fn write_crate(request: &Request) -> Result<Written, String> {
    let text = spec::read_spec(&request.spec)?;
    let out = out_dir::check_out_dir(&request.out, request.force, &request.guard)?;
    let earlier = Earlier::read(&out)?;
    let package = match (&request.crate_name, &earlier.name) {
        (Some(name), _) | (None, Some(name)) => {
            spec::check_package_name(name)?;
            name.clone()
        }
        (None, None) => spec::package_name(&request.spec),
    };
    let label = request
        .spec
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let options = codegen::Options {
        crate_name: package.replace('-', "_"),
        spec_label: label,
    };
    let file = request.spec.display().to_string();
    // Names the accepted surface has are kept (see `codegen::Pins`).
    let pins = earlier
        .surface
        .as_ref()
        .map(Pins::from_surface)
        .unwrap_or_default();
    let output =
        codegen::generate_with(&file, &text, &options, &pins).map_err(|e| e.to_string())?;
    let surface = codegen::surface_with(&file, &text, &pins).map_err(|e| e.to_string())?;

    let mut files = BTreeMap::new();
    for (relative, contents) in embedded::CLIENT_FILES {
        files.insert((*relative).to_owned(), (*contents).to_owned());
    }
    for (name, contents) in &output.files {
        files.insert(format!("src/generated/{name}"), contents.clone());
    }
    files.insert(
        SURFACE_FILE.to_owned(),
        format!("{SURFACE_HEADER}{surface}"),
    );

    let report = earlier
        .surface
        .as_ref()
        .map(|old| diff::diff(old, &surface));
    let version = next_version(&earlier, report.as_ref(), || {
        files.iter().any(|(relative, contents)| {
            std::fs::read_to_string(out.join(relative)).ok().as_ref() != Some(contents)
        })
    })?;
    files.insert(
        "Cargo.toml".to_owned(),
        manifest::assemble(&package, &output.title, &version)?,
    );
    let removed = out_dir::write_files(&out, &files)?;
    Ok(Written {
        package,
        out,
        previous_version: earlier.version,
        version,
        report,
        removed,
        output,
    })
}

/// What an earlier run left in the folder.
struct Earlier {
    surface: Option<Surface>,
    version: Option<String>,
    name: Option<String>,
}

impl Earlier {
    /// Reads the accepted surface and the manifest of a folder an earlier run wrote; a folder
    /// without the marker has no earlier run (its files are not ours to read).
    fn read(out: &Path) -> Result<Earlier, String> {
        let mut earlier = Earlier {
            surface: None,
            version: None,
            name: None,
        };
        if !out_dir::is_ours(out) {
            return Ok(earlier);
        }
        if let Some(text) = read_ours(out, SURFACE_FILE)? {
            earlier.surface = Some(Surface::parse(&text));
        }
        if let Some(text) = read_ours(out, "Cargo.toml")? {
            let path = out.join("Cargo.toml");
            let unreadable = |e: String| format!("cannot read {}: {e}", path.display());
            earlier.version = manifest::version_of(&text).map_err(unreadable)?;
            earlier.name = manifest::name_of(&text).map_err(unreadable)?;
        }
        Ok(earlier)
    }
}

/// A regular file of the folder (never followed through a symlink), if present.
fn read_ours(out: &Path, relative: &str) -> Result<Option<String>, String> {
    let path = out.join(relative);
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => std::fs::read_to_string(&path)
            .map(Some)
            .map_err(|e| format!("cannot read {}: {e}", path.display())),
        Ok(_) => Err(format!("{} is not a regular file", path.display())),
        Err(_) => Ok(None),
    }
}

/// The version to write: the first one for a new crate; the earlier one bumped by the report
/// when the API changed, by a patch when only other files changed, and kept when nothing did
/// (regenerating twice changes nothing).
fn next_version(
    earlier: &Earlier,
    report: Option<&Report>,
    files_changed: impl FnOnce() -> bool,
) -> Result<String, String> {
    let Some(version) = &earlier.version else {
        return Ok(manifest::FIRST_VERSION.to_owned());
    };
    let bump = match report {
        Some(report) if !report.is_empty() => Some(report.bump()),
        _ if files_changed() => Some(Bump::Patch),
        _ => None,
    };
    match bump {
        None => Ok(version.clone()),
        Some(bump) => bump.next(version).ok_or_else(|| {
            format!(
                "the crate's version {version:?} is not MAJOR.MINOR.PATCH; set one in Cargo.toml"
            )
        }),
    }
}

/// What a run prints: the approximated schemas, removed files, the change report, the version
/// and where the crate went.
pub fn describe(request: &Request, written: &Written, verbose: bool) -> String {
    let spec = request.spec.display().to_string();
    let mut text = crate::approximations::note(&spec, &written.output, verbose);
    for relative in &written.removed {
        text.push_str(&format!("removed {relative} (no longer generated)\n"));
    }
    text.push_str(&written.report_text());
    match &written.previous_version {
        Some(old) if *old != written.version => {
            text.push_str(&format!("version {old} -> {}\n", written.version));
        }
        Some(_) => text.push_str(&format!(
            "version {} kept: nothing changed\n",
            written.version
        )),
        None => {}
    }
    text.push_str(&format!(
        "wrote crate `{}` {} to {}\n",
        written.package,
        written.version,
        written.out.display()
    ));
    text
}
