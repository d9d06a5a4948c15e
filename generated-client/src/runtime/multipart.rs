//! `multipart/form-data` bodies: text parts (plain or JSON text) and files, a file coming from
//! memory, from a path, or from any async reader, streamed without being held in memory.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncRead, AsyncReadExt};

use super::wire::WireParams;

/// How much a streamed file is read at a time.
const CHUNK_BYTES: usize = 64 * 1024;

type Reader = Pin<Box<dyn AsyncRead + Send + Sync>>;

/// A file to send as a part of a `multipart/form-data` body (a Supporting Document's scan, say).
///
/// Built from bytes already in memory ([`FilePart::from_bytes`]), from a file on disk
/// ([`FilePart::from_path`], read in 64 KiB chunks while sending) or from any async reader
/// ([`FilePart::from_reader`], streamed the same way). Its length is known before sending, so a
/// file over the client's [`max_upload_size`](crate::ClientBuilder::max_upload_size) is refused
/// before any byte leaves ([`Error::Upload`](crate::Error::Upload)).
///
/// A file from bytes or from a path can be sent again (a retry reads the path again); a reader
/// can be read only once, so a request that needs it a second time fails with
/// [`Error::Upload`](crate::Error::Upload) instead of sending a truncated file.
///
/// `Debug` shows the length, file name and content type, never the content.
#[derive(Clone)]
pub struct FilePart {
    source: Source,
    length: u64,
    file_name: Option<String>,
    content_type: Option<String>,
}

#[derive(Clone)]
enum Source {
    Bytes(bytes::Bytes),
    Path(Arc<PathBuf>),
    /// Taken by the first send.
    Reader(Arc<Mutex<Option<Reader>>>),
}

impl FilePart {
    /// A file whose content is already in memory.
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> Self {
        let bytes = bytes::Bytes::from(bytes.into());
        Self {
            length: bytes.len() as u64,
            source: Source::Bytes(bytes),
            file_name: None,
            content_type: None,
        }
    }

    /// A file on disk, read while the request is sent (never whole in memory). Its length is
    /// read now; its name is the path's last component, and its content type is guessed from
    /// the extension (`pdf`, `png`, `jpg`/`jpeg`, `gif`, `tif`/`tiff`, `txt`), else left out.
    ///
    /// # Errors
    ///
    /// The I/O error when the path cannot be read or is not a file.
    pub async fn from_path(path: impl AsRef<Path>) -> io::Result<Self> {
        let path = path.as_ref();
        let metadata = tokio::fs::metadata(path).await?;
        if !metadata.is_file() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a file"));
        }
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let content_type = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(content_type_of_extension)
            .map(str::to_owned);
        Ok(Self {
            source: Source::Path(Arc::new(path.to_owned())),
            length: metadata.len(),
            file_name,
            content_type,
        })
    }

    /// A file read from `reader` while the request is sent, `length` bytes long. At most
    /// `length` bytes are read; a reader that ends sooner fails the request.
    pub fn from_reader(reader: impl AsyncRead + Send + Sync + 'static, length: u64) -> Self {
        Self {
            source: Source::Reader(Arc::new(Mutex::new(Some(Box::pin(reader))))),
            length,
            file_name: None,
            content_type: None,
        }
    }

    /// Sets the file name the part carries (`scan.pdf`).
    #[must_use]
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the part's content type (`application/pdf`, `image/png`).
    #[must_use]
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file's length in bytes.
    pub fn len(&self) -> u64 {
        self.length
    }

    /// Whether the file is empty.
    pub fn is_empty(&self) -> bool {
        self.length == 0
    }

    /// The part for one send: bytes are shared, a path is opened again, a reader is taken.
    async fn to_part(&self) -> Result<reqwest::multipart::Part, UploadProblem> {
        let part = match &self.source {
            // Shared, not copied: a retry sends the same buffer.
            Source::Bytes(bytes) => reqwest::multipart::Part::stream_with_length(
                reqwest::Body::from(bytes.clone()),
                self.length,
            ),
            Source::Path(path) => {
                let file = tokio::fs::File::open(path.as_path())
                    .await
                    .map_err(|_| UploadProblem::Unreadable)?;
                stream_part(Box::pin(file), self.length)
            }
            Source::Reader(slot) => {
                let reader = slot
                    .lock()
                    .map_err(|_| UploadProblem::AlreadySent)?
                    .take()
                    .ok_or(UploadProblem::AlreadySent)?;
                stream_part(reader, self.length)
            }
        };
        let part = match &self.file_name {
            Some(name) => part.file_name(name.clone()),
            None => part,
        };
        match &self.content_type {
            Some(mime) => part
                .mime_str(mime)
                .map_err(|_| UploadProblem::BadContentType),
            None => Ok(part),
        }
    }
}

/// A part that streams `length` bytes of `reader` in chunks.
fn stream_part(reader: Reader, length: u64) -> reqwest::multipart::Part {
    let limited = reader.take(length);
    let chunks = futures_util::stream::try_unfold(limited, |mut reader| async move {
        let mut buffer = vec![0; CHUNK_BYTES];
        let read = reader.read(&mut buffer).await?;
        if read == 0 {
            return Ok::<_, io::Error>(None);
        }
        buffer.truncate(read);
        Ok(Some((buffer, reader)))
    });
    reqwest::multipart::Part::stream_with_length(reqwest::Body::wrap_stream(chunks), length)
}

fn content_type_of_extension(extension: &str) -> Option<&'static str> {
    Some(match extension.to_ascii_lowercase().as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "tif" | "tiff" => "image/tiff",
        "txt" => "text/plain",
        _ => return None,
    })
}

