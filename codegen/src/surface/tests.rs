//! Additive spec changes are compatible changes of the generated crate, and names stay put.

use crate::Pins;
use crate::surface::Surface;
use crate::surface::diff::{Bump, Label, diff};

/// A document with one resource (`Widget`, SID prefix `WI`) and whatever `extra` adds under
/// its properties, plus `more_paths`.
fn doc(extra_properties: &str, more_paths: &str) -> String {
    format!(
        r#"openapi: 3.0.1
info: {{ title: T, version: 1.0.0 }}
servers: [{{ url: "https://numbers.twilio.com" }}]
components:
  schemas:
    numbers.v2.widget:
      type: object
      properties:
        sid: {{ type: string, pattern: "^WI[0-9a-fA-F]{{32}}$", nullable: true }}
        sms_application_sid: {{ type: string, pattern: "^AP[0-9a-fA-F]{{32}}$", nullable: true }}
        attributes: {{ nullable: true, description: Anything. }}
{extra_properties}
paths:
  /v2/Widgets/{{Sid}}:
    get:
      operationId: FetchWidget
      parameters:
      - {{ name: Sid, in: path, required: true, schema: {{ type: string, pattern: "^WI[0-9a-fA-F]{{32}}$" }} }}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {{ $ref: '#/components/schemas/numbers.v2.widget' }}
{more_paths}
"#
    )
}

fn surface(text: &str, pins: &Pins) -> Surface {
    crate::surface_with("t.yaml", text, pins).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn additions_are_compatible_and_keep_names() {
    let old = surface(&doc("", ""), &Pins::default());
    // A new field, and a new resource whose own `sid` claims `AP` (as Short Code Applications
    // did in 20260310): `AP` would now be named after it, but the accepted name is kept.
    let new_text = doc(
        "        color: { type: string, enum: [red, blue], nullable: true }",
        r#"  /v2/Apps/{Sid}:
    get:
      operationId: FetchApp
      parameters:
      - { name: Sid, in: path, required: true, schema: { type: string, pattern: "^AP[0-9a-fA-F]{32}$" } }
      responses:
        '204': { description: Gone }"#,
    );
    let fresh = surface(&new_text, &Pins::default());
    assert!(fresh.to_string().contains("sid AppSid = \"AP\""), "{fresh}");
    let new = surface(&new_text, &Pins::from_surface(&old));
    assert!(
        new.to_string().contains("sid SmsApplicationSid = \"AP\""),
        "{new}"
    );
    let report = diff(&old, &new);
    assert_eq!(report.count(Label::Breaking), 0, "{}", report.to_text(None));
    assert_eq!(report.bump(), Bump::Minor);
}

#[test]
fn an_object_without_properties_is_a_json_value_like_an_untyped_one() {
    let untyped = surface(&doc("", ""), &Pins::default());
    let object = surface(
        &doc("", "").replace(
            "attributes: { nullable: true,",
            "attributes: { type: object, nullable: true,",
        ),
        &Pins::default(),
    );
    assert!(
        untyped
            .to_string()
            .contains("model Widget field attributes: Option<Value>")
    );
    assert_eq!(untyped, object, "flipping `type: object` changes nothing");
}

#[test]
fn an_alias_that_becomes_a_struct_is_one_breaking_change() {
    let old = Surface::parse("alias A = Value\n");
    let new = Surface::parse("model A = deserialize\nmodel A field x: Option<String>\n");
    let report = diff(&old, &new);
    let text = report.to_text(None);
    assert_eq!(report.entries.len(), 2, "{text}");
    assert!(
        text.contains("breaking   changed model A = deserialize  (was = Value)"),
        "{text}"
    );
}
