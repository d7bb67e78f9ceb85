//! A generated year of concerns and activities across units, synced into a
//! real store. The expected figures are computed here, straight from the
//! generated records and by the plan's rules written out by hand, never
//! with the report's code.

use beredskab_domain::activity::{ActivityType, PlaceType};
use beredskab_domain::concern::{AgeBand, CaseStage, ConcernActions, Severity};
use beredskab_domain::content::{Role, TargetGroup};
use beredskab_protocol::{
    ActivityUpload, AnchorPoint, AuditAnchor, ConcernUpload, RecordKind, UploadItem, UploadKind,
};
use beredskab_server::storage::{Device, NewDevice, NewEnrollment, Storage};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use std::collections::BTreeMap;
use std::sync::Arc;
use uuid::Uuid;

/// The test's units; 10–12 are small. The benchmark enrolls 50.
pub const UNITS: usize = 12;
/// The unit that stops syncing after the summer.
pub const QUIET_UNIT: &str = "Enhed 07";
/// A unit whose computer was enrolled and never synced.
pub const SILENT_UNIT: &str = "Enhed 13";

pub fn unit_name(i: usize) -> String {
    format!("Enhed {:02}", i + 1)
}

/// SplitMix64: a fixed sequence, so every run generates the same year.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn day(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days() as u64 + 1;
        from + Duration::days(self.below(span) as i64)
    }
}

#[derive(Debug, Clone)]
pub struct GenConcern {
    pub id: Uuid,
    pub unit: usize,
    pub role: Role,
    pub observed: NaiveDate,
    pub group: TargetGroup,
    pub age: AgeBand,
    pub severity: Severity,
    pub underretning: bool,
    pub contacted: Vec<String>,
    pub signs: Vec<String>,
    pub promoted: bool,
    pub deleted: bool,
}

#[derive(Debug, Clone)]
pub struct GenActivity {
    pub id: Uuid,
    pub unit: usize,
    pub kind: ActivityType,
    pub held: NaiveDate,
    pub pupils: u32,
    pub participants: u32,
    pub organisations: u32,
    pub deleted: bool,
}

const SIGNS: [&str; 6] = [
    "overvaagning-telefon",
    "maa-ikke-deltage-fritid",
    "ufrivilligt-fravaer",
    "pas-taget",
    "trusler-vold",
    "isolation",
];
const CONTACTS: [&str; 4] = [
    "etnisk-konsulentteam",
    "bbu",
    "politi-112",
    "socialkontrol-vejledere",
];

pub fn concerns(
    rng: &mut Rng,
    n: usize,
    from: NaiveDate,
    to: NaiveDate,
    units: &[usize],
) -> Vec<GenConcern> {
    (0..n)
        .map(|_| {
            let group = rng.pick(&[TargetGroup::BarnUng, TargetGroup::Voksen]);
            let ages: &[AgeBand] = if group == TargetGroup::BarnUng {
                &AgeBand::ALL[..3]
            } else {
                &AgeBand::ALL[3..]
            };
            // Small units: a few rare roles, so small counts appear.
            let role = if rng.chance(30) {
                Role::SocialKontrolVejleder
            } else {
                rng.pick(&[
                    Role::LaererPaedagog,
                    Role::JobkonsulentSagsbehandler,
                    Role::Sundhedsperson,
                ])
            };
            let signs: Vec<String> = (0..1 + rng.below(3))
                .map(|_| rng.pick(&SIGNS).to_string())
                .collect();
            let mut signs_unique = signs.clone();
            signs_unique.sort();
            signs_unique.dedup();
            let contacted: Vec<String> = if rng.chance(60) {
                vec![rng.pick(&CONTACTS).to_string()]
            } else {
                vec![]
            };
            GenConcern {
                id: Uuid::new_v4(),
                unit: rng.pick(units),
                role,
                observed: rng.day(from, to),
                group,
                age: rng.pick(ages),
                severity: rng.pick(&[
                    Severity::Lav,
                    Severity::Middel,
                    Severity::Hoej,
                    Severity::Akut,
                ]),
                underretning: rng.chance(25),
                contacted,
                signs: signs_unique,
                promoted: rng.chance(35),
                deleted: rng.chance(5),
            }
        })
        .collect()
}

