"""`xl-iku rekap` on a kabupaten's folder against its floor: python-calamine reading the same files' input sheets.

    python bench/rekap.py            # 200 office workbooks (the template's size, 300 respondents each); minutes
    python bench/rekap.py --quick    # tiny inputs: the smoke test runs this so the benchmark cannot rot

Both sides use both cores (the floor reads the files on a process pool of `os.cpu_count()` workers; the command
chooses its own) and run as fresh processes; medians of repeated runs. Prints one Markdown table row in the format
of `bench/run.py`.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import PY, big_template, machine, report, run_process  # noqa: E402

#: The floor: every input sheet of every file read by python-calamine, on all cores.
CALAMINE_FLOOR = """
import os, sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from python_calamine import CalamineWorkbook

INPUTS = ("Instansi", "Data IKU", "Data SKM", "AKIP", "Skala Capaian")

def read(path):
    book = CalamineWorkbook.from_path(path)
    return sum(len(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names if name in INPUTS)

import __main__
__main__.read = read  # run through peak.py, this code is not the __main__ module the forked workers look in
files = sorted(str(p) for p in Path(sys.argv[1]).glob("*.xlsx"))
with ProcessPoolExecutor(os.cpu_count()) as pool:
    print(sum(pool.map(read, files, chunksize=max(1, len(files) // (os.cpu_count() * 8)))))
"""


def kabupaten(folder: Path, files: int, respondents: int, cache: Path) -> Path:
    """`files` office workbooks: the Wotu template with `respondents` in Data SKM, regenerated, each under its own
    office name (so no two are byte-identical and none is counted once for another)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = big_template(cache / f"iku_{respondents}.xlsx", respondents)
    with zipfile.ZipFile(base) as package:
        parts = {item: package.read(item.filename) for item in package.infolist()}
    for i in range(files):
        with zipfile.ZipFile(folder / f"kantor_{i:03d}.xlsx", "w", zipfile.ZIP_DEFLATED) as out:
            for item, data in parts.items():
                if item.filename.startswith("xl/worksheets/sheet"):
                    data = re.sub(rb"<t>Kecamatan Wotu</t>", f"<t>Kecamatan Wotu {i:03d}</t>".encode(), data)
                out.writestr(item, data)
    return folder


def bench_rekap(files: int, respondents: int, repeat: int, cache: Path, work: Path) -> list[tuple]:
    folder = kabupaten(work / "kabupaten", files, respondents, cache)
    size = sum(p.stat().st_size for p in folder.glob("*.xlsx")) / 1e6
    floor = [PY, "-c", CALAMINE_FLOOR, str(folder)]
    ours = [PY, "-m", "xl_iku.cli", "rekap", str(folder), "-o", str(work / "REKAP.xlsx")]
    for cmd in (floor, ours):  # both must really do the work (run_process accepts exit status 1)
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{cmd[:4]} failed: {done.stderr[-500:]}")
    cores = os.cpu_count() or 1
    t_floor, m_floor = run_process(floor, repeat)
    t_ours, m_ours = run_process(ours, repeat)
    return [(f"`xl-iku rekap`, {files} office workbooks × {respondents} respondents ({size:.1f} MB), {cores} cores",
             t_ours, t_floor, f"python-calamine reading the input sheets, {cores} processes", 2.0,
             f"{files / t_ours:.1f} files/s; peak RSS {m_ours:.0f} MB (main process; floor {m_floor:.0f} MB)")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny inputs (smoke test)")
    parser.add_argument("--cache", default=str(Path(__file__).resolve().parent / ".cache"),
                        help="generated inputs are kept here")
    args = parser.parse_args(argv)
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    files, respondents, repeat = (6, 30, 1) if args.quick else (200, 300, 3)
    with tempfile.TemporaryDirectory(prefix="xl-iku-bench-rekap-") as tmp:
        rows = bench_rekap(files, respondents, repeat, cache, Path(tmp))
    print(f"Machine: {machine()}\n")
    print(report(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
