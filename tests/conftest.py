import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# tests/officejs runs only in its own process with XLWINGS_ON_SERVER=true (xlwings reads it at import);
# tests/test_udfs_officejs.py starts that process.
collect_ignore = [] if os.environ.get("XLWINGS_ON_SERVER") == "true" else ["officejs"]


@pytest.fixture
def root() -> Path:
    return ROOT


# Tests that run LibreOffice (recalculation, PDF) carry `@pytest.mark.libreoffice` (the marker is declared in
# pyproject.toml): `pytest -m libreoffice` runs only them, `-m "not libreoffice"` the rest. Without soffice on PATH
# they are skipped with the reason; ./scripts/test.sh installs LibreOffice first, so it (and CI) runs them all.
NO_OFFICE = "needs LibreOffice: soffice is not on PATH (./scripts/test.sh installs it)"


def pytest_collection_modifyitems(config, items):
    if shutil.which("soffice") or shutil.which("libreoffice"):
        return
    for item in items:
        if item.get_closest_marker("libreoffice"):
            item.add_marker(pytest.mark.skip(reason=NO_OFFICE))


# Property-based tests (hypothesis, tests/test_regenerate_property.py): `ci` is the default, bounded and
# derandomized (a fixed seed: the same examples on every run, well under a minute); `long` explores for local runs:
# `pytest --hypothesis-profile=long` or HYPOTHESIS_PROFILE=long (300 random examples: ~25 min on two busy cores,
# then LibreOffice opens them all, ~1 s each).
try:
    from hypothesis import HealthCheck, settings
except ImportError:  # the test extra is not installed: those tests skip
    pass
else:
    _SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]
    settings.register_profile("ci", max_examples=5, derandomize=True, deadline=None, database=None,
                              suppress_health_check=_SLOW, print_blob=True)
    settings.register_profile("long", max_examples=300, deadline=None, suppress_health_check=_SLOW,
                              print_blob=True)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
