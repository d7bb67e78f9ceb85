//! A small valid pack as in-memory files, for tests to break one thing at a time.

use super::files::PackFiles;

pub const PACK: &str = r#"
format = 2
version = "1.0.0"
publisher = "Testkommune"
released = 2026-01-15
title = "Testpakke"
signs_caution = "Et enkelt tegn beviser intet."

[[categories]]
id = "kontrol"
title = "Kontrol og overvågning"
"#;

pub const SIGNS: &str = r#"
[[sign]]
id = "telefon-tjekkes"
title = "Telefonen bliver tjekket"
description = "Familien gennemgår telefonen."
target_groups = ["barn_ung"]
category = "kontrol"
tier = "flere_tegn"
cards = ["bekymring"]
sources = ["test"]
"#;

pub const CARD: &str = r#"
id = "bekymring"
title = "Du er bekymret"
target_groups = ["barn_ung"]
roles = ["laerer_paedagog"]
situation = "Et barn viser tegn på kontrol."
steps = ["Skriv ned, hvad du har set."]
contacts = ["politi"]
legal = ["bl-133"]
sources = ["test"]
"#;

pub const CONTACTS: &str = r#"
[[contact]]
id = "politi"
organisation = "Politiet"
phone = "114"
hours = "Døgnet rundt"
out_of_hours = "Ring 112 ved akut fare."
when_to_use = "Når du er i tvivl."
audience = ["fagpersoner", "borgere"]
source = "politi.dk"
source_date = "2025-11"
last_verified = 2026-01-01
verified_by = "Redaktøren ringede op"
"#;

pub const LEGAL: &str = r#"
[[legal]]
id = "bl-133"
law = "Barnets lov"
section = "§ 133"
summary = "Skærpet underretningspligt."
applies_to = ["barn_ung"]
sources = ["retsinformation.dk"]
"#;

pub fn files() -> PackFiles {
    with(&[])
}

/// The fixture with some files replaced (or added); an empty text removes a file.
pub fn with(changes: &[(&str, &str)]) -> PackFiles {
    let mut files: Vec<(String, String)> = [
        ("pack.toml", PACK),
        ("signs/kontrol.toml", SIGNS),
        ("cards/bekymring.toml", CARD),
        ("contacts.toml", CONTACTS),
        ("legal.toml", LEGAL),
    ]
    .iter()
    .map(|(p, t)| (p.to_string(), t.to_string()))
    .collect();
    for (path, text) in changes {
        files.retain(|(p, _)| p != path);
        if !text.is_empty() {
            files.push((path.to_string(), text.to_string()));
        }
    }
    files.sort();
    PackFiles { files }
}
