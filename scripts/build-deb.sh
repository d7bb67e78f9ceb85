#!/usr/bin/env bash
# Builds the .deb bundle offline with the Tauri CLI from npm (no cargo install).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
npm --prefix ui run build
# The UI is built above; the CLI's own beforeBuildCommand would run from ui/.
ui/node_modules/.bin/tauri build --bundles deb --config '{"build":{"beforeBuildCommand":""}}'
ls -l target/release/bundle/deb/*.deb
