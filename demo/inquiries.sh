#!/usr/bin/env bash
# The inquiries part of the demo: the office writes to three state bodies during the
# blockade; one answers in time (its reply is ingested and extracted like any source), one
# is chased and still silent (overdue), one is not yet due. The letters are
# demo/inquiries/*.txt; the reply arrives as a scan (reply-hrd-2023-014-scan.pdf, made by
# demo/build_binaries.py from the typed reply-hrd-2023-014.txt), read by OCR. The report's
# methodology annex (demo/report.sh) counts them.
# Usage: bash demo/inquiries.sh LEDGER   (make demo runs it before demo/report.sh)
set -euo pipefail
L="$1"
RL="${RL:-.venv/bin/rightsledger}"
HERE="$(cd "$(dirname "$0")" && pwd)/inquiries"
export RIGHTSLEDGER_ACTOR="${RIGHTSLEDGER_ACTOR:-demo-analyst}"
BASIS="Law on the Human Rights Defender, art. 24"

echo "== three inquiries to state bodies, each with its questions and the letter as sent"
"$RL" inquiry add "$L" --reference HRD/2023/014 --to "Ministry of Health" --sent 2023-01-10 \
  --subject "Patients transferred for treatment while the road is closed" --legal-basis "$BASIS" \
  --question "How many patients have been transferred for treatment since 12 December 2022?" \
  --question "How many patients are waiting for a transfer, and for which treatments?" \
  --disruption 1 --right "ICESCR 12" --letter "$HERE/letter-hrd-2023-014.txt"
"$RL" inquiry add "$L" --reference HRD/2023/021 \
  --to "Ministry of Territorial Administration and Infrastructure" --sent 2023-01-20 \
  --subject "Repair of the high-voltage line and rolling power cuts" --legal-basis "$BASIS" \
  --question "What damage was found on the line, and when were repair teams refused access?" \
  --question "Which hospitals, schools and pumping stations have been without power?" \
  --question "What schedule of cuts are residents to expect?" \
  --disruption 3 --right "ICESCR 11" --letter "$HERE/letter-hrd-2023-021.txt"
"$RL" inquiry add "$L" --reference HRD/2023/037 --to "Ministry of Emergency Situations" \
  --sent 2023-03-01 --channel email --subject "Gas supply for the rest of the winter" \
  --legal-basis "$BASIS" --question "When is the gas supply expected to be restored?" \
  --disruption 2

echo "== the Ministry of Health answers in time, on paper: the scanned reply is read by OCR"
echo "   and is a source like any other (extraction runs on it)"
"$RL" inquiry reply "$L" 1 --received 2023-01-27 --answer 1=answered --answer 2=partly \
  --document "$HERE/reply-hrd-2023-014-scan.pdf"
echo "== the other ministry is reminded, and stays silent"
"$RL" inquiry remind "$L" 2 --sent 2023-02-25 --note "second letter, by hand"

echo "== where they stand on the last day of the report's period"
"$RL" inquiries "$L" --on 2023-03-21
"$RL" inquiries "$L" --overdue --on 2023-03-21
"$RL" inquiry show "$L" 1 --on 2023-03-21
