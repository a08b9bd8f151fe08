"""The package's layout: one folder per stage, the core below them, imports only downwards.

Layers, lowest first: the core (model, issues, errors, periods, _types, _perf), io, then the
stages in cycle order — breakdown, forms, returns, report — then the top (``govtasks``
itself, cli, __main__). A module may import its own layer and the layers below, at module
level or inside a function; imports under ``if TYPE_CHECKING:`` are type hints only and are
not counted. The core imports no Excel library, and the module-level imports form no circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "govtasks"
CORE = {"model", "issues", "errors", "periods", "outputs", "_types", "_perf"}
LAYERS = ("core", "io", "breakdown", "forms", "returns", "report", "top")
EXCEL_LIBRARIES = {"python_calamine", "openpyxl", "xlsxwriter", "msoffcrypto"}


def layer_of(module: str) -> str:
    parts = module.split(".")
    if parts[0] != "govtasks":
        raise ValueError(module)
    if len(parts) == 1 or parts[1] in ("cli", "cli_zh", "__main__"):
        return "top"
    if parts[1] in CORE:
        return "core"
    if parts[1] in LAYERS:
        return parts[1]
    raise AssertionError(f"{module} is in no layer: put it in a stage folder or name it in CORE")


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports(source: str, module: str, *, is_package: bool = False) -> list[tuple[str, int, bool]]:
    """(imported module, line, at module level) of every runtime import in ``source``.

    ``from P import x`` counts ``P.x`` when that is a module of the package, else ``P``.
    """
    known = {module_name(p) for p in PACKAGE.rglob("*.py")}
    found: list[tuple[str, int, bool]] = []
    base = module.split(".") if is_package else module.split(".")[:-1]

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking_only(child):
                for sub in child.orelse:
                    visit(sub, top)
                continue
            if isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno, top) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    parent = base[: len(base) - child.level + 1]
                    name = ".".join(parent + ([child.module] if child.module else []))
                else:
                    name = child.module or ""
                for alias in child.names:  # "from govtasks.io import workbook" imports a module
                    sub = f"{name}.{alias.name}"
                    found.append((sub if sub in known else name, child.lineno, top))
            inner = top and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            visit(child, inner)

    visit(ast.parse(source), True)
    return found


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def problems(found: dict[str, tuple[str, bool]]) -> list[str]:
    """What breaks the layering in ``found`` (module → (source, is_package))."""
    known = set(found)
    out: list[str] = []
    for module, (source, is_package) in found.items():
        here = LAYERS.index(layer_of(module))
        for name, line, _ in imports(source, module, is_package=is_package):
            root = name.split(".")[0]
            if layer_of(module) == "core" and root in EXCEL_LIBRARIES:
                out.append(f"{module}:{line} the core imports the Excel library {name}")
            if root != "govtasks" or name not in known:
                continue
            there = LAYERS.index(layer_of(name))
            if there > here:
                out.append(f"{module}:{line} imports {name} ({LAYERS[there]}), a layer above {LAYERS[here]}")
    return out


def circles(found: dict[str, tuple[str, bool]]) -> list[list[str]]:
    """Cycles among module-level imports."""
    graph = {m: {n for n, _, top in imports(src, m, is_package=pkg) if top and n in found and n != m}
             for m, (src, pkg) in found.items()}
    cycles, state, stack = [], dict.fromkeys(graph, 0), []

    def walk(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state[n] == 1:
                cycles.append(stack[stack.index(n):] + [n])
            elif state[n] == 0:
                walk(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if state[m] == 0:
            walk(m)
    return cycles


def _package() -> dict[str, tuple[str, bool]]:
    return {m: (p.read_text(encoding="utf-8"), p.name == "__init__.py") for m, p in modules().items()}


def test_every_module_is_in_a_layer() -> None:
    for module in modules():
        assert layer_of(module) in LAYERS


def test_no_stage_imports_a_stage_above_it_and_the_core_imports_no_excel_library() -> None:
    assert problems(_package()) == []


def test_module_level_imports_form_no_circle() -> None:
    assert circles(_package()) == []


def test_each_stage_says_what_it_takes_in_and_gives_out() -> None:
    for stage in ("io", "breakdown", "forms", "returns", "report"):
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert "Takes in:" in doc and "Gives out:" in doc, stage


@pytest.mark.parametrize("module, source, expected", [
    ("govtasks.breakdown.table", "from govtasks.returns.read import read_returns\n",
     "govtasks.breakdown.table:1 imports govtasks.returns.read (returns), a layer above breakdown"),
    ("govtasks.breakdown.table", "def f():\n    from govtasks.report import merge\n",
     "govtasks.breakdown.table:2 imports govtasks.report.merge (report), a layer above breakdown"),
    ("govtasks.model", "import xlsxwriter\n", "govtasks.model:1 the core imports the Excel library xlsxwriter"),
    ("govtasks.io.workbook", "from ..breakdown import units\n",
     "govtasks.io.workbook:1 imports govtasks.breakdown.units (breakdown), a layer above io"),
])
def test_the_checks_catch_an_upward_import(module: str, source: str, expected: str) -> None:
    found = _package()
    found[module] = (source, False)
    assert expected in problems(found)


def test_type_hints_only_imports_are_not_counted() -> None:
    found = _package()
    found["govtasks.model"] = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                               "    from govtasks.report.model import Report\n", False)
    assert problems(found) == []


def test_the_circle_check_finds_a_circle() -> None:
    found = _package()
    found["govtasks.errors"] = ("from govtasks.issues import Issue\n", False)
    assert {"govtasks.errors", "govtasks.issues"} in [set(c) for c in circles(found)]
