//! Activities the action plan counts: workshops, trainings, rights courses,
//! network meetings and pilot sessions. An activity holds counts, never a
//! participant's name: the only free text is a short title.

use crate::concern::{FieldCode, FieldProblem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

/// What kind of activity was held.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type,
)]
#[serde(rename_all = "snake_case")]
pub enum ActivityType {
    /// A workshop for pupils.
    Workshop,
    /// Opkvalificering of professionals (schools, clubs).
    Opkvalificering,
    /// A course in rights for adults (job centre, housing areas).
    Rettighedskursus,
    /// A meeting of the civil-society network.
    Netvaerksmoede,
    /// One school's part in a pilot (teaching, parent dialogue, staff training).
    Pilotforloeb,
}

impl ActivityType {
    pub const ALL: [ActivityType; 5] = [
        ActivityType::Workshop,
        ActivityType::Opkvalificering,
        ActivityType::Rettighedskursus,
        ActivityType::Netvaerksmoede,
        ActivityType::Pilotforloeb,
    ];
}

/// Where it was held, by kind of place; never an address.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type,
)]
#[serde(rename_all = "snake_case")]
pub enum PlaceType {
    Skole,
    Klub,
    Jobcenter,
    Boligomraade,
    Forening,
    Andet,
}

/// What a count of an activity counts.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type,
)]
#[serde(rename_all = "snake_case")]
pub enum ActivityMeasure {
    /// The number of activities held.
    Antal,
    Elever,
    Deltagere,
    Organisationer,
}

/// The longest title an activity may have: a few words, not a list of people.
pub const MAX_ACTIVITY_TITLE_CHARS: usize = 80;
/// More than this in one activity is a typing error.
pub const MAX_ACTIVITY_COUNT: u32 = 10_000;

/// One activity as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct ActivityData {
    pub activity_type: ActivityType,
    pub held_on: NaiveDate,
    pub place_type: PlaceType,
    /// A short title such as "Workshop 8.b"; checked for CPR numbers and lists of names.
    pub title: String,
    pub pupils: u32,
    pub participants: u32,
    pub organisations: u32,
}

impl ActivityData {
    /// The figure for `measure`.
    pub fn measure(&self, measure: ActivityMeasure) -> u64 {
        u64::from(match measure {
            ActivityMeasure::Antal => 1,
            ActivityMeasure::Elever => self.pupils,
            ActivityMeasure::Deltagere => self.participants,
            ActivityMeasure::Organisationer => self.organisations,
        })
    }
}

/// An activity as the app lists it, with where it is on its way to the
/// central service.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ActivitySummary {
    pub id: String,
    pub revision: i64,
    pub data: ActivityData,
    pub updated_at: String,
    /// `i_koe` while a change waits, `sendt` once the service has it,
    /// `afvist` with `sync_code` if it refused it.
    pub sync: crate::concern::SyncState,
    pub sync_code: Option<String>,
}

/// Every problem of a recorded activity, per field, for the form to show:
/// an activity counts people, it never lists them.
pub fn activity_problems(activity: &ActivityData, today: NaiveDate) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    let title = activity.title.trim();
    if title.is_empty() {
        out.push(FieldProblem::new("title", FieldCode::Required));
    } else if title.chars().count() > MAX_ACTIVITY_TITLE_CHARS {
        out.push(
            FieldProblem::new("title", FieldCode::TooLong).with("max", MAX_ACTIVITY_TITLE_CHARS),
        );
    } else if crate::text::hidden_kind(&activity.title, false).is_some() {
        out.push(FieldProblem::new("title", FieldCode::FormatChars));
    } else if crate::concern::looks_like_cpr(&activity.title) {
        out.push(FieldProblem::new("title", FieldCode::CprInTitle));
    } else if looks_like_a_list_of_names(title) {
        out.push(FieldProblem::new("title", FieldCode::NamesInTitle));
    }
    if activity.held_on > today {
        out.push(FieldProblem::new("held_on", FieldCode::FutureDate));
    }
    let counts = [
        ("pupils", activity.pupils),
        ("participants", activity.participants),
        ("organisations", activity.organisations),
    ];
    for (field, n) in counts {
        if n > MAX_ACTIVITY_COUNT {
            out.push(
                FieldProblem::new(field, FieldCode::OutOfRange)
                    .with("min", 0)
                    .with("max", MAX_ACTIVITY_COUNT),
            );
        }
    }
    if counts.iter().all(|(_, n)| *n == 0) {
        out.push(FieldProblem::new("pupils", FieldCode::NoCount));
    }
    out
}

