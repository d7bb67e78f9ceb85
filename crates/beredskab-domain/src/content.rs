//! The content model: what a content pack holds, as editors write it in TOML
//! and as the app and the central service exchange it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

/// Who a warning sign or legal reference concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum TargetGroup {
    /// Children and young people under 18.
    BarnUng,
    /// Adults, 18 and over.
    Voksen,
}

/// The two-tier model: some signs call for action at once, others only together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    HandlNu,
    FlereTegn,
}

/// The staff roles an action card is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Teachers and pædagoger, in schools, daycare, clubs and SSP.
    LaererPaedagog,
    /// Health staff: health visitors, school doctors, GPs, nurses.
    Sundhedsperson,
    JobkonsulentSagsbehandler,
    SocialKontrolVejleder,
    /// The municipal caseworker (BBU) who receives an underretning.
    RaadgiverBoernUnge,
    Leder,
    /// Front desk, language school, housing-area workers and other staff.
    AndenMedarbejder,
    /// On a card: written for everyone. As a person's role (older records): other staff.
    Alle,
}

impl Role {
    /// The roles a person can say they have, in the order the app asks.
    pub const OF_PEOPLE: [Role; 7] = [
        Role::LaererPaedagog,
        Role::Sundhedsperson,
        Role::JobkonsulentSagsbehandler,
        Role::SocialKontrolVejleder,
        Role::RaadgiverBoernUnge,
        Role::Leder,
        Role::AndenMedarbejder,
    ];
}

/// Who may call a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Professionals only: never a citizen's or a child's own number.
    Fagpersoner,
    Borgere,
    /// Children and young people themselves.
    Boern,
}

/// The date of a source as precisely as it is known: a year ("2021"), a month
/// ("2026-11") or a day ("2026-11-20").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(transparent)]
pub struct SourceDate(pub String);

impl SourceDate {
    /// (year, month, day), each present as far as the date gives it; None if malformed.
    pub fn parts(&self) -> Option<(i32, Option<u32>, Option<u32>)> {
        let mut parts = self.0.split('-');
        let year = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let month = match parts.next() {
            Some(m) if m.len() == 2 => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
            Some(_) => return None,
            None => None,
        };
        let day = match parts.next() {
            Some(d) if d.len() == 2 && month.is_some() => {
                let day: u32 = d.parse().ok()?;
                chrono::NaiveDate::from_ymd_opt(year, month?, day)?;
                Some(day)
            }
            Some(_) => return None,
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some((year, month, day))
    }

    /// The earliest day the date can mean, for "not in the future" checks.
    pub fn first_day(&self) -> Option<NaiveDate> {
        let (year, month, day) = self.parts()?;
        NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1))
    }
}

/// The pack's identity, from `pack.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    /// Format version of the files; this build reads format 1.
    pub format: u32,
    #[specta(type = String)]
    pub version: semver::Version,
    pub publisher: String,
    pub released: NaiveDate,
    pub title: String,
    /// Shown with the sign list: no single sign proves anything.
    pub signs_caution: String,
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub about: Vec<AboutSection>,
    /// Which card and legal reference the guided flow uses for the duty to notify.
    #[serde(default)]
    pub guidance: Option<GuidanceRefs>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct GuidanceRefs {
    pub notify_card: String,
    pub notify_legal: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// A section of the about page (definition, the action plan, its targets).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct AboutSection {
    pub id: String,
    pub title: String,
    pub paragraphs: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Sign {
    pub id: String,
    pub title: String,
    pub description: String,
    pub target_groups: Vec<TargetGroup>,
    pub category: String,
    pub tier: Tier,
    /// Ids of the action cards to follow when this sign is seen.
    pub cards: Vec<String>,
    pub sources: Vec<String>,
    /// A fact the sources did not settle: the UI shows "skal verificeres".
    #[serde(default)]
    pub needs_verification: bool,
    /// For editors (the CLI and validation); never sent to the app's screens.
    #[serde(default, skip_serializing)]
    #[specta(skip)]
    pub editor_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: String,
    pub title: String,
    /// Whom the card is about: children and young people, adults, or both.
    pub target_groups: Vec<TargetGroup>,
    pub roles: Vec<Role>,
    pub situation: String,
    pub steps: Vec<String>,
    #[serde(default, rename = "do")]
    pub do_list: Vec<String>,
    #[serde(default, rename = "dont")]
    pub dont_list: Vec<String>,
    pub contacts: Vec<String>,
    #[serde(default)]
    pub legal: Vec<String>,
    pub sources: Vec<String>,
    /// The card for acute danger: shown first by the guided flow.
    #[serde(default)]
    pub acute: bool,
    /// Listed on the home screen, so it is reachable without a sign.
    #[serde(default)]
    pub on_home: bool,
    #[serde(default)]
    pub needs_verification: bool,
    #[serde(default, skip_serializing)]
    #[specta(skip)]
    pub editor_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: String,
    pub organisation: String,
    /// Absent where no number could be verified; then `needs_verification`.
    #[serde(default)]
    pub phone: Option<String>,
    /// Who may call it.
    pub audience: Vec<Audience>,
    /// Opening hours only.
    pub hours: String,
    /// What to do when it is closed.
    pub out_of_hours: String,
    pub when_to_use: String,
    pub source: String,
    /// The date of the source, as precisely as it is known.
    pub source_date: SourceDate,
    /// The day a person checked the number (called it, or read the
    /// organisation's live page); absent until someone has.
    #[serde(default)]
    pub last_verified: Option<NaiveDate>,
    /// Who checked it and how, with `last_verified`.
    #[serde(default)]
    pub verified_by: Option<String>,
    /// The editor confirms the check was made on the pack's release day.
    #[serde(default)]
    pub verified_on_release_day: bool,
    #[serde(default)]
    pub needs_verification: bool,
    #[serde(default, skip_serializing)]
    #[specta(skip)]
    pub editor_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct LegalRef {
    pub id: String,
    pub law: String,
    pub section: String,
    pub summary: String,
    pub applies_to: Vec<TargetGroup>,
    pub sources: Vec<String>,
    #[serde(default)]
    pub needs_verification: bool,
    #[serde(default, skip_serializing)]
    #[specta(skip)]
    pub editor_note: Option<String>,
}

/// A whole content pack, parsed; not yet validated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Pack {
    pub meta: PackMeta,
    pub signs: Vec<Sign>,
    pub cards: Vec<Card>,
    pub contacts: Vec<Contact>,
    pub legal: Vec<LegalRef>,
    /// The action plan's targets, from `plan.toml`, if the pack has one.
    #[serde(default)]
    pub plan: Option<crate::plan::Plan>,
}

impl Pack {
    pub fn card(&self, id: &str) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == id)
    }
    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }
    pub fn legal_ref(&self, id: &str) -> Option<&LegalRef> {
        self.legal.iter().find(|l| l.id == id)
    }
}

/// Where the pack in use came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum PackSource {
    /// The default pack built into the app.
    Embedded,
    /// A municipality's own pack, loaded from a folder.
    Folder,
    /// A signed release from the central service.
    Release,
}
