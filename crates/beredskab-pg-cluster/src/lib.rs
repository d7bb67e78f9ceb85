//! A throwaway PostgreSQL cluster for tests and benchmarks (and a test CA's
//! certificate for their TLS): `initdb` in a
//! temp folder, the server on a free loopback port with its socket in that
//! folder, no system service, and `pg_ctl stop` when dropped. Debian's
//! `postgresql` package provides the programs; the set-up script installs it.
//!
//! PostgreSQL refuses to run as root, so as root the programs run as the
//! package's `postgres` user (the folder is handed to it); otherwise as the
//! current user.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    running: bool,
    durable: bool,
}

/// The superuser the cluster is made with; trust authentication on loopback.
pub const USER: &str = "beredskab";

impl Cluster {
    /// Makes and starts a new cluster for tests: `fsync` off, since a test's
    /// data need not outlive a crash of this machine. Panics with what to
    /// install if it cannot.
    pub fn start() -> Cluster {
        Cluster::make(false)
    }

    /// The same, with PostgreSQL's default durability (`fsync` on), for the
    /// benchmarks that compare it with SQLite at `synchronous=FULL`.
    pub fn start_durable() -> Cluster {
        Cluster::make(true)
    }

    fn make(durable: bool) -> Cluster {
        let bin = bin_dir();
        let dir = tempfile::Builder::new()
            .prefix("beredskab-pg-")
            .tempdir()
            .expect("a temp folder for the cluster");
        if as_root() {
            run(Command::new("chown").arg("postgres").arg(dir.path()));
        }
        let data = dir.path().join("data");
        pg(
            &bin,
            "initdb",
            &[
                "-D",
                path(&data),
                "-A",
                "trust",
                "-U",
                USER,
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
        );
        let mut cluster = Cluster {
            port: 0,
            dir,
            bin,
            running: false,
            durable,
        };
        cluster.start_again();
        cluster
    }

    /// A URL for a new, empty database in this cluster.
    pub fn new_database(&self, name: &str) -> String {
        pg(
            &self.bin,
            "createdb",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                USER,
                name,
            ],
        );
        self.url(name)
    }

