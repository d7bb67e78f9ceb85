//! A sync's items against PostgreSQL in a few statements instead of several
//! per item: the facts of every item are read at once, the shared rules
//! decide each item in order (against those facts and what the earlier
//! items of the same request did), and the writes go out as multi-row
//! statements: uploads, revisions, each record's final state, reviews. A
//! round trip per statement is what a networked database costs; this keeps
//! a request of 500 items to about ten.

use super::copy::insert_cells;
use crate::storage::rules::{body_hash, decide, hash_without_id, Facts, Head, SeenUpload, Write};
use crate::storage::tables::{Cell, Kind, TABLES};
use crate::storage::values::{day_text, parse, text, uuid};
use crate::storage::{Device, StorageError, StorageResult};
use beredskab_protocol::{ItemResult, RecordKind, UploadItem, UploadKind};
use deadpool_postgres::{GenericClient, Transaction};
use std::collections::HashMap;

type Key = (RecordKind, String);

/// What the store holds for this request's items, updated as they are decided.
#[derive(Default)]
struct Known {
    seen: HashMap<String, SeenUpload>,
    heads: HashMap<Key, Head>,
    revisions: HashMap<(Key, i64), String>,
}

/// What the request writes.
#[derive(Default)]
struct Writes {
    uploads: Vec<Vec<Cell>>,
    concern_revisions: Vec<Vec<Cell>>,
    activity_revisions: Vec<Vec<Cell>>,
    /// Each record's state after the request, once per record.
    states: HashMap<Key, Vec<Cell>>,
    /// Records deleted by this request: their revisions' bodies go.
    deleted: Vec<String>,
    reviews: Vec<Vec<Cell>>,
}

pub async fn apply_all(
    tx: &Transaction<'_>,
    device: &Device,
    items: &[UploadItem],
    at: i64,
) -> StorageResult<Vec<ItemResult>> {
    let mut known = read_known(tx, items).await?;
    let mut writes = Writes::default();
    let mut results = Vec::with_capacity(items.len());
    for item in items {
        results.push(decide_one(&mut known, &mut writes, device, item, at)?);
    }
    write_all(tx, writes).await?;
    Ok(results)
}

fn table(name: &str) -> StorageResult<&'static crate::storage::tables::Table> {
    TABLES
        .iter()
        .find(|t| t.name == name)
        .ok_or_else(|| StorageError::Backend(format!("no table {name}")))
}

async fn read_known(tx: &Transaction<'_>, items: &[UploadItem]) -> StorageResult<Known> {
    let mut known = Known::default();
    let uploads: Vec<String> = items.iter().map(|i| i.upload_id.to_string()).collect();
    for r in tx
        .query(
            "SELECT upload_id, device_id, body_hash, outcome, code FROM upload WHERE upload_id = ANY($1)",
            &[&uploads],
        )
        .await?
    {
        known.seen.insert(
            r.try_get(0)?,
            SeenUpload {
                device_id: uuid(r.try_get(1)?)?,
                body_hash: r.try_get(2)?,
                outcome: parse(r.try_get(3)?)?,
                code: r.try_get(4)?,
            },
        );
    }
    for (record, heads, revisions) in [
        (
            RecordKind::Concern,
            "SELECT id, device_id, revision, deleted FROM concern WHERE id = ANY($1)",
            "SELECT concern_id, revision, content_hash FROM concern_revision WHERE concern_id = ANY($1)",
        ),
        (
            RecordKind::Activity,
            "SELECT id, device_id, revision, deleted FROM activity WHERE id = ANY($1)",
            "SELECT activity_id, revision, content_hash FROM activity_revision WHERE activity_id = ANY($1)",
        ),
    ] {
        let ids: Vec<String> = items
            .iter()
            .filter(|i| i.record == record)
            .map(|i| i.concern_id.to_string())
            .collect();
        if ids.is_empty() {
            continue;
        }
        for r in tx.query(heads, &[&ids]).await? {
            known.heads.insert(
                (record, r.try_get(0)?),
                Head {
                    device_id: uuid(r.try_get(1)?)?,
                    revision: r.try_get::<_, i64>(2)? as u32,
                    deleted: r.try_get(3)?,
                },
            );
        }
        for r in tx.query(revisions, &[&ids]).await? {
            known
                .revisions
                .insert(((record, r.try_get(0)?), r.try_get(1)?), r.try_get(2)?);
        }
    }
    Ok(known)
}

