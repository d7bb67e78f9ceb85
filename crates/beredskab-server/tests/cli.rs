//! The `beredskab-server` binary as IT operations use it: init, a publisher
//! key, publish, enroll, serve on a loopback port (and over HTTPS with a
//! certificate), devices list and revoke, stats as CSV, the yearly report;
//! every process stopped.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_beredskab-server"))
}

fn run(data: &Path, args: &[&str]) -> Output {
    succeed(bin().arg("--data").arg(data), args)
}

/// Runs `command` with `args`, which must succeed.
fn succeed(command: &mut Command, args: &[&str]) -> Output {
    let out = command.args(args).output().expect("run");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A running `serve`, killed when dropped.
struct Served {
    child: Child,
    base: String,
}

impl Served {
    fn start(data: &Path, extra: &[&str]) -> Served {
        Served::spawn(bin().stderr(Stdio::null()), data, extra)
    }

    /// Serves on a free loopback port with `command`'s own arguments,
    /// environment and standard error.
    fn spawn(command: &mut Command, data: &Path, extra: &[&str]) -> Served {
        let mut child = command
            .arg("--data")
            .arg(data)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .expect("serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("first line");
        let base = line
            .trim()
            .strip_prefix("listening on ")
            .expect("address line")
            .to_string();
        Served { child, base }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn content() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

#[tokio::test]
async fn init_publish_enroll_serve_revoke_and_count() {
    let temp = tempfile::tempdir().expect("dir");
    let data = temp.path().join("service");
    run(&data, &["init"]);
    let again = bin()
        .arg("--data")
        .arg(&data)
        .arg("init")
        .output()
        .expect("run");
    assert!(!again.status.success(), "init never overwrites a service");
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("store.key")), 0o600);

    let key = temp.path().join("publisher.key");
    let public = stdout(&run(
        &data,
        &["publisher-key", "--out", key.to_str().expect("path")],
    ));
    assert_eq!(mode(&key), 0o600);
    assert!(beredskab_protocol::PublisherKey::parse(&public).is_ok());
    let number = stdout(&run(
        &data,
        &[
            "publish",
            content().to_str().expect("path"),
            "--key",
            key.to_str().expect("path"),
        ],
    ));
    assert_eq!(number, "1");
    let broken = temp.path().join("broken");
    std::fs::create_dir_all(&broken).expect("dir");
    std::fs::write(broken.join("pack.toml"), "format = 2\n").expect("write");
    let refused = bin()
        .arg("--data")
        .arg(&data)
        .args([
            "publish",
            broken.to_str().expect("path"),
            "--key",
            key.to_str().expect("path"),
        ])
        .output()
        .expect("run");
    assert!(
        !refused.status.success(),
        "an invalid pack is never published"
    );

    let code = stdout(&run(&data, &["enroll", "--unit", "Jobcenter Nord"]));
    assert_eq!(code.len(), 19, "four groups of four: {code}");

    let served = Served::start(&data, &[]);
    let client = reqwest::Client::new();
    let enrolled: Value = client
        .post(format!("{}/api/v1/enroll", served.base))
        .header("x-beredskab-protocol", "1")
        .json(&json!({ "code": code, "device_name": "pc-17" }))
        .send()
        .await
        .expect("enroll")
        .json()
        .await
        .expect("json");
    let device_id = enrolled["device_id"].as_str().expect("id").to_string();
    let release: Value = client
        .get(format!("{}/api/v1/releases/latest", served.base))
        .header("x-beredskab-protocol", "1")
        .send()
        .await
        .expect("release")
        .json()
        .await
        .expect("json");
    let trusted = [beredskab_protocol::PublisherKey::parse(&public).expect("key")];
    let signed: beredskab_protocol::SignedRelease =
        serde_json::from_value(release).expect("release");
    assert!(
        signed.verify(&trusted).is_ok(),
        "the served release verifies with the printed key"
    );

    let listed = stdout(&run(&data, &["devices", "list"]));
    assert!(
        listed.contains(&device_id) && listed.contains("active"),
        "{listed}"
    );
    run(&data, &["devices", "revoke", &device_id]);
    let refused: Value = client
        .get(format!("{}/api/v1/device", served.base))
        .header("x-beredskab-protocol", "1")
        .bearer_auth(enrolled["credential"].as_str().expect("credential"))
        .send()
        .await
        .expect("device")
        .json()
        .await
        .expect("json");
    assert_eq!(refused["code"], "device_revoked");

    let csv = stdout(&run(
        &data,
        &["stats", "--period", "quarter", "--format", "csv"],
    ));
    assert!(csv.starts_with("period,dimension,value,count"), "{csv}");

    // The yearly report, as the README's one line writes it.
    let pdf = data.join("aarsrapport.pdf");
    let xlsx = data.join("aarsrapport.xlsx");
    let year = chrono::Utc::now().format("%Y").to_string();
    for (format, path) in [("pdf", &pdf), ("xlsx", &xlsx)] {
        let path = path.to_str().expect("path");
        run(
            &data,
            &["report", "--year", &year, "--format", format, "--out", path],
        );
    }
    let pdf = std::fs::read(&pdf).expect("pdf written");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let xlsx = std::fs::read(&xlsx).expect("xlsx written");
    assert!(xlsx.starts_with(b"PK"), "an xlsx is a zip");
    let html = stdout(&run(
        &data,
        &["report", "--year", &year, "--format", "html"],
    ));
    assert!(
        html.contains("Handleplanens mål") && html.contains("<svg"),
        "{html}"
    );
    let refused = bin()
        .arg("--data")
        .arg(&data)
        .args(["report", "--year", "1850", "--format", "csv"])
        .output()
        .expect("run");
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("2000") && !said.contains("panicked"),
        "{said}"
    );
    drop(served);
}

#[tokio::test]
async fn with_a_certificate_it_serves_https_and_without_one_only_loopback() {
    let temp = tempfile::tempdir().expect("dir");
    let data = temp.path().join("service");
    run(&data, &["init"]);
    let (ca, cert, key) = beredskab_pg_cluster::ca_signed_certificate(temp.path());
    let served = Served::start(
        &data,
        &[
            "--tls-cert",
            cert.to_str().expect("p"),
            "--tls-key",
            key.to_str().expect("p"),
        ],
    );
    assert!(served.base.starts_with("https://"), "{}", served.base);
    let root = reqwest::Certificate::from_pem(&std::fs::read(&ca).expect("ca")).expect("pem");
    let client = reqwest::Client::builder()
        .add_root_certificate(root)
        .build()
        .expect("client");
    let health = client
        .get(format!("{}/health", served.base))
        .send()
        .await
        .expect("https");
    assert_eq!(health.text().await.expect("text"), "ok");
    drop(served);

    let off = bin()
        .arg("--data")
        .arg(&data)
        .args(["serve", "--listen", "0.0.0.0:0"])
        .output()
        .expect("run");
    assert!(!off.status.success());
    assert!(String::from_utf8_lossy(&off.stderr).contains("loopback"));
}

/// IT operations' side: `/healthz` and `/readyz`, one JSON log line per
/// event with the request's id (echoed in `x-request-id`), and a backup
/// made while serving that opens as a service with everything in it.
#[tokio::test]
async fn probes_json_logs_with_request_ids_and_a_backup_that_restores() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("service");
    run(&data, &["init"]);
    let code = stdout(&run(&data, &["enroll", "--unit", "Nord"]));
    let token = stdout(&run(&data, &["admin-token", "--label", "drift"]));
    let mut served = Served::spawn(
        bin()
            .env("RUST_LOG", "info,tower_http=debug")
            .stderr(Stdio::piped()),
        &data,
        &[],
    );
    let base = served.base.clone();
    let client = reqwest::Client::new();
    for (path, body) in [("/healthz", "ok"), ("/readyz", "ready")] {
        let answer = client
            .get(format!("{base}{path}"))
            .send()
            .await
            .expect("probe");
        assert_eq!(answer.status(), 200, "{path}");
        assert_eq!(answer.text().await.expect("text"), body);
    }
    let asked = client
        .get(format!("{base}/healthz"))
        .header("x-request-id", "req-from-the-proxy-1")
        .send()
        .await
        .expect("probe");
    assert_eq!(asked.headers()["x-request-id"], "req-from-the-proxy-1");
    let made = client
        .get(format!("{base}/readyz"))
        .send()
        .await
        .expect("probe");
    let made_id = made.headers()["x-request-id"]
        .to_str()
        .expect("id")
        .to_string();
    assert_eq!(made_id.len(), 36, "a UUID when none was given: {made_id}");

    let enrolled = client
        .post(format!("{base}/api/v1/enroll"))
        .header("x-beredskab-protocol", "1")
        .json(&json!({ "code": code, "device_name": "pc-nord" }))
        .send()
        .await
        .expect("enroll");
    assert_eq!(enrolled.status(), 201);

    // A backup while serving, then the copy opened as a service of its own.
    let copy = dir.path().join("copy");
    run(&data, &["backup", "--out", copy.to_str().expect("path")]);
    let again = bin()
        .arg("--data")
        .arg(&data)
        .args(["backup", "--out", copy.to_str().expect("path")])
        .output()
        .expect("run");
    assert!(!again.status.success(), "a backup never overwrites");
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    let _ = served.child.kill();
    let _ = served.child.wait();
    let mut logs = String::new();
    std::io::Read::read_to_string(&mut served.child.stderr.take().expect("stderr"), &mut logs)
        .expect("logs");
    let lines: Vec<Value> = logs
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l["span"]["request_id"] == "req-from-the-proxy-1"),
        "{logs}"
    );
    let devices = stdout(&run(&copy, &["devices", "list"]));
    assert!(devices.contains("Nord"), "{devices}");
    let served_copy = Served::start(&copy, &[]);
    let report = reqwest::Client::new()
        .get(format!(
            "{}/api/v1/admin/report?year=2026",
            served_copy.base
        ))
        .header("x-beredskab-protocol", "1")
        .bearer_auth(&token)
        .send()
        .await
        .expect("report");
    assert_eq!(report.status(), 200, "the copy knows the token too");
    drop(served_copy);
}

