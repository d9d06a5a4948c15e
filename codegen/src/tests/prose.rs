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
    // An HTML block would hide the fences from this renderer's view but not from rustdoc's.
    let text = "<pre>\n\n```\nx\n```";
    let out = lines(text);
    assert_eq!(out, ["````text", "<pre>", "", "```", "x", "```", "````"]);
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
