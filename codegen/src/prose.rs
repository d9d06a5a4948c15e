//! The one renderer of spec prose into rustdoc Markdown. Every string a document supplies that
//! ends up in docs (titles, descriptions, summaries, field and parameter docs, enum values,
//! patterns, paths) goes through one of these functions, so that spec text stays inert:
//!
//! - control characters are normalised: CR, CRLF, NEL and the Unicode line and paragraph
//!   separators become line breaks (a bare CR fails the build in a doc comment), tabs become
//!   spaces, other control and bidirectional-override characters are dropped or spaced out;
//! - every code block, whatever its fence (```` ``` ````, `~~~`, any length, any info string,
//!   inside a list or quote) or indentation (four spaces), becomes a `text` block, which
//!   rustdoc never compiles or runs;
//! - the result is then parsed with pulldown-cmark (rustdoc's Markdown parser): if any code
//!   block in it is not `text`, or the text leaves a block open that would swallow what follows
//!   (an HTML block, a list), the whole description is shown verbatim in one `text` block.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// A description as doc lines: trimmed, blank lines kept between paragraphs, code blocks made
/// `text`, bare URLs made links. Empty for a missing or blank description.
pub(crate) fn doc_lines(text: Option<&str>) -> Vec<String> {
    let Some(text) = text else { return Vec::new() };
    let text = normalise(text);
    let text = text.trim_matches('\n').trim_end();
    if text.trim().is_empty() {
        return Vec::new();
    }
    let lines = render_blocks(text);
    if is_inert(&lines) {
        lines
    } else {
        verbatim(text)
    }
}

/// Spec text shown inline on one line (a title, a summary): whitespace collapsed, and escaped
/// so that it cannot start a block (a heading, a quote, a list, a fence, an HTML block).
pub(crate) fn inline(text: &str) -> String {
    let text = normalise(text);
    let collapsed = escape_inline(&text.split_whitespace().collect::<Vec<_>>().join(" "));
    match collapsed.chars().next() {
        // Already escaped (`\<`, `\[`) by `escape_inline`.
        Some('\\') => collapsed,
        Some(c) if c.is_ascii_punctuation() => format!("\\{collapsed}"),
        Some(c) if c.is_ascii_digit() => {
            // `1.` or `1)` would start an ordered list.
            let digits = collapsed.trim_start_matches(|c: char| c.is_ascii_digit());
            if digits.starts_with(['.', ')']) {
                let at = collapsed.len() - digits.len();
                format!("{}\\{}", &collapsed[..at], &collapsed[at..])
            } else {
                collapsed
            }
        }
        _ => collapsed,
    }
}