pub fn activities(
    rng: &mut Rng,
    n: usize,
    from: NaiveDate,
    to: NaiveDate,
    units: &[usize],
) -> Vec<GenActivity> {
    (0..n)
        .map(|_| {
            let kind = rng.pick(&ActivityType::ALL);
            GenActivity {
                id: Uuid::new_v4(),
                unit: rng.pick(units),
                kind,
                held: rng.day(from, to),
                pupils: if kind == ActivityType::Workshop {
                    10 + rng.below(20) as u32
                } else {
                    0
                },
                participants: 2 + rng.below(25) as u32,
                organisations: 1 + rng.below(3) as u32,
                deleted: rng.chance(4),
            }
        })
        .collect()
}

fn concern_upload(c: &GenConcern, stage: CaseStage) -> ConcernUpload {
    ConcernUpload {
        observed_on: c.observed,
        recorder_role: c.role,
        recorder_unit: unit_name(c.unit),
        target_group: c.group,
        age_band: c.age,
        gender: None,
        signs: c.signs.clone(),
        severity: c.severity,
        actions: ConcernActions {
            cards_followed: vec![],
            contacted: c.contacted.clone(),
            underretning_sent: c.underretning,
            underretning_date: None,
        },
        follow_up: None,
        case_stage: stage,
    }
}

fn item(id: Uuid, revision: u32, kind: UploadKind, record: RecordKind) -> UploadItem {
    UploadItem {
        upload_id: Uuid::now_v7(),
        concern_id: id,
        revision,
        kind,
        record,
        concern: None,
        activity: None,
    }
}

/// Every change each record went through, in order, as the laptop queues them.
pub fn items_of(concerns: &[GenConcern], activities: &[GenActivity]) -> Vec<UploadItem> {
    let mut out = Vec::new();
    for c in concerns {
        out.push(UploadItem {
            concern: Some(concern_upload(c, CaseStage::Henvendelse)),
            ..item(c.id, 1, UploadKind::Revision, RecordKind::Concern)
        });
        let mut last = 1;
        if c.promoted {
            last = 2;
            out.push(UploadItem {
                concern: Some(concern_upload(c, CaseStage::Borgersag)),
                ..item(c.id, 2, UploadKind::Revision, RecordKind::Concern)
            });
        }
        if c.deleted {
            out.push(item(c.id, last, UploadKind::Deletion, RecordKind::Concern));
        }
    }
    for a in activities {
        out.push(UploadItem {
            activity: Some(ActivityUpload {
                activity_type: a.kind,
                held_on: a.held,
                place_type: PlaceType::Skole,
                pupils: a.pupils,
                participants: a.participants,
                organisations: a.organisations,
            }),
            ..item(a.id, 1, UploadKind::Revision, RecordKind::Activity)
        });
        if a.deleted {
            out.push(item(a.id, 1, UploadKind::Deletion, RecordKind::Activity));
        }
    }
    out
}

/// One enrolled device per unit, with its audit log's length so far.
pub struct Fleet {
    pub devices: Vec<(Device, u64)>,
}

impl Fleet {
    pub async fn enroll(store: &Arc<dyn Storage>, at: DateTime<Utc>, units: usize) -> Fleet {
        let mut devices = Vec::new();
        for u in 0..units {
            devices.push((enroll_device(store, at, &unit_name(u), u).await, 0));
        }
        Fleet { devices }
    }

