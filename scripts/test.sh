#!/usr/bin/env bash
# The whole test suite on a fresh machine: a project venv with the test extras, LibreOffice + poppler for the
# PDF/recalculation tests (Debian packages, installed when missing and apt is usable), then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      libreoffice-calc-nogui poppler-utils >/dev/null
  else
    echo "LibreOffice (soffice) dan pdftoppm belum terpasang dan apt-get tidak tersedia." >&2
    exit 1
  fi
fi
exec .venv/bin/python -m pytest "$@"
