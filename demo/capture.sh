#!/usr/bin/env bash
# The capture part of the demo: a ministry's statement page (demo/web/, written by us) is
# served on 127.0.0.1 for the length of this script, captured as evidence (WARC and WACZ,
# screenshot, PDF, text), changed on the site, captured again (a second version linked to the
# first), and written out as an offline copy. Nothing outside this machine is reached.
# Usage: bash demo/capture.sh LEDGER   (make demo runs it after demo/inquiries.sh)
set -euo pipefail
L="$1"
RL="${RL:-.venv/bin/rightsledger}"
PY="${PY:-.venv/bin/python}"
SITE="$(mktemp -d)"
cp "$(dirname "$0")"/web/* "$SITE/"
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$PY" -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$SITE"' EXIT
for _ in $(seq 50); do "$PY" -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT/ministry-statement.html"
export RIGHTSLEDGER_ACTOR="${RIGHTSLEDGER_ACTOR:-demo-analyst}"

echo "== a ministry's statement page, captured as evidence"
"$RL" capture "$L" "$URL"
echo "== the ministry edits the page: the gas cut becomes 'an interruption for maintenance'"
sed -i 's/was cut again on 17 January/was interrupted for maintenance on 17 January/' \
  "$SITE/ministry-statement.html"
echo "== captured again: a second version, linked to the first"
"$RL" capture "$L" "$URL"
echo "== the first version, opened offline (no network needed)"
FIRST="$("$RL" sources "$L" --kind web_capture --format json | "$PY" -c \
  'import json, sys; print(json.load(sys.stdin)[-1]["id"])')"
"$RL" replay "$L" "$FIRST" --out "$L-capture-copy"
