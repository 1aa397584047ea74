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
ENTRY = {"cli", "udfs", "oneclick", "pdf", "export", "batch", "rekap", "frames", "many"}
ASSEMBLY = {"bookdata", "workbook", "package"}
FORBIDDEN = {
    "rules": ENTRY | ASSEMBLY | {"model", "checks", "readers", "layout", "writers", "skm", "pk", "performance",
              "lkjip"},
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


# what the lower layers may import at all (top-level names inside xl_iku): a new module above them is kept out
# without being listed here
ALLOWED = {
    "rules": {"errors", "rules"},
    "model": {"errors", "cells", "rules", "model"},
    "readers": {"errors", "cells", "files", "rules", "model", "package", "readers"},
    "layout": {"errors", "cells", "rules", "model", "layout"},  # no reader, no writer, no file
}


def _modules(root: Path = PACKAGE) -> dict[str, Path]:
    """Dotted name → file of every module of the package (a package by its __init__)."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = (root.name, *path.relative_to(root).with_suffix("").parts)
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def _imported(path: Path, package: str, modules: dict[str, Path]) -> set[str]:
    """The modules of the package a file imports (anywhere in it; TYPE_CHECKING aside), `package` being the one
    its relative imports start from."""
    targets: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                targets.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    up = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                    base = ".".join([*up, *([child.module] if child.module else [])])
                # `from . import styles` imports the module styles; `from .x import f` the module x
                targets.update(f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in child.names)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    resolved = set()
    for target in targets:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        if target:
            resolved.add(target)
    return resolved


def _module_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Dotted module → the package's modules it imports."""
    modules = _modules(root)
    return {name: _imported(path, name if path.name == "__init__.py" else name.rpartition(".")[0], modules) - {name}
            for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for target in edges:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_no_import_circles():
    """No module reaches itself through its imports (also through imports inside functions): what two modules
    share belongs in a module below both."""
    circles = _cycles(_module_graph())
    assert not circles, [" ↔ ".join(circle) for circle in circles]


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_lower_layers_import_only_below_them(layer):
    wrong = [f"{module} imports {target}" for module, targets in sorted(_module_graph().items())
             if module.split(".")[1:2] == [layer]
             for target in sorted(targets) if target.split(".")[1] not in ALLOWED[layer]]
    assert not wrong, wrong


def test_the_graph_sees_a_circle(tmp_path):
    """The check itself: a circle through a function-level import and a package's __init__ is seen; an import
    under TYPE_CHECKING is not an edge."""
    root = tmp_path / "xl_iku"
    (root / "readers").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "batch.py").write_text("def f():\n    from .readers.skm import read\n")
    (root / "readers" / "__init__.py").write_text("from .skm import read\n")
    (root / "readers" / "skm.py").write_text("from . import sources\ndef read():\n    pass\n")
    (root / "readers" / "sources.py").write_text("def g():\n    from ..batch import f\n")
    (root / "layout.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .batch import f\n")
    graph = _module_graph(root)
    assert graph["xl_iku.readers.skm"] == {"xl_iku.readers.sources"}
    assert graph["xl_iku.layout"] == set()
    assert _cycles(graph) == [["xl_iku.batch", "xl_iku.readers.skm", "xl_iku.readers.sources"]]
    (root / "readers" / "sources.py").write_text("SUFFIXES = ()\n")
    assert _cycles(_module_graph(root)) == []


def _private_imports(root: Path = PACKAGE) -> list[str]:
    """`from .x import _name` anywhere in the package: a module reaching into another's private helpers."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("xl_iku")):
                found += [f"{path.relative_to(root.parent)}:{node.lineno} {a.name}" for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__")]
    return found


def test_no_module_imports_another_s_private_names():
    """What a layer offers the one above it is public (named without `_`), so a reader never depends on a model
    module's internals (readers/skm once imported model/survey's `_column` and `_is_zero`)."""
    assert _private_imports() == []


def test_the_private_import_check_sees_one(tmp_path):
    package = tmp_path / "xl_iku"
    (package / "model").mkdir(parents=True)
    (package / "readers").mkdir()
    (package / "readers" / "skm.py").write_text("from ..model.survey import SurveyTable, _column\n")
    assert _private_imports(package) == ["xl_iku/readers/skm.py:1 _column"]


def test_the_plan_types_are_importable_from_model():
    """`xl_iku.model` imports its plan types on first use (PEP 562): every name it offers is still there, the same
    class as in `model.plan`, and a name it does not offer is an AttributeError."""
    import xl_iku.model as model
    from xl_iku.model import plan

    for name in model.__all__:
        assert getattr(model, name) is getattr(plan, name)
    with pytest.raises(AttributeError):
        model.NoSuchThing  # noqa: B018
