use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tempfile::TempDir;

/// One app at a time: two WebKit instances on a 2-core machine make each other slow.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// One running app with its own driver, data dir and home dir.
pub struct App {
    pub client: Client,
    driver: Child,
    pub data_dir: TempDir,
    _home: TempDir,
    /// The app's stderr (through tauri-driver), kept for the marker scans.
    logs: TempDir,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The default content pack's folder.
pub fn content_dir() -> PathBuf {
    workspace_root().join("content")
}

fn app_binary() -> PathBuf {
    let path = std::env::var_os("BEREDSKAB_APP_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/release/beredskab"));
    assert!(
        path.exists(),
        "{} is missing: build it first with `cargo build --release -p beredskab --features custom-protocol` (the README's test command does)",
        path.display()
    );
    path
}

fn tauri_driver() -> PathBuf {
    let home_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|c| c.join("bin/tauri-driver"));
    match home_bin {
        Some(p) if p.exists() => p,
        _ => PathBuf::from("tauri-driver"),
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// Where screenshots go, kept as test artefacts.
pub fn artifacts_dir() -> PathBuf {
    let dir = workspace_root().join("target/e2e-artifacts");
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

impl App {
    /// Starts the app on a fresh data dir.
    pub async fn start() -> App {
        Self::start_with(tempfile::tempdir().expect("data dir")).await
    }

    /// Starts the app on `data_dir`, which a test may have prepared (e.g. damaged).
    pub async fn start_with(data_dir: TempDir) -> App {
        Self::start_with_env(data_dir, &[]).await
    }

    /// Starts the app on `data_dir` with extra environment (e.g. the publisher keys it trusts).
    pub async fn start_with_env(data_dir: TempDir, env: &[(&str, &std::ffi::OsStr)]) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "no DISPLAY: run the e2e tests under xvfb-run"
        );
        // The workspace enables two rustls providers (ring for the service,
        // aws-lc-rs through fantoccini): WebDriver's client must be told which.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let turn = ONE_AT_A_TIME.lock().await;
        let home = tempfile::tempdir().expect("home dir");
        let logs = tempfile::tempdir().expect("logs dir");
        let stderr = std::fs::File::create(logs.path().join("stderr.log")).expect("stderr file");
        let (port, native_port) = (free_port(), free_port());
        let driver = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
            .env("BEREDSKAB_DATA_DIR", data_dir.path())
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .envs(env.iter().copied())
            // Its own process group, so WebKitWebDriver and the app go with it.
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::from(stderr))
            .spawn()
            .expect("start tauri-driver (cargo install tauri-driver --locked)");
        let caps = json!({
            "browserName": "wry",
            "tauri:options": { "application": app_binary() }
        });
        let caps = caps.as_object().cloned().expect("object");
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = String::new();
        for _ in 0..100 {
            match ClientBuilder::rustls()
                .expect("tls")
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    let app = App {
                        client,
                        driver,
                        data_dir,
                        _home: home,
                        logs,
                        _turn: turn,
                    };
                    app.wait_for("[data-testid=search-input]").await;
                    return app;
                }
                Err(e) => last_error = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("could not start a WebDriver session: {last_error}");
    }

    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.wait_for_within(css, Duration::from_secs(10)).await
    }

    /// Waits longer for what follows the network (a sync with its retries).
    pub async fn wait_for_within(
        &self,
        css: &str,
        at_most: Duration,
    ) -> fantoccini::elements::Element {
        match self
            .client
            .wait()
            .at_most(at_most)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => element,
            Err(e) => {
                // What the screen showed instead is the first thing to look at.
                self.screenshot("failed-wait").await;
                panic!("{css} did not appear: {e} (screen in target/e2e-artifacts/failed-wait.png)")
            }
        }
    }

    pub async fn find_all(&self, css: &str) -> Vec<fantoccini::elements::Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .expect("find_all")
    }

    /// Clicks like a person: scrolled into view first, as WebKitWebDriver does
    /// not scroll on its own and refuses elements below the fold.
    pub async fn click(&self, css: &str) {
        let element = self.wait_for(css).await;
        let arg = serde_json::to_value(&element).expect("element reference");
        self.client
            .execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
            .await
            .unwrap_or_else(|e| panic!("scroll to {css}: {e:?}"));
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e:?}"));
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.expect("text")
    }

    /// Runs `script` in the page; it gets `done` as its last argument.
    pub async fn run_async(&self, script: &str) -> Value {
        self.client
            .execute_async(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    pub async fn run(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Calls one of the app's IPC commands directly.
    pub async fn invoke(&self, command: &str, args: Value) -> Value {
        let script = format!(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke({command:?}, {args})
               .then(r => done({{ ok: r }}), e => done({{ err: e }}));"
        );
        self.run_async(&script).await
    }

    /// Waits until `script` (an expression) is truthy in the page.
    pub async fn wait_until(&self, expression: &str) {
        self.wait_until_within(expression, Duration::from_secs(10))
            .await
    }

    pub async fn wait_until_within(&self, expression: &str, at_most: Duration) {
        let script = format!("return !!({expression});");
        let tries = at_most.as_millis() / 100;
        for _ in 0..tries {
            if self.run(&script).await == Value::Bool(true) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("timed out waiting for: {expression}");
    }

    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(artifacts_dir().join(format!("{name}.png")), png).expect("save screenshot");
    }

    /// The Xvfb screen, captured with ImageMagick: for the concern list, where
    /// WebKitWebDriver's screenshot never answers and then blocks the session.
    pub fn screenshot_of_display(&self, name: &str) {
        let path = artifacts_dir().join(format!("{name}.png"));
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .status();
        assert!(
            status.is_ok_and(|s| s.success()),
            "could not capture {name} with ImageMagick's import"
        );
    }

    /// Everything the app (and its drivers) wrote to stderr so far.
    pub fn stderr_path(&self) -> PathBuf {
        self.logs.path().join("stderr.log")
    }

    /// The app's home folder: the webview's data, cache and config live below it.
    pub fn home_dir(&self) -> PathBuf {
        self._home.path().to_path_buf()
    }

    pub async fn go(&self, hash: &str) {
        self.run(&format!("window.location.hash = {hash:?};")).await;
    }

    /// Stops the app and everything it started. The folders it wrote to stay
    /// until the returned value is dropped, so a test can still read them.
    pub async fn close(mut self) -> Leftovers {
        let _ = self.client.clone().close().await;
        stop_group(&mut self.driver);
        let empty = || tempfile::tempdir().expect("tempdir");
        Leftovers {
            data_dir: std::mem::replace(&mut self.data_dir, empty()),
            home: std::mem::replace(&mut self._home, empty()),
            logs: std::mem::replace(&mut self.logs, empty()),
        }
    }
}

/// What a closed app leaves behind: its data, its home (webview data) and its stderr.
pub struct Leftovers {
    pub data_dir: TempDir,
    pub home: TempDir,
    pub logs: TempDir,
}

impl Leftovers {
    pub fn stderr_path(&self) -> PathBuf {
        self.logs.path().join("stderr.log")
    }
}

impl Drop for App {
    fn drop(&mut self) {
        stop_group(&mut self.driver);
    }
}

/// Ends tauri-driver with everything it started (WebKitWebDriver, the app).
fn stop_group(driver: &mut Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", driver.id())])
        .status();
    let _ = driver.kill();
    let _ = driver.wait();
}
