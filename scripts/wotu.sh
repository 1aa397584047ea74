#!/usr/bin/env bash
# The main job on the bundled Kecamatan Wotu data: install xl-iku into a project venv, then build the office's
# IKU workbook (Tabel IKU, Penjelasan IKU, Catatan) and its PDF lampiran, and compute the IKM of the sample survey.
# Needs LibreOffice for the PDF (./scripts/test.sh installs it on Debian/Ubuntu).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet -e .
.venv/bin/xl-iku regenerate templates/IKU_Wotu.xlsx -o workbooks/IKU_Wotu.xlsx
if command -v soffice >/dev/null 2>&1; then
  .venv/bin/xl-iku pdf workbooks/IKU_Wotu.xlsx
else
  echo "(PDF dilewati: LibreOffice belum terpasang)" >&2
fi
.venv/bin/xl-iku ikm workbooks/SKM_Wotu.xlsx
