#!/usr/bin/env bash
# Builds the .deb bundle offline with the Tauri CLI from npm (no cargo install).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
ui/node_modules/.bin/tauri build --bundles deb
ls -l target/release/bundle/deb/*.deb
