#!/usr/bin/env bash
# The photo bank, consent, a human story, the network and a press trip, then the export.
# Usage: bash demo/media.sh LEDGER   (make demo runs it after demo/records.sh)
set -euo pipefail
L="$1"
RL="${RL:-.venv/bin/rightsledger}"
export RIGHTSLEDGER_ACTOR="${RIGHTSLEDGER_ACTOR:-demo-analyst}"
HERE="$(cd "$(dirname "$0")" && pwd)"
P="$HERE/photos"

echo "== the network: a fixer and a specialist (names and phones encrypted, shown on request)"
ADDED=$("$RL" contact-add "$L" --name "Aram Demo-Fixer" --kind fixer --reach "+374 00 000 001" \
  --expertise "roads, checkpoints, logistics" --languages "hy, ru, en" --region Syunik \
  --vouched-by demo-analyst --last-contact 2023-01-27)
echo "$ADDED"
FIXER="${ADDED##* }"  # the code, last word of "contact 1 added as C-…"
"$RL" contact-add "$L" --name "Nune Demo-Economist" --kind specialist \
  --expertise "economy of the blockade, food prices" --languages "hy, en" --region Yerevan
"$RL" contacts "$L"

echo "== the photo bank: originals kept as evidence, public copies without EXIF or GPS"
"$RL" photo-add "$L" "$P/bread-queue-stepanakert.jpg" --incident 14 --place Stepanakert \
  --photographer "Demo Photographer A" --credit "RightsLedger demo" --licence CC-BY-4.0 --blur-faces
"$RL" photo-add "$L" "$P/empty-shelves-stepanakert.jpg" --incident 14 --place Stepanakert \
  --photographer "Demo Photographer A" --credit "RightsLedger demo" --licence CC-BY-4.0
"$RL" photo-add "$L" "$P/shelled-roof-stepanakert.jpg" --place Stepanakert \
  --photographer "Demo Photographer B" --credit "RightsLedger demo" --licence CC-BY-4.0
"$RL" photo-add "$L" "$P/shelled-roof-stepanakert-copy.jpg" --place Stepanakert \
  --photographer "Demo Photographer C" --credit "a reader (demo)" --licence "all rights reserved"
echo "-- a photo said to show the corridor, but its EXIF says otherwise:"
"$RL" photo-add "$L" "$P/corridor-far-away.jpg" --incident 14 --photographer "Unknown sender" \
  --caption "Said to show the Lachin corridor checkpoint"
"$RL" photos "$L" --groups

echo "== consent: one record per person shown; a withdrawal takes the photo out of public outputs"
for i in 1 2 3; do "$RL" photo-confirm "$L" "$i"; done
"$RL" consent "$L" --photo 1 --person "Queue participant (demo)" --scopes reports,press,web \
  --through "$FIXER" --given-on 2023-01-20
"$RL" consent "$L" --photo 2 --person "Shop keeper (demo)" --scopes reports,press,web \
  --given-on 2023-01-20 --expires-on 2030-12-31
"$RL" consent "$L" --photo 3 --person "House owner (demo)" --scopes reports,press,web \
  --given-on 2020-10-05
"$RL" consent-withdraw "$L" 3 --reason "the owner fears being recognised by the house"
"$RL" photo "$L" 3

echo "== a human story: the real-name check, then what the public reads"
"$RL" victim "$L" 14 --name "Lilit Demoyan" --address "4 Demo Street, Stepanakert" \
  --contact "+374 00 000 777" --harm deprived --age-group adult --sex female --status civilian
"$RL" story-add "$L" --title "Bread at dawn" --file "$HERE/stories/bread-at-dawn.txt" \
  --incident 14 --victim 1 --right "ICESCR 11"
"$RL" consent "$L" --story 1 --person "Lilit Demoyan" --victim 1 --scopes reports,press,web \
  --through "$FIXER" --given-on 2023-02-02
"$RL" story "$L" 1 --public

echo "== a press trip and a briefing, with the coverage that followed"
DAY50=$(sha256sum "$HERE/documents/lachin-corridor-day-50.html" | cut -c1-12)
"$RL" engagement-add "$L" --kind press_trip --title "The road to the Lachin corridor" \
  --from 2023-01-25 --to 2023-01-27 --place Goris --place Kornidzor --participant 1 \
  --participant "A. Reporter (Daily Example)" --participant "B. Reporter (Wire Demo)" \
  --agenda "Day 1: Goris, families cut off from Stepanakert. Day 2: the Kornidzor checkpoint. Day 3: briefing." \
  --material photo:1 --material photo:2 --coverage "$DAY50"
"$RL" engagement-add "$L" --kind conference --title "Briefing: 100 days of blockade" \
  --from 2023-03-21 --place Yerevan --participant 2 --participant "C. Reporter (Daily Example)" \
  --material "report:100 days of blockade" --material story:1
"$RL" engagement "$L" 1

echo "== the export: accepted incidents, consented photos (public copies) and stories"
"$RL" export "$L" --format json --out "$L-export"
