//! Installs Prism from `tests/prism/package-lock.json` with `npm ci`, once per test binary and
//! one process at a time, and only when `node_modules` does not already match the lock.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

const HOW_TO_INSTALL: &str = "The Prism contract tests need Node.js 18 or later with npm on \
     PATH (Debian/Ubuntu: `apt-get install nodejs npm`; elsewhere see https://nodejs.org). The \
     tests install Prism themselves with `npm ci --prefix tests/prism`, which needs the npm \
     registry.";

/// `npm ci` normally takes 10-20 s; this only bounds a stuck install.
const INSTALL_TIMEOUT: Duration = Duration::from_secs(600);
/// A lock older than this was left by a killed run, even where its holder cannot be checked.
const STALE_LOCK: Duration = Duration::from_secs(660);

/// The `tests/prism` folder.
pub(super) fn prism_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("prism")
}

/// The installed Prism entry point, installing it first if needed. Panics with instructions
/// when Node.js or npm is missing or the install fails.
pub(super) fn prism_bin() -> PathBuf {
    static INSTALLED: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match INSTALLED.get_or_init(install) {
        Ok(bin) => bin.clone(),
        Err(message) => panic!("{message}"),
    }
}

fn install() -> Result<PathBuf, String> {
    for tool in ["node", "npm"] {
        let found = Command::new(tool)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !found {
            return Err(format!("`{tool} --version` failed. {HOW_TO_INSTALL}"));
        }
    }
    let dir = prism_dir();
    let bin = dir.join("node_modules/.bin/prism");
    // Another test process (a second `cargo test`) may be installing into the same folder.
    let _lock =
        InstallLock::acquire(&Path::new(env!("CARGO_TARGET_TMPDIR")).join("prism-install.lock"))?;
    if bin.exists() && matches_lock(&dir) {
        return Ok(bin);
    }
    let log_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("prism-npm-ci.log");
    let log = File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
    let started = Instant::now();
    let mut npm = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log)
        .spawn()
        .map_err(|e| format!("could not run npm: {e}. {HOW_TO_INSTALL}"))?;
    let status = loop {
        if let Some(status) = npm.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > INSTALL_TIMEOUT {
            let _ = npm.kill();
            let _ = npm.wait();
            return Err(format!(
                "`npm ci --prefix {}` did not finish within {INSTALL_TIMEOUT:?}. {HOW_TO_INSTALL}",
                dir.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let output = fs::read_to_string(&log_path).unwrap_or_default();
    if !status.success() || !bin.exists() {
        return Err(format!(
            "`npm ci --prefix {}` failed ({status}):\n{output}\n{HOW_TO_INSTALL}",
            dir.display()
        ));
    }
    eprintln!("installed Prism with npm ci in {:.1?}", started.elapsed());
    Ok(bin)
}

/// Whether `node_modules` holds exactly the versions `package-lock.json` pins (npm records what
/// it installed in `node_modules/.package-lock.json`).
fn matches_lock(dir: &Path) -> bool {
    let read = |path: PathBuf| -> Option<Value> {
        serde_json::from_str(&fs::read_to_string(path).ok()?).ok()
    };
    let (Some(locked), Some(installed)) = (
        read(dir.join("package-lock.json")),
        read(dir.join("node_modules/.package-lock.json")),
    ) else {
        return false;
    };
    let Some(locked) = locked["packages"].as_object() else {
        return false;
    };
    locked
        .iter()
        // The root entry is the project itself; optional ones are platform-specific.
        .filter(|(path, entry)| !path.is_empty() && entry["optional"] != true)
        .all(|(path, entry)| installed["packages"][path]["version"] == entry["version"])
}

/// A lock file created exclusively, holding the owner's process id; removed on drop.
struct InstallLock(PathBuf);

impl InstallLock {
    fn acquire(path: &Path) -> Result<Self, String> {
        let started = Instant::now();
        loop {
            match OpenOptions::new().write(true).create_new(true).open(path) {
                Ok(mut file) => {
                    use std::io::Write as _;
                    let _ = write!(file, "{}", std::process::id());
                    return Ok(Self(path.to_owned()));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if Self::is_stale(path) {
                        let _ = fs::remove_file(path);
                        continue;
                    }
                    if started.elapsed() > STALE_LOCK + Duration::from_secs(60) {
                        return Err(format!(
                            "another process holds {} (remove it if no test is running)",
                            path.display()
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(200));
                }
                Err(e) => return Err(format!("{}: {e}", path.display())),
            }
        }
    }
}

impl InstallLock {
    /// Left behind by a process that is gone (checked through /proc where there is one), or
    /// older than any install takes.
    fn is_stale(path: &Path) -> bool {
        let proc = Path::new("/proc");
        let holder = fs::read_to_string(path).unwrap_or_default();
        if proc.is_dir() && !holder.is_empty() && !proc.join(holder.trim()).exists() {
            return true;
        }
        fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| SystemTime::now().duration_since(modified).ok())
            .is_some_and(|age| age > STALE_LOCK)
    }
}

impl Drop for InstallLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}
