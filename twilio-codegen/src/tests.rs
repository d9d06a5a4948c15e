//! Helpers shared by the unit tests, and checks of what the binary embeds.

use std::path::PathBuf;

/// A fresh folder under the system's temporary directory, removed when dropped.
pub(crate) struct Scratch(pub(crate) PathBuf);

impl Scratch {
    pub(crate) fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("twilio-codegen-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The embedded runtime is the client's: every file of `generated-client/src/runtime/` is
/// there with the same text (a file added to the folder is picked up by the next build).
#[test]
fn the_embedded_runtime_is_the_clients() {
    let client = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../generated-client");
    let mut on_disk = Vec::new();
    let mut stack = vec![PathBuf::from("src/runtime")];
    while let Some(relative) = stack.pop() {
        for entry in std::fs::read_dir(client.join(&relative)).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if entry.file_type().unwrap().is_dir() {
                stack.push(relative.join(&name));
            } else {
                on_disk.push(format!("{}/{name}", relative.display()));
            }
        }
    }
    on_disk.sort();
    let embedded: Vec<&str> = crate::client_files()
        .iter()
        .map(|(path, _)| *path)
        .filter(|path| path.starts_with("src/runtime/"))
        .collect();
    assert_eq!(embedded, on_disk);
    for (relative, text) in crate::client_files() {
        let current = std::fs::read_to_string(client.join(relative)).unwrap();
        assert!(
            current == *text,
            "{relative} differs from the embedded copy"
        );
    }
}
