#!/usr/bin/env bash
# The publishing part of the demo: a partner's monitoring log and its spreadsheet of
# incidents, a counter-claim, then the report of the first 100 days (HTML, PDF and a
# press-release draft), a public open-data export, the ledger's public key, and a check of
# both folders against their signed manifests.
# Usage: bash demo/report.sh LEDGER   (make demo runs it after demo/media.sh)
set -euo pipefail
L="$1"
RL="${RL:-.venv/bin/rightsledger}"
HERE="$(cd "$(dirname "$0")" && pwd)"
export RIGHTSLEDGER_ACTOR="${RIGHTSLEDGER_ACTOR:-demo-analyst}"

echo "== a partner's monitoring log (a source) and its spreadsheet of incidents"
"$RL" ingest "$L" "$HERE/partner" --manifest "$HERE/partner/manifest.csv" --no-extract
log=$(sha256sum "$HERE/partner/monitoring-log-2023q1.txt" | cut -c1-16)
mod=$(sha256sum "$HERE/partner/mod-statement-2023-03-05.txt" | cut -c1-16)
sheet="$(mktemp -d)/incidents.csv"
sed "s/,LOG,/,$log,/" "$HERE/partner-incidents.csv" > "$sheet"
"$RL" import "$L" "$sheet"

echo "== the other side's account of 5 March, side by side with the first"
killing=$("$RL" incidents "$L" --type killing --format json | python3 -c \
  'import json,sys; print(max(i["id"] for i in json.load(sys.stdin)))')
"$RL" claim "$L" "$killing" --by "Ministry of Defence of Azerbaijan" --killed 2 --source "$mod" \
  --text "two of its servicemen killed; says the car carried weapons" \
  --quote "two of its servicemen were killed in the exchange of fire that followed"
"$RL" claim "$L" "$killing" --by "Ministry of Defence of Azerbaijan" --denies --source "$mod" \
  --text "denies that the vehicle was a police patrol" \
  --quote "It denies that the vehicle was a police patrol."
"$RL" incident "$L" "$killing"

echo "== the report of the first 100 days: HTML, PDF and a press-release draft"
"$RL" report "$L" --from 2022-12-12 --to 2023-03-21 --title "100 days of blockade" \
  --series blockade --public --format all --out "$L-report"
echo "== a public open-data export (CSV) and the key to check both"
"$RL" export "$L" --format csv --public --from 2022-12-12 --to 2023-03-21 --out "$L-open-data"
"$RL" keys "$L" --out "$L.pub"
"$RL" verify-export "$L-report" --key "$L.pub"
"$RL" verify-export "$L-open-data" --key "$L.pub"
