//! Fault injection: a proxy between the sync engine and the real service on
//! a loopback port drops requests, drops answers (after the service
//! committed), duplicates, delays, reorders (an old batch delivered again
//! after newer ones) and restarts the service between and during batches.
//! A property test of 1,000 rounds drives two laptops through it; after each
//! round the service must hold exactly what the laptops committed: every
//! current concern at the laptop's revision and severity, every deleted one
//! gone, nothing twice, nothing kept as a conflict, no device flagged.
//!
//! Reordered requests reach the service within the same sync, or — when the
//! plan carries them into the next step — after the laptop has worked on and
//! synced newer heads. Such a stale copy must be refused whole (409
//! `stale_request`): none of its items applied (a deleted concern does not
//! come back), the laptop not flagged.
//!
//! One service, two enrolled laptops and one runtime serve all the rounds
//! (so the service's state grows as it would in use); a failing round is
//! shrunk in fresh surroundings, so the case reported stands on its own.
//! Set PROPTEST_RNG_SEED to replay a run (timing between the two laptops and
//! a restart during a request are not replayed exactly); PROPTEST_CASES
//! above 1,000 runs more rounds. With `--nocapture` the test prints how
//! often each fault struck and what the service answered.
//!
//! The proxy speaks plain HTTP/1.1 itself (one request per connection), so
//! it can close a connection with no answer at all. Temp folders are in
//! /dev/shm where there is one (no fsync waits); 1,000 rounds take about
//! 25 s there and about 35 s on disk, on two cores.
//!
//! The parts, each using only those listed before it: `stats` (what the
//! faults did), `plan` (what a round does), `http` (the proxy's wire),
//! `upstream` (where the service runs), `proxy` (the faults), `peer` (a
//! laptop and its model), `store_look` (the store read directly), `world`
//! (a round run and checked).

#[path = "../common/mod.rs"]
mod common;
mod http;
mod peer;
mod plan;
mod proxy;
mod stats;
mod store_look;
mod upstream;
mod world;

use plan::{round, Fault, Lost, Op};
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::time::Instant;
use upstream::current_storage;
use uuid::Uuid;
use world::World;

/// Rounds of the property (more with PROPTEST_CASES, never fewer).
const ROUNDS: u32 = 1000;

#[test]
fn through_dropped_doubled_reordered_and_restarted_traffic_the_service_holds_exactly_what_was_committed(
) {
    property(None);
}

/// The same rounds with two service instances on one PostgreSQL database
/// (a cluster this test starts in a temp folder and stops): the proxies
/// send each request to the instances in turn, and a restart stops and
/// starts one of them while the other serves on.
#[test]
fn through_the_same_faults_two_instances_on_one_postgres_database_hold_exactly_what_was_committed()
{
    let cluster = beredskab_pg_cluster::Cluster::start();
    property(Some(&cluster));
}

fn property(cluster: Option<&beredskab_pg_cluster::Cluster>) {
    let started = Instant::now();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let rounds = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(ROUNDS, |n: u32| n.max(ROUNDS));
    let seed = std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| Uuid::new_v4().as_u64_pair().0);
    let mut runner = TestRunner::new(Config {
        cases: rounds,
        failure_persistence: None,
        max_shrink_iters: 400,
        rng_seed: RngSeed::Fixed(seed),
        ..Config::default()
    });

    let world = RefCell::new(Some(runtime.block_on(World::on(cluster))));
    // Set while a round runs in the shared world; still set after a failure
    // (or a panic), from then on every run gets fresh surroundings.
    let tainted = Cell::new(false);
    let passed = Cell::new(0u32);
    let first_failure = RefCell::new(None::<String>);
    let outcome = runner.run(&round(), |round| {
        if !tainted.get() {
            tainted.set(true);
            let mut world = world.borrow_mut();
            let world = world.as_mut().expect("the shared world");
            match runtime.block_on(world.run(&round)) {
                Ok(()) => {
                    tainted.set(false);
                    passed.set(passed.get() + 1);
                    Ok(())
                }
                Err(report) => {
                    let report = format!(
                        "round {} failed in the shared world:\n{report}\n{round:#?}",
                        passed.get() + 1
                    );
                    eprintln!("{report}");
                    *first_failure.borrow_mut() = Some(report.clone());
                    Err(TestCaseError::fail(report))
                }
            }
        } else {
            let mut fresh = runtime.block_on(World::on(cluster));
            let result = runtime.block_on(fresh.run(&round));
            runtime.block_on(fresh.stop());
            result.map_err(TestCaseError::fail)
        }
    });

    match outcome {
        Ok(()) => {}
        Err(TestError::Fail(reason, minimal)) => {
            let first = first_failure.borrow().clone().unwrap_or_default();
            panic!(
                "PROPTEST_RNG_SEED={seed}: after {} good rounds a round failed.\n\
                 == first failure ==\n{first}\n\
                 == smallest failing round (fresh service and laptops) ==\n{reason}\n{minimal:#?}",
                passed.get()
            );
        }
        Err(e) => panic!("PROPTEST_RNG_SEED={seed}: {e}"),
    }
    let world = world.borrow_mut().take().expect("the shared world");
    let everything = runtime
        .block_on(world.check_everything())
        .unwrap_or_else(|p| panic!("after all rounds:\n{p}"));
    let restarts = runtime.block_on(async { world.upstream.read().await.restarts });
    let live = runtime.block_on(async {
        current_storage(&world.upstream)
            .await
            .current_concerns()
            .await
            .expect("current concerns")
            .len()
    });
    runtime.block_on(world.stop());
    drop(runtime);
    eprintln!(
        "{} rounds on {} (seed {seed}): {everything} concerns made, {live} current on the service, \
         {restarts} service restarts, in {:.1?}\n{:#?}",
        passed.get(),
        if cluster.is_some() { "two PostgreSQL instances" } else { "SQLite" },
        started.elapsed(),
        stats::counted()
    );
    assert_eq!(passed.get(), rounds);
}