impl PartialEq for FilePart {
    /// Same length, name and type, and the same bytes, path or reader.
    fn eq(&self, other: &Self) -> bool {
        let same_source = match (&self.source, &other.source) {
            (Source::Bytes(a), Source::Bytes(b)) => a == b,
            (Source::Path(a), Source::Path(b)) => a == b,
            (Source::Reader(a), Source::Reader(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        same_source
            && self.length == other.length
            && self.file_name == other.file_name
            && self.content_type == other.content_type
    }
}

impl Eq for FilePart {}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match &self.source {
            Source::Bytes(_) => "bytes",
            Source::Path(_) => "path",
            Source::Reader(_) => "reader",
        };
        f.debug_struct("FilePart")
            .field("source", &source)
            .field("length", &self.length)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// Why a file could not be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UploadProblem {
    /// Over the client's `max_upload_size`.
    TooLarge { length: u64, limit: u64 },
    /// The path could no longer be opened.
    Unreadable,
    /// A reader was already consumed by an earlier send (a retry).
    AlreadySent,
    /// The content type is not a valid MIME type.
    BadContentType,
}

impl fmt::Display for UploadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UploadProblem::TooLarge { length, limit } => write!(
                f,
                "the file is {length} bytes, over the {limit}-byte upload limit; nothing was sent"
            ),
            UploadProblem::Unreadable => f.write_str("the file could not be opened"),
            UploadProblem::AlreadySent => f.write_str(
                "the file's reader was already read by an earlier attempt and cannot be sent again",
            ),
            UploadProblem::BadContentType => f.write_str("the file's content type is not valid"),
        }
    }
}

/// The parts of a multipart body, as the generated `wire_multipart` fills them: text values
/// through the same encoding as forms (`WireParams`), then the files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MultipartParts {
    text: WireParams,
    files: Vec<(&'static str, FilePart)>,
}

impl MultipartParts {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds a file part.
    pub(crate) fn push_file(&mut self, key: &'static str, file: &FilePart) {
        self.files.push((key, file.clone()));
    }

    /// Adds a file part when it is set.
    #[allow(dead_code)] // Only documents with optional file parts use it.
    pub(crate) fn push_file_opt(&mut self, key: &'static str, file: Option<&FilePart>) {
        if let Some(file) = file {
            self.push_file(key, file);
        }
    }

    /// Refuses a file over `limit` bytes, before anything is sent.
    pub(crate) fn check_size(&self, limit: u64) -> Result<(), UploadProblem> {
        match self.files.iter().find(|(_, file)| file.length > limit) {
            Some((_, file)) => Err(UploadProblem::TooLarge {
                length: file.length,
                limit,
            }),
            None => Ok(()),
        }
    }

    /// The body for one send.
    pub(crate) async fn to_form(&self) -> Result<reqwest::multipart::Form, UploadProblem> {
        let mut form = reqwest::multipart::Form::new();
        for (key, value) in self.text.pairs() {
            form = form.text(*key, value.clone());
        }
        for (key, file) in &self.files {
            form = form.part(*key, file.to_part().await?);
        }
        Ok(form)
    }
}

// Text parts take every encoding a form field has (`push`, `push_json`...).
impl std::ops::Deref for MultipartParts {
    type Target = WireParams;

    fn deref(&self) -> &WireParams {
        &self.text
    }
}

impl std::ops::DerefMut for MultipartParts {
    fn deref_mut(&mut self) -> &mut WireParams {
        &mut self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_reader_is_sent_once_and_bytes_or_paths_again() {
        let reader = FilePart::from_reader(&b"scan"[..], 4).file_name("scan.png");
        assert_eq!(reader.len(), 4);
        assert!(reader.to_part().await.is_ok());
        assert_eq!(
            reader.clone().to_part().await.err(),
            Some(UploadProblem::AlreadySent)
        );
        let bytes = FilePart::from_bytes(b"scan".to_vec());
        assert!(bytes.to_part().await.is_ok() && bytes.to_part().await.is_ok());
        let bad = FilePart::from_bytes(Vec::new()).content_type("not a type\n");
        assert_eq!(
            bad.to_part().await.err(),
            Some(UploadProblem::BadContentType)
        );
    }

    #[tokio::test]
    async fn from_path_reads_length_name_and_type_and_refuses_folders() {
        /// Removes the test's folder however the test ends.
        struct Folder(std::path::PathBuf);
        impl Drop for Folder {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
        let folder = Folder(std::env::temp_dir().join(format!("filepart-{}", std::process::id())));
        let dir = &folder.0;
        std::fs::create_dir_all(dir).unwrap();
        let path = dir.join("Bill.JPEG");
        std::fs::write(&path, [1, 2, 3]).unwrap();
        let file = FilePart::from_path(&path).await.unwrap();
        assert_eq!(file.len(), 3);
        assert_eq!(file.file_name.as_deref(), Some("Bill.JPEG"));
        assert_eq!(file.content_type.as_deref(), Some("image/jpeg"));
        // Debug shows no content.
        assert!(!format!("{file:?}").contains("[1, 2, 3]"));
        assert!(FilePart::from_path(dir).await.is_err());
    }

    #[test]
    fn the_limit_names_sizes_only() {
        let mut parts = MultipartParts::new();
        parts.push("Name", "x");
        parts.push_file("File", &FilePart::from_bytes(vec![0; 11]));
        let problem = parts.check_size(10).unwrap_err();
        assert_eq!(
            problem,
            UploadProblem::TooLarge {
                length: 11,
                limit: 10
            }
        );
        assert!(parts.check_size(11).is_ok());
    }
}
