#!/usr/bin/env bash
# The whole test suite on a fresh machine: a project venv with the test extras, LibreOffice + poppler for the
# PDF/recalculation tests (Debian packages, installed when missing and apt is usable), ruff and mypy, then pytest.
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
# lint and types first (configured in pyproject.toml): a failure stops before the long run
.venv/bin/python -m ruff check --quiet .
.venv/bin/python -m mypy
exec .venv/bin/python -m pytest "$@"