/// Spec text as an inline code span (`` `x` ``) on one line, whatever backticks it holds.
pub(crate) fn code(text: &str) -> String {
    let text = normalise(text).replace('\n', " ");
    let longest = longest_run(&text, '`');
    let fence = "`".repeat(longest + 1);
    if longest > 0 || text.starts_with(' ') || text.ends_with(' ') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// Line breaks in every spelling become `\n`; tabs become four spaces; other control
/// characters become spaces; bidirectional overrides and isolates (which rustc rejects in
/// comments) are dropped.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push_str("    "),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

enum State {
    Normal,
    /// Inside a fenced block opened by `len` times `fence`.
    Fenced {
        fence: char,
        len: usize,
    },
    /// Collecting a four-space indented block.
    Indented(Vec<String>),
}

fn render_blocks(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut state = State::Normal;
    for line in text.lines().map(str::trim_end) {
        state = match state {
            State::Fenced { fence, len } => {
                out.push(line.to_owned());
                if is_closer(line, fence, len) {
                    State::Normal
                } else {
                    State::Fenced { fence, len }
                }
            }
            State::Indented(mut block) => {
                if line.is_empty() || indent(line) >= 4 {
                    block.push(line.get(4..).unwrap_or("").to_owned());
                    State::Indented(block)
                } else {
                    flush_indented(block, &mut out);
                    normal_line(line, &mut out)
                }
            }
            State::Normal => normal_line(line, &mut out),
        };
    }
    match state {
        State::Fenced { fence, len } => out.push(fence.to_string().repeat(len)),
        State::Indented(block) => flush_indented(block, &mut out),
        State::Normal => {}
    }
    out
}

/// A line outside any code block: a fence opener becomes a `text` opener (keeping its
/// container prefix, fence and length, so the original closer still closes it), a line indented
/// by four after a block boundary starts an indented block, anything else is prose.
fn normal_line(line: &str, out: &mut Vec<String>) -> State {
    let rest = strip_containers(line);
    let prefix = &line[..line.len() - rest.len()];
    for fence in ['`', '~'] {
        let len = rest.chars().take_while(|&c| c == fence).count();
        if len >= 3 {
            out.push(format!("{prefix}{}text", fence.to_string().repeat(len)));
            return State::Fenced { fence, len };
        }
    }
    // Where CommonMark lets an indented block start: not inside a paragraph. (Other places,
    // such as after a thematic break, are caught by the check in `doc_lines`.)
    let after_boundary = out.last().is_none_or(|last| {
        let last = strip_containers(last);
        last.is_empty()
            || last.starts_with('#')
            || last.starts_with("```")
            || last.starts_with("~~~")
    });
    if indent(line) >= 4 && after_boundary {
        return State::Indented(vec![line[4..].to_owned()]);
    }
    // A plain line right after a list would continue its last item lazily (clippy's
    // `doc_lazy_continuation`); the document means a new paragraph, so it gets one.
    if !line.is_empty() && indent(line) == 0 && !is_list_item(line) && ends_in_list(out) {
        out.push(String::new());
    }
    out.push(
        escape_inline(line)
            .split(' ')
            .map(link_bare_url)
            .collect::<Vec<_>>()
            .join(" "),
    );
    State::Normal
}

/// `- item`, `* item`, `+ item`, `1. item` or `1) item`.
fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m)) {
        return true;
    }
    let digits = line.trim_start_matches(|c: char| c.is_ascii_digit());
    digits.len() < line.len() && (digits.starts_with(". ") || digits.starts_with(") "))
}

/// Whether the paragraph `out` ends with is (part of) a list item.
fn ends_in_list(out: &[String]) -> bool {
    out.iter()
        .rev()
        .take_while(|line| !line.is_empty())
        .any(|line| is_list_item(line))
}

fn flush_indented(mut block: Vec<String>, out: &mut Vec<String>) {
    while block.last().is_some_and(String::is_empty) {
        block.pop();
    }
    let longest = block.iter().map(|l| longest_run(l, '`')).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let trailing_blank = out.last().is_some_and(String::is_empty);
    if !out.is_empty() && !trailing_blank {
        out.push(String::new());
    }
    out.push(format!("{fence}text"));
    out.extend(block);
    out.push(fence);
    out.push(String::new());
}

fn is_closer(line: &str, fence: char, len: usize) -> bool {
    let rest = strip_containers(line);
    let run = rest.chars().take_while(|&c| c == fence).count();
    run >= len && rest[run * fence.len_utf8()..].trim().is_empty()
}

