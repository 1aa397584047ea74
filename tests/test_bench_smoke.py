"""The benchmarks with tiny inputs, so they cannot rot (speed goals live in bench/README.md, not in tests)."""

import subprocess
import sys


def test_bench_runs_and_reports_every_item(root, tmp_path):
    done = subprocess.run([sys.executable, str(root / "bench" / "run.py"), "--quick", "--cache", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    report = done.stdout
    for item in ("IKM_SCORE", "`ikm_table(df)`", "`ikm_table(df, by=", "`read_skm`", "`xl-iku ikm`", "`xl-iku skm`", "pandas.read_excel", "`xl-iku regenerate`",
                 "files/s", "`import xl_iku.udfs`", "peak RSS"):
        assert item in report, item
    assert "not installed" not in report
    rows = [line for line in report.splitlines() if line.startswith("| ") and "benchmark" not in line]
    assert len(rows) == 12


def test_rekap_bench_runs(root, tmp_path):
    done = subprocess.run([sys.executable, str(root / "bench" / "rekap.py"), "--quick", "--cache", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    (row,) = [line for line in done.stdout.splitlines() if line.startswith("| `xl-iku rekap`")]
    assert "python-calamine" in row and "files/s" in row


def test_bench_only_runs_the_groups_asked_for(root, tmp_path):
    run = [sys.executable, str(root / "bench" / "run.py"), "--quick", "--cache", str(tmp_path)]
    done = subprocess.run(run + ["--only", "udf,import"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ") and "benchmark" not in line]
    assert [row.split(" | ")[0] for row in rows] == [
        "| IKM_SCORE, 2,000 × 9 nested lists", "| `import xl_iku.udfs`, fresh interpreter",
        "| `import xl_iku.udfs` where xlwings is loaded (classic add-in server, Lite)"]
    wrong = subprocess.run(run + ["--only", "udf,regenerat"], capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 2 and "regenerat" in wrong.stderr


def test_csv_memory_bench_runs(root, tmp_path):
    """bench/csv_memory.py on a 1 MB export, this checkout measured beside itself (the results must agree)."""
    done = subprocess.run([sys.executable, str(root / "bench" / "csv_memory.py"), "--sizes", "1", "--repeat", "1",
                           "--commands", "ikm", "--before", str(root), "--cache", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| `xl-iku ikm`")]
    assert [row.split(" | ")[3] for row in rows] == ["after", "before"] and all(" MB | " in row for row in rows)


def test_ikm_cpu_bench_runs(root, tmp_path):
    """bench/ikm_cpu.py on 300 respondents, this checkout beside itself: a row for the floor and each side."""
    done = subprocess.run([sys.executable, str(root / "bench" / "ikm_cpu.py"), "--respondents", "300", "--rounds", "1",
                           "--before", str(root), "--cache", str(tmp_path)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line.split(" | ")[0] for line in done.stdout.splitlines() if line.startswith("| ") and "×" in line]
    assert rows == ["| floor", "| after", "| before"]
