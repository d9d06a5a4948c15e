//! Webhook signatures against known values: every signature below was published by Twilio in
//! the test suites of its official libraries (the source is named next to each), except the
//! HMAC-SHA256 ones, which Twilio publishes none of and which were computed with Python's
//! standard `hmac` module (an implementation independent of ours).

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};

use crate::runtime::webhook::{
    Algorithm, BundleStatus, BundleStatusCallback, FormParams, SIGNATURE_HEADER,
    SIGNATURE_SETTINGS_HEADER, Validator, WebhookError, WebhookPayload, body_sha256_hex, sign,
};

/// The Auth Token, URL and parameters every library's suite uses.
pub(super) const TOKEN: &str = "12345";
pub(super) const URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";
/// twilio-python tests/unit/test_request_validator.py, twilio-java RequestValidatorTest,
/// twilio-go client/request_validator_test.go, twilio-node spec/validation.spec.js.
const SIGNATURE: &str = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
const JSON_BODY: &str = r#"{"property": "value", "boolean": true}"#;
/// Its SHA-256; the same four suites.
const JSON_BODY_SHA256: &str = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

pub(super) fn params() -> FormParams {
    [
        ("CallSid", "CA1234567890ABCDE"),
        ("Caller", "+14158675309"),
        ("Digits", "1234"),
        ("From", "+14158675309"),
        ("To", "+18005551212"),
    ]
    .into_iter()
    .collect()
}

/// The form body of `params`, percent-encoded as Twilio sends it.
pub(super) fn form_body(params: &FormParams) -> Vec<u8> {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (name, value) in params.iter() {
        serializer.append_pair(name, value);
    }
    serializer.finish().into_bytes()
}

pub(super) fn headers(signature: &str, content_type: Option<&str>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(SIGNATURE_HEADER, HeaderValue::from_str(signature).unwrap());
    if let Some(content_type) = content_type {
        headers.insert(CONTENT_TYPE, HeaderValue::from_str(content_type).unwrap());
    }
    headers
}

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");
const JSON: Option<&str> = Some("application/json");

fn check_form(url: &str, params: &FormParams, signature: &str) -> Result<(), WebhookError> {
    Validator::new(TOKEN).validate(url, &headers(signature, FORM), &form_body(params))
}

#[test]
fn form_signatures_of_twilios_suites_validate() {
    let cases: &[(&str, &str, &str)] = &[
        // All four suites: the URL as configured.
        (URL, SIGNATURE, "the URL as given"),
        // All four: a port in the URL, the signature made without it.
        (
            "https://mycompany.com:1234/myapp.php?foo=1&bar=2",
            SIGNATURE,
            "port removed (https)",
        ),
        // All four: "hash of uri with port 443".
        (URL, "kvajT1Ptam85bY51eRf/AJRuM3w=", ":443 added"),
        // All four: "hash of http uri with port 1234".
        (
            "http://mycompany.com:1234/myapp.php?foo=1&bar=2",
            "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=",
            "http with its port kept",
        ),
        // All four: "hash of uri with port 80".
        (
            "http://mycompany.com/myapp.php?foo=1&bar=2",
            "0ZXoZLH/DfblKGATFgpif+LLRf4=",
            ":80 added",
        ),
        // twilio-node spec/validation.spec.js: "should validate urls with credentials".
        (
            "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2",
            "CukzLTc1tT5dXEDIHm/tKBanW10=",
            "userinfo",
        ),
        // twilio-node: "should validate urls with just username".
        (
            "https://user@mycompany.com/myapp.php?foo=1&bar=2",
            "2YRLlVAflCqxaNicjMpJcSTgzSs=",
            "username only",
        ),
        // twilio-node: "should validate urls with credentials by adding port".
        (
            "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2",
            "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=",
            "userinfo and :443 added",
        ),
        // The same signature when the URL carries the port the signature was made with.
        (
            "https://user:pass@mycompany.com:443/myapp.php?foo=1&bar=2",
            "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=",
            "userinfo and :443 given",
        ),
        (
            "https://mycompany.com:443/myapp.php?foo=1&bar=2",
            SIGNATURE,
            ":443 given, signed without",
        ),
        // twilio-node: "should validate urls with special characters" (query kept as sent).
        (
            "https://mycompany.com/myapp.php?foo=1&bar=2&Body=It's+amazing",
            "dsq4Ehbj6cs+KdTkpF5sSSplOWw=",
            "query exactly as sent",
        ),
    ];
    for (url, signature, what) in cases {
        assert_eq!(check_form(url, &params(), signature), Ok(()), "{what}");
    }
    assert_eq!(sign(Algorithm::HmacSha1, TOKEN, URL, &params()), SIGNATURE);
}

