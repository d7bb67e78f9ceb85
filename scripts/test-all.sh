#!/usr/bin/env bash
# Installs what is missing and runs the whole test suite: UI type-check and
# locale check, Rust unit and integration tests, and the end-to-end tests of the
# real release app in WebKit under Xvfb. One release build serves them all.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
[ -x "$HOME/.cargo/bin/tauri-driver" ] || cargo install tauri-driver --locked --version '^2'

echo "== UI: type-check, locale check, build"
npm --prefix ui run check
npm --prefix ui run check:i18n
npm --prefix ui run build

echo "== One release build of every crate and test target (the app binary included)"
# The same workspace, targets and features as `cargo test` below, so nothing is built twice.
cargo build --release --workspace --all-targets --features beredskab/custom-protocol

echo "== Rust tests and e2e tests (under Xvfb)"
xvfb-run -a -s "-screen 0 1280x900x24" \
  cargo test --release --workspace --features beredskab/custom-protocol
