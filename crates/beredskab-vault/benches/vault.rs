//! Vault figures for BENCHMARKS.md, on a real file (not tmpfs) with
//! synchronous=FULL: the cost of one offline guess with the old and the new
//! Argon2id parameters (both in this run), saving a draft change, unlocking a
//! vault of 10,000 concerns (Argon2id + open + both integrity checks + the
//! seal), and listing them.

use beredskab_domain::concern::{AgeBand, ConcernData, ConcernFilter, Severity};
use beredskab_domain::{Role, TargetGroup};
use beredskab_vault::keyfile::{derive, KdfCost, KdfParams};
use beredskab_vault::passphrase::Passphrase;
use beredskab_vault::{Actor, VaultManager};
use std::time::{Duration, Instant};

const PASSPHRASE: &str = "syv blå ænder læser avis om natten";
const CONCERNS: usize = 10_000;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// This process's CPU time (user + system), from /proc: the cost a guesser pays.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks: f64 = fields
        .get(11)
        .and_then(|u| u.parse::<f64>().ok())
        .unwrap_or(0.0)
        + fields
            .get(12)
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(0.0);
    ticks / 100.0
}

/// One guess = one Argon2id derivation with the stored parameters.
fn guess_cost(name: &str, cost: KdfCost) {
    let params = KdfParams {
        algorithm: "argon2id".into(),
        memory_kib: cost.memory_kib,
        passes: cost.passes,
        lanes: cost.lanes,
        salt: "00112233445566778899aabbccddeeff".into(),
    };
    let guess = Passphrase::new("et forkert gæt på kodeordet");
    let runs = 10;
    let mut wall = Vec::new();
    let cpu = cpu_seconds();
    for _ in 0..runs {
        let t = Instant::now();
        derive(&guess, &params).expect("derive");
        wall.push(ms(t.elapsed()));
    }
    let cpu_ms = (cpu_seconds() - cpu) * 1000.0 / runs as f64;
    wall.sort_by(f64::total_cmp);
    println!(
        "guess_{name} memory_mib={} passes={} lanes={} wall_ms_median={:.1} cpu_ms={:.1} guesses_per_s_per_core={:.2}",
        cost.memory_kib / 1024,
        cost.passes,
        cost.lanes,
        percentile(&wall, 0.5),
        cpu_ms,
        1000.0 / cpu_ms
    );
}

fn main() {
    guess_cost(
        "issue4_owasp_minimum",
        KdfCost {
            memory_kib: 19 * 1024,
            passes: 2,
            lanes: 1,
        },
    );
    guess_cost("recommended", KdfCost::RECOMMENDED);
    let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-vault");
    let _ = std::fs::remove_dir_all(&root);
    let pack = beredskab_content::load_embedded(beredskab_content::today())
        .expect("pack")
        .pack;
    let today = beredskab_content::today();
    let actor = Actor {
        user: "bench".into(),
        device: "bench".into(),
    };
    let mut m = VaultManager::new(&root, actor.clone());
    let setup = Instant::now();
    m.setup(PASSPHRASE).expect("setup");
    println!("setup_ms={:.1}", ms(setup.elapsed()));
    let sign = pack.signs[0].id.clone();
    let data = |n: usize| ConcernData {
        observed_on: Some(today),
        recorder_role: Some(Role::JobkonsulentSagsbehandler),
        recorder_unit: "Jobcenter".into(),
        target_group: Some(TargetGroup::Voksen),
        age_band: Some(AgeBand::A25to39),
        signs: vec![sign.clone()],
        severity: Some(Severity::Middel),
        note: format!(
            "Observation nummer {n}. {}",
            "Borgeren fortalte om kontrol derhjemme. ".repeat(8)
        ),
        ..Default::default()
    };

    // Draft changes as typed: each save is one fsync'd transaction.
    let draft = m
        .with_vault(|v| v.save_draft(None, &data(0), false, &pack, today))
        .expect("draft");
    let mut saves = Vec::new();
    for n in 0..500 {
        let mut d = data(n);
        d.note.push_str(&"x".repeat(n % 50));
        let t = Instant::now();
        m.with_vault(|v| v.save_draft(Some(&draft.id), &d, false, &pack, today))
            .expect("save");
        saves.push(ms(t.elapsed()));
    }
    let mut registers = Vec::new();
    for n in 0..CONCERNS {
        let t = Instant::now();
        m.with_vault(|v| v.register(None, &data(n), false, &pack, today))
            .expect("register");
        registers.push(ms(t.elapsed()));
    }
    for v in [&mut saves, &mut registers] {
        v.sort_by(f64::total_cmp);
    }
    println!(
        "draft_save_ms p50={:.2} p99={:.2} max={:.2} (n={})",
        percentile(&saves, 0.5),
        percentile(&saves, 0.99),
        saves[saves.len() - 1],
        saves.len()
    );
    println!(
        "register_ms p50={:.2} p99={:.2} max={:.2} (n={})",
        percentile(&registers, 0.5),
        percentile(&registers, 0.99),
        registers[registers.len() - 1],
        registers.len()
    );
    m.lock().expect("lock");
    let size = std::fs::metadata(m.db_path()).map(|m| m.len()).unwrap_or(0);
    println!("vault_bytes={size} concerns={}", CONCERNS + 1);

    let mut unlocks = Vec::new();
    for _ in 0..20 {
        let mut fresh = VaultManager::new(&root, actor.clone());
        let t = Instant::now();
        fresh.unlock(PASSPHRASE).expect("unlock");
        unlocks.push(ms(t.elapsed()));
        fresh.lock().expect("lock");
    }
    unlocks.sort_by(f64::total_cmp);
    println!(
        "unlock_ms median={:.1} p95={:.1} min={:.1} max={:.1} (n=20)",
        percentile(&unlocks, 0.5),
        percentile(&unlocks, 0.95),
        unlocks[0],
        unlocks[19]
    );

    let mut m = VaultManager::new(&root, actor);
    m.unlock(PASSPHRASE).expect("unlock");
    let mut first_screen = Vec::new();
    let mut all = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let rows = m
            .with_vault(|v| v.list(&ConcernFilter::default(), 50))
            .expect("list");
        first_screen.push(ms(t.elapsed()));
        assert_eq!(rows.len(), 50);
        let t = Instant::now();
        let rows = m
            .with_vault(|v| v.list(&ConcernFilter::default(), 20_000))
            .expect("list");
        all.push(ms(t.elapsed()));
        assert_eq!(rows.len(), CONCERNS + 1);
    }
    first_screen.sort_by(f64::total_cmp);
    all.sort_by(f64::total_cmp);
    println!(
        "list_first_50_ms median={:.2} max={:.2}",
        percentile(&first_screen, 0.5),
        first_screen[19]
    );
    println!(
        "list_all_10001_ms median={:.2} max={:.2}",
        percentile(&all, 0.5),
        all[19]
    );
    m.lock().expect("lock");
}
