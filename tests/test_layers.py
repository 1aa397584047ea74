"""Layers go one way: rules → model/readers → layout → writers → bookdata/workbook/package → entry points.

Read from the source (every import, also inside functions; `if TYPE_CHECKING:` blocks aside, they cost nothing at run
time), so an import that goes the wrong way fails here instead of turning into a cycle or a heavy import later.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "xl_iku"

# what each layer's modules may not import (top-level module names inside xl_iku)
ENTRY = {"cli", "udfs", "oneclick", "pdf", "export", "batch", "rekap", "frames"}
ASSEMBLY = {"bookdata", "workbook", "package"}
FORBIDDEN = {
    "rules": ENTRY | ASSEMBLY | {"model", "checks", "readers", "layout", "writers", "skm", "pk", "performance"},
    "layout": ENTRY | ASSEMBLY | {"writers"},
    "writers": ENTRY | ASSEMBLY | {"readers"},
    # OOXML package editing knows nothing of IKU (design.md): only the standard library and itself
    "package": ENTRY | (ASSEMBLY - {"package"}) | {"rules", "model", "checks", "readers", "layout", "writers", "skm",
                                                  "pk", "performance", "errors"},
}
HEAVY_AT_IMPORT = {"rules": {"pandas", "openpyxl", "xlwings"}}  # rules stay importable without them


def _imports(path: Path, root: Path = PACKAGE) -> list[tuple[int, str, bool]]:
    """(line, module, at module level) of every import, `from .x import` resolved to xl_iku's top-level name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    depth = len(path.relative_to(root).parts) - 1  # 0 for xl_iku/x.py, 1 for xl_iku/layout/x.py
    found: list[tuple[int, str, bool]] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                found.extend((child.lineno, a.name, top) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level == 0:
                    found.append((child.lineno, child.module or "", top))
                else:
                    base = path.relative_to(root).parts[:-1][: max(0, depth - (child.level - 1))]
                    parts = [*base, *(child.module.split(".") if child.module else [])]
                    names = [parts[0]] if parts else [a.name for a in child.names]
                    found.extend((child.lineno, "xl_iku." + n, top) for n in names)
            visit(child, top and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))

    visit(tree, True)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_import_goes_up(layer):
    wrong = [f"{path.relative_to(PACKAGE)}:{line} imports {name}"
             for path in sorted((PACKAGE / layer).glob("*.py"))
             for line, name, _ in _imports(path)
             if name.startswith("xl_iku.") and name.split(".")[1] in FORBIDDEN[layer]]
    assert not wrong, wrong


def test_rules_import_no_heavy_library_at_module_level():
    wrong = [f"{path.relative_to(PACKAGE)}:{line} imports {name}"
             for path in sorted((PACKAGE / "rules").glob("*.py"))
             for line, name, top in _imports(path)
             if top and name.split(".")[0] in HEAVY_AT_IMPORT["rules"]]
    assert not wrong, wrong


def test_the_reading_of_imports_sees_a_wrong_one(tmp_path):
    """The check itself: a layout module importing the CLI in a function is seen; one under TYPE_CHECKING is not."""
    (tmp_path / "layout").mkdir()
    module = tmp_path / "layout" / "x.py"
    module.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..batch import BatchResult\n"
                      "def f():\n    from ..cli import main\n    from . import styles\n")
    assert [(name, top) for _, name, top in _imports(module, root=tmp_path)] == [
        ("typing", True), ("xl_iku.cli", False), ("xl_iku.layout", False)]
