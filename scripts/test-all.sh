#!/usr/bin/env bash
# Installs what is missing and runs the whole test suite: formatting and lints,
# the UI's type-check, locale check and unit tests, the Rust unit and
# integration tests, and the end-to-end tests of the real release app in
# WebKit under Xvfb. One release build serves them all.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
[ -x "$HOME/.cargo/bin/tauri-driver" ] || cargo install tauri-driver --locked --version '^2'

echo "== Rust formatting"
cargo fmt --all -- --check

echo "== UI: type-check, locale check, Tauri only behind the Backend, unit tests, build"
npm --prefix ui run check
npm --prefix ui run check:i18n
npm --prefix ui run check:tauri
npm --prefix ui run test:unit
npm --prefix ui run build

echo "== One release build of every crate and test target (the app binary included)"
# The same workspace, targets and features as `cargo test` below, so nothing is built twice.
cargo build --release --workspace --all-targets --features beredskab/custom-protocol

echo "== One SQLite in the build (the PostgreSQL driver must not bring a second)"
sqlite_versions=$(cargo tree --workspace -e normal,build,dev -i libsqlite3-sys --depth 0 --prefix none | sort -u)
echo "$sqlite_versions"
[ "$(echo "$sqlite_versions" | grep -c '^libsqlite3-sys ')" -eq 1 ]

echo "== Lints (release profile, on the build above)"
cargo clippy --release --workspace --all-targets --features beredskab/custom-protocol -- -D warnings

echo "== Rust tests and e2e tests (under Xvfb)"
xvfb-run -a -s "-screen 0 1280x900x24" \
  cargo test --release --no-fail-fast --workspace --features beredskab/custom-protocol

echo "== Schemathesis against the central service's own OpenAPI document"
scripts/schemathesis.sh