/// `beredskab-server` with its store in PostgreSQL at `url`.
fn on_postgres(url: &str) -> Command {
    let mut command = bin();
    command.env("BEREDSKAB_DATABASE_URL", url);
    command
}

fn run_on(url: &str, args: &[&str]) -> Output {
    succeed(on_postgres(url).args(["--data", "/nonexistent"]), args)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgres_database_share_codes_revocations_and_releases() {
    let cluster = beredskab_pg_cluster::Cluster::start();
    let url = cluster.new_database("delt");
    let temp = tempfile::tempdir().expect("dir");
    let key = temp.path().join("publisher.key");
    let key = key.to_str().expect("path");
    run_on(&url, &["publisher-key", "--out", key]);
    let content = content();
    let content = content.to_str().expect("path");
    assert_eq!(
        stdout(&run_on(&url, &["publish", content, "--key", key])),
        "1"
    );
    let unused = Path::new("/nonexistent");
    let a = Served::spawn(on_postgres(&url).stderr(Stdio::null()), unused, &[]);
    let b = Served::spawn(on_postgres(&url).stderr(Stdio::null()), unused, &[]);
    let client = reqwest::Client::new();
    let enroll = |base: &str, code: &str| {
        client
            .post(format!("{base}/api/v1/enroll"))
            .header("x-beredskab-protocol", "1")
            .json(&json!({ "code": code, "device_name": "pc-1" }))
            .send()
    };

    // A code used on one instance is used on both.
    let code = stdout(&run_on(&url, &["enroll", "--unit", "Skole Nord"]));
    let first = enroll(&a.base, &code).await.expect("enroll");
    assert_eq!(first.status(), 201);
    let enrolled: Value = first.json().await.expect("json");
    let again: Value = enroll(&b.base, &code)
        .await
        .expect("enroll")
        .json()
        .await
        .expect("json");
    assert_eq!(again["code"], "enrollment_refused");
    // The same code offered to both at the same moment: exactly one wins.
    let code = stdout(&run_on(&url, &["enroll", "--unit", "Skole Syd"]));
    let (first, second) = tokio::join!(enroll(&a.base, &code), enroll(&b.base, &code));
    let mut statuses = [
        first.expect("enroll").status().as_u16(),
        second.expect("enroll").status().as_u16(),
    ];
    statuses.sort();
    assert_eq!(statuses, [201, 403], "one device per code");

    // The device is known on the other instance; the same release is served.
    let credential = enrolled["credential"].as_str().expect("credential");
    let device = |base: &str| {
        client
            .get(format!("{base}/api/v1/device"))
            .header("x-beredskab-protocol", "1")
            .bearer_auth(credential)
            .send()
    };
    assert_eq!(device(&b.base).await.expect("device").status(), 200);
    let latest = |base: String| {
        let client = client.clone();
        async move {
            let release: Value = client
                .get(format!("{base}/api/v1/releases/latest"))
                .header("x-beredskab-protocol", "1")
                .send()
                .await
                .expect("release")
                .json()
                .await
                .expect("json");
            release["manifest"]["number"].clone()
        }
    };
    assert_eq!(latest(a.base.clone()).await, 1);
    assert_eq!(latest(b.base.clone()).await, 1);
    run_on(&url, &["publish", content, "--key", key]);
    assert_eq!(latest(a.base.clone()).await, 2);
    assert_eq!(latest(b.base.clone()).await, 2);

    // Revoked through one, refused by both.
    let id = enrolled["device_id"].as_str().expect("id");
    run_on(&url, &["devices", "revoke", id]);
    for base in [&a.base, &b.base] {
        let refused: Value = device(base)
            .await
            .expect("device")
            .json()
            .await
            .expect("json");
        assert_eq!(refused["code"], "device_revoked");
    }
    drop((a, b));

    // A pg_dump backup restores into a new database with everything in it.
    let dump = temp.path().join("delt.sql");
    let port = cluster.port().to_string();
    let pg = |program: &str| {
        let mut command = Command::new(cluster.bin().join(program));
        command.args([
            "-h",
            "127.0.0.1",
            "-p",
            &port,
            "-U",
            beredskab_pg_cluster::USER,
        ]);
        command
    };
    let dumped = pg("pg_dump")
        .args(["-d", "delt", "-f", dump.to_str().expect("path")])
        .status()
        .expect("pg_dump");
    assert!(dumped.success());
    let restored_url = cluster.new_database("genskabt");
    let restored = pg("psql")
        .args(["-q", "-v", "ON_ERROR_STOP=1", "-d", "genskabt", "-f"])
        .arg(&dump)
        .output()
        .expect("psql");
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    let listed = stdout(&run_on(&restored_url, &["devices", "list"]));
    assert!(
        listed.contains(id) && listed.contains("revoked"),
        "{listed}"
    );
    let c = Served::spawn(
        on_postgres(&restored_url).stderr(Stdio::null()),
        unused,
        &[],
    );
    assert_eq!(latest(c.base.clone()).await, 2);
}
