#!/usr/bin/env bash
# Installs what the app and its tests need on Debian 12 (run as root), skipping
# whatever is already there. Called by run-app.sh and test-all.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # building the Tauri app (WebKitGTK 4.1)
  libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev libsoup-3.0-dev pkg-config
  # running it headless and driving it over WebDriver
  xvfb xauth webkit2gtk-driver imagemagick dbus-daemon
  # Schemathesis (PyPI) runs in a virtual environment
  python3-venv
  # the content pack's spelling check
  hunspell hunspell-da
  # the yearly report's PDF test reads it back (pdftotext, pdfinfo, pdffonts)
  poppler-utils
  # PostgreSQL 15: the tests start their own throwaway clusters in temp folders
  postgresql
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's package may start a system cluster; the tests need none, so none is
# left running (their own clusters run on free loopback ports).
if command -v pg_lsclusters >/dev/null 2>&1; then
  pg_lsclusters --no-header 2>/dev/null | while read -r version cluster _port status _rest; do
    if [ "$status" = online ]; then
      echo "setup: stopping the system PostgreSQL cluster $version/$cluster (the tests start their own)"
      pg_ctlcluster "$version" "$cluster" stop || true
    fi
  done
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js $node_major is too old for Vite 8; Node.js 20 or newer is needed" >&2
  exit 1
fi

if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] || {
    echo "setup: installing the Rust toolchain with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  }
  export PATH="$HOME/.cargo/bin:$PATH"
fi

# The UI's packages, exactly as locked.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  npm --prefix ui ci --no-audit --no-fund --loglevel=error
fi