    /// Each unit's device sends its records' changes at `at`, in batches.
    pub async fn sync(
        &mut self,
        store: &Arc<dyn Storage>,
        concerns: &[GenConcern],
        activities: &[GenActivity],
        units: &[usize],
        at: DateTime<Utc>,
    ) {
        for &u in units {
            let mine_c: Vec<GenConcern> =
                concerns.iter().filter(|c| c.unit == u).cloned().collect();
            let mine_a: Vec<GenActivity> =
                activities.iter().filter(|a| a.unit == u).cloned().collect();
            let items = items_of(&mine_c, &mine_a);
            let (device, count) = &mut self.devices[u];
            // An empty sync still counts: the device showed it was there.
            let batches: Vec<&[UploadItem]> = if items.is_empty() {
                vec![&[]]
            } else {
                items.chunks(500).collect()
            };
            for batch in batches {
                let confirmed = (*count > 0).then(|| AnchorPoint {
                    count: *count,
                    hash: format!("h{u}-{count}"),
                });
                *count += 1;
                let anchor = AuditAnchor {
                    taken_at: at,
                    head: AnchorPoint {
                        count: *count,
                        hash: format!("h{u}-{count}"),
                    },
                    confirmed,
                };
                let out = store.sync(device, &anchor, batch, at).await.expect("sync");
                assert!(
                    out.results.iter().all(|r| r.code.is_none()),
                    "every generated change is stored: {:?}",
                    out.results.iter().find(|r| r.code.is_some())
                );
            }
        }
    }
}

/// One device of `unit`, enrolled at `at`; `n` makes its code and credential its own.
pub async fn enroll_device(
    store: &Arc<dyn Storage>,
    at: DateTime<Utc>,
    unit: &str,
    n: usize,
) -> Device {
    let code = format!("code-{n}");
    store
        .create_enrollment(NewEnrollment {
            code_hash: code.clone(),
            unit: unit.to_string(),
            created_at: at,
            expires_at: at + Duration::minutes(15),
        })
        .await
        .expect("code");
    store
        .redeem_enrollment(
            &code,
            NewDevice {
                id: Uuid::new_v4(),
                name: format!("pc-{n}"),
                credential_hash: format!("cred-{n}"),
            },
            at,
        )
        .await
        .expect("enrolled")
}

pub fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 8, 0, 0)
        .single()
        .expect("time")
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// The expected figure of each default-pack target for days in `from..=to`,
/// by the plan's rules written out here by hand.
pub fn expected_targets(
    concerns: &[GenConcern],
    activities: &[GenActivity],
    from: NaiveDate,
    to: NaiveDate,
) -> BTreeMap<&'static str, u64> {
    let within = |d: NaiveDate| d >= from && d <= to;
    let acts = |kind: ActivityType| {
        activities
            .iter()
            .filter(move |a| !a.deleted && a.kind == kind && within(a.held))
    };
    let vejleder = || {
        concerns
            .iter()
            .filter(|c| !c.deleted && c.role == Role::SocialKontrolVejleder && within(c.observed))
    };
    BTreeMap::from([
        (
            "workshops-elever",
            acts(ActivityType::Workshop)
                .map(|a| u64::from(a.pupils))
                .sum(),
        ),
        (
            "opkvalificering-fagpersoner",
            acts(ActivityType::Opkvalificering)
                .map(|a| u64::from(a.participants))
                .sum(),
        ),
        ("vejleder-henvendelser", vejleder().count() as u64),
        (
            "vejleder-borgersager",
            vejleder().filter(|c| c.promoted).count() as u64,
        ),
        (
            "rettighedskurser",
            acts(ActivityType::Rettighedskursus).count() as u64,
        ),
        (
            "netvaerksmoeder",
            acts(ActivityType::Netvaerksmoede).count() as u64,
        ),
    ])
}

/// The expected count per (unit, column) of the severity table for `year`.
pub fn expected_severity(
    concerns: &[GenConcern],
    year: i32,
) -> BTreeMap<(String, &'static str), u64> {
    let mut out = BTreeMap::new();
    for c in concerns
        .iter()
        .filter(|c| !c.deleted && c.observed.year() == year)
    {
        let column = match c.severity {
            Severity::Lav => "Lav",
            Severity::Middel => "Middel",
            Severity::Hoej => "Høj",
            Severity::Akut => "Akut",
        };
        *out.entry((unit_name(c.unit), column)).or_default() += 1;
    }
    out
}
