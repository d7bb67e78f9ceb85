//! What leaves the laptop for an activity: its kind, day, kind of place and
//! counts. The title stays on the laptop, like a concern's note.

use beredskab_domain::activity::{ActivityData, ActivityType, PlaceType, MAX_ACTIVITY_COUNT};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActivityUpload {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub activity_type: ActivityType,
    pub held_on: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub place_type: PlaceType,
    pub pupils: u32,
    pub participants: u32,
    pub organisations: u32,
}

impl ActivityUpload {
    pub fn from_data(data: &ActivityData) -> ActivityUpload {
        ActivityUpload {
            activity_type: data.activity_type,
            held_on: data.held_on,
            place_type: data.place_type,
            pupils: data.pupils,
            participants: data.participants,
            organisations: data.organisations,
        }
    }

    /// The service's own check; the laptop checked the title and the same counts.
    pub fn problem(&self) -> Option<&'static str> {
        let counts = [self.pupils, self.participants, self.organisations];
        if counts.iter().any(|n| *n > MAX_ACTIVITY_COUNT) {
            return Some("bad_count");
        }
        if counts.iter().all(|n| *n == 0) {
            return Some("no_count");
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_upload_carries_the_counts_but_not_the_title() {
        let data = ActivityData {
            activity_type: ActivityType::Rettighedskursus,
            held_on: NaiveDate::from_ymd_opt(2026, 5, 6).expect("date"),
            place_type: PlaceType::Boligomraade,
            title: "Kursus i Tingbjerg".into(),
            pupils: 0,
            participants: 14,
            organisations: 1,
        };
        let upload = ActivityUpload::from_data(&data);
        let json = serde_json::to_value(&upload).expect("json");
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
                "pupils"
            ]
        );
        assert!(!json.to_string().contains("Tingbjerg"));
        assert_eq!(upload.problem(), None);
        let none = ActivityUpload {
            participants: 0,
            organisations: 0,
            ..upload
        };
        assert_eq!(none.problem(), Some("no_count"));
    }
}
