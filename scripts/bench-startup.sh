#!/usr/bin/env bash
# Cold start to the first complete screen, side by side in one run, under Xvfb:
# Beredskab's release app (ready = the home screen with its action cards
# rendered) against a bare Tauri 2 + Svelte app that reads one SQLite row and
# renders it (benches/bare-tauri). hyperfine runs each 15 times after 2 warm-up
# runs; both quit as soon as their UI reports ready. Needs hyperfine; builds
# the bare app against the workspace's Cargo.lock and target folder.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
export PATH="$HOME/.cargo/bin:$PATH"
bin=target/release/beredskab
[ -x "$bin" ] || { echo "build first: cargo build --release -p beredskab --features custom-protocol" >&2; exit 1; }

bare_dir=benches/bare-tauri
ln -sfn ../../../ui/node_modules "$bare_dir/ui/node_modules"
(cd "$bare_dir/ui" && node_modules/.bin/vite build --config vite.config.mjs --logLevel warn)
cp Cargo.lock "$bare_dir/Cargo.lock"
CARGO_TARGET_DIR="$PWD/target" cargo build --release --manifest-path "$bare_dir/Cargo.toml"
bare=target/release/bare-tauri

data=$(mktemp -d)
bare_data=$(mktemp -d)
home=$(mktemp -d)
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$data" "$bare_data" "$home"' EXIT
sleep 1
export DISPLAY=$display HOME="$home" BEREDSKAB_DATA_DIR="$data" BARE_DATA_DIR="$bare_data" BEREDSKAB_EXIT_ON_READY=1
# First starts import the pack and create the databases: the runs below are ordinary starts.
"$bin" >/dev/null
"$bare" >/dev/null
hyperfine --runs 15 --warmup 2 --export-json target/bench-startup.json \
  -n beredskab "$bin" -n bare-tauri "$bare"
python3 - <<'PY'
import json
r = {x["command"]: x for x in json.load(open("target/bench-startup.json"))["results"]}
a, b = r["beredskab"], r["bare-tauri"]
print(f"beredskab  {a['mean']*1000:.0f} ± {a['stddev']*1000:.0f} ms (median {a['median']*1000:.0f}), user+sys {(a['user']+a['system'])*1000:.0f} ms")
print(f"bare-tauri {b['mean']*1000:.0f} ± {b['stddev']*1000:.0f} ms (median {b['median']*1000:.0f}), user+sys {(b['user']+b['system'])*1000:.0f} ms")
print(f"ratio of means {a['mean']/b['mean']:.2f}x, of medians {a['median']/b['median']:.2f}x")
PY
echo "binary size: $(stat -c %s "$bin") bytes"
