//! SID patterns: recognising them and choosing one newtype name per prefix.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Model, SidType, Ty};
use crate::naming;

/// A SID pattern: `^XX[0-9a-fA-F]{32}$`, lowercase-only `^XX[0-9a-f]{32}$`, or any two letters
/// `^[a-zA-Z]{2}[0-9a-fA-F]{32}$` (prefix "").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SidPattern {
    pub(crate) prefix: String,
    pub(crate) lowercase_only: bool,
}

pub(crate) fn parse_sid_pattern(pattern: &str) -> Option<SidPattern> {
    let body = pattern.strip_prefix('^')?.strip_suffix('$')?;
    let (head, lowercase_only) = if let Some(head) = body.strip_suffix("[0-9a-fA-F]{32}") {
        (head, false)
    } else {
        (body.strip_suffix("[0-9a-f]{32}")?, true)
    };
    let prefix = match head {
        "[a-zA-Z]{2}" | "[A-Za-z]{2}" | "[A-Z]{2}" => String::new(),
        h if h.len() == 2 && h.bytes().all(|b| b.is_ascii_uppercase()) => h.to_owned(),
        _ => return None,
    };
    Some(SidPattern {
        prefix,
        lowercase_only,
    })
}

/// How the place a SID was found would name it, and how strongly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SidHint {
    pub(crate) name: String,
    /// Lower is stronger: a resource's own `sid` (0) beats `foo_sid` (1) beats anything else (2).
    pub(crate) rank: u8,
}

impl SidHint {
    /// The hint for a property `key` of the struct `owner`.
    pub(crate) fn for_field(owner: &str, key: &str) -> Self {
        let snake = naming::value_name(key);
        if snake == "sid" {
            return SidHint {
                name: format!("{owner}Sid"),
                rank: 0,
            };
        }
        Self::for_name(&snake)
    }

    /// The hint for a parameter or property called `name` (`BundleSid`, `hosted_number_order_sids`).
    pub(crate) fn for_name(name: &str) -> Self {
        let snake = naming::value_name(name);
        let singular = snake
            .strip_suffix('s')
            .filter(|s| s.ends_with("_sid"))
            .unwrap_or(&snake);
        if singular.ends_with("_sid") {
            SidHint {
                name: naming::type_name(singular),
                rank: 1,
            }
        } else {
            SidHint {
                name: format!("{}Sid", naming::type_name(singular)),
                rank: 2,
            }
        }
    }
}

#[derive(Debug, Default)]
struct Uses {
    lowercase_only: bool,
    seen: bool,
    /// Candidate name -> (number of uses, best rank).
    names: BTreeMap<String, (usize, u8)>,
}

/// Every SID use in the document, turned into one type per prefix at the end.
#[derive(Debug, Default)]
pub(crate) struct SidRegistry {
    by_prefix: BTreeMap<String, Uses>,
}

impl SidRegistry {
    pub(crate) fn record(&mut self, sid: &SidPattern, hint: Option<SidHint>) {
        let uses = self.by_prefix.entry(sid.prefix.clone()).or_default();
        // One type per prefix: it accepts uppercase hex unless every use forbids it.
        uses.lowercase_only = if uses.seen {
            uses.lowercase_only && sid.lowercase_only
        } else {
            sid.lowercase_only
        };
        uses.seen = true;
        if let Some(hint) = hint {
            let entry = uses.names.entry(hint.name).or_insert((0, hint.rank));
            entry.0 += 1;
            entry.1 = entry.1.min(hint.rank);
        }
    }

    /// Names each prefix by its strongest candidate (a resource's own `sid`, then `foo_sid`,
    /// then anything else), the shortest of those, then the alphabetically first. Use counts
    /// play no part: they shift whenever Twilio adds a use, and the name would move with them.
    /// Prefixes are named strongest claim first, then in prefix order; a prefix whose name
    /// another took gets its prefix appended.
    ///
    /// Names `kept` from a surface users already depend on come first (see `Pins`): no rule
    /// over the places a prefix appears stays stable when Twilio adds one, so only prefixes
    /// never named before are named by the rule.
    pub(crate) fn into_types(self, kept: &BTreeMap<String, String>) -> BTreeMap<String, SidType> {
        let best = |uses: &Uses| {
            uses.names
                .iter()
                .min_by_key(|(name, (_, rank))| (*rank, name.len(), (*name).clone()))
                .map(|(name, (_, rank))| (*rank, name.clone()))
        };
        let mut order: Vec<(&String, &Uses)> = self.by_prefix.iter().collect();
        order
            .sort_by_key(|(prefix, uses)| (best(uses).map_or(u8::MAX, |b| b.0), (*prefix).clone()));
        let mut taken = BTreeSet::new();
        let mut pinned = BTreeMap::new();
        for prefix in self.by_prefix.keys() {
            if let Some(name) = kept.get(prefix)
                && taken.insert(name.clone())
            {
                pinned.insert(prefix, name.clone());
            }
        }
        let mut out = BTreeMap::new();
        for (prefix, uses) in order {
            let name = if let Some(name) = pinned.remove(prefix) {
                name
            } else {
                Self::rule_name(prefix, best(uses).map(|(_, name)| name), &mut taken)
            };
            let doc = sid_doc(&name, prefix, uses.lowercase_only);
            let sid = SidType {
                name,
                prefix: prefix.clone(),
                lowercase_only: uses.lowercase_only,
                doc,
            };
            out.insert(prefix.clone(), sid);
        }
        out
    }

