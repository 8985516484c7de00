#!/usr/bin/env bash
# The records part of the demo: a reviewer's first decisions, the blockade with its cuts,
# the ICJ order and what was observed of it, an NGO statement, then the export.
# Usage: bash demo/records.sh LEDGER   (make demo runs it after ingesting demo/documents)
set -euo pipefail
L="$1"
RL="${RL:-.venv/bin/rightsledger}"
export RIGHTSLEDGER_ACTOR="${RIGHTSLEDGER_ACTOR:-demo-analyst}"

echo "== review: the queue in the order of events; reject, skip, accept"
printf 'r\nthe text of an order, not a report of an event\ns\na\n' | "$RL" review "$L" --limit 3

echo "== five reports of one blockade become one incident; the power line with its repairs"
for i in 3 4 12 13; do "$RL" merge "$L" "$i" --into 14; done
"$RL" accept "$L" 10
"$RL" merge "$L" 11 --into 10
"$RL" incident "$L" 14

echo "== the blockade and the cuts"
"$RL" disruption "$L" --kind road --area "Lachin corridor" --place "Lachin corridor" \
  --start 2022-12-12 --population 120000 --cause "road blocked by people in civilian clothes" \
  --attributed-to "Government of Azerbaijan"
"$RL" disruption "$L" --kind gas --area "Nagorno-Karabakh" --start 2023-01-17 --end 2023-01-20 \
  --population 120000 --cause "pipeline supply stopped"
"$RL" disruption "$L" --kind electricity --area "Nagorno-Karabakh" --start 2023-01-09 \
  --population 120000 --cause "high-voltage line damaged, repairs not allowed"
"$RL" disruption "$L" --kind internet --area "Nagorno-Karabakh" --start 2022-12-13 \
  --end 2022-12-15 --cause "cable damaged on the corridor"
"$RL" disruptions "$L" --on 2023-03-21

echo "== the ICJ order and its non-compliance"
"$RL" obligation "$L" --kind court_order --issuer "International Court of Justice" \
  --addressee "Republic of Azerbaijan" --title "Provisional measures on the Lachin corridor" \
  --date 2023-02-22 --text "Ensure unimpeded movement of persons, vehicles and cargo along the Lachin corridor in both directions."
"$RL" observe "$L" 1 --date 2023-03-01 --finding not_complied --disruption 1 \
  --note "the corridor is still closed a week after the order"
"$RL" obligations "$L" --on 2023-03-21

echo "== a statement and a response"
"$RL" statement "$L" --by "Caucasus Civil Rights Network" --date 2023-02-24 \
  --to "Government of Azerbaijan" --text "calls for free movement on the corridor" \
  --demand "reopen the Lachin corridor" --demand "let the ICRC pass"
"$RL" statement "$L" --by "Ministry of Foreign Affairs of Azerbaijan" --date 2023-02-25 \
  --text "says the road is open for humanitarian cargo" --responds-to 1
"$RL" statements "$L"

echo "== incidents"
"$RL" incidents "$L" --limit 8