/// A copy of an old sync that reaches the service late — after the laptop
/// has worked on and synced again — is an old request, not a rolled-back
/// laptop: the laptop keeps syncing and nothing is lost or doubled.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copy_of_an_old_sync_arriving_after_newer_work_does_not_flag_the_laptop() {
    let mut world = World::new().await;
    let mut touched = BTreeSet::new();
    let peer = &mut world.peers[0];
    touched.extend(peer.apply(Op::Register { laptop: 0 }).map(|id| (0, id)));
    // The first request is held back; the laptop's retry gets through.
    peer.proxy.begin(&[Fault::Reorder {
        after: u8::MAX,
        lost: Lost::Close,
    }]);
    peer.sync(4, 1, true).await.expect("sync");
    // More work, synced: the service now holds a longer audit log.
    touched.extend(peer.apply(Op::Register { laptop: 0 }).map(|id| (0, id)));
    peer.sync(4, 1, true).await.expect("sync");
    // Now the old copy arrives.
    peer.proxy.flush().await;
    let late = peer.proxy.take_log();
    touched.extend(peer.apply(Op::Register { laptop: 0 }).map(|id| (0, id)));
    let after = peer.sync(4, 1, true).await;
    let checked = world.check(&touched).await;
    let log = world.peers[0].proxy.take_log();
    world.stop().await;
    assert!(
        after.is_ok() && checked.is_ok(),
        "{after:?}\n{checked:?}\n{}\n{}",
        late.join("\n"),
        log.join("\n")
    );
}

/// A stale copy is refused whole: one carrying the first revision of a
/// concern the laptop has since deleted (and synced the deletion of) does
/// not bring the concern back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_copy_does_not_bring_back_a_concern_deleted_since() {
    let mut world = World::new().await;
    let mut touched = BTreeSet::new();
    let peer = &mut world.peers[0];
    touched.extend(peer.apply(Op::Register { laptop: 0 }).map(|id| (0, id)));
    // The first request is held back; the laptop's retry gets through, so
    // the service accepted the head the held copy shows.
    peer.proxy.begin(&[Fault::Reorder {
        after: u8::MAX,
        lost: Lost::Close,
    }]);
    peer.sync(4, 1, true).await.expect("sync");
    // The concern is deleted, and the deletion synced.
    touched.extend(
        peer.apply(Op::Delete {
            laptop: 0,
            recent: 0,
        })
        .map(|id| (0, id)),
    );
    peer.sync(4, 1, true).await.expect("sync");
    // Now the copy carrying its first revision arrives.
    peer.proxy.flush().await;
    let checked = world.check(&touched).await;
    let log = world.peers[0].proxy.take_log();
    world.stop().await;
    assert!(checked.is_ok(), "{checked:?}\n{}", log.join("\n"));
}

/// A sync whose every delivery was lost in time — the laptop gave up on it,
/// so the service never accepted the head it shows — may still reach the
/// service after the laptop worked on and synced a newer head. It is just as
/// stale as a copy of an answered sync: refused, the laptop not flagged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_copy_of_a_sync_the_service_never_answered_does_not_flag_the_laptop() {
    let mut world = World::new().await;
    let mut touched = BTreeSet::new();
    let peer = &mut world.peers[0];
    touched.extend(peer.apply(Op::Register { laptop: 0 }).map(|id| (0, id)));
    // The only request is held back and, with no retries, the push gives
    // up; the change stays queued and the copy stays held.
    peer.proxy.begin(&[Fault::Reorder {
        after: u8::MAX,
        lost: Lost::Close,
    }]);
    peer.sync(4, 0, false).await.expect("sync");
    peer.proxy.end_step(true).await;
    // More work, synced (with the queued change): a newer head accepted.
    touched.extend(peer.apply(Op::Register { laptop: 0 }).map(|id| (0, id)));
    peer.sync(4, 1, true).await.expect("sync");
    // Now the old copy arrives.
    peer.proxy.flush().await;
    let late = peer.proxy.take_log();
    touched.extend(peer.apply(Op::Register { laptop: 0 }).map(|id| (0, id)));
    let after = peer.sync(4, 1, true).await;
    let checked = world.check(&touched).await;
    let log = world.peers[0].proxy.take_log();
    world.stop().await;
    assert!(
        after.is_ok() && checked.is_ok(),
        "{after:?}\n{checked:?}\n{}\n{}",
        late.join("\n"),
        log.join("\n")
    );
}