    pub fn url(&self, database: &str) -> String {
        format!("postgres://{USER}@127.0.0.1:{}/{database}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The folder holding the cluster (data, log, socket).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Where `pg_dump`, `psql` and the rest are.
    pub fn bin(&self) -> &Path {
        &self.bin
    }

    /// Serves TLS with this certificate and key (PEM) from now on, beside
    /// plain connections; restarts the server.
    pub fn enable_tls(&mut self, cert: &Path, key: &Path) {
        let data = self.dir.path().join("data");
        for (from, to) in [(cert, "server.crt"), (key, "server.key")] {
            let to = data.join(to);
            std::fs::copy(from, &to).expect("copy a TLS file into the cluster");
            run(Command::new("chmod").arg("600").arg(&to));
            if as_root() {
                run(Command::new("chown").arg("postgres").arg(&to));
            }
        }
        let conf = data.join("postgresql.auto.conf");
        let mut text = std::fs::read_to_string(&conf).unwrap_or_default();
        text.push_str("ssl = on\n");
        std::fs::write(&conf, text).expect("turn TLS on");
        self.stop();
        self.start_again();
    }

    /// Stops the server at once (as a crash or a lost database host would).
    pub fn stop(&mut self) {
        if self.running {
            let data = self.dir.path().join("data");
            pg(
                &self.bin,
                "pg_ctl",
                &["-D", path(&data), "-m", "immediate", "-w", "stop"],
            );
            self.running = false;
        }
    }

    /// Starts the server again on the same port (on a new free port the
    /// first time; if another process takes that port first, on another).
    pub fn start_again(&mut self) {
        let first_time = self.port == 0;
        let data = self.dir.path().join("data");
        let log = self.dir.path().join("log");
        let fsync = if self.durable { "on" } else { "off" };
        for attempt in 1..=3 {
            if first_time {
                self.port = free_port();
            }
            let options = format!(
                "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync={fsync} -c max_connections=200",
                self.port,
                self.dir.path().display()
            );
            let args = [
                "-D",
                path(&data),
                "-l",
                path(&log),
                "-w",
                "-o",
                &options,
                "start",
            ];
            match try_pg(&self.bin, "pg_ctl", &args) {
                Ok(()) => {
                    self.running = true;
                    return;
                }
                Err(why) if first_time && attempt < 3 => {
                    eprintln!(
                        "PostgreSQL did not start on port {}, trying another: {why}",
                        self.port
                    );
                }
                Err(why) => panic!("PostgreSQL did not start: {why}"),
            }
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A test CA (`ca.pem`) and a certificate it signed for `localhost` and
/// 127.0.0.1 with its key (`server.pem`, `server-key.pem`) in `dir`, as a
/// municipality's own CA would issue for its database server.
pub fn ca_signed_certificate(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let (ca, ca_key) = (dir.join("ca.pem"), dir.join("ca-key.pem"));
    let (cert, key, request) = (
        dir.join("server.pem"),
        dir.join("server-key.pem"),
        dir.join("server.csr"),
    );
    let extensions = dir.join("server.ext");
    std::fs::write(
        &extensions,
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\n\
         keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .expect("write the extensions");
    run(Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
        ])
        .args(["-nodes", "-days", "1", "-subj", "/CN=Beredskab test CA"])
        .args(["-addext", "basicConstraints=critical,CA:TRUE"])
        .args(["-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        .arg("-keyout")
        .arg(&ca_key)
        .arg("-out")
        .arg(&ca));
    run(Command::new("openssl")
        .args([
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
        ])
        .args(["-nodes", "-subj", "/CN=localhost"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&request));
    run(Command::new("openssl")
        .args(["x509", "-req", "-days", "1", "-set_serial", "2"])
        .arg("-in")
        .arg(&request)
        .arg("-CA")
        .arg(&ca)
        .arg("-CAkey")
        .arg(&ca_key)
        .arg("-extfile")
        .arg(&extensions)
        .arg("-out")
        .arg(&cert));
    (ca, cert, key)
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

fn bin_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BEREDSKAB_PG_BIN") {
        return PathBuf::from(dir);
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path().join("bin"))
                .filter(|bin| bin.join("initdb").exists())
                .collect()
        })
        .unwrap_or_default();
    found.sort_by_key(|bin| {
        bin.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    found.pop().unwrap_or_else(|| {
        panic!(
            "PostgreSQL is not installed: run the README's set-up (apt-get install postgresql) \
             or set BEREDSKAB_PG_BIN to the folder holding initdb"
        )
    })
}

fn as_root() -> bool {
    static ROOT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ROOT.get_or_init(|| {
        Command::new("id")
            .arg("-u")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
            .unwrap_or(false)
    })
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    listener.local_addr().expect("its address").port()
}

/// Runs one of PostgreSQL's programs, as `postgres` when we are root.
fn pg(bin: &Path, program: &str, args: &[&str]) {
    if let Err(why) = try_pg(bin, program, args) {
        panic!("{why}");
    }
}

fn try_pg(bin: &Path, program: &str, args: &[&str]) -> Result<(), String> {
    let program = bin.join(program);
    if as_root() {
        let mut command = Command::new("runuser");
        command
            .args(["-u", "postgres", "--"])
            .arg(&program)
            .args(args);
        try_run(&mut command)
    } else {
        try_run(Command::new(&program).args(args))
    }
}

fn run(command: &mut Command) {
    if let Err(why) = try_run(command) {
        panic!("{why}");
    }
}

fn try_run(command: &mut Command) -> Result<(), String> {
    let output = command
        .current_dir("/")
        .output()
        .map_err(|e| format!("{command:?} could not start: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{command:?} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}