#[test]
fn repeated_parameters_sign_each_distinct_value_sorted() {
    // twilio-python test_compute_signature_duplicate_multi_dict and twilio-node "should
    // validate request body with multiple params and values": IK+Dwps556ElfBT0I3Rgjkr1wJU=.
    let expected = "IK+Dwps556ElfBT0I3Rgjkr1wJU=";
    for digits in [
        &["5678", "1234"][..],
        &["5678", "1234", "1234"],
        &["1234", "5678"],
    ] {
        let mut params: FormParams = [("Sid", "CA123"), ("SidAccount", "AC123")]
            .into_iter()
            .collect();
        for value in digits {
            params.push("Digits", *value);
        }
        assert_eq!(check_form(URL, &params, expected), Ok(()), "{digits:?}");
        assert_eq!(sign(Algorithm::HmacSha1, TOKEN, URL, &params), expected);
    }
    // twilio-node: an array parameter, in either order: 83O6e2vORAoJHUNzJjDWN1jz+BA=.
    for addresses in [
        ["+1325xxxxxxx", "+1415xxxxxxx"],
        ["+1415xxxxxxx", "+1325xxxxxxx"],
    ] {
        let params: FormParams = addresses
            .iter()
            .map(|a| ("MessagingBinding.Address", *a))
            .collect();
        assert_eq!(
            check_form(URL, &params, "83O6e2vORAoJHUNzJjDWN1jz+BA="),
            Ok(())
        );
    }
}

#[test]
fn json_bodies_validate_with_their_body_hash() {
    assert_eq!(body_sha256_hex(JSON_BODY.as_bytes()), JSON_BODY_SHA256);
    let validator = Validator::new(TOKEN);
    // All four suites: a9nBmqA0ju/hNViExpshrM61xv4=.
    let url = format!("{URL}&bodySHA256={JSON_BODY_SHA256}");
    let signed = headers("a9nBmqA0ju/hNViExpshrM61xv4=", JSON);
    assert_eq!(
        validator.validate(&url, &signed, JSON_BODY.as_bytes()),
        Ok(())
    );
    // twilio-go, twilio-java, twilio-node: bodySHA256 the only query parameter.
    let url = format!("https://mycompany.com/myapp.php?bodySHA256={JSON_BODY_SHA256}");
    let signed = headers("y77kIzt2vzLz71DgmJGsen2scGs=", JSON);
    assert_eq!(
        validator.validate(&url, &signed, JSON_BODY.as_bytes()),
        Ok(())
    );
    // twilio-node "should validate request body when empty": the body `{}`.
    let empty_hash = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    assert_eq!(body_sha256_hex(b"{}"), empty_hash);
    let url = format!("{URL}&bodySHA256={empty_hash}");
    let signed = headers("Ldidvp12m26NI7eqEvxnEpkd9Hc=", JSON);
    assert_eq!(validator.validate(&url, &signed, b"{}"), Ok(()));
}

