#!/usr/bin/env bash
# The main job on the bundled Kecamatan Wotu data: install xl-iku into a project venv, then run it.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet -e .
.venv/bin/xl-iku ikm workbooks/SKM_Wotu.xlsx
