//! Names kept from the API surface a user already depends on.
//!
//! A SID type is named from the places its prefix appears (see `resolve::sids`), and no rule
//! over those places can be stable when Twilio adds one: in 2026 a new Short Code Application
//! resource declared `AP` as its own `sid`, a prefix this crate had called `SmsApplicationSid`
//! for years. So names the previous surface already has win: the generator is told them, and
//! only prefixes it has never named are named by the rule. `cargo xtask codegen` takes them from
//! the accepted surface snapshot, `cargo xtask diff`/`semver` from the older document.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::Api;
use crate::surface::Surface;

/// Names to keep, from an earlier surface.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pins {
    /// SID prefix ("" for any prefix) -> the name of its type.
    pub sid_names: BTreeMap<String, String>,
}

impl Pins {
    /// The names `surface` gave, read from its `sid Name = "XX"` lines.
    pub fn from_surface(surface: &Surface) -> Pins {
        let sid_names = surface
            .lines
            .iter()
            .filter_map(|line| {
                let name = line.key.strip_prefix("sid ")?;
                let value = line.value.strip_prefix(" = ")?;
                let prefix = if value.starts_with("any two letters") {
                    String::new()
                } else {
                    value.strip_prefix('"')?.split('"').next()?.to_owned()
                };
                Some((prefix, name.to_owned()))
            })
            .collect();
        Pins { sid_names }
    }

    /// Renames the SID types of `api` to their pinned names; a new prefix whose chosen name a
    /// pinned one already holds gets its prefix appended, as in `resolve::sids`.
    pub(crate) fn apply(&self, api: &mut Api) {
        let mut taken = BTreeSet::new();
        for (prefix, sid) in &mut api.sids {
            if let Some(name) = self.sid_names.get(prefix)
                && taken.insert(name.clone())
            {
                sid.name = name.clone();
            }
        }
        for (prefix, sid) in &mut api.sids {
            if self.sid_names.get(prefix) == Some(&sid.name) {
                continue;
            }
            let name = if taken.contains(&sid.name) {
                let suffix = if prefix.is_empty() { "Any" } else { prefix };
                format!("{}{suffix}", sid.name)
            } else {
                sid.name.clone()
            };
            sid.name = crate::naming::unique(name, &mut taken);
        }
        for (prefix, sid) in &mut api.sids {
            sid.doc = crate::resolve::sids::sid_doc(&sid.name, prefix, sid.lowercase_only);
        }
    }
}
