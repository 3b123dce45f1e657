"""Imports inside ``graph/`` run one way, subpackage by subpackage.

The order is data, :data:`graph.LAYERS`, lowest first; :mod:`graph.errors` sits below every
subpackage, and ``graph/__main__.py`` above them.  A module may import from its own subpackage
(without a cycle) and from the ones before it.  Imports inside functions count too: a cycle
hidden in a function is still a cycle.
"""

from __future__ import annotations

import ast
import importlib

import networkx as nx
import pytest

import graph

from .helpers import ROOT

PACKAGE = ROOT / "graph"
BOTTOM = {"graph", "graph.errors"}     # the version, the layer list and the exception hierarchy
TOP = {"graph.__main__"}


def module_name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def graph_imports(path, name: str | None = None) -> set[str]:
    """The ``graph`` modules (or packages) that the module at ``path`` imports, anywhere in its code."""
    name = name or module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")
                base = ".".join(up[:len(up) - node.level + 1] + ([base] if base else []))
            if base == "graph" or base.startswith("graph."):
                subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES]
                found |= set(subs) if subs else {base}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name == "graph" or a.name.startswith("graph.")}
    return found - {name}


def layer(name: str) -> int:
    """0 for the bottom, 1 + the subpackage's place in LAYERS, or one above them all for the top."""
    if name in BOTTOM:
        return 0
    if name in TOP:
        return len(graph.LAYERS) + 1
    return graph.LAYERS.index(name.split(".")[1]) + 1


def test_every_subpackage_is_a_layer_and_says_what_it_holds():
    subpackages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert subpackages == sorted(graph.LAYERS)
    loose = sorted(n for n in MODULES if n.count(".") == 1 and n not in BOTTOM | TOP and n.split(".")[1] not in graph.LAYERS)
    assert loose == [], f"put these modules in a subpackage: {loose}"
    for name in MODULES:
        doc = importlib.import_module(name).__doc__
        assert doc and len(doc.strip()) > 40, f"{name} needs a docstring saying what it holds"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_only_from_its_own_or_lower_subpackages(module):
    upward = sorted(m for m in graph_imports(MODULES[module]) if layer(m) > layer(module))
    assert upward == [], f"{module} imports from subpackages above its own: {upward}"


def test_no_import_cycle():
    g = nx.DiGraph((m, dep) for m, path in MODULES.items() for dep in graph_imports(path)
                   if dep in MODULES and MODULES[dep].name != "__init__.py")  # a package's docstring imports nothing
    assert list(nx.simple_cycles(g)) == []


def test_the_checker_sees_every_kind_of_import(tmp_path):
    # Guard the guard: each spelling of an import is found, including one inside a function.
    folder = tmp_path / "graph" / "kg"
    folder.mkdir(parents=True)
    (folder / "x.py").write_text(
        "from .load import load\nfrom graph.kg.query import run\nimport graph.kg.names\n"
        "from . import describe\nfrom graph import __version__\nfrom ..rdf import dates\n"
        "def f():\n    from graph.cli.parser import main\n", encoding="utf-8")
    assert graph_imports(folder / "x.py", "graph.kg.x") == {
        "graph.kg.load", "graph.kg.query", "graph.kg.names", "graph.kg.describe", "graph",
        "graph.rdf.dates", "graph.cli.parser"}
    assert layer("graph.cli.parser") > layer("graph.kg.load") > layer("graph.errors")
