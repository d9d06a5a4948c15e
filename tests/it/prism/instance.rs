//! Running Prism: one mock server per (document, mode), started on first use and shared by
//! every test of the binary, stopped when the test process ends.

use std::fs::File;
use std::io::Read as _;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::install::prism_bin;

/// Prism loads Numbers v2 in about 2 s; this only bounds a broken start.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// Which API document Prism serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Document {
    /// `spec/twilio_numbers_v2.yaml`, which the client is generated from.
    Ours,
    /// Twilio's published document, read in place from `../shared/specs/`.
    Twilios,
}

impl Document {
    pub(super) fn path(self) -> PathBuf {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        match self {
            Document::Ours => root.join("spec/twilio_numbers_v2.yaml"),
            Document::Twilios => root.join("../shared/specs/twilio_numbers_v2.yaml"),
        }
    }
}

/// How Prism answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// The document's first example for each response.
    Examples,
    /// Data generated from the response schemas, new on every request (`--dynamic`).
    Dynamic,
}

/// A Prism process; dropping it stops Prism and waits for it to exit.
///
/// Prism runs under a small `sh` wrapper that kills it when the wrapper's stdin closes. Drop
/// closes it; so does the kernel when the test process exits, which matters because the shared
/// instances live in statics, which are never dropped.
pub(super) struct Prism {
    wrapper: Child,
    stdin: Option<ChildStdin>,
    origin: String,
}

impl Prism {
    /// `http://127.0.0.1:PORT`
    pub(super) fn origin(&self) -> &str {
        &self.origin
    }

    /// Installs Prism if needed, starts it on a free port and waits until it accepts
    /// connections.
    pub(super) fn start(document: Document, mode: Mode) -> Result<Self, String> {
        let bin = prism_bin();
        let spec = document.path();
        let mut last_error = String::new();
        // A port found free can be taken by someone else before Prism binds it: try again.
        for _ in 0..3 {
            match Self::start_once(&bin, &spec, mode) {
                Ok(prism) => return Ok(prism),
                Err(error) => last_error = error,
            }
        }
        Err(last_error)
    }

    fn start_once(bin: &Path, spec: &Path, mode: Mode) -> Result<Self, String> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let log_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("prism-{port}.log"));
        let log = File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
        let dynamic = match mode {
            Mode::Examples => "",
            Mode::Dynamic => "--dynamic",
        };
        // fd 3 keeps the wrapper's stdin for the watcher: a background job's own stdin is
        // /dev/null. `wait` makes the wrapper exit when Prism does, whichever stops first.
        let script = r#"exec 3<&0
node "$1" mock "$2" --host 127.0.0.1 --port "$3" $4 </dev/null &
prism=$!
(read -r _ <&3; kill "$prism" 2>/dev/null) &
wait "$prism""#;
        let started = Instant::now();
        let mut wrapper = Command::new("sh")
            .args(["-c", script, "prism-wrapper"])
            .arg(bin)
            .arg(spec)
            .arg(port.to_string())
            .arg(dynamic)
            .stdin(Stdio::piped())
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("could not start Prism through sh: {e}"))?;
        let stdin = wrapper.stdin.take();
        // From here on, an early return drops the guard, which stops Prism.
        let mut prism = Prism {
            wrapper,
            stdin,
            origin: format!("http://127.0.0.1:{port}"),
        };
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                eprintln!(
                    "Prism ({}, {mode:?}) ready on port {port} in {:.2?}",
                    spec.display(),
                    started.elapsed()
                );
                return Ok(prism);
            }
            let exited = prism.wrapper.try_wait().map_err(|e| e.to_string())?;
            if exited.is_some() || started.elapsed() > START_TIMEOUT {
                let mut output = String::new();
                let _ = File::open(&log_path).and_then(|mut f| f.read_to_string(&mut output));
                return Err(format!(
                    "Prism did not start on port {port} ({}):\n{output}",
                    match exited {
                        Some(status) => format!("exited with {status}"),
                        None => format!("not listening after {START_TIMEOUT:?}"),
                    }
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        // Closing stdin makes the wrapper kill Prism; then it exits.
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.wrapper.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.wrapper.kill();
        let _ = self.wrapper.wait();
    }
}

/// The shared Prism for `document` in `mode`, started on first use. Panics (failing the test)
/// when Prism cannot be installed or started.
pub(super) fn shared(document: Document, mode: Mode) -> &'static Prism {
    static SLOTS: [OnceLock<Result<Prism, String>>; 4] = [const { OnceLock::new() }; 4];
    let index = match (document, mode) {
        (Document::Ours, Mode::Examples) => 0,
        (Document::Ours, Mode::Dynamic) => 1,
        (Document::Twilios, Mode::Examples) => 2,
        (Document::Twilios, Mode::Dynamic) => 3,
    };
    match SLOTS[index].get_or_init(|| Prism::start(document, mode)) {
        Ok(prism) => prism,
        Err(message) => panic!("{message}"),
    }
}
