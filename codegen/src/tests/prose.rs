//! The prose renderer: every code block becomes `text`, control characters are normalised.

use crate::prose::{code, doc_lines, inline, is_inert};

fn lines(text: &str) -> Vec<String> {
    doc_lines(Some(text))
}

#[test]
fn every_fence_becomes_text() {
    assert_eq!(lines("~~~\nx\n~~~"), ["~~~text", "x", "~~~"]);
    assert_eq!(lines("````rust\nx\n````"), ["````text", "x", "````"]);
    assert_eq!(lines("> ```\n> x\n> ```"), ["> ```text", "> x", "> ```"]);
    assert_eq!(
        lines("- a\n\n  ```\n  x\n  ```"),
        ["- a", "", "  ```text", "  x", "  ```"]
    );
    // An unclosed fence is closed, so it cannot swallow what the item's docs add after it.
    assert_eq!(lines("```\nx"), ["```text", "x", "```"]);
    // A shorter fence inside a longer one is content.
    assert_eq!(
        lines("````\n```\nx\n```\n````"),
        ["````text", "```", "x", "```", "````"]
    );
}

#[test]
fn indented_code_becomes_a_text_block() {
    assert_eq!(
        lines("Text.\n\n    let x = 1;\n\n    x\nAfter."),
        [
            "Text.",
            "",
            "```text",
            "let x = 1;",
            "",
            "x",
            "```",
            "",
            "After."
        ]
    );
    assert_eq!(lines("\tx"), ["```text", "x", "```", ""]);
}

#[test]
fn control_characters_are_normalised() {
    assert_eq!(lines("a\rb\r\nc\u{2028}d"), ["a", "b", "c", "d"]);
    assert_eq!(lines("a\u{7}b\u{202E}c"), ["a bc"]);
    assert_eq!(inline("a\r\nb\tc"), "a b c");
    assert_eq!(code("a\nb"), "`a b`");
}

#[test]
fn inline_text_cannot_start_a_block() {
    assert_eq!(inline("```rust x"), "\\```rust x");
    assert_eq!(inline("# Title"), "\\# Title");
    assert_eq!(inline("<pre>"), "\\<pre>");
    assert_eq!(inline("1. one"), "1\\. one");
    assert_eq!(inline("2024 plans"), "2024 plans");
    assert_eq!(inline("Create an order."), "Create an order.");
}

#[test]
fn code_spans_hold_any_backticks() {
    assert_eq!(code("a"), "`a`");
    assert_eq!(code("a`b"), "`` a`b ``");
    assert_eq!(code("```"), "```` ``` ````");
}

#[test]
fn what_cannot_be_made_safe_is_shown_verbatim() {
    // An HTML block would hide the fences from this renderer's view but not from rustdoc's; a
    // tag-like `<` is escaped, so there is no HTML block and the fence becomes `text`.
    let text = "<pre>\n\n```\nx\n```";
    let out = lines(text);
    assert_eq!(out, ["\\<pre>", "", "```text", "x", "```"]);
    assert!(is_inert(&out));
    assert!(!is_inert(&[
        "```".to_owned(),
        "x".to_owned(),
        "```".to_owned()
    ]));
    assert!(
        !is_inert(&["<!--".to_owned()]),
        "an open comment swallows what follows"
    );
}

mod properties {
    use proptest::prelude::*;

    use crate::prose::{code, doc_lines, inline, is_inert};

    /// Text made of the pieces Markdown block structure is built from.
    fn markdownish() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "```",
            "~~~",
            "````",
            "`",
            "    ",
            "\t",
            "> ",
            "- ",
            "1. ",
            "<pre>",
            "</pre>",
            "<!--",
            "-->",
            "<div>",
            "# ",
            "\n",
            "\n\n",
            "\r",
            "\r\n",
            "\u{2028}",
            "\u{202E}",
            "\u{7}",
            "rust",
            "text",
            "compile_error!(\"ran\");",
            "x",
            " ",
            "https://a.example/b",
            "[",
            "]",
            "\\",
            "*",
            "_",
            "|",
            "=",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    fn cases() -> u32 {
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(3_000)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

        /// Whatever the text, rustdoc finds no code block to compile in its rendering, nothing
        /// is left open after it, and no CR or bidi override survives.
        #[test]
        fn any_description_renders_inert(text in markdownish()) {
            let lines = doc_lines(Some(&text));
            prop_assert!(is_inert(&lines), "{text:?} -> {lines:#?}");
            for line in &lines {
                prop_assert!(!line.contains(['\r', '\u{202E}', '\u{2028}']), "{line:?}");
            }
        }

        /// Inline text stays one paragraph line, and a code span one code span.
        #[test]
        fn inline_text_and_code_spans_stay_inline(text in markdownish()) {
            for rendered in [inline(&text), code(&text)] {
                prop_assert!(!rendered.contains(['\n', '\r']), "{rendered:?}");
                prop_assert!(is_inert(std::slice::from_ref(&rendered)), "{text:?} -> {rendered:?}");
                // At the top level, at most one block, and that a paragraph.
                let mut depth = 0usize;
                let mut top = Vec::new();
                for event in pulldown_cmark::Parser::new(&rendered) {
                    match event {
                        pulldown_cmark::Event::Start(tag) => {
                            if depth == 0 {
                                top.push(tag);
                            }
                            depth += 1;
                        }
                        pulldown_cmark::Event::End(_) => depth -= 1,
                        _ => {}
                    }
                }
                prop_assert!(
                    top.len() <= 1 && top.iter().all(|t| matches!(t, pulldown_cmark::Tag::Paragraph)),
                    "{text:?} -> {rendered:?}: {top:?}"
                );
            }
        }
    }
}

/// Twilio's prose names TwiML verbs (`<Dial>`) and flags (`[OBSOLETE]`): rustdoc would read them
/// as an unclosed HTML tag and a broken intra-doc link, failing `cargo doc -D warnings`.
#[test]
fn tags_and_brackets_that_are_not_markup_print_as_written() {
    assert_eq!(
        lines("[OBSOLETE] Use the <Dial> verb; see [the docs](https://x.example/a)."),
        ["\\[OBSOLETE\\] Use the \\<Dial> verb; see [the docs](https://x.example/a)."]
    );
    // Code spans and autolinks are left alone.
    assert_eq!(
        lines("Send `<Say>[x]</Say>` to <https://x.example/>."),
        ["Send `<Say>[x]</Say>` to <https://x.example/>."]
    );
}