fn decide_one(
    known: &mut Known,
    writes: &mut Writes,
    device: &Device,
    item: &UploadItem,
    at: i64,
) -> StorageResult<ItemResult> {
    let hash = body_hash(item);
    let (id, upload_id) = (item.concern_id.to_string(), item.upload_id.to_string());
    let key: Key = (item.record, id.clone());
    let revision = i64::from(item.revision);
    let facts = Facts {
        seen: known.seen.get(&upload_id).cloned(),
        head: known.heads.get(&key).cloned(),
        same_revision_hash: known.revisions.get(&(key.clone(), revision)).cloned(),
    };
    let decision = decide(item, &hash, device.id, &facts);
    let device_id = Cell::Text(device.id.to_string());
    if decision.remember {
        writes.uploads.push(vec![
            Cell::Text(upload_id.clone()),
            device_id.clone(),
            Cell::Text(id.clone()),
            Cell::Int(revision),
            Cell::Text(text(item.kind)),
            Cell::Text(hash.clone()),
            Cell::Text(text(decision.outcome)),
            decision.code.clone().map_or(Cell::Null, Cell::Text),
            Cell::Int(at),
        ]);
        known.seen.insert(
            upload_id.clone(),
            SeenUpload {
                device_id: device.id,
                body_hash: hash,
                outcome: decision.outcome,
                code: decision.code.clone(),
            },
        );
    }
    let first = |deleted: bool| Head {
        device_id: device.id,
        revision: item.revision,
        deleted,
    };
    match (&decision.write, item.kind) {
        (Write::Nothing, _) => {}
        (Write::Review, _) => writes.reviews.push(vec![
            Cell::Text(upload_id.clone()),
            device_id.clone(),
            Cell::Text(id.clone()),
            Cell::Int(revision),
            Cell::Text(decision.code.clone().unwrap_or_else(|| "conflict".into())),
            Cell::Text(serde_json::to_string(item)?),
            Cell::Int(at),
        ]),
        (_, UploadKind::Revision) => {
            let (state, body) = current_state(device, item, at)?;
            let content_hash = hash_without_id(item);
            let row = vec![
                Cell::Text(id.clone()),
                Cell::Int(revision),
                Cell::Text(upload_id.clone()),
                Cell::Text(content_hash.clone()),
                Cell::Text(body),
                Cell::Int(at),
            ];
            match item.record {
                RecordKind::Concern => writes.concern_revisions.push(row),
                RecordKind::Activity => writes.activity_revisions.push(row),
            }
            known
                .revisions
                .insert((key.clone(), revision), content_hash);
            known.heads.insert(key.clone(), first(false));
            writes.states.insert(key, state);
        }
        (Write::Create, UploadKind::Deletion) => {
            known.heads.insert(key.clone(), first(true));
            writes
                .states
                .insert(key.clone(), deleted_state(device, &key, revision, at));
        }
        (_, UploadKind::Deletion) => {
            // Deleted on the laptop, deleted here: only the fact and the ids
            // remain; the revision number stays the last one stored.
            let head = known.heads.get_mut(&key).ok_or_else(|| {
                StorageError::Backend("a deletion of an unknown record passed the rules".into())
            })?;
            head.deleted = true;
            let kept = i64::from(head.revision);
            writes
                .states
                .insert(key.clone(), deleted_state(device, &key, kept, at));
            if item.record == RecordKind::Concern {
                writes.deleted.push(id);
            }
        }
    }
    Ok(ItemResult {
        upload_id: item.upload_id,
        outcome: decision.outcome,
        code: decision.code,
    })
}

