//! Names kept from the API surface a user already depends on.
//!
//! A SID type is named from the places its prefix appears (see `resolve::sids`), and no rule
//! over those places can be stable when Twilio adds one: in 2026 a new Short Code Application
//! resource declared `AP` as its own `sid`, a prefix this crate had called `SmsApplicationSid`
//! for years. So names the previous surface already has win: the generator is told them, and
//! only prefixes it has never named are named by the rule (`resolve::sids`, which reads them). `cargo xtask codegen` takes them from
//! the accepted surface snapshot, `cargo xtask diff`/`semver` from the older document.

use std::collections::BTreeMap;

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
}
