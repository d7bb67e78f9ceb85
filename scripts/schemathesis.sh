#!/usr/bin/env bash
# Schemathesis (PyPI) against the central service's own OpenAPI document: a
# real server on a loopback port the OS picks, with an enrolled device and a
# published release, fed generated requests. Fails on any 5xx, any answer
# the document does not describe (status, body, content type, headers).
# Uses the release build of beredskab-server; called by test-all.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/schemathesis-venv
if [ ! -x "$venv/bin/st" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis==4.32.5'
fi
bin=target/release/beredskab-server
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" --data "$work/service" init >/dev/null
"$bin" --data "$work/service" publisher-key --out "$work/publisher.key" >/dev/null 2>&1
"$bin" --data "$work/service" publish content --key "$work/publisher.key" >/dev/null 2>&1
code="$("$bin" --data "$work/service" enroll --unit "Schemathesis" 2>/dev/null)"
"$bin" --data "$work/service" serve --listen 127.0.0.1:0 >"$work/out" 2>"$work/err" &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$work/out" 2>/dev/null && break
  sleep 0.1
done
base="$(sed -n 's/^listening on //p' "$work/out" | head -1)"
[ -n "$base" ] || { echo "schemathesis: the server did not start" >&2; cat "$work/err" >&2; exit 1; }
credential="$(curl -sf -X POST -H 'content-type: application/json' -H 'x-beredskab-protocol: 1' \
  -d "{\"code\":\"$code\",\"device_name\":\"schemathesis\"}" "$base/api/v1/enroll" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["credential"])')"

"$venv/bin/st" run crates/beredskab-server/openapi.json --url "$base" \
  -H "Authorization: Bearer $credential" \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance,response_headers_conformance \
  --max-examples 50 --seed 20261127 --no-color
