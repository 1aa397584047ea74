"""xlwings Lite runs in Pyodide: pure-Python wheels only, and what it installs comes from excel/lite/requirements.txt.

The Lite path (the functions of excel/lite/main.py and its one-click script) runs here in a process where the
libraries Lite does not have or does not need cannot be imported: python-calamine and deflate (no Pyodide wheel), and xlrd,
tqdm, openpyxl and matplotlib (files and the command line only). Whatever the Lite path imports beyond the standard
library must be numpy, pandas or xlwings (which Pyodide and Lite provide) or be listed in requirements.txt.
"""

import json
import subprocess
import sys

from test_officejs_oneclick import payload

NOT_ON_LITE = ("python_calamine", "deflate", "xlrd", "tqdm", "openpyxl", "matplotlib")

CHILD = r"""
import asyncio, importlib.abc, importlib.util, json, sys

class Absent(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in NOT_ON_LITE:
            raise ImportError(f"{name} is not available under xlwings Lite")

sys.meta_path.insert(0, Absent())
import xlwings as xw, xlwings.server

spec = importlib.util.spec_from_file_location("lite_main", sys.argv[1])
main = importlib.util.module_from_spec(spec)
spec.loader.exec_module(main)
book = xw.Book(json=json.load(open(sys.argv[2])))
response = asyncio.run(xlwings.server.custom_scripts_call(main, "buat_ulang_iku", typehint_to_value={xw.Book: book}))
actions = response.json()["actions"] if hasattr(response, "json") else response["actions"]
body = {"client": "Office.js", "func_name": "IKM_TABEL", "args": [[[4, 3], [3, 2]], [["A"], ["B"]]],
        "caller_address": "[IKU.xlsx]Hasil SKM!C5", "culture_info_name": "id-ID", "date_format": "dd/MM/yyyy",
        "version": xlwings.__version__, "runtime": "1.4"}
table = asyncio.run(xlwings.server.custom_functions_call(body, main))
print(json.dumps({"sheets": [a["args"][1] for a in actions if a["func"] == "addSheet"], "tabel": table[0],
                  "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def test_lite_path_needs_only_what_lite_has(root, tmp_path):
    book = tmp_path / "payload.json"
    book.write_text(json.dumps(payload(root / "templates" / "IKU_Wotu.xlsx"), default=str))
    done = subprocess.run([sys.executable, "-c", f"NOT_ON_LITE = {NOT_ON_LITE!r}\n{CHILD}",
                           str(root / "excel" / "lite" / "main.py"), str(book)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.splitlines()[-1])
    assert "Tabel IKU" in out["sheets"] and "PK 2026" in out["sheets"] and "Hasil SKM" in out["sheets"]
    assert out["tabel"] == ["Kelompok", "Responden", "IKM", "Mutu", "Kinerja"]
    assert not set(NOT_ON_LITE) & set(out["modules"])
    requirements = [line.strip() for line in (root / "excel" / "lite" / "requirements.txt").read_text().splitlines()
                    if line.strip() and not line.startswith("#")]
    assert {"numpy", "pandas"} <= set(requirements)
