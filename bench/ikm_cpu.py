"""`xl-iku ikm` on the 100,000-respondent survey against the python-calamine bare read (bench/run.py's floor), in
CPU time as well as wall time, and, with --before, the same command on another checkout beside it.

    python bench/ikm_cpu.py                              # 15 rounds
    python bench/ikm_cpu.py --before ../main --rounds 21

On a machine shared with other work the wall time of one process moves by ±15 % from run to run; its CPU time (the
child's user + system time) moves less, and a ratio is only fair between runs made in the same minutes. So the floor
and each checkout take turns, round by round, in fresh processes (bytecode cached, as an installed package has it);
printed are the medians, the median of the per-round ratios, and the load average before and after. Both sides'
JSON results must be the same. The workbook is bench/run.py's (built once in bench/.cache/).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tools"))

from run import SURVEY_FLOOR as FLOOR  # noqa: E402  (bench/run.py's floor for this row)
from run import survey_workbook  # noqa: E402


def _env(code: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


def timed(argv: list[str], code: Path | None) -> tuple[float, float, bytes]:
    """(wall seconds, CPU seconds, stdout) of one fresh process (`code`: the checkout xl_iku is imported from). It
    runs in that checkout: `python -m` puts the working directory before PYTHONPATH, so from another checkout's
    root the other checkout's xl_iku would be timed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=_env(code), capture_output=True, cwd=code)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{argv} failed: {done.stderr.decode()[-800:]}")
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="another checkout (its root) to measure beside this one")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--cache", default=str(ROOT / "bench" / ".cache"))
    args = parser.parse_args(argv)
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    book = survey_workbook(cache / f"survey_{args.respondents}.xlsx", args.respondents)
    sides: list[tuple[str, list[str], Path | None]] = [("floor", [sys.executable, "-c", FLOOR, str(book)],
                                                         None)]
    for name, code in [("after", ROOT)] + ([("before", Path(args.before).resolve())] if args.before else []):
        sides.append((name, [sys.executable, "-m", "xl_iku.cli", "ikm", str(book), "--json"], code))
    for _, _, code in sides[1:]:  # each side times its own checkout's xl_iku
        where = subprocess.run([sys.executable, "-c", "import xl_iku; print(xl_iku.__file__)"], env=_env(code),
                               cwd=code, capture_output=True, text=True, check=True).stdout.strip()
        assert code is not None and Path(where).resolve().is_relative_to(code.resolve()), (code, where)
    load = os.getloadavg()[0]
    measured: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in sides}
    outputs = set()
    for _ in range(args.rounds):
        for name, command, code in sides:
            wall, cpu, out = timed(command, code)
            measured[name].append((wall, cpu))
            if code is not None:
                outputs.add(out)
    assert len(outputs) == 1, "the checkouts' results differ"
    print(f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, {args.rounds} rounds, {args.respondents:,} "
          f"respondents, load average {load:.1f} -> {os.getloadavg()[0]:.1f}")
    print("| side | wall (median) | ratio | per round | CPU (median) | ratio | per round |")
    print("|---|---|---|---|---|---|---|")
    floor = measured["floor"]
    for name, runs in measured.items():
        cells = []
        for k in (0, 1):
            median = statistics.median(r[k] for r in runs)
            ratio = median / statistics.median(f[k] for f in floor)
            per_round = statistics.median(r[k] / f[k] for r, f in zip(runs, floor))
            cells += [f"{median:.3f} s", f"{ratio:.2f}×", f"{per_round:.2f}×"]
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
