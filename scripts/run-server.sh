#!/usr/bin/env bash
# Starts a central service on this computer, for trying sync with the app:
# http://127.0.0.1:8417 (plain HTTP only on loopback), the default content
# pack published as a signed release, and a one-time enrollment code printed.
# The service's folder is target/local-server; delete it to start over.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release -p beredskab-server
bin=target/release/beredskab-server
data="${BEREDSKAB_SERVER_DATA:-$PWD/target/local-server}"
listen="${BEREDSKAB_SERVER_LISTEN:-127.0.0.1:8417}"
key="$data.publisher.key"
keys="$data.publisher-keys.txt"

if [ ! -d "$data" ]; then
  "$bin" --data "$data" init
  # A trial key: the real one is made and kept offline by the content owner.
  "$bin" --data "$data" publisher-key --out "$key" >"$keys"
  "$bin" --data "$data" publish content --key "$key" >/dev/null
fi
code="$("$bin" --data "$data" enroll --unit "Lokal prøve" --minutes 15)"

cat <<TEXT

  Central service: http://$listen
  Enrollment code: $code   (valid 15 minutes, single use; a new one: $bin --data $data enroll --unit "Lokal prøve")

  In the app: Indstillinger → Central tjeneste, enter the address and the code.
  For the app to trust this service's content, start it with the trial key:
      BEREDSKAB_PUBLISHER_KEYS=$keys ./scripts/run-app.sh

TEXT
exec "$bin" --data "$data" serve --listen "$listen"