/// A list separator, or four capitalised words in a row ("Ali Hansen Sara
/// Jensen"): a place name has at most three ("Nørre Fælled Skole").
fn looks_like_a_list_of_names(title: &str) -> bool {
    if title.contains([',', ';', '|', '+', '&']) {
        return true;
    }
    let mut run = 0;
    for word in title.split_whitespace() {
        let capitalised = word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().skip(1).any(char::is_lowercase);
        run = if capitalised { run + 1 } else { 0 };
        if run >= 4 {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workshop(title: &str) -> ActivityData {
        ActivityData {
            activity_type: ActivityType::Workshop,
            held_on: NaiveDate::from_ymd_opt(2026, 3, 4).expect("date"),
            place_type: PlaceType::Skole,
            title: title.into(),
            pupils: 24,
            participants: 2,
            organisations: 1,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")
    }

    fn codes(a: &ActivityData) -> Vec<(String, FieldCode)> {
        activity_problems(a, today())
            .into_iter()
            .map(|p| (p.field, p.code))
            .collect()
    }

    fn title_code(title: &str) -> Option<FieldCode> {
        codes(&workshop(title))
            .into_iter()
            .find(|(f, _)| f == "title")
            .map(|(_, c)| c)
    }

    #[test]
    fn a_short_title_with_a_place_is_fine() {
        for title in [
            "Workshop 8.b",
            "Workshop på Nørre Fælled Skole",
            "Temadag og dialog",
        ] {
            assert!(codes(&workshop(title)).is_empty(), "{title}");
        }
    }

    /// No field of an activity can hold a list of people: the counts are
    /// numbers, the kinds are closed lists, and the title refuses lists.
    #[test]
    fn no_field_can_hold_a_list_of_names() {
        for title in [
            "Ali, Sara og Peter",
            "Ali Hansen Sara Jensen",
            "Deltagere: Ali; Sara",
            "Ali & Sara",
            "Mette Frederiksen Lars Løkke",
        ] {
            assert_eq!(title_code(title), Some(FieldCode::NamesInTitle), "{title}");
        }
        let long = "x".repeat(MAX_ACTIVITY_TITLE_CHARS + 1);
        assert_eq!(title_code(&long), Some(FieldCode::TooLong));
        assert_eq!(
            title_code("Samtale 010203-1234"),
            Some(FieldCode::CprInTitle)
        );
        let json = serde_json::to_value(workshop("Workshop")).expect("json");
        let mut fields: Vec<&str> = json
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            [
                "activity_type",
                "held_on",
                "organisations",
                "participants",
                "place_type",
                "pupils",
                "title"
            ],
            "adding a field to an activity is a decision made here"
        );
        let with_names = serde_json::json!({
            "activity_type": "workshop", "held_on": "2026-03-04", "place_type": "skole",
            "title": "Workshop", "pupils": 3, "participants": 0, "organisations": 0,
            "participant_names": ["Ali"]
        });
        assert!(serde_json::from_value::<ActivityData>(with_names).is_err());
    }

    #[test]
    fn counts_must_be_plausible() {
        let mut a = workshop("Workshop");
        a.pupils = MAX_ACTIVITY_COUNT + 1;
        assert_eq!(codes(&a), [("pupils".to_string(), FieldCode::OutOfRange)]);
        let mut a = workshop("Workshop");
        (a.pupils, a.participants, a.organisations) = (0, 0, 0);
        assert_eq!(codes(&a), [("pupils".to_string(), FieldCode::NoCount)]);
        let mut a = workshop("Workshop");
        a.held_on = today().succ_opt().expect("date");
        assert_eq!(codes(&a), [("held_on".to_string(), FieldCode::FutureDate)]);
    }
}
