#!/usr/bin/env bash
# Installs the operating-system packages TwinHub's tests and tools need, when missing (Debian/Ubuntu):
#   python3-venv          `make` creates .venv with `python3 -m venv`
#   chromium              the browser tests (Playwright drives Debian's Chromium)
#   gettext               compiling and extracting translations (msgfmt, xgettext)
#   poppler-utils         checking generated PDF certificates (pdftotext, pdftoppm)
#   libpango…, harfbuzz   WeasyPrint, which renders the certificates
#   fonts-dejavu-core     a font with every Turkish letter for the PDFs
#   nodejs, npm           the OpenID Connect provider used as "EU Login" in the interoperability test
#   libicu-dev, pkg-config, g++, python3-dev   building PyICU (collation in the reader's language)
# With the argument `cluster` (make cluster, the cluster tests) also:
#   nginx                 the load balancer in front of the gunicorn nodes (deploy/nginx)
#   apache2-utils         ab, the HTTP load generator of bench/cluster.py
# Does nothing when everything is present; uses sudo when not run as root.
# SYSTEM_DEPS_DRY_RUN=1 only prints what is missing.
set -euo pipefail
need=()
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || need+=(python3-venv)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v msgfmt >/dev/null 2>&1 && command -v xgettext >/dev/null 2>&1 || need+=(gettext)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# PyICU (collation, decision 23) is built against the system's ICU: headers, pkg-config, a C++ compiler.
pkg-config --exists icu-i18n 2>/dev/null || need+=(libicu-dev pkg-config)
command -v g++ >/dev/null 2>&1 || need+=(g++)
python3 -c "import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h')))" \
  || need+=(python3-dev)
if ! compgen -G "/usr/lib/*/libpangoft2-1.0.so.0" >/dev/null \
   || ! compgen -G "/usr/lib/*/libharfbuzz-subset.so.0" >/dev/null; then
  need+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
fi
if [ "${1:-}" = cluster ]; then
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
  command -v ab >/dev/null 2>&1 || need+=(apache2-utils)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ -n "${SYSTEM_DEPS_DRY_RUN:-}" ]; then echo "missing: ${need[*]}"; exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install these system packages (or your system's equivalents): ${need[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
