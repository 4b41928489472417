"""The layers import downwards only: analysis is data and never reaches the renderers.

Every import is read with ``ast`` (module level or inside a function, absolute or
relative), so a lazy ``from ..render.notation import write`` counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "derivations"


def imported(source: str, package: str) -> list[tuple[int, str, bool]]:
    """(line, module reached, at module level outside ``if TYPE_CHECKING``) of each import.

    ``package`` holds the file read (derivations.analysis), so relative imports
    resolve; ``from .. import render`` reaches derivations.render.
    """
    tree = ast.parse(source)
    parts = package.split(".")
    found: list[tuple[int, str, bool]] = []

    def visit(node: ast.AST, top: bool) -> None:
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name, top) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = parts[: len(parts) - node.level + 1] if node.level else []
            name = ".".join([*base, *([node.module] if node.module else [])])
            found.append((node.lineno, name, top))
            found.extend((node.lineno, f"{name}.{alias.name}", top) for alias in node.names)
        for child in ast.iter_child_nodes(node):
            inner = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            checking = isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            visit(child, top and not inner and not checking)

    visit(tree, True)
    return found


def package_of(path: Path) -> str:
    return ".".join(path.parent.relative_to(PACKAGE.parent).parts)


def reaches(name: str, layer: str) -> bool:
    return name == layer or name.startswith(layer + ".")


ANALYSIS = sorted((PACKAGE / "analysis").rglob("*.py"))


@pytest.mark.parametrize("path", ANALYSIS, ids=lambda p: p.name)
def test_analysis_imports_no_renderer(path):
    bad = [
        (line, name)
        for line, name, _ in imported(path.read_text(encoding="utf-8"), package_of(path))
        if reaches(name, "derivations.render")
    ]
    assert not bad, f"{path.name} imports a renderer: {bad}"


def test_the_data_model_imports_no_engine_when_loaded():
    path = PACKAGE / "derivation.py"
    loaded = [
        (line, name)
        for line, name, top in imported(path.read_text(encoding="utf-8"), "derivations")
        if top and reaches(name, "derivations")
    ]
    assert not loaded, f"derivation.py imports the package when loaded: {loaded}"


def test_lazy_and_relative_imports_are_seen():
    source = (
        "from .numbers import Number\n"
        "def f():\n"
        "    from ..render.notation import write\n"
        "    from .. import render\n"
        "if TYPE_CHECKING:\n"
        "    from ..catalog import Activation\n"
    )
    found = imported(source, "derivations.analysis")
    assert (1, "derivations.analysis.numbers", True) in found
    assert (3, "derivations.render.notation", False) in found
    assert (4, "derivations.render", False) in found
    assert (6, "derivations.catalog", False) in found
