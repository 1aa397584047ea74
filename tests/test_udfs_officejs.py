"""Run tests/officejs in its own process: xlwings reads XLWINGS_ON_SERVER at import, so it cannot share ours."""

import os
import subprocess
import sys


def test_functions_under_office_js(root):
    env = dict(os.environ, XLWINGS_ON_SERVER="true", XLWINGS_LICENSE_KEY="noncommercial")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(root / "tests" / "officejs")],
        env=env, cwd=root, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout
