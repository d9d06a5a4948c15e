//! Runs inside the crate generated from `tests/it/fixtures/ok/tolerances.yaml` (see `.ci/run`):
//! each of the generator's decoding tolerances against the shapes Twilio's servers send, with
//! round trips (decode, encode, decode) and property tests.

use proptest::prelude::*;
use serde_json::{Value, json};
use tolerances::Decimal;
use tolerances::enums::PlaceKind;
use tolerances::models::Place;
use tolerances::sids::{BrandSid, PlaceSid};

const SID: &str = "PLaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

/// What Twilio sends for a place: every deviation from the document at once.
fn as_sent() -> Value {
    json!({
        "sid": SID,
        "application_sid": "",
        "brand_sid": "BN12345",
        "latitude": "19.720000",
        "longitude": -155.09,
        "price": "-0.00750",
        "base_price": "1.000",
        "rooms": "3",
        "floors": 2,
        "open": "true",
        "kind": "",
        "opened": "",
        "date_created": "Thu, 30 Jul 2015 20:00:00 +0000",
        "date_updated": "2015-07-30T20:00:00Z",
        "links": {"self": "https://tolerances.twilio.com/v1/Places/x", "last_visit": null},
        "counts": {"a": 1, "b": null},
        "visited_on": "2015-07-30",
    })
}

fn decode(value: &Value) -> Result<Place, serde_json::Error> {
    serde_json::from_value(value.clone())
}

/// Decode, encode, decode: the second decode equals the first.
fn round_trip(place: &Place) -> Place {
    let encoded = serde_json::to_value(place).expect("encodes");
    decode(&encoded).expect("the re-encoded place decodes")
}

#[test]
fn every_deviation_decodes_into_the_documented_types() {
    let place = decode(&as_sent()).expect("decodes");
    assert_eq!(place.sid, SID);
    assert_eq!(place.application_sid, None, "\"\" is no application");
    assert_eq!(place.latitude, Some(19.72));
    assert_eq!(place.longitude, Some(-155.09));
    assert_eq!(place.rooms, 3);
    assert_eq!(place.floors, Some(2));
    assert_eq!(place.open, Some(true));
    assert_eq!(place.kind, None, "\"\" is no enum value");
    assert_eq!(place.opened, None, "\"\" is no timestamp");
    let created: jiff::Timestamp = "2015-07-30T20:00:00Z".parse().unwrap();
    assert_eq!(place.date_created, Some(created), "RFC 2822 is typed");
    assert_eq!(place.date_updated, Some(created));
    assert_eq!(place.visited_on, Some(jiff::civil::date(2015, 7, 30)));
    let links = place.links.as_ref().unwrap();
    assert_eq!(links["last_visit"], None, "a null link is kept as None");
    assert!(links["self"].is_some());
    assert_eq!(place.counts.as_ref().unwrap()["b"], None);
    assert_eq!(round_trip(&place), place);
}

#[test]
fn prices_keep_every_digit_twilio_sent() {
    let place = decode(&as_sent()).unwrap();
    let price: Decimal = place.price.unwrap();
    assert_eq!(price.to_string(), "-0.00750");
    assert_eq!(place.base_price.unwrap().to_string(), "1.000");
    // Encoded as text, so the digits survive the round trip too.
    let encoded = serde_json::to_value(&place).unwrap();
    assert_eq!(encoded["price"], json!("-0.00750"));
    // A price sent as a JSON number keeps the digits as written, not a binary expansion.
    let mut sent = as_sent();
    sent["price"] = json!(0.1);
    assert_eq!(decode(&sent).unwrap().price.unwrap().to_string(), "0.1");
}

#[test]
fn rfc_2822_timestamps_re_encode_as_twilio_writes_them() {
    let place = decode(&as_sent()).unwrap();
    let encoded = serde_json::to_value(&place).unwrap();
    assert_eq!(encoded["date_created"], json!("Thu, 30 Jul 2015 20:00:00 +0000"));
    // Other offsets are read as the instant they name.
    let mut sent = as_sent();
    sent["date_created"] = json!("Thu, 30 Jul 2015 22:00:00 +0200");
    let created: jiff::Timestamp = "2015-07-30T20:00:00Z".parse().unwrap();
    assert_eq!(decode(&sent).unwrap().date_created, Some(created));
}

