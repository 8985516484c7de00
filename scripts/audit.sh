#!/usr/bin/env bash
# make audit: check every pinned dependency (requirements.lock) against a vulnerability
# database with pip-audit. pip-audit asks PyPI's JSON API (or OSV) about each package; where
# the machine cannot reach them (this workplace reaches PyPI's package index only), say so
# plainly and exit 2 rather than pretend the audit passed.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(.venv/bin/pip-audit -r requirements.lock --require-hashes --disable-pip --no-deps \
      --progress-spinner off 2>&1)
status=$?
echo "$out"
unaudited=$(grep -c "could not be audited" <<<"$out")
pinned=$(grep -c '^[A-Za-z0-9_.-]*==' requirements.lock)
if [ "$unaudited" -gt 0 ]; then
  echo
  echo "NOT AUDITED: $unaudited of $pinned pinned packages could not be checked: pip-audit" \
       "cannot reach a vulnerability database (PyPI's JSON API, OSV) from this machine." \
       "Every package is still pinned by version and SHA-256 in requirements.lock;" \
       "run \`make audit\` where the internet is reachable." >&2
  exit 2
fi
exit $status
