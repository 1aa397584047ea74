"""The version is written once, in pyproject.toml: `xl_iku.__version__` is the installed package's metadata."""

import re
from importlib.metadata import version

import xl_iku


def test_version_is_the_one_in_pyproject(root):
    project = (root / "pyproject.toml").read_text(encoding="utf-8").split("\n[project]\n")[1].split("\n[")[0]
    written = re.search(r'^version = "([^"]+)"$', project, re.M).group(1)  # tomllib is 3.11+
    assert xl_iku.__version__ == version("xl-iku") == written


def test_no_module_writes_a_version_of_its_own(root):
    literal = re.compile(r"""^\s*__version__\s*=\s*["']\d""", re.M)  # a number, not the fallback
    assert [p.name for p in sorted((root / "xl_iku").rglob("*.py")) if literal.search(p.read_text(encoding="utf-8"))
            ] == []
