"""The file list shows the route: every import in dbq/ runs downhill and none forms a cycle.

An `ast` scan of every module, imports inside functions and under TYPE_CHECKING included, so a
cycle cannot hide in a function body.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import dbq

PACKAGE = Path(dbq.__file__).parent

# The route, from the bottom up: a module may import its own stage or any stage below it.
STAGES = [
    ("dbq.errors", "dbq.codes", "dbq.cache", "dbq.room"),
    ("dbq.assets",),
    ("dbq.text",),
    ("dbq.workspace",),
    ("dbq.prepare",),
    ("dbq.generate",),
    ("dbq.packet",),
    ("dbq.review",),
    ("dbq.render",),
    ("dbq.route",),
    (
        "dbq.build",
        "dbq.check",
        "dbq.cli",
        "dbq.draft",
        "dbq.scaffold",
        "dbq.serve",
        "dbq.stamps",
        "dbq.units",
    ),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, known: set[str]) -> set[str]:
    """The dbq modules a file imports, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "dbq":
                continue
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "dbq")
    return found - {"dbq"}


def stage(name: str) -> int:
    for rank, prefixes in enumerate(STAGES):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"{name} belongs to no stage; add it to STAGES in tests/test_layers.py")


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports(path, known) - {name} for name, path in found.items()}


def test_every_module_belongs_to_a_stage() -> None:
    for name in modules():
        if name != "dbq":
            stage(name)


def test_imports_run_downhill() -> None:
    upward = [
        f"{name} imports {target}"
        for name, targets in graph().items()
        if name != "dbq"
        for target in sorted(targets)
        if stage(target) > stage(name)
    ]
    assert upward == []


def test_no_import_cycle() -> None:
    edges = graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(edges.get(name, ())):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
    assert [" -> ".join(c) for c in cycles] == []


def test_every_room_ships_in_the_package() -> None:
    """A room missing from pyproject.toml's packages would be left out of a real install."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later
    pyproject = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(pyproject["tool"]["setuptools"]["packages"])
    rooms = {module_name(p.parent / "__init__.py") for p in PACKAGE.rglob("__init__.py")}
    assert rooms == listed
