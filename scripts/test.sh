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
source scripts/lib/office.sh
ensure_office
exec .venv/bin/python -m pytest "$@"
