"""Build templates/IKU_Wotu.xlsx from the office's data (tools/wotu_iku.json) and the generated sample survey
(tools/make_sample_skm.py, not real respondents) and illustrative `Program` rows (marked so in their Keterangan):
input sheets, then regeneration. The office has no LKE answers: its `LKE` sheet is the default criteria list of its
Perjanjian Kinerja year, unanswered (so no `Evaluasi AKIP` sheet yet).

The template's data then lives in its own `Instansi` and `Data IKU` sheets; tests regenerate it from them and compare
cell by cell. Run after changing the layout: python tools/make_template.py [OUT.xlsx]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from make_sample_skm import respondents
from xl_iku.layout.lke import default_lke_sheet, default_lke_year
from xl_iku.workbook import input_layouts, new_book, regenerate

HERE = Path(__file__).resolve().parent


def main(out: str = str(HERE.parent / "templates" / "IKU_Wotu.xlsx")) -> None:
    data = json.loads((HERE / "wotu_iku.json").read_text(encoding="utf-8"))
    instansi = dict(data["instansi"])
    instansi["Tanggal Penetapan"] = dt.date.fromisoformat(instansi["Tanggal Penetapan"])
    lke = default_lke_sheet(default_lke_year([instansi["Tahun PK"]], data["target"]))
    new_book(out, input_layouts(data["kondisi_awal"], data["target"], instansi, data["indikator"],
                                survey=respondents(), programs=data["program"], lke=lke))
    regenerate(out)


if __name__ == "__main__":
    main(*sys.argv[1:2])
