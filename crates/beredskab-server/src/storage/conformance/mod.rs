//! What every storage backend must do, as one suite: each backend's tests
//! call `run` with a way to make an empty store. A check that fails panics
//! with its name; every check starts from an empty store.

mod access;
mod activities;
mod admins;
mod anchor;
pub mod fixtures;
mod releases_and_log;
mod upload;

use super::Storage;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

type Check = fn(Arc<dyn Storage>) -> Pin<Box<dyn Future<Output = ()> + Send>>;

/// Every check, by name.
pub const CHECKS: &[(&str, Check)] = &[
    ("an_enrollment_code_is_used_once", |s| {
        Box::pin(access::enrollment_once(s))
    }),
    ("an_expired_or_unknown_code_is_refused", |s| {
        Box::pin(access::enrollment_expired(s))
    }),
    ("a_device_is_found_by_its_credential_only", |s| {
        Box::pin(access::device_by_credential(s))
    }),
    ("a_revoked_device_cannot_sync", |s| {
        Box::pin(access::revoked_cannot_sync(s))
    }),
    ("an_upload_is_stored_once_and_retries_are_duplicates", |s| {
        Box::pin(upload::exactly_once(s))
    }),
    ("a_reused_upload_id_or_a_gap_is_kept_for_review", |s| {
        Box::pin(upload::conflicts_kept(s))
    }),
    ("a_records_whole_history_in_one_request", |s| {
        Box::pin(upload::a_whole_history_in_one_request(s))
    }),
    ("an_invalid_item_is_rejected_and_the_rest_stored", |s| {
        Box::pin(upload::rejected_alone(s))
    }),
    (
        "another_devices_record_can_be_neither_read_nor_written",
        |s| Box::pin(access::not_yours(s)),
    ),
    ("a_deletion_removes_the_record_from_the_counts", |s| {
        Box::pin(upload::deletion(s))
    }),
    (
        "a_rolled_back_audit_log_flags_the_device_and_stores_nothing",
        |s| Box::pin(anchor::rollback(s)),
    ),
    (
        "a_late_copy_of_an_old_request_applies_nothing_and_flags_nothing",
        |s| Box::pin(anchor::late_copy(s)),
    ),
    ("a_forked_audit_log_flags_the_device", |s| {
        Box::pin(anchor::fork(s))
    }),
    ("a_grown_log_must_show_the_confirmed_point", |s| {
        Box::pin(anchor::anchor_check(s))
    }),
    ("activities_are_stored_once_apart_from_concerns", |s| {
        Box::pin(activities::activities_exactly_once(s))
    }),
    ("a_concerns_case_stage_follows_its_latest_revision", |s| {
        Box::pin(activities::case_stage_kept(s))
    }),
    ("a_working_store_answers_a_ping", |s| {
        Box::pin(admins::answers_a_ping(s))
    }),
    ("an_admin_token_is_found_by_its_hash_only", |s| {
        Box::pin(admins::found_by_hash_only(s))
    }),
    ("releases_are_kept_by_number_and_never_replaced", |s| {
        Box::pin(releases_and_log::releases(s))
    }),
    ("the_log_keeps_entries_newest_first", |s| {
        Box::pin(releases_and_log::log(s))
    }),
];

/// Runs every check against stores made by `make`.
pub async fn run<F, Fut>(make: F)
where
    F: Fn() -> Fut,
    Fut: Future<Output = Arc<dyn Storage>>,
{
    for (name, check) in CHECKS {
        let store = make().await;
        let outcome = tokio::spawn(check(store)).await;
        if let Err(e) = outcome {
            panic!("storage conformance check {name} failed: {e}");
        }
    }
}
