#!/usr/bin/env bash
# Cold start of the release app to its first rendered screen, under Xvfb:
# hyperfine runs the binary 10 times; the app quits as soon as the UI reports
# that the home screen has rendered (BEREDSKAB_EXIT_ON_READY). Needs hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
bin=target/release/beredskab
[ -x "$bin" ] || { echo "build first: cargo build --release -p beredskab --features custom-protocol" >&2; exit 1; }
data=$(mktemp -d)
home=$(mktemp -d)
Xvfb :97 -screen 0 1280x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$data" "$home"' EXIT
sleep 1
export DISPLAY=:97 HOME="$home" BEREDSKAB_DATA_DIR="$data" BEREDSKAB_EXIT_ON_READY=1
"$bin" >/dev/null   # first start imports the pack; the runs below are ordinary starts
hyperfine --runs 10 --warmup 1 --export-json target/bench-startup.json "$bin"
echo "binary size: $(stat -c %s "$bin") bytes"
