"""The events package in layers (DESIGN.md §1): each module imports only lower layers of the
package, no import sits inside a function (``apps.py``'s ``ready()`` aside: that is where
the layers are wired), and the package names no entity app."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]
ENTITY_APPS = {"clients", "team", "shoots", "deliverables", "tasks", "forms", "portal"}

#: module (relative to the package) -> layer; a module imports strictly lower layers only
LAYERS = {
    "types": 0,
    "webhooks": 0,
    "representation": 0,
    "models": 1,
    "services": 2,
    "notifications": 3,
    "delivery": 4,
    "fanout": 5,
    "jobs": 6,
    "consumers": 7,
    "context_processors": 7,
    "forms": 7,
    "admin": 8,
    "views": 8,
    "templatetags.notifications": 8,
    "api.serializers": 8,
    "api.views": 9,
    "api.urls": 10,
    "urls": 10,
    "apps": 11,
}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in {"tests", "migrations"} or rel.name == "__init__.py":
            continue
        yield ".".join(rel.with_suffix("").parts), path


def _imports(name: str, tree: ast.Module):
    """(imported module relative to the package or absolute name, line, function-level)."""
    package = name.split(".")[:-1]
    function_nodes = [
        n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    inside = {id(child) for f in function_nodes for child in ast.walk(f)}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                base += node.module.split(".") if node.module else []
                targets = [".".join(base + [a.name]) for a in node.names]
                targets = [t if t in LAYERS else ".".join(base) for t in targets]
                targets = ["localbzz.events." + t for t in targets]
            else:
                targets = [node.module]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        for target in targets:
            yield target, node.lineno, id(node) in inside


def test_every_module_has_a_layer():
    assert {name for name, _ in _modules()} == set(LAYERS)


@pytest.mark.parametrize(("name", "path"), list(_modules()), ids=lambda v: str(v))
def test_imports_go_downward_only(name, path):
    tree = ast.parse(path.read_text())
    for target, line, in_function in _imports(name, tree):
        where = f"{name}.py:{line} imports {target}"
        if target.startswith("localbzz.events."):
            inner = target.removeprefix("localbzz.events.")
            assert LAYERS.get(inner, -1) < LAYERS[name], f"{where}: not a lower layer"
        assert target.split(".")[0] not in ENTITY_APPS, f"{where}: the kernel names an app"
        assert not in_function or name == "apps", f"{where}: inside a function"
