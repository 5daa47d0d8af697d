"""The shape of the code: dependencies point down the layers of ``scrutiny.core.layers``.

The imports of every module under ``src/scrutiny`` are read with ``ast`` (module-level and
those inside functions alike: a lazy import is still a dependency) and resolved to files.
Imports under ``if TYPE_CHECKING:`` are left out: they name a type for the checker and are
never run.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from functools import cache
from pathlib import Path

from django.conf import settings

from scrutiny.core.layers import LAYERS, layer_of, ordered_apps

ROOT = Path(__file__).resolve().parents[2] / "src"
PACKAGE = ROOT / "scrutiny"


@cache
def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _resolve(name: str) -> str | None:
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def _type_checking_only(tree: ast.Module) -> set[ast.AST]:
    skipped: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in (
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        ):
            for child in node.body:
                skipped |= set(ast.walk(child))
    return skipped


def _imported_names(module: str, path: Path) -> list[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: list[str] = []
    tree = ast.parse(path.read_text(), str(path))
    skipped = _type_checking_only(tree)
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                kept = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*kept, base] if base else kept)
            # "from scrutiny.core import registry" imports the module scrutiny.core.registry
            names += [base, *(f"{base}.{alias.name}" for alias in node.names)]
    return [name for name in names if name == "scrutiny" or name.startswith("scrutiny.")]


@cache
def file_graph() -> dict[str, frozenset[str]]:
    graph = {}
    for module, path in modules().items():
        targets = {_resolve(name) for name in _imported_names(module, path)}
        # A package's __init__ is imported on the way to its modules: not a dependency.
        graph[module] = frozenset(
            t for t in targets if t and t != module and not module.startswith(f"{t}.")
        )
    return graph


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return (
        parts[1] if len(parts) > 2 or (len(parts) == 2 and (PACKAGE / parts[1]).is_dir()) else None
    )


def app_graph() -> dict[str, dict[str, list[tuple[str, str]]]]:
    """app -> imported app -> [(importing module, imported module)]."""
    graph: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for module, targets in file_graph().items():
        for target in targets:
            source_app, target_app = app_of(module), app_of(target)
            if source_app and target_app and source_app != target_app:
                graph[source_app][target_app].append((module, target))
    return graph


def cycles(graph: dict[str, frozenset[str] | set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_app_has_a_layer_and_settings_list_them_in_layer_order():
    apps = sorted(p.name for p in PACKAGE.iterdir() if (p / "apps.py").is_file())
    assert sorted(app for layer in LAYERS for app in layer) == apps
    assert ordered_apps() == settings.DOMAIN_APPS


def test_no_import_circle_between_files():
    assert cycles(file_graph()) == []


def test_no_import_circle_between_apps():
    graph = {app: set(targets) for app, targets in app_graph().items()}
    assert cycles(graph) == []


def test_no_app_imports_an_app_above_or_beside_it():
    upward = [
        f"{module} imports {target}"
        for app, targets in app_graph().items()
        for target_app, pairs in targets.items()
        if layer_of(target_app) >= layer_of(app)
        for module, target in pairs
    ]
    assert upward == []


def test_no_guard_for_an_app_that_is_always_installed():
    guards = ("find_spec", "is_installed", "except ImportError", "ModuleNotFoundError")
    found = [
        f"{path.relative_to(ROOT)}: {guard}"
        for path in modules().values()
        for guard in guards
        if guard in path.read_text()
    ]
    assert found == []


def test_the_walk_sees_lazy_imports_and_relative_ones():
    # The walk must see what it is meant to police, or the tests above prove nothing.
    assert "scrutiny.core.registry" in file_graph()["scrutiny.core.access"]  # inside a function
    assert "scrutiny.education.queries" in file_graph()["scrutiny.education.sections"]  # "from ."
    assert "core" in app_graph()["committees"]
