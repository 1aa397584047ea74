import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# tests/officejs runs only in its own process with XLWINGS_ON_SERVER=true (xlwings reads it at import);
# tests/test_udfs_officejs.py starts that process.
collect_ignore = [] if os.environ.get("XLWINGS_ON_SERVER") == "true" else ["officejs"]


@pytest.fixture
def root() -> Path:
    return ROOT