/// The record's row as this revision makes it, and the revision's body.
fn current_state(
    device: &Device,
    item: &UploadItem,
    at: i64,
) -> StorageResult<(Vec<Cell>, String)> {
    let id = Cell::Text(item.concern_id.to_string());
    let (device_id, unit) = (
        Cell::Text(device.id.to_string()),
        Cell::Text(device.unit.clone()),
    );
    let revision = Cell::Int(i64::from(item.revision));
    let missing = || StorageError::Backend("a revision without content passed the rules".into());
    Ok(match item.record {
        RecordKind::Concern => {
            let c = item.concern.as_ref().ok_or_else(missing)?;
            (
                vec![
                    id,
                    device_id,
                    unit,
                    revision,
                    Cell::Int(0),
                    Cell::Text(day_text(c.observed_on)),
                    Cell::Text(text(c.recorder_role)),
                    Cell::Text(text(c.target_group)),
                    Cell::Text(text(c.age_band)),
                    Cell::Text(text(c.severity)),
                    Cell::Int(i64::from(c.actions.underretning_sent)),
                    json(&c.actions.contacted)?,
                    json(&c.actions.cards_followed)?,
                    Cell::Int(at),
                    Cell::Text(text(c.case_stage)),
                    json(&c.signs)?,
                ],
                serde_json::to_string(c)?,
            )
        }
        RecordKind::Activity => {
            let a = item.activity.as_ref().ok_or_else(missing)?;
            (
                vec![
                    id,
                    device_id,
                    unit,
                    revision,
                    Cell::Int(0),
                    Cell::Text(text(a.activity_type)),
                    Cell::Text(day_text(a.held_on)),
                    Cell::Text(text(a.place_type)),
                    Cell::Int(i64::from(a.pupils)),
                    Cell::Int(i64::from(a.participants)),
                    Cell::Int(i64::from(a.organisations)),
                    Cell::Int(at),
                ],
                serde_json::to_string(a)?,
            )
        }
    })
}

/// A deleted record's row: the ids, the revision and the time, nothing else.
fn deleted_state(device: &Device, key: &Key, revision: i64, at: i64) -> Vec<Cell> {
    let mut row = vec![
        Cell::Text(key.1.clone()),
        Cell::Text(device.id.to_string()),
        Cell::Text(device.unit.clone()),
        Cell::Int(revision),
        Cell::Int(1),
    ];
    let fields = match key.0 {
        RecordKind::Concern => 11,
        RecordKind::Activity => 7,
    };
    row.extend(std::iter::repeat_n(Cell::Null, fields));
    // `updated_at` is the concern's 14th column and the activity's last.
    match key.0 {
        RecordKind::Concern => row[13] = Cell::Int(at),
        RecordKind::Activity => row[11] = Cell::Int(at),
    }
    row
}

async fn write_all(tx: &Transaction<'_>, writes: Writes) -> StorageResult<()> {
    for (name, rows) in [
        ("upload", &writes.uploads),
        ("concern_revision", &writes.concern_revisions),
        ("activity_revision", &writes.activity_revisions),
    ] {
        insert_cells(tx, name, table(name)?.columns, rows, "").await?;
    }
    for (record, name) in [
        (RecordKind::Concern, "concern"),
        (RecordKind::Activity, "activity"),
    ] {
        let t = table(name)?;
        let rows: Vec<Vec<Cell>> = writes
            .states
            .iter()
            .filter(|((r, _), _)| *r == record)
            .map(|(_, row)| row.clone())
            .collect();
        let update: Vec<String> = t
            .columns
            .iter()
            .skip(1)
            .map(|(c, _)| format!("{c} = excluded.{c}"))
            .collect();
        // Only this device's record may change. Another device's request on
        // another instance may have made the same id since the facts were
        // read (only this device's row is locked): then fewer rows change,
        // the request fails whole (503), and its retry is judged afresh.
        let upsert = format!(
            "ON CONFLICT (id) DO UPDATE SET {} WHERE {name}.device_id = excluded.device_id",
            update.join(", ")
        );
        let written = insert_cells(tx, name, t.columns, &rows, &upsert).await?;
        if written != rows.len() as u64 {
            return Err(StorageError::Backend(format!(
                "another device's request wrote one of these {name} ids meanwhile"
            )));
        }
    }
    if !writes.deleted.is_empty() {
        tx.execute(
            "UPDATE concern_revision SET body = NULL WHERE concern_id = ANY($1)",
            &[&writes.deleted],
        )
        .await?;
    }
    const REVIEW: &[(&str, Kind)] = &[
        ("upload_id", Kind::Text),
        ("device_id", Kind::Text),
        ("concern_id", Kind::Text),
        ("revision", Kind::Int),
        ("code", Kind::Text),
        ("body", Kind::Text),
        ("received_at", Kind::Int),
    ];
    insert_cells(tx, "review", REVIEW, &writes.reviews, "").await?;
    Ok(())
}

fn json<T: serde::Serialize>(value: &T) -> StorageResult<Cell> {
    Ok(Cell::Text(serde_json::to_string(value)?))
}
