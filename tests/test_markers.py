"""`@pytest.mark.libreoffice`: without soffice on PATH a developer sees those tests skipped with the reason, and the
others still run; `pytest -m libreoffice` selects them."""

import os
import subprocess
import sys

from conftest import NO_OFFICE

OFFICE_TEST = "tests/test_hasil_skm.py::test_libreoffice_shows_no_error_cell"
PLAIN_TEST = "tests/test_layers.py::test_no_import_circles"


def _pytest(root, *args, path):
    env = {**os.environ, "PATH": str(path)}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs", *args], cwd=root,
                          env=env, capture_output=True, text=True, timeout=300)


def test_without_libreoffice_its_tests_skip_with_the_reason(root, tmp_path):
    done = _pytest(root, OFFICE_TEST, PLAIN_TEST, path=tmp_path)  # an empty PATH: no soffice
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 1 skipped" in done.stdout, done.stdout
    assert f"SKIPPED [1] {OFFICE_TEST.split('::')[0]}" in done.stdout and NO_OFFICE in done.stdout, done.stdout


def test_marker_selects_the_libreoffice_tests(root, tmp_path):
    done = _pytest(root, "--collect-only", "-q", "-m", "libreoffice", OFFICE_TEST, PLAIN_TEST, path=tmp_path)
    assert OFFICE_TEST in done.stdout and PLAIN_TEST not in done.stdout, done.stdout
