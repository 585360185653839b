"""The house's shape (DESIGN.md §1), checked on the source with ``ast``: three floors, one way.

- the kernel (``localbzz/``) imports no entity app and nothing of the top floor, not even inside
  a function or through ``importlib.import_module("...")``;
- nothing imports the top floor (``files dashboard batch ops demo``), which sits above the
  entity apps: not an entity app, not another top-floor package; only the roof (the demo
  seeder and the benchmarks, imported by nothing) stands on it;
- no import cycle among the project's modules: module-level and function-level imports both
  count (only ``if TYPE_CHECKING:`` imports, which never run, are left out of the graph);
- no module longer than 400 lines.

Tests, migrations and the virtualenv are outside the rules.
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KERNEL = "localbzz"
ENTITY_APPS = frozenset(
    {"clients", "team", "shoots", "deliverables", "tasks", "forms", "portal", "comments"}
)
TOP_FLOOR = frozenset({"files", "dashboard", "batch", "ops", "demo", "calendars"})
#: above every floor and imported by nothing: the demo seeder and the benchmarks, which may
#: use the top floor (demo data with pictures, an import benchmark)
ROOF = frozenset({"demo", "bench"})
MAX_LINES = 400


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module (the most specific project module, or the dotted name)
    line: int
    type_checking: bool  # under ``if TYPE_CHECKING:``: never runs


def _python_files(*, with_tests: bool) -> list[Path]:
    """The project's .py files (never the virtualenv or hidden folders), pruned while walking."""
    skipped = {"venv", "node_modules", "__pycache__", "staticfiles"}
    if not with_tests:
        skipped |= {"migrations", "tests"}
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in skipped and not d.startswith("."))
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            if not with_tests and (name.startswith("test_") or name == "conftest.py"):
                continue
            found.append(Path(folder) / name)
    return found


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def project_modules() -> dict[str, Path]:
    """Dotted name → file, for every project module outside tests, migrations and .venv."""
    return {_module_name(path): path for path in _python_files(with_tests=False)}


@cache
def all_module_names() -> frozenset[str]:
    """Every module of the project, tests included (to resolve ``from x import y``)."""
    return frozenset(_module_name(path) for path in _python_files(with_tests=True))


def _resolve(base: str, name: str | None) -> str:
    """``from base import name``: the submodule ``base.name`` when it is one, else ``base``."""
    if name and f"{base}.{name}" in all_module_names():
        return f"{base}.{name}"
    return base


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Collector(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool) -> None:
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.imports: list[Import] = []
        self._type_checking = 0

    def _add(self, target: str, node: ast.AST) -> None:
        self.imports.append(Import(self.module, target, node.lineno, self._type_checking > 0))

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            self._type_checking += 1
            for child in node.body:
                self.visit(child)
            self._type_checking -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            parts = self.package.split(".")
            anchor = ".".join(parts[: len(parts) - node.level + 1])
            base = f"{anchor}.{node.module}" if node.module else anchor
        else:
            base = node.module or ""
        for alias in node.names:
            self._add(_resolve(base, alias.name), node)

    def visit_Call(self, node: ast.Call) -> None:
        # importlib.import_module("clients.models") / __import__("clients") import too.
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if (
            name in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            self._add(node.args[0].value, node)
        self.generic_visit(node)


@cache
def imports_of(module: str) -> tuple[Import, ...]:
    path = project_modules()[module]
    collector = _Collector(module, path.name == "__init__.py")
    collector.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return tuple(collector.imports)


def all_imports() -> list[Import]:
    return [imp for module in project_modules() for imp in imports_of(module)]


def _top(name: str) -> str:
    return name.split(".", 1)[0]


def _where(imp: Import) -> str:
    path = project_modules()[imp.source].relative_to(ROOT)
    return f"{path}:{imp.line} imports {imp.target}"


# --- the rules ---------------------------------------------------------------------------
def kernel_violations() -> list[str]:
    forbidden = ENTITY_APPS | TOP_FLOOR
    found = (
        _where(imp)
        for imp in all_imports()
        if _top(imp.source) == KERNEL and _top(imp.target) in forbidden
    )
    return list(dict.fromkeys(found))


def upward_violations() -> list[str]:
    """Imports of the top floor (files, dashboard, batch, ops, demo) from outside the package:
    it sits above the entity apps and is imported by none (an entity app, another top-floor
    package, a tool); only the roof (``demo``, ``bench``) stands on it."""
    found = (
        _where(imp)
        for imp in all_imports()
        if _top(imp.target) in TOP_FLOOR | ROOF
        and _top(imp.source) != _top(imp.target)
        and _top(imp.source) not in ROOF
    )
    return list(dict.fromkeys(found))


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    graph: dict[str, set[str]] = {module: set() for module in modules}
    for imp in all_imports():
        if not imp.type_checking and imp.target in modules and imp.target != imp.source:
            graph[imp.source].add(imp.target)
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; only the components of two modules or more."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
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


def cycle_path(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """One shortest cycle through the first module of ``component`` (breadth-first)."""
    members = set(component)
    start = component[0]
    parents: dict[str, str] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & members):
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(parents[path[-1]])
                return [start, *reversed(path[:-1]), start] if node != start else [start, start]
            if child not in parents:
                parents[child] = node
                queue.append(child)
    return component


def cycles() -> list[str]:
    graph = import_graph()
    return [
        " -> ".join(cycle_path(graph, component))
        + f"  (the circle holds {len(component)} modules: {', '.join(component)})"
        for component in strongly_connected(graph)
    ]


def long_modules() -> list[str]:
    found = []
    for path in project_modules().values():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            found.append(f"{path.relative_to(ROOT)}: {lines} lines")
    return found


# --- the tests ---------------------------------------------------------------------------
def _report(title: str, problems: list[str]) -> str:
    return f"{title}:\n  " + "\n  ".join(problems)


def test_the_kernel_imports_no_entity_app_and_nothing_above_it():
    problems = kernel_violations()
    assert not problems, _report("the kernel (localbzz/) imports an app", problems)


def test_nothing_imports_the_top_floor():
    problems = upward_violations()
    assert not problems, _report("an import of files/dashboard/batch/ops/demo", problems)


def test_no_import_cycle():
    problems = cycles()
    assert not problems, _report("import cycles (one path per cycle)", problems)


def test_no_module_over_400_lines():
    problems = long_modules()
    assert not problems, _report(f"modules over {MAX_LINES} lines", problems)


# --- the checker checks itself on made-up sources -----------------------------------------
def _collect(source: str, module: str = "localbzz.thing", package: bool = False):
    collector = _Collector(module, package)
    collector.visit(ast.parse(source))
    return [(imp.target, imp.type_checking) for imp in collector.imports]


def test_collector_sees_function_level_relative_and_dynamic_imports():
    source = (
        "from typing import TYPE_CHECKING\n"
        "import importlib\n"
        "if TYPE_CHECKING:\n"
        "    from clients.models import Client\n"
        "def f():\n"
        "    from deliverables.models import Deliverable\n"
        "    importlib.import_module('shoots.models')\n"
        "from . import urls\n"
        "from .accounts import permissions\n"
    )
    found = _collect(source)
    assert ("clients.models", True) in found
    assert ("deliverables.models", False) in found
    assert ("shoots.models", False) in found
    assert ("localbzz.urls", False) in found
    assert ("localbzz.accounts.permissions", False) in found


def test_cycle_finder_reports_a_path_and_ignores_a_chain():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    (component,) = strongly_connected(graph)
    assert component == ["a", "b", "c"]
    assert cycle_path(graph, component) == ["a", "b", "c", "a"]
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": set()}) == []
