"""Import direction inside src/edunews_nlp, read from the source with `ast` (imports inside
functions included, `if TYPE_CHECKING:` blocks left out): no cycle among the modules, and
no module imports one of a later layer. docs/architecture.md describes the layers.

Modules are named relative to the package ("document", "ingest.files", "claims.cues"); the
package itself, the public façade of edunews_nlp/__init__.py, is "edunews_nlp". A module
belongs to the layer of its first name, so a subpackage ("ingest", "claims", "quantities")
and all its modules sit in one layer, as does a module that later becomes a package.
"""

from __future__ import annotations

import ast
import collections
import pathlib

from conftest import REPO

PACKAGE = "edunews_nlp"
SRC = REPO / "src" / PACKAGE

# Lowest first: a module may import its own layer and the layers before it, never a later one.
LAYERS: list[tuple[str, set[str]]] = [
    # the data model, data files, knowledge base and word keys, Kazakh Latin -> Cyrillic
    ("foundation", {"document", "datafiles", "knowledge", "kazakh_latin"}),
    # files to articles; header and boilerplate masking
    ("ingest", {"ingest"}),
    # languages of the text; sentences, tokens, model NER (spaCy/natasha, domain and Kazakh models, backends)
    ("segment", {"language", "mixed_text", "segment", "attribute_rules", "slovnet_flat", "domain_model", "kazakh_ner", "kazakh",
                 "backends"}),
    ("entities", {"entities", "linking"}),
    ("quantities", {"quantities", "numbers"}),
    ("claims", {"claims"}),
    ("pipeline", {"pipeline"}),
    # the package's façade (__init__), batch runs, outputs, views, CLI, evaluation, spaCy component
    ("applications", {PACKAGE, "__main__", "batch", "output", "tables", "render", "aggregate", "distributed", "cli",
                      "evaluate", "peer", "spacy_component"}),
]
# Modules only the named ones may import (the CLI is an entry point, never a library).
IMPORTED_ONLY_BY = {"cli": {"__main__"}}


def module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) or PACKAGE


MODULES = {module_name(path): path for path in sorted(SRC.rglob("*.py"))}
PACKAGES = {name for name, path in MODULES.items() if path.name == "__init__.py"}


def _full(name: str) -> str:
    return PACKAGE if name == PACKAGE else f"{PACKAGE}.{name}"


def _short(full: str) -> str | None:
    """The module a dotted name inside the package denotes (its nearest known prefix)."""
    if full != PACKAGE and not full.startswith(PACKAGE + "."):
        return None
    parts = full.split(".")[1:]
    while parts:
        if ".".join(parts) in MODULES:
            return ".".join(parts)
        parts.pop()
    return PACKAGE


def _runtime_nodes(tree: ast.AST):
    """Every node but those under `if TYPE_CHECKING:` (imports for annotations only)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                stack.extend(child.orelse)
            else:
                stack.append(child)


def imports_of(name: str) -> list[tuple[str, int]]:
    """(imported module, line) for every import of a package module in module `name`."""
    path = MODULES[name]
    own_package = _full(name) if name in PACKAGES else _full(name).rpartition(".")[0]
    found = []
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = own_package.split(".")[: len(own_package.split(".")) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # `from . import x`: x is a module when there is one of that name, else a name in module.
            targets = [f"{module}.{alias.name}" if _short(f"{module}.{alias.name}") not in (None, _short(module))
                       else module for alias in node.names]
        for target in targets:
            short = _short(target)
            if short is not None and short != name:
                found.append((short, node.lineno))
    return found


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def import_graph() -> dict[str, dict[str, str]]:
    """module -> {imported module: "path:line" of the (first) import}. Importing a module of
    a subpackage from outside it also runs the subpackage's __init__: that is an edge too."""
    graph: dict[str, dict[str, str]] = {name: {} for name in MODULES}
    for name in MODULES:
        for target, line in imports_of(name):
            where = f"{MODULES[name].relative_to(REPO)}:{line}"
            for imported in [target] + [p for p in _parents(target) if not (name + ".").startswith(p + ".")]:
                if imported != name:
                    graph[name].setdefault(imported, where)
    return graph


def layer_of(name: str) -> int | None:
    first = name if name == PACKAGE else name.split(".")[0]
    return next((i for i, (_, members) in enumerate(LAYERS) if first in members), None)


def _cycle_through(graph, start: str, members: set[str]) -> list[str]:
    """A shortest cycle from `start` back to it inside `members` (breadth-first)."""
    previous = {start: None}
    queue = collections.deque([start])
    while queue:
        node = queue.popleft()
        for nxt in sorted(graph[node]):
            if nxt == start:
                path = [node]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return path[::-1] + [start]  # path ends at start, the one without a previous
            if nxt in members and nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return []


def _strongly_connected(graph) -> list[set[str]]:
    index, low, on_stack, stack, components, counter = {}, {}, set(), [], [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def _describe(graph, path: list[str]) -> str:
    return " -> ".join(f"{a} ({graph[a][b]})" for a, b in zip(path, path[1:])) + f" -> {path[-1]}"


def test_the_walker_sees_every_kind_of_import():
    graph = import_graph()
    assert "ingest" in graph["pipeline"]  # `from .ingest import prepare_document` inside a method
    assert "claims.cues" in graph["claims.builder"]  # a sibling module of a subpackage
    assert "datafiles" in graph["knowledge"]  # `from . import datafiles`
    assert "document" in graph["ingest.stage"]  # `from ..document import Document`
    assert PACKAGE in graph["cli"]  # `from . import __version__`: a name of the façade
    assert "ingest" in graph["batch"] and "ingest.files" not in graph["batch"]


def test_every_module_has_a_layer():
    missing = sorted(name for name in MODULES if layer_of(name) is None)
    assert not missing, f"modules in no layer of tests/test_imports.py LAYERS: {missing}"


def test_no_import_cycle():
    graph = import_graph()
    cycles = []
    for component in _strongly_connected(graph):
        if len(component) > 1:
            start = min(component)
            cycles.append(f"{_describe(graph, _cycle_through(graph, start, component))}\n"
                          f"  (all modules of this cycle: {', '.join(sorted(component))})")
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_no_module_imports_a_later_layer():
    graph = import_graph()
    offences = []
    for name, imported in sorted(graph.items()):
        for target, where in sorted(imported.items()):
            if layer_of(target) is not None and layer_of(name) is not None and layer_of(target) > layer_of(name):
                offences.append(f"{where}: {name} (layer {LAYERS[layer_of(name)][0]!r}) imports {target} "
                                f"(later layer {LAYERS[layer_of(target)][0]!r})")
    assert not offences, "imports against the layer order:\n" + "\n".join(offences)


def test_entry_points_are_imported_only_by_their_callers():
    graph = import_graph()
    offences = [f"{where}: {name} imports {target}" for name, imported in sorted(graph.items())
                for target, where in imported.items()
                if target in IMPORTED_ONLY_BY and name not in IMPORTED_ONLY_BY[target]]
    assert not offences, "\n".join(offences)
