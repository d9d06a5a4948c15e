//! Reading a `multipart/form-data` body (RFC 7578) the mock server received: an upload's
//! text fields and files, for handlers and tests.

/// One part of a `multipart/form-data` body.
#[derive(Clone, PartialEq, Eq)]
pub struct MockPart {
    /// The part's field name (`File`, `FriendlyName`).
    pub name: String,
    /// The file name the sender gave, for a file part.
    pub file_name: Option<String>,
    /// The part's own `Content-Type`, when it has one.
    pub content_type: Option<String>,
    /// The part's bytes.
    pub data: Vec<u8>,
}

impl MockPart {
    /// The part's bytes as text, when they are UTF-8.
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.data).ok()
    }
}

impl std::fmt::Debug for MockPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A file can be large: its length stands in for its bytes.
        f.debug_struct("MockPart")
            .field("name", &self.name)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.data.len())
            .finish()
    }
}

/// The parts of `body`, whose `Content-Type` is `content_type`; `None` unless it is a
/// well-formed `multipart/form-data` body.
pub(crate) fn parse(content_type: &str, body: &[u8]) -> Option<Vec<MockPart>> {
    let (kind, parameters) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let boundary = parameters
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))?
        .trim_matches('"');
    if boundary.is_empty() {
        return None;
    }
    let delimiter = format!("\r\n--{boundary}");
    // The first delimiter may open the body without the CRLF before it.
    let mut rest = body.strip_prefix(&delimiter.as_bytes()[2..])?;
    let mut parts = Vec::new();
    loop {
        if rest.starts_with(b"--") {
            return Some(parts);
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let head_end = position(rest, b"\r\n\r\n")?;
        let head = std::str::from_utf8(&rest[..head_end]).ok()?;
        let content = &rest[head_end + 4..];
        let end = position(content, delimiter.as_bytes())?;
        let mut part = MockPart {
            name: String::new(),
            file_name: None,
            content_type: None,
            data: content[..end].to_vec(),
        };
        for line in head.split("\r\n") {
            let (name, value) = line.split_once(':')?;
            if name.trim().eq_ignore_ascii_case("content-disposition") {
                for item in value.split(';').map(str::trim) {
                    if let Some(v) = item.strip_prefix("name=") {
                        part.name = v.trim_matches('"').to_owned();
                    } else if let Some(v) = item.strip_prefix("filename=") {
                        part.file_name = Some(v.trim_matches('"').to_owned());
                    }
                }
            } else if name.trim().eq_ignore_ascii_case("content-type") {
                part.content_type = Some(value.trim().to_owned());
            }
        }
        parts.push(part);
        rest = &content[end + delimiter.len()..];
    }
}

fn position(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_text_and_file_parts_and_refuses_what_is_not_multipart() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"FriendlyName\"\r\n\r\nBill\r\n--XyZ\r\nContent-Disposition: form-data; name=\"File\"; filename=\"bill.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--\r\n--XyZ--\r\n";
        let parts = parse("multipart/form-data; boundary=XyZ", body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "FriendlyName");
        assert_eq!(parts[0].text(), Some("Bill"));
        assert_eq!(parts[1].file_name.as_deref(), Some("bill.pdf"));
        assert_eq!(parts[1].content_type.as_deref(), Some("application/pdf"));
        assert_eq!(parts[1].data, b"%PDF\r\n--");
        assert!(parse("application/json", body).is_none());
        assert!(parse("multipart/form-data; boundary=XyZ", b"--XyZ\r\nbroken").is_none());
        assert!(parse("multipart/form-data; boundary=", body).is_none());
    }
}
