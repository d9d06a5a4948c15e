//! What validating one webhook costs: `cargo bench -p tests --bench webhook`.
//!
//! A Bundle status callback (four form parameters, HMAC-SHA1, the URL as given matching first),
//! the same signed with `:443` (the validator tries the port forms in turn, so this is its worst
//! case for one token), a JSON body with `bodySHA256`, and a stranger's request (every form
//! tried, none matches).

use twilio_numbers_v2::webhook::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use twilio_numbers_v2::webhook::{
    Algorithm, FormParams, SIGNATURE_HEADER, Validator, body_sha256_hex, sign,
};

const TOKEN: &str = "0123456789abcdef0123456789abcdef";
const URL: &str = "https://hooks.example.com/twilio/bundles?tenant=42";
const BODY: &[u8] = b"AccountSid=ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&BundleSid=BUaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&Status=twilio-rejected&FailureReason=The+document+is+blurred";

fn main() {
    divan::main();
}

fn headers(signature: &str, content_type: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(SIGNATURE_HEADER, HeaderValue::from_str(signature).unwrap());
    headers.insert(CONTENT_TYPE, HeaderValue::from_str(content_type).unwrap());
    headers
}

const FORM: &str = "application/x-www-form-urlencoded";

#[divan::bench]
fn form_signed_as_configured(bencher: divan::Bencher) {
    let validator = Validator::new(TOKEN);
    let headers = headers(
        &sign(Algorithm::HmacSha1, TOKEN, URL, &FormParams::parse(BODY)),
        FORM,
    );
    bencher.bench(|| {
        validator
            .validate(divan::black_box(URL), &headers, divan::black_box(BODY))
            .unwrap()
    });
}

#[divan::bench]
fn form_signed_with_port(bencher: divan::Bencher) {
    let validator = Validator::new(TOKEN);
    let with_port = URL.replace(".com/", ".com:443/");
    let headers = headers(
        &sign(
            Algorithm::HmacSha1,
            TOKEN,
            &with_port,
            &FormParams::parse(BODY),
        ),
        FORM,
    );
    bencher.bench(|| {
        validator
            .validate(divan::black_box(URL), &headers, divan::black_box(BODY))
            .unwrap()
    });
}

#[divan::bench]
fn json_with_body_hash(bencher: divan::Bencher) {
    let body = br#"{"bundle_sid":"BUaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","status":"twilio-approved"}"#;
    let url = format!("{URL}&bodySHA256={}", body_sha256_hex(body));
    let validator = Validator::new(TOKEN);
    let headers = headers(
        &sign(Algorithm::HmacSha1, TOKEN, &url, &FormParams::new()),
        "application/json",
    );
    bencher.bench(|| {
        validator
            .validate(divan::black_box(&url), &headers, divan::black_box(body))
            .unwrap()
    });
}

#[divan::bench]
fn strangers_request(bencher: divan::Bencher) {
    let validator = Validator::new(TOKEN);
    let headers = headers(
        &sign(
            Algorithm::HmacSha1,
            "a guess",
            URL,
            &FormParams::parse(BODY),
        ),
        FORM,
    );
    bencher.bench(|| {
        validator
            .validate(divan::black_box(URL), &headers, divan::black_box(BODY))
            .unwrap_err()
    });
}
