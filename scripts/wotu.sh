#!/usr/bin/env bash
# The main job on the bundled Kecamatan Wotu data: install xl-iku into a project venv (and LibreOffice + poppler
# from Debian's packages when missing, as scripts/test.sh does), then build the office's IKU workbook and its PDF
# lampiran, and compute the IKM of the sample survey.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/office.sh
ensure_office
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet -e .
.venv/bin/xl-iku regenerate templates/IKU_Wotu.xlsx -o workbooks/IKU_Wotu.xlsx
.venv/bin/xl-iku pdf workbooks/IKU_Wotu.xlsx
.venv/bin/xl-iku ikm workbooks/SKM_Wotu.xlsx
