#!/usr/bin/env bash
# Fuzzes the central service's request decoding and the app's release
# verifier with cargo-fuzz (libFuzzer, nightly) for a bounded time each.
# A bench script, not part of the test command: figures go to BENCHMARKS.md.
#   scripts/bench-fuzz.sh [seconds per target, default 120]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${1:-120}"
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
for target in request_decoding release_verify; do
  echo "== $target for $seconds s"
  mkdir -p "fuzz/corpus/$target"
  cargo +nightly fuzz run --release "$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 2>&1 |
    grep -E '^(#[0-9]+ +DONE|Done|==[0-9]+==|SUMMARY|.*panicked)' || true
  if ls "fuzz/artifacts/$target"/crash-* >/dev/null 2>&1; then
    echo "$target: crashes found in fuzz/artifacts/$target" >&2
    exit 1
  fi
done
