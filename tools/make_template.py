"""Build templates/IKU_Wotu.xlsx from the office's data (tools/wotu_iku.json) and the generated sample survey
(tools/make_sample_skm.py, not real respondents) and illustrative `Program` rows (marked so in their Keterangan):
input sheets, then regeneration. The office has no LKE answers of its own: its `LKE` sheet is the default criteria
list of its Perjanjian Kinerja year with illustrative answers (one per sub-component, `ILLUSTRATIVE_LKE`), each row
marked so in `Bukti / Catatan`, so the template shows an `Evaluasi AKIP` sheet.

The template's data then lives in its own `Instansi` and `Data IKU` sheets; tests regenerate it from them and compare
cell by cell. Run after changing the layout: python tools/make_template.py [OUT.xlsx]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from make_sample_skm import respondents

from xl_iku.layout.lke import default_lke_year, default_rows, lke_input_sheet
from xl_iku.rules.lke import default_kriteria
from xl_iku.workbook import input_layouts, new_book, regenerate

HERE = Path(__file__).resolve().parent
#: Illustrative LKE answers per sub-component (not the office's assessment): 68,30, predikat B.
ILLUSTRATIVE_LKE = {"1.1": "A", "1.2": "BB", "1.3": "B", "2.1": "BB", "2.2": "B", "2.3": "CC", "3.1": "A", "3.2": "B",
                    "3.3": "CC", "4.1": "B", "4.2": "C", "4.3": "CC"}
ILLUSTRATIVE_NOTE = "Contoh ilustrasi, bukan penilaian kantor: ganti dengan jawaban dan bukti sendiri."


def main(out: str = str(HERE.parent / "templates" / "IKU_Wotu.xlsx")) -> None:
    data = json.loads((HERE / "wotu_iku.json").read_text(encoding="utf-8"))
    instansi = dict(data["instansi"])
    instansi["Tanggal Penetapan"] = dt.date.fromisoformat(instansi["Tanggal Penetapan"])
    tahun = default_lke_year([instansi["Tahun PK"]], data["target"])
    rows = default_rows(tahun, default_kriteria())
    for row in rows:
        row["Jawaban"] = ILLUSTRATIVE_LKE[row["Kode"].rsplit(".", 1)[0]]
        row["Bukti / Catatan"] = ILLUSTRATIVE_NOTE
    lke = lke_input_sheet(tahun, rows)
    new_book(out, input_layouts(data["kondisi_awal"], data["target"], instansi, data["indikator"],
                                survey=respondents(), programs=data["program"], lke=lke))
    regenerate(out)


if __name__ == "__main__":
    main(*sys.argv[1:2])
