//! Spec text is inert: `fixtures/ok/hostile_prose.yaml` hides `compile_error!` in every place
//! spec prose reaches the docs; rustdoc must find no code block to compile in any of it.
//! (`.ci/run` also builds that fixture as a crate and runs its doctests.)

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// Each code block rustdoc would see in `markdown`: (info string, body).
fn code_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.into_string(),
                    CodeBlockKind::Indented => "(indented)".to_owned(),
                };
                current = Some((info, String::new()));
            }
            Event::Text(text) => {
                if let Some((_, body)) = &mut current {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

/// The doc comments of a generated Rust file, one Markdown text per documented item.
fn doc_texts(rust: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in rust.lines() {
        let trimmed = line.trim_start();
        let doc = trimmed
            .strip_prefix("///")
            .or_else(|| trimmed.strip_prefix("//!"));
        match doc {
            Some(doc) => current.push(doc.strip_prefix(' ').unwrap_or(doc)),
            None if !current.is_empty() => texts.push(std::mem::take(&mut current).join("\n")),
            None => {}
        }
    }
    if !current.is_empty() {
        texts.push(current.join("\n"));
    }
    texts
}

#[test]
fn test_hostile_prose_never_becomes_a_doctest() {
    let label = "fixtures/ok/hostile_prose.yaml";
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/it/fixtures/ok/hostile_prose.yaml"
    );
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    let options = codegen::Options {
        crate_name: "hostile_prose".to_owned(),
        spec_label: label.to_owned(),
    };
    let output = codegen::generate(label, &text, &options).expect("the fixture generates");
    let mut runnable = 0;
    for (name, contents) in &output.files {
        assert!(!contents.contains('\r'), "{name} has a bare CR");
        assert!(!contents.contains('\u{202E}'), "{name} has a bidi override");
        let texts = if name.ends_with(".md") {
            vec![contents.clone()]
        } else {
            doc_texts(contents)
        };
        for (info, body) in texts.iter().flat_map(|t| code_blocks(t)) {
            if info != "text" {
                // Only the generator's own examples may be compiled.
                assert_eq!(
                    info, "no_run",
                    "{name}: a spec code block became a doctest:\n{body}"
                );
                assert!(
                    !body.contains("compile_error"),
                    "{name}: spec code in an example:\n{body}"
                );
                runnable += 1;
            }
        }
    }
    assert!(
        runnable > 0,
        "the generator's own examples are still compiled"
    );
    // Each file's preamble stays one line whatever the spec's file name holds.
    let options = codegen::Options {
        crate_name: "hostile_prose".to_owned(),
        spec_label: "x.yaml\npub fn injected() {}\n".to_owned(),
    };
    let output = codegen::generate(label, &text, &options).expect("the fixture generates");
    for (name, contents) in &output.files {
        let second = contents.lines().nth(1).unwrap_or_default();
        assert!(!second.contains("injected"), "{name}: {second}");
    }
}
