#!/usr/bin/env bash
# Install the Debian packages RightsLedger needs, when they are missing.
#   bash scripts/system-deps.sh report   what `make demo` needs: Pango, HarfBuzz and the
#                                        DejaVu fonts for the PDF report (WeasyPrint),
#                                        Tesseract and its English, French, Azerbaijani,
#                                        Russian and Armenian packs (OCR), Chromium (web
#                                        captures, driven by Playwright)
#   bash scripts/system-deps.sh          all of that, and what the test suite and the
#                                        benchmarks need: PostgreSQL (a throwaway cluster is
#                                        started by the test session), Chromium (driven by
#                                        Playwright; `playwright install` cannot download here),
#                                        poppler-utils (pdfinfo) and Node.js with npm, which
#                                        installs html-validate from tools/html-validate's lock
#                                        (both check the report's accessibility),
#                                        openssl and openssh-client's ssh-keygen (the docs'
#                                        recipes for checking a publication without
#                                        RightsLedger are run by the tests)
set -euo pipefail
need=()
has_lib() { ldconfig -p | grep -q "$1"; }
has_lib 'libpango-1.0.so.0' || need+=(libpango-1.0-0)
has_lib 'libpangoft2-1.0.so.0' || need+=(libpangoft2-1.0-0)
has_lib 'libharfbuzz-subset.so.0' || need+=(libharfbuzz-subset0)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# web pages captured as evidence (the demo captures a page it serves itself)
[ -x /usr/bin/chromium ] || need+=(chromium)
# OCR of scanned letters and photographed documents (the demo has a scanned reply)
command -v tesseract >/dev/null || need+=(tesseract-ocr)
for lang in eng fra aze rus hye; do
  [ -f "/usr/share/tesseract-ocr/5/tessdata/$lang.traineddata" ] \
    || need+=("tesseract-ocr-$lang")
done
if [ "${1:-all}" != report ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v pdfinfo >/dev/null || need+=(poppler-utils)
  command -v node >/dev/null || need+=(nodejs)
  command -v npm >/dev/null || need+=(npm)  # a Node.js that ships its own npm has it already
  command -v openssl >/dev/null || need+=(openssl)
  command -v ssh-keygen >/dev/null || need+=(openssh-client)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "error: missing Debian packages: ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
# html-validate, exactly as its lock file says (versions and integrity hashes), when the lock
# is newer than what npm last installed
tools="$(dirname "$0")/../tools/html-validate"
if [ "${1:-all}" != report ] && [ ! "$tools/node_modules/.package-lock.json" -nt "$tools/package-lock.json" ]; then
  (cd "$tools" && npm ci --no-audit --no-fund --silent)
fi
