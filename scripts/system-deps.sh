#!/usr/bin/env bash
# Installs the operating-system packages TwinHub's tests and tools need, when missing:
# Debian's Chromium (browser tests), gettext (compiling translations), poppler-utils (PDF checks),
# WeasyPrint's Pango, and Node.js/npm (the OpenID Connect provider used in the interoperability test).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
[ -e /usr/lib/x86_64-linux-gnu/libpangoft2-1.0.so.0 ] || [ -e /usr/lib/aarch64-linux-gnu/libpangoft2-1.0.so.0 ] || need+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