    /// The rule's name for `prefix`: its best candidate, or `XXSid` without one; a name already
    /// taken gets the prefix appended (`Any` for the any-prefix type).
    fn rule_name(prefix: &str, best: Option<String>, taken: &mut BTreeSet<String>) -> String {
        let preferred = best.unwrap_or_else(|| {
            if prefix.is_empty() {
                "AnySid".to_owned()
            } else {
                format!("{prefix}Sid")
            }
        });
        if taken.contains(&preferred) {
            let fallback = format!(
                "{}{}",
                preferred,
                if prefix.is_empty() { "Any" } else { prefix }
            );
            naming::unique(fallback, taken)
        } else {
            naming::unique(preferred, taken)
        }
    }
}

fn sid_doc(name: &str, prefix: &str, lowercase_only: bool) -> Vec<String> {
    let digits = if lowercase_only {
        "32 lowercase hexadecimal digits"
    } else {
        "32 hexadecimal digits"
    };
    // `EndUserSid` -> "an End User".
    let what = heck::ToTitleCase::to_title_case(name.strip_suffix("Sid").unwrap_or(name));
    let article = if what.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    };
    let head = if prefix.is_empty() {
        format!("The SID of {article} {what}, of any kind: two ASCII letters followed by {digits}.")
    } else {
        format!("The SID of {article} {what}: `{prefix}` followed by {digits}.")
    };
    vec![
        head,
        String::new(),
        "A value you build is checked: parsing (`parse`, `FromStr`, `TryFrom`) refuses a"
            .to_owned(),
        "malformed SID before any request. A value decoded from a response is kept as Twilio"
            .to_owned(),
        "sent it, even when it does not match the pattern (Twilio has sent `VT12445353`), so"
            .to_owned(),
        "one odd SID never costs the whole response; [`is_well_formed`](Self::is_well_formed)"
            .to_owned(),
        "tells them apart.".to_owned(),
    ]
}

/// A path parameter called `Sid` takes its name from the operation: `FetchEndUser` ->
/// `EndUserSid`; `BundleSid` names itself.
pub(crate) fn path_sid_hint(operation_id: &str, parameter: &str) -> SidHint {
    if !parameter.eq_ignore_ascii_case("sid") {
        return SidHint::for_name(parameter);
    }
    let resource = ["Create", "Fetch", "Update", "Delete", "List"]
        .iter()
        .find_map(|verb| operation_id.strip_prefix(verb))
        .unwrap_or(operation_id);
    SidHint {
        name: format!("{}Sid", naming::type_name(resource)),
        rank: 0,
    }
}

/// A union of SIDs of different kinds (see `compose.rs`) names each variant after its SID type:
/// `EndUser(EndUserSid)`, `Address(AddressSid)`.
pub(crate) fn name_sid_union_variants(
    models: &mut BTreeMap<String, Model>,
    sids: &BTreeMap<String, SidType>,
) {
    for model in models.values_mut() {
        let Model::Union(union) = model else { continue };
        if let Some(names) = sid_union_names(union, sids) {
            for (variant, name) in union.variants.iter_mut().zip(names) {
                variant.name = name;
            }
        }
    }
}

/// The variant names of `union` when it is a union of SIDs of distinct kinds, else `None`.
fn sid_union_names(
    union: &crate::model::Union,
    sids: &BTreeMap<String, SidType>,
) -> Option<Vec<String>> {
    if union.tag.is_some() {
        return None;
    }
    let mut taken = BTreeSet::new();
    union
        .variants
        .iter()
        .map(|v| match &v.ty {
            Ty::Sid(prefix) if !prefix.is_empty() => {
                let sid = sids.get(prefix)?;
                let base = sid.name.strip_suffix("Sid").unwrap_or(&sid.name);
                let base = if base.is_empty() { &sid.name } else { base };
                Some(naming::unique(base.to_owned(), &mut taken))
            }
            _ => None,
        })
        .collect()
}
