//! A throwaway PostgreSQL cluster for tests and benchmarks: `initdb` in a
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
}

/// The superuser the cluster is made with; trust authentication on loopback.
pub const USER: &str = "beredskab";

impl Cluster {
    /// Makes and starts a new cluster; panics with what to install if it cannot.
    pub fn start() -> Cluster {
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
    /// first time).
    pub fn start_again(&mut self) {
        if self.port == 0 {
            self.port = free_port();
        }
        let data = self.dir.path().join("data");
        let log = self.dir.path().join("log");
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
            self.port,
            self.dir.path().display()
        );
        pg(
            &self.bin,
            "pg_ctl",
            &[
                "-D",
                path(&data),
                "-l",
                path(&log),
                "-w",
                "-o",
                &options,
                "start",
            ],
        );
        self.running = true;
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
    }
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
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    listener.local_addr().expect("its address").port()
}

/// Runs one of PostgreSQL's programs, as `postgres` when we are root.
fn pg(bin: &Path, program: &str, args: &[&str]) {
    let program = bin.join(program);
    if as_root() {
        let mut command = Command::new("runuser");
        command
            .args(["-u", "postgres", "--"])
            .arg(&program)
            .args(args);
        run(&mut command);
    } else {
        run(Command::new(&program).args(args));
    }
}

fn run(command: &mut Command) {
    let output = command
        .current_dir("/")
        .output()
        .unwrap_or_else(|e| panic!("{command:?} could not start: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