/// `line` without leading spaces, quote markers (`>`) and list markers (`-`, `*`, `+`, `1.`).
fn strip_containers(line: &str) -> &str {
    let mut rest = line.trim_start();
    loop {
        let next = if let Some(r) = rest.strip_prefix('>') {
            r
        } else if let Some(r) = ["- ", "* ", "+ "].iter().find_map(|m| rest.strip_prefix(m)) {
            r
        } else {
            let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            match digits
                .strip_prefix(". ")
                .or_else(|| digits.strip_prefix(") "))
            {
                Some(r) if digits.len() < rest.len() => r,
                _ => return rest,
            }
        };
        rest = next.trim_start();
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

/// The fallback: the whole text, unchanged, in one `text` block no line of it can close.
fn verbatim(text: &str) -> Vec<String> {
    let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
    let mut out = vec![format!("{fence}text")];
    out.extend(text.lines().map(|l| l.trim_end().to_owned()));
    out.push(fence);
    out
}

/// Whether rustdoc would find no code block to compile in `lines`, and would read a block
/// placed after them (after a blank line) as a block of its own.
pub(crate) fn is_inert(lines: &[String]) -> bool {
    const PROBE: &str = "codegen-probe";
    let mut markdown = lines.join("\n");
    markdown.push_str("\n\n```text\n");
    markdown.push_str(PROBE);
    markdown.push_str("\n```\n");
    let mut depth = 0usize;
    let mut in_code = false;
    let mut last_code: Option<(usize, String)> = None;
    for event in Parser::new(&markdown) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.into_string(),
                    CodeBlockKind::Indented => return false,
                };
                if info.trim() != "text" {
                    return false;
                }
                in_code = true;
                last_code = Some((depth, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) if in_code => {
                if let Some((_, body)) = &mut last_code {
                    body.push_str(&text);
                }
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    matches!(last_code, Some((0, body)) if body.trim_end() == PROBE)
}

/// `'https://x/y'.` -> `'<https://x/y>'.`: rustdoc only links URLs in angle brackets. Words that
/// are already links (`<...>`, `[..](...)`) are left alone.
/// Outside code spans, text that rustdoc would read as markup the document did not mean is
/// escaped so it prints as written: a `<` opening a tag (TwiML verbs such as `<Dial>` and
/// `<Conference>`, which rustdoc reports as unclosed HTML; autolinks `<https://...>` are kept) and
/// square brackets that are not a Markdown link (`[OBSOLETE]`, which rustdoc takes for an
/// intra-doc link).
fn escape_inline(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    // Brackets of `[text](url)` links stay; every other bracket is escaped.
    let mut link_brackets = std::collections::BTreeSet::new();
    for (open, _) in chars.iter().enumerate().filter(|(_, c)| **c == '[') {
        let close = chars[open + 1..]
            .iter()
            .position(|c| matches!(c, '[' | ']'))
            .map(|at| open + 1 + at);
        if let Some(close) = close
            && chars[close] == ']'
            && chars.get(close + 1) == Some(&'(')
        {
            link_brackets.insert(open);
            link_brackets.insert(close);
        }
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                // A code span is copied as is, from its opening run to the matching one.
                let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                let end = (i + run..chars.len()).find(|&j| {
                    chars[j..].iter().take_while(|&&c| c == '`').count() == run
                        && (j == 0 || chars[j - 1] != '`')
                });
                let stop = end.map_or(i + run, |j| j + run);
                out.extend(&chars[i..stop]);
                i = stop;
                continue;
            }
            '\\' => {
                out.push(c);
                if let Some(&next) = chars.get(i + 1) {
                    out.push(next);
                }
                i += 2;
                continue;
            }
            '<' => {
                let rest: String = chars[i + 1..].iter().take(8).collect();
                let autolink = ["http://", "https://", "mailto:"]
                    .iter()
                    .any(|scheme| rest.starts_with(scheme));
                let tag_like = chars
                    .get(i + 1)
                    .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'));
                if tag_like && !autolink {
                    out.push('\\');
                }
            }
            '[' | ']' if !link_brackets.contains(&i) => out.push('\\'),
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

fn link_bare_url(word: &str) -> String {
    let Some(start) = word.find("http://").or_else(|| word.find("https://")) else {
        return word.to_owned();
    };
    let (head, url_and_tail) = word.split_at(start);
    if !head.chars().all(|c| matches!(c, '\'' | '"' | '(' | '`')) || head.contains('`') {
        return word.to_owned();
    }
    let url = url_and_tail.trim_end_matches(['.', ',', ';', ':', ')', '\'', '"', '!', '?']);
    let tail = &url_and_tail[url.len()..];
    format!("{head}<{url}>{tail}")
}
