//! The real `beredskab-server` binary for the e2e tests: its own folder,
//! a trial publisher key, served on a loopback port; stopped when dropped.

use crate::app::workspace_root;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use tempfile::TempDir;

pub struct Server {
    pub dir: TempDir,
    /// Where it listens (kept across a restart): `127.0.0.1:port`.
    pub addr: Option<String>,
    child: Option<Child>,
    /// Held open, so the server never writes into a closed pipe.
    _stdout: Option<BufReader<ChildStdout>>,
}

fn binary() -> PathBuf {
    let path = std::env::var_os("BEREDSKAB_SERVER_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/release/beredskab-server"));
    assert!(
        path.exists(),
        "{} is missing: build it with `cargo build --release -p beredskab-server` (the README's test command does)",
        path.display()
    );
    path
}

impl Server {
    /// A new service folder with a publisher key; not yet serving.
    pub fn init() -> Server {
        let server = Server {
            dir: tempfile::tempdir().expect("temp dir"),
            addr: None,
            child: None,
            _stdout: None,
        };
        server.cli(&["init"]);
        let public = server.cli(&[
            "publisher-key",
            "--out",
            server.key_file().to_str().expect("path"),
        ]);
        std::fs::write(server.trusted_keys_file(), public).expect("keys file");
        server
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("service")
    }

    pub fn key_file(&self) -> PathBuf {
        self.dir.path().join("publisher.key")
    }

    /// The file the app is pointed at (`BEREDSKAB_PUBLISHER_KEYS`).
    pub fn trusted_keys_file(&self) -> PathBuf {
        self.dir.path().join("publisher-keys.txt")
    }

    /// Runs an administrative command; returns its standard output.
    pub fn cli(&self, args: &[&str]) -> String {
        let out = Command::new(binary())
            .arg("--data")
            .arg(self.data())
            .args(args)
            .env("USER", "e2e-drift")
            .output()
            .expect("run beredskab-server");
        assert!(
            out.status.success(),
            "beredskab-server {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Serves, on a free port the first time and on the same port after.
    pub fn start(&mut self) -> String {
        assert!(self.child.is_none(), "already serving");
        let listen = self.addr.clone().unwrap_or_else(|| "127.0.0.1:0".into());
        let mut child = Command::new(binary())
            .arg("--data")
            .arg(self.data())
            .args(["serve", "--listen", &listen])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start beredskab-server");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        stdout
            .read_line(&mut line)
            .expect("the server's first line");
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line: {line}"))
            .to_string();
        self.addr = Some(addr.clone());
        self.child = Some(child);
        self._stdout = Some(stdout);
        format!("http://{addr}")
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}
