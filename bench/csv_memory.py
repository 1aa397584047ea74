"""Peak memory of `xl-iku ikm` and `xl-iku skm` on large CSV exports, against the file's size and, with --before, the
same commands on another checkout of the code (interleaved: each run of one beside a run of the other).

    python bench/csv_memory.py                          # 24 MB and 200 MB exports, built once in bench/.cache/
    python bench/csv_memory.py --before ../main --sizes 24 --repeat 3

A form service's export as staff download it: a timestamp, a name, five profile columns, the nine answers as numbers,
a free-text suggestion. Peak memory is each process's own high-water mark (VmHWM, through bench/peak.py); both
sides' JSON results must be the same. Prints Markdown rows for bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODES = [f"U{i}" for i in range(1, 10)]
_WORDS = ("pelayanan cepat ramah petugas antrian lama ruang tunggu nyaman informasi jelas biaya sesuai loket "
          "parkir sempit jam buka tepat waktu berkas lengkap sistem daring mudah").split()


def form_csv(path: Path, megabytes: int, seed: int = 3) -> Path:
    """A Google-Forms-like export of about `megabytes` MB (built once)."""
    if path.exists():
        return path
    rng = random.Random(seed)
    start = dt.datetime(2025, 1, 1)
    target = megabytes * 1_000_000
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Timestamp", "Nama", "Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan", "Jenis Layanan",
                         *(f"{c} Pertanyaan" for c in CODES), "Saran"])
        n = 0
        while out.tell() < target:
            n += 1
            when = start + dt.timedelta(seconds=rng.randrange(0, 365 * 86400))
            writer.writerow([when.strftime("%d/%m/%Y %H:%M:%S"), f"Responden {n} {rng.randrange(10**6)}",
                             rng.choice(("Laki-laki", "Perempuan")), rng.randrange(17, 80),
                             rng.choice(("SD", "SMP", "SMA", "D3", "S1", "S2")),
                             rng.choice(("PNS", "Swasta", "Wiraswasta", "Petani/Nelayan", "Pelajar")),
                             rng.choice(("KTP", "Akta Kelahiran", "Kartu Keluarga", "Izin Usaha", "Surat Pindah")),
                             *(rng.choices((1, 2, 3, 4), weights=(3, 12, 55, 30))[0] if rng.random() > 0.02 else ""
                               for _ in CODES),
                             " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(0, 12)))])
    tmp.rename(path)
    return path


def run(code: Path, argv: list[str]) -> tuple[float, float, str]:
    """(seconds, peak MB, stdout) of `python -m xl_iku.cli …` importing xl_iku from `code`."""
    with tempfile.TemporaryDirectory() as tmp:
        peak = Path(tmp) / "peak"
        env = dict(os.environ, BENCH_PEAK_FILE=str(peak), PYTHONPATH=str(code))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, str(ROOT / "bench" / "peak.py"), "-m", "xl_iku.cli", *argv], env=env,
                              capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"{code}: {argv} failed: {done.stderr[-800:]}")
        return seconds, int(peak.read_text()) / 1024, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="24,200", help="export sizes in MB, comma-separated")
    parser.add_argument("--before", help="another checkout (its root) to measure beside this one")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--commands", default="ikm,skm")
    parser.add_argument("--cache", default=str(ROOT / "bench" / ".cache"))
    args = parser.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    sides = [("after", ROOT)] + ([("before", Path(args.before).resolve())] if args.before else [])
    print(f"load average before: {os.getloadavg()}; {platform.platform()}, Python {platform.python_version()}")
    print("| command | CSV | rows | side | peak RSS | peak / file | time (median) |")
    print("|---|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        path = form_csv(cache / f"form_{size}mb.csv", size)
        megabytes = path.stat().st_size / 2**20
        with open(path, "rb") as f:
            rows = sum(1 for _ in f) - 1
        for command in args.commands.split(","):
            argv = [command, str(path), "--json"]
            results: dict[str, list[tuple[float, float, str]]] = {name: [] for name, _ in sides}
            for _ in range(args.repeat):
                for name, code in sides:
                    results[name].append(run(code, argv))
            outputs = {out for measured in results.values() for _, _, out in measured}
            assert len(outputs) == 1, f"{command}: the two sides' results differ"
            for name, measured in results.items():
                peak = max(m[1] for m in measured)
                seconds = statistics.median(m[0] for m in measured)
                print(f"| `xl-iku {command}` | {megabytes:.1f} MB | {rows:,} | {name} | {peak:.0f} MB | "
                      f"{peak / megabytes:.2f}× | {seconds:.2f} s |", flush=True)
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
