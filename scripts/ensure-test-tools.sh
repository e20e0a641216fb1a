#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing: chromium for the browser tests
# (Playwright's own download cannot work on our machines) and poppler-utils, whose pdftotext
# reads the PDFs the app makes as an independent reader. WeasyPrint warns (the tests fail on
# warnings) without HarfBuzz's subsetting library; chromium usually brings it, not always.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
/sbin/ldconfig -p | grep -q libharfbuzz-subset || missing+=(libharfbuzz-subset0)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "Installing from Debian for the tests: ${missing[*]}..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