#[test]
fn a_malformed_sid_from_twilio_is_kept_but_one_a_user_builds_is_refused() {
    let place = decode(&as_sent()).unwrap();
    let brand = place.brand_sid.as_ref().unwrap();
    assert_eq!(brand.as_str(), "BN12345");
    assert!(!brand.is_well_formed());
    assert!(place.sid.is_well_formed());
    assert!("BN12345".parse::<BrandSid>().is_err());
    assert!(PlaceSid::parse("PL123").is_err());
}

#[test]
fn an_unlisted_enum_value_is_kept() {
    let mut sent = as_sent();
    sent["kind"] = json!("castle");
    let place = decode(&sent).unwrap();
    assert_eq!(place.kind, Some(PlaceKind::Unknown("castle".to_owned())));
    assert_eq!(round_trip(&place), place);
}

#[test]
fn values_that_are_not_what_the_field_holds_are_still_refused() {
    for (field, value) in [
        ("latitude", json!("north")),
        ("latitude", json!("NaN")),
        ("rooms", json!("")),
        ("rooms", json!(2.5)),
        ("floors", json!(4_294_967_296_i64)),
        ("open", json!("yes")),
        ("date_created", json!("yesterday")),
        ("price", json!(true)),
    ] {
        let mut sent = as_sent();
        sent[field] = value.clone();
        assert!(decode(&sent).is_err(), "{field} = {value} should not decode");
    }
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(500);
    ProptestConfig::with_cases(cases)
}

const OPTIONAL: &[&str] = &[
    "application_sid",
    "brand_sid",
    "latitude",
    "longitude",
    "price",
    "base_price",
    "floors",
    "open",
    "kind",
    "opened",
    "date_created",
    "date_updated",
    "visited_on",
];

proptest! {
    #![proptest_config(config())]

    /// Any finite number decodes the same from a JSON number and from its text.
    #[test]
    fn any_number_as_number_or_text(value in any::<f64>().prop_filter("finite", |v| v.is_finite())) {
        let mut as_number = as_sent();
        as_number["latitude"] = json!(value);
        let mut as_text = as_sent();
        as_text["latitude"] = json!(value.to_string());
        let from_number = decode(&as_number).unwrap();
        let from_text = decode(&as_text).unwrap();
        prop_assert_eq!(from_number.latitude, Some(value));
        prop_assert_eq!(from_text.latitude, Some(value));
        prop_assert_eq!(round_trip(&from_text), from_text);
    }

    /// Any integer decodes the same from a JSON number and from its text.
    #[test]
    fn any_integer_as_number_or_text(value in any::<i64>()) {
        let mut as_number = as_sent();
        as_number["rooms"] = json!(value);
        let mut as_text = as_sent();
        as_text["rooms"] = json!(value.to_string());
        prop_assert_eq!(decode(&as_number).unwrap().rooms, value);
        prop_assert_eq!(decode(&as_text).unwrap().rooms, value);
    }

    /// Any decimal written as text keeps its digits and scale.
    #[test]
    fn any_price_keeps_its_digits(units in any::<i64>(), scale in 0u32..=12) {
        let text = Decimal::new(units, scale).to_string();
        let mut sent = as_sent();
        sent["price"] = json!(text.clone());
        let place = decode(&sent).unwrap();
        prop_assert_eq!(place.price.unwrap().to_string(), text);
        prop_assert_eq!(round_trip(&place), place);
    }

    /// Any subset of the optional fields sent as "" decodes, each as None, the rest intact.
    #[test]
    fn any_optional_field_as_empty_text(mask in prop::collection::vec(any::<bool>(), OPTIONAL.len())) {
        let mut sent = as_sent();
        for (field, empty) in OPTIONAL.iter().zip(&mask) {
            if *empty {
                sent[*field] = json!("");
            }
        }
        let place = decode(&sent).unwrap();
        let encoded = serde_json::to_value(&place).unwrap();
        for (field, empty) in OPTIONAL.iter().zip(&mask) {
            prop_assert_eq!(encoded.get(*field).is_none(), *empty || *field == "application_sid" || *field == "kind" || *field == "opened", "{}", field);
        }
        prop_assert_eq!(round_trip(&place), place);
    }
}