#[test]
fn tampered_requests_are_refused_with_their_reason() {
    let validator = Validator::new(TOKEN);
    let body = form_body(&params());
    // twilio-java testFailsWhenIncorrect and the other suites' wrong signatures.
    for wrong in [
        "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=",
        "WRONG_SIGNATURE",
        "",
        "kvajT1Ptam85bY51eRf/AJRuM3w",
    ] {
        assert_eq!(
            validator.validate(URL, &headers(wrong, FORM), &body),
            Err(WebhookError::BadSignature),
            "{wrong:?}"
        );
    }
    assert_eq!(
        validator.validate(URL, &HeaderMap::new(), &body),
        Err(WebhookError::MissingSignature)
    );
    // twilio-node: a query parameter the signature did not cover.
    assert_eq!(
        validator.validate(
            &format!("{URL}&somethingUnexpected=true"),
            &headers(SIGNATURE, FORM),
            &body
        ),
        Err(WebhookError::BadSignature)
    );
    // Another token.
    assert_eq!(
        Validator::new("54321").validate(URL, &headers(SIGNATURE, FORM), &body),
        Err(WebhookError::BadSignature)
    );
    // A JSON body changed on the way: the URL's signature holds, the hash does not.
    let url = format!("{URL}&bodySHA256={JSON_BODY_SHA256}");
    let signed = headers("a9nBmqA0ju/hNViExpshrM61xv4=", JSON);
    assert_eq!(
        validator.validate(&url, &signed, br#"{"property": "value", "boolean": false}"#),
        Err(WebhookError::BodyHashMismatch)
    );
    // twilio-node "should fail validation of post body with wrong hash": the URL's last digit
    // dropped, so the signature no longer matches.
    assert_eq!(
        validator.validate(&url[..url.len() - 1], &signed, JSON_BODY.as_bytes()),
        Err(WebhookError::BadSignature)
    );
    // twilio-java testValidateBodyWithoutSignature: a JSON body without bodySHA256.
    assert_eq!(
        validator.validate(URL, &headers(SIGNATURE, JSON), JSON_BODY.as_bytes()),
        Err(WebhookError::UnsignedBody)
    );
    for bad_url in [
        "/myapp.php",
        "mycompany.com/myapp.php",
        "ftp://mycompany.com/",
        " https://mycompany.com/",
        "https:mycompany.com/x",
    ] {
        assert_eq!(
            validator.validate(bad_url, &headers(SIGNATURE, FORM), &body),
            Err(WebhookError::InvalidUrl),
            "{bad_url:?}"
        );
    }
}

#[test]
fn shared_keys_sign_with_hmac_sha256() {
    // Computed with Python's hmac module: HMAC-SHA256 keyed with "shared-secret-1" over the
    // suites' URL and parameters, and over the JSON body's URL.
    let form_signature = "3/JJEEZcPkT6NDKMK3Jsh3QM70AeTrRhnLl7zRFjyvg=";
    let json_signature = "b4LILFTaJS2Wm/FSGKRSYq/sVaJN6iEfYq1oT5HsUbU=";
    let validator = Validator::new(TOKEN).with_shared_key("KS0001", "shared-secret-1");
    let with_settings = |signature: &str, content_type, settings: &str| {
        let mut headers = headers(signature, content_type);
        headers.insert(
            SIGNATURE_SETTINGS_HEADER,
            HeaderValue::from_str(settings).unwrap(),
        );
        headers
    };
    let body = form_body(&params());
    let settings = "key=KS0001,algorithm=HMAC_SHA256";
    assert_eq!(
        validator.validate(URL, &with_settings(form_signature, FORM, settings), &body),
        Ok(())
    );
    assert_eq!(
        sign(Algorithm::HmacSha256, "shared-secret-1", URL, &params()),
        form_signature
    );
    let url = format!("{URL}&bodySHA256={JSON_BODY_SHA256}");
    let headers_json = with_settings(
        json_signature,
        JSON,
        " key = KS0001 , algorithm = HMAC_SHA256 ",
    );
    assert_eq!(
        validator.validate(&url, &headers_json, JSON_BODY.as_bytes()),
        Ok(())
    );

    // The settings header decides the key: the Auth Token's SHA-1 signature no longer counts.
    assert_eq!(
        validator.validate(URL, &with_settings(SIGNATURE, FORM, settings), &body),
        Err(WebhookError::BadSignature)
    );
    let refusals = [
        ("key=KS9999,algorithm=HMAC_SHA256", WebhookError::UnknownKey),
        (
            "key=KS0001,algorithm=HMAC_MD5",
            WebhookError::UnsupportedAlgorithm,
        ),
        ("key=KS0001", WebhookError::InvalidSignatureSettings),
        ("HMAC_SHA256", WebhookError::InvalidSignatureSettings),
    ];
    for (settings, reason) in refusals {
        assert_eq!(
            validator.validate(URL, &with_settings(form_signature, FORM, settings), &body),
            Err(reason),
            "{settings}"
        );
    }
    // Without shared keys, a request naming one is refused.
    assert_eq!(
        Validator::new(TOKEN).validate(URL, &with_settings(form_signature, FORM, settings), &body),
        Err(WebhookError::UnknownKey)
    );
}

#[test]
fn a_rotated_token_is_accepted_next_to_the_current_one() {
    let validator = Validator::new("new-token").with_auth_token(TOKEN);
    assert_eq!(
        validator.validate(URL, &headers(SIGNATURE, FORM), &form_body(&params())),
        Ok(())
    );
}

#[test]
fn form_params_keep_order_and_repeated_names() {
    let params = FormParams::parse(b"Digits=1&To=%2B1800&Digits=2&Body=a+b");
    assert_eq!(params.len(), 4);
    assert_eq!(params.get("Digits"), Some("1"));
    assert_eq!(params.get_all("Digits").collect::<Vec<_>>(), ["1", "2"]);
    assert_eq!(params.get("To"), Some("+1800"));
    assert_eq!(params.get("Body"), Some("a b"));
    assert!(params.contains("Body") && !params.contains("From"));
    assert_eq!(
        params.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        ["Digits", "To", "Digits", "Body"]
    );
}

#[test]
fn bundle_status_callbacks_parse_and_keep_unknown_fields() {
    let params = FormParams::parse(
        b"BundleSid=BUaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&Status=twilio-rejected&AccountSid=ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&FailureReason=Jane+Canary%27s+ID+is+blurred&NewField=x",
    );
    let callback = BundleStatusCallback::from_webhook(params, b"").unwrap();
    assert_eq!(callback.bundle_sid, "BUaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assert_eq!(callback.status, BundleStatus::TwilioRejected);
    assert_eq!(
        callback.account_sid.as_deref(),
        Some("ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
    );
    assert_eq!(
        callback.failure_reason.as_deref(),
        Some("Jane Canary's ID is blurred")
    );
    assert_eq!(callback.other.get("NewField"), Some("x"));
    assert_eq!(callback.other.len(), 1);
    let shown = format!("{callback:?}");
    assert!(
        !shown.contains("Jane") && shown.contains("NewField"),
        "{shown}"
    );

    let later = FormParams::parse(b"BundleSid=BU1&Status=archived");
    let callback = BundleStatusCallback::from_webhook(later, b"").unwrap();
    assert_eq!(
        callback.status,
        BundleStatus::Unknown("archived".to_owned())
    );
    assert_eq!(callback.status.to_string(), "archived");
    let missing = FormParams::parse(b"Status=draft");
    let error = BundleStatusCallback::from_webhook(missing, b"").unwrap_err();
    assert_eq!(error.to_string(), "the webhook has no BundleSid parameter");
}

#[test]
fn secrets_and_requests_stay_out_of_debug_and_errors() {
    let validator =
        Validator::new("cafebabe0ddba11cafebabe0ddba11ca").with_shared_key("KS1", "hunter2-secret");
    let shown = format!("{validator:?} {validator:#?}");
    assert!(
        !shown.contains("cafebabe") && !shown.contains("hunter2"),
        "{shown}"
    );
    let params = FormParams::parse(b"From=%2B15557654321&Body=hello+Jane");
    let shown = format!("{params:?}");
    assert!(
        !shown.contains("5557654321") && !shown.contains("Jane") && shown.contains("From"),
        "{shown}"
    );
    let body = b"From=%2B15557654321";
    let refused = validator
        .validate(URL, &headers("c2lnbmF0dXJlLWNhbmFyeQ==", FORM), body)
        .unwrap_err();
    let shown = format!("{refused} {refused:?}");
    for canary in ["c2lnbmF0dXJl", "5557654321", "cafebabe", "mycompany"] {
        assert!(!shown.contains(canary), "{canary} in {shown}");
    }
}
