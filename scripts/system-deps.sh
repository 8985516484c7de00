#!/usr/bin/env bash
# Install the Debian packages RightsLedger needs, when they are missing.
#   bash scripts/system-deps.sh report   what `make demo` needs: Pango, HarfBuzz and the
#                                        DejaVu fonts for the PDF report (WeasyPrint)
#   bash scripts/system-deps.sh          all of that, and what the test suite and the
#                                        benchmarks need: PostgreSQL (a throwaway cluster is
#                                        started by the test session), Chromium (driven by
#                                        Playwright; `playwright install` cannot download here)
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
if [ "${1:-all}" != report ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v openssl >/dev/null || need+=(openssl)
  command -v ssh-keygen >/dev/null || need+=(openssh-client)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "error: missing Debian packages: ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}" >/dev/null
