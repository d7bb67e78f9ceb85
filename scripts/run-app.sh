#!/usr/bin/env bash
# Installs what is missing, builds the release app and starts it. The app keeps
# its local database in the user's data dir (~/.local/share/dk.beredskab.app).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
npm --prefix ui run build
cargo build --release -p beredskab --features custom-protocol
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting the app on a virtual screen (Xvfb)."
  exec xvfb-run -a target/release/beredskab
fi
exec target/release/beredskab
