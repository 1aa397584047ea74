"""xl-iku benchmarks, each measured side by side with its floor and with what a user would otherwise write.

    python bench/run.py            # full sizes (minutes); prints a Markdown report
    python bench/run.py --quick    # tiny inputs: the smoke test runs this so the benchmarks cannot rot
    python bench/run.py --only regenerate,cli   # some groups only, each still beside its floor

Medians of repeated runs. Whole commands run in fresh processes (what a user waits for, imports included); peak
memory is each child's own maximum resident set (os.wait4), beside the input file's size.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

PY = sys.executable
CODES = [f"U{i}" for i in range(1, 10)]
WEIGHTS = (3, 12, 55, 30)  # a kecamatan-like answer distribution (1..4), 2 % blanks


def answers(n: int, seed: int = 1) -> list[list[float | None]]:
    rng = random.Random(seed)
    return [[float(rng.choices((1, 2, 3, 4), weights=WEIGHTS)[0]) if rng.random() > 0.02 else None
             for _ in range(9)] for _ in range(n)]


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_process(args: list[str], repeat: int) -> tuple[float, float]:
    """(median seconds, peak resident MB) of `python -m …` / `python -c …` in a fresh process, through peak.py."""
    return run_interleaved([args], repeat)[0]


def run_interleaved(commands: list[list[str]], repeat: int) -> list[tuple[float, float]]:
    """`run_process` for several commands taking turns, round by round: on a machine shared with other work the
    load changes from minute to minute, and a ratio is only fair between runs made in the same minutes."""
    times: list[list[float]] = [[] for _ in commands]
    peaks: list[list[float]] = [[] for _ in commands]
    with tempfile.TemporaryDirectory() as tmp:
        peak_file = Path(tmp) / "peak"
        env = dict(os.environ, BENCH_PEAK_FILE=str(peak_file))
        # an installed package has its bytecode cached: without this, a session that sets PYTHONDONTWRITEBYTECODE
        # would time xl-iku compiling its own modules on every run (~40 ms for `ikm`), which the floors never pay
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for _ in range(repeat):
            for index, args in enumerate(commands):
                start = time.perf_counter()
                done = subprocess.run([args[0], str(ROOT / "bench" / "peak.py"), *args[1:]], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                times[index].append(time.perf_counter() - start)
                if done.returncode not in (0, 1):
                    raise RuntimeError(f"{args} failed: {done.stderr.decode()[-500:]}")
                peaks[index].append(int(peak_file.read_text()) / 1024)
    return [(statistics.median(t), max(p)) for t, p in zip(times, peaks)]


# -- 1. IKM_SCORE over what classic xlwings hands over -----------------------------------------------------------

def bench_udf(n: int, repeat: int) -> list[tuple]:
    import numpy as np

    from xl_iku import udfs

    rows = answers(n)

    def floor():
        return np.nanmean(np.asarray(rows, dtype=float), axis=0).mean() * 25

    def loop():
        nrr = []
        for j in range(9):
            given = [r[j] for r in rows if r[j] is not None]
            nrr.append(sum(given) / len(given))
        return sum(nrr) / 9 * 25

    assert abs(udfs.IKM_SCORE(rows) - loop()) < 1e-9 and abs(floor() - loop()) < 1e-9
    t_floor, t_ours, t_loop = (median_time(f, repeat) for f in (floor, lambda: udfs.IKM_SCORE(rows), loop))
    return [(f"IKM_SCORE, {n:,} × 9 nested lists", t_ours, t_floor, "numpy.asarray + nanmean", 1.5,
             f"straightforward pure-Python loop: {_ms(t_loop)} ({t_loop / t_ours:.1f}× the xl-iku time)")]


# -- 1b. ikm_table on a DataFrame (what read_skm gives) against the numpy path it wraps ----------------------------

def bench_table(n: int, repeat: int) -> list[tuple]:
    import numpy as np
    import pandas as pd

    import xl_iku
    from xl_iku.rules.ikm import ikm_by_group, ikm_summary

    matrix = np.array(answers(n), dtype=float)
    rng = random.Random(5)
    layanan = [rng.choice(("KTP", "Akta", "Izin Usaha", "Surat Pindah", "Legalisasi")) for _ in range(n)]
    frame = pd.DataFrame({"Jenis Layanan": pd.array(layanan, dtype="string"),
                          **{c: pd.array(matrix[:, j], dtype="Int64") for j, c in enumerate(CODES)}})
    by = xl_iku.ikm_table(frame, by="Jenis Layanan")
    floor = ikm_by_group(matrix, layanan)
    assert all(by.loc[k, "ikm"] == r.ikm for k, r in floor.items())
    assert xl_iku.ikm_table(frame).attrs["ikm"] == ikm_summary(matrix).ikm
    t_sum, t_table = (median_time(f, repeat) for f in (lambda: ikm_summary(matrix), lambda: xl_iku.ikm_table(frame)))
    t_group, t_by = (median_time(f, repeat) for f in (lambda: ikm_by_group(matrix, layanan),
                                                      lambda: xl_iku.ikm_table(frame, by="Jenis Layanan")))
    return [(f"`ikm_table(df)`, {n:,} respondents (Int64 columns)", t_table, t_sum, "`ikm_summary` on a float array",
             1.5, "per unsur"),
            (f"`ikm_table(df, by=\"Jenis Layanan\")`, {n:,} respondents, 5 groups", t_by, t_group,
             "`ikm_by_group` on a float array + label list", 1.5, "per group")]


# -- 2. xl-iku ikm / skm on a large survey workbook --------------------------------------------------------------

def survey_workbook(path: Path, n: int) -> Path:
    if path.exists():
        return path
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Data SKM")
    sheet.append(["Tanggal", "Jenis Layanan", *CODES])
    rng = random.Random(7)
    for row in answers(n):
        sheet.append([f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2025", rng.choice("ABCDE"), *row])
    book.save(path)
    return path


def bench_read(n: int, repeat: int, cache: Path) -> list[tuple]:
    """read_skm (a DataFrame with profiles and Int64 answers) against the reading `xl-iku ikm` does, in-process."""
    import xl_iku
    from xl_iku.model.survey import survey_summary
    from xl_iku.readers.skm import read_survey

    book = survey_workbook(cache / f"survey_{n}.xlsx", n)
    assert xl_iku.ikm_score(xl_iku.read_skm(book)) == survey_summary(read_survey(book)).ikm
    t_ikm = median_time(lambda: survey_summary(read_survey(book)), repeat)
    t_frame = median_time(lambda: xl_iku.read_skm(book), repeat)
    return [(f"`read_skm`, {n:,} respondents", t_frame, t_ikm, "read + validate as `xl-iku ikm` does", 1.5,
             "Tanggal parsed to datetime64, answers Int64")]


#: the floor of the survey commands: python-calamine reading the survey sheet, nothing else
SURVEY_FLOOR = ("from python_calamine import CalamineWorkbook; import sys; "
                "CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name('Data SKM').to_python()")
PANDAS_USER = ("import sys, pandas as pd; df = pd.read_excel(sys.argv[1], sheet_name='Data SKM', engine='openpyxl'); "
               "u = df[[f'U{i}' for i in range(1, 10)]]; print(u.mean().mean() * 25)")


def bench_cli(n: int, repeat: int, cache: Path) -> list[tuple]:
    book = survey_workbook(cache / f"survey_{n}.xlsx", n)
    size = book.stat().st_size / 1e6
    xl_iku = [PY, "-m", "xl_iku.cli"]
    (t_floor, m_floor), (t_ikm, m_ikm), (t_skm, m_skm) = run_interleaved(
        [[PY, "-c", SURVEY_FLOOR, str(book)], xl_iku + ["ikm", str(book), "--json"],
         xl_iku + ["skm", str(book), "--json"]], repeat)
    rows = [(f"`xl-iku ikm`, {n:,} respondents ({size:.1f} MB)", t_ikm, t_floor, "python-calamine bare read", 1.5,
             f"peak RSS {m_ikm:.0f} MB (floor {m_floor:.0f} MB)"),
            ("`xl-iku skm`, same workbook", t_skm, t_floor, "python-calamine bare read", 1.5,
             f"peak RSS {m_skm:.0f} MB")]
    try:
        import pandas  # noqa: F401
    except ImportError:
        rows.append(("pandas.read_excel (openpyxl)", None, None, "not installed", None, ""))
    else:
        t_pd, m_pd = run_process([PY, "-c", PANDAS_USER, str(book)], max(1, repeat // 2))
        rows.append(("pandas.read_excel(engine='openpyxl') + mean", t_pd, t_ikm, "`xl-iku ikm`", None,
                     f"xl-iku is {t_pd / t_ikm:.1f}× faster (goal ≥ 5×); peak RSS {m_pd:.0f} MB"))
    return rows


# -- 3. xl-iku regenerate ----------------------------------------------------------------------------------------

OPENPYXL_FLOOR = "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])"
#: the floor of regeneration: python-calamine reading every sheet
EVERY_SHEET_FLOOR = ("import sys; from python_calamine import CalamineWorkbook; "
                     "b = CalamineWorkbook.from_path(sys.argv[1]); [b.get_sheet_by_name(n).to_python() for n in b.sheet_names]")


def big_template(path: Path, n: int) -> Path:
    """The Wotu template with n respondents in Data SKM."""
    if path.exists():
        return path
    import datetime as dt

    from openpyxl import load_workbook

    from xl_iku.layout.data_skm import data_skm_sheet
    from xl_iku.workbook import regenerate, save_atomic
    from xl_iku.writers.openpyxl_writer import write_layout

    rng = random.Random(3)
    book = load_workbook(ROOT / "templates" / "IKU_Wotu.xlsx")
    survey = [dict(zip(CODES, row), Tanggal=dt.datetime(2025, 1, 1) + dt.timedelta(days=rng.randrange(360)),
                   **{"Jenis Layanan": rng.choice("ABCDE")}) for row in answers(n)]
    write_layout(book, data_skm_sheet(survey))
    save_atomic(path, book.save)
    regenerate(path)
    return path


def bench_regenerate(n: int, repeat: int, cache: Path, work: Path) -> list[tuple]:
    """Against python-calamine reading every sheet (the floor: regeneration must at least read its inputs), with a
    bare openpyxl load + save (what regeneration cost before it worked at package level) in the notes."""
    rows = []
    for label, book, goal in (("template", ROOT / "templates" / "IKU_Wotu.xlsx", 1.3),
                              (f"template + {n:,} respondents", big_template(cache / f"iku_{n}.xlsx", n), 2.0)):
        size = book.stat().st_size / 1e6
        out = work / "out.xlsx"
        t_openpyxl, m_openpyxl = run_process([PY, "-c", OPENPYXL_FLOOR, str(book), str(out)], repeat)
        t_floor, m_floor = run_process([PY, "-c", EVERY_SHEET_FLOOR, str(book)], repeat)
        t_ours, m_ours = run_process([PY, "-m", "xl_iku.cli", "regenerate", str(book), "-o", str(out)], repeat)
        rows.append((f"`xl-iku regenerate`, {label} ({size:.2f} MB)", t_ours, t_floor,
                     "python-calamine reads every sheet", goal,
                     f"openpyxl load + save {_ms(t_openpyxl)}: xl-iku {t_openpyxl / t_ours:.1f}× faster; peak RSS "
                     f"{m_ours:.0f} MB (calamine {m_floor:.0f} MB, openpyxl {m_openpyxl:.0f} MB)"))
    return rows


def profile_regenerate(book: Path, work: Path, top: int = 8) -> str:
    import cProfile
    import io
    import pstats

    from xl_iku.workbook import regenerate

    profile = cProfile.Profile()
    profile.enable()
    regenerate(book, work / "profiled.xlsx")
    profile.disable()
    text = io.StringIO()
    pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(top * 3)
    return text.getvalue()


# -- 4. many files, both cores -----------------------------------------------------------------------------------

def bench_batch(files: int, n: int, repeat: int, work: Path) -> list[tuple]:
    folder = work / "kabupaten"
    folder.mkdir(exist_ok=True)
    template = survey_workbook(work / "one.xlsx", n)
    for i in range(files):
        shutil.copyfile(template, folder / f"kecamatan_{i:03d}.xlsx")
    cmd = [PY, "-m", "xl_iku.cli", "skm", str(folder), "--json"]
    t1, _ = run_process(cmd + ["--jobs", "1"], repeat)
    cores = os.cpu_count() or 1
    tn, _ = run_process(cmd + ["--jobs", str(cores)], repeat)
    return [(f"`xl-iku skm` on {files} files × {n} respondents, {cores} cores", tn, t1, "same command, 1 core", None,
             f"{files / tn:.1f} files/s ({files / t1:.1f} on one core), speed-up {t1 / tn:.2f}×")]


# -- 5. import cost ----------------------------------------------------------------------------------------------

def bench_import(repeat: int) -> list[tuple]:
    t_none, _ = run_process([PY, "-c", "pass"], repeat)  # includes the small peak.py wrapper, as all do
    t_numpy, _ = run_process([PY, "-c", "import numpy"], repeat)
    t_xlwings, _ = run_process([PY, "-c", "import xlwings"], repeat)
    t_udfs, _ = run_process([PY, "-c", "import xl_iku.udfs"], repeat)
    numpy_cost = t_numpy - t_none
    marginal = statistics.median(_timed_import("import xlwings", "import xl_iku.udfs") for _ in range(repeat))
    return [("`import xl_iku.udfs`, fresh interpreter", t_udfs - t_none, numpy_cost, "`import numpy` alone", 1.5,
             f"interpreter start ({_ms(t_none)}) subtracted; includes `import xlwings` {_ms(t_xlwings - t_none)}, "
             "which itself imports numpy"),
            ("`import xl_iku.udfs` where xlwings is loaded (classic add-in server, Lite)", marginal, numpy_cost,
             "`import numpy` alone", 1.5, "what the add-in adds to the runtime it starts in")]


def _timed_import(already: str, statement: str) -> float:
    """Seconds `statement` takes in a fresh interpreter where `already` has run (timed inside the process)."""
    code = (f"{already}\nimport time\nstart = time.perf_counter()\n{statement}\n"
            "print(time.perf_counter() - start)")
    return float(subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True).stdout)


# -- report ------------------------------------------------------------------------------------------------------

def report(rows: list[tuple]) -> str:
    lines = ["| benchmark | xl-iku | against | ratio | goal | notes |", "|---|---|---|---|---|---|"]
    for name, ours, base, base_name, goal, notes in rows:
        if ours is None:
            lines.append(f"| {name} | – | {base_name} | – | – | {notes} |")
            continue
        ratio = ours / base
        verdict = "" if goal is None else (" ✔" if ratio <= goal else " ✘")
        goal_text = "–" if goal is None else f"≤ {goal}×{verdict}"
        lines.append(f"| {name} | {_ms(ours)} | {base_name}: {_ms(base)} | {ratio:.2f}× | {goal_text} | {notes} |")
    return "\n".join(lines)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores; Python "
            f"{platform.python_version()}")


#: The benchmark groups, in report order (`--only` picks some: a single row re-measured still has its floor beside it).
GROUPS = ("udf", "table", "read", "cli", "regenerate", "batch", "import")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny inputs (smoke test)")
    parser.add_argument("--profile", action="store_true", help="print where regeneration spends its time")
    parser.add_argument("--cache", default=str(ROOT / "bench" / ".cache"), help="generated inputs are kept here")
    parser.add_argument("--only", default=",".join(GROUPS),
                        help=f"comma-separated groups to run, of {', '.join(GROUPS)} (default: all)")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    if not only <= set(GROUPS):
        parser.error(f"--only: unknown group(s) {', '.join(sorted(only - set(GROUPS)))}")
    quick = args.quick
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    size = dict(udf=2_000, cli=500, regen=300, files=6, per_file=50, repeat=1) if quick else \
        dict(udf=100_000, cli=100_000, regen=50_000, files=100, per_file=300, repeat=5)
    rows = []
    with tempfile.TemporaryDirectory(prefix="xl-iku-bench-") as tmp:
        work = Path(tmp)
        runs = dict(udf=lambda: bench_udf(size["udf"], max(3, size["repeat"])),
                    table=lambda: bench_table(size["udf"], max(3, size["repeat"])),
                    read=lambda: bench_read(size["cli"], size["repeat"], cache),
                    cli=lambda: bench_cli(size["cli"], size["repeat"], cache),
                    regenerate=lambda: bench_regenerate(size["regen"], size["repeat"], cache, work),
                    batch=lambda: bench_batch(size["files"], size["per_file"], min(size["repeat"], 3), work),
                    **{"import": lambda: bench_import(max(3, size["repeat"] * 2))})
        for group in GROUPS:
            if group in only:
                rows += runs[group]()
        print(f"Machine: {machine()}\n")
        print(report(rows))
        if args.profile:
            print("\nWhere `xl-iku regenerate` spends its time (cProfile, cumulative):\n")
            print(profile_regenerate(big_template(cache / f"iku_{size['regen']}.xlsx", size["regen"]), work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
