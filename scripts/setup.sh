#!/usr/bin/env bash
# Install everything itadoc needs, idempotently: system packages (tesseract 5 + Thai data,
# poppler-utils for the benchmark baseline, TLWG and Arundina Thai fonts for regenerating samples
# and the digit models), uv, and the locked Python environment (.venv from uv.lock).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(tesseract-ocr tesseract-ocr-tha poppler-utils fonts-thai-tlwg fonts-arundina python3-venv)

missing=()
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
if command -v tesseract >/dev/null 2>&1 && ! tesseract --list-langs 2>/dev/null | grep -qx tha; then
  missing+=(tesseract-ocr-tha)
fi
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -f /usr/share/fonts/truetype/tlwg/Laksaman.ttf ] || missing+=(fonts-thai-tlwg)
[ -f /usr/share/fonts/truetype/arundina/ArundinaSerif.ttf ] || missing+=(fonts-arundina)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "setup: installing system packages: ${APT_PACKAGES[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}"
  else
    echo "setup: missing ${missing[*]}; install tesseract 5 with Thai data (tha), poppler-utils and" \
         "Thai fonts with your package manager (see README: Installing on other systems)" >&2
    exit 3
  fi
fi

if ! command -v uv >/dev/null 2>&1 && ! python3 -m uv --version >/dev/null 2>&1; then
  echo "setup: installing uv" >&2
  python3 -m pip install --quiet --user uv 2>/dev/null \
    || python3 -m pip install --quiet --user --break-system-packages uv 2>/dev/null \
    || python3 -m pip install --quiet uv
fi
UV="uv"
command -v uv >/dev/null 2>&1 || UV="python3 -m uv"
# Bytecode is compiled here, once, as pip does at install time (uv does not by default):
# otherwise every process (the CLI, its worker server) compiles all its imports again wherever
# bytecode cannot be cached, e.g. with PYTHONDONTWRITEBYTECODE set (~0.4 CPU-s per process).
$UV sync --frozen --quiet --compile-bytecode
$UV run --frozen --no-sync python -m compileall -q itadoc ingest parsers schemas
echo "setup: ok ($(tesseract --version 2>&1 | head -1); $($UV --version))" >&2
