"""Imports inside ``graph/`` run one way: each module imports only from the layers below it.

The order is data: :data:`LAYERS`, lowest first.  To add a module, put its name in a layer (a
new layer is one new line in the list, e.g. ``("engine",),`` between ``load`` and ``names``).
Imports inside functions count too: a cycle hidden in a function is still a cycle.
"""

from __future__ import annotations

import ast

import networkx as nx
import pytest

from .helpers import ROOT

LAYERS = [
    ("__init__", "errors"),                  # the exception hierarchy, the version
    # namespaces, CURIEs; phrase search; dates; text for other tools; typed literals; sheet YAML;
    # sentences and words; map styles
    ("vocabulary", "evidence", "dates", "safetext", "literals", "sheetio", "textspans", "styles"),
    # paths, reading Turtle, writing outputs safely; SPARQL text; terms; Turtle writing; rules for new things
    ("files", "sparql_text", "wellformed", "turtle", "candidates"),
    ("engine", "guard", "seeds", "serve", "synth"),  # the SPARQL engine (Oxigraph); limits for a user's query; article
                                             # texts; its server; synthetic datasets
    ("catalog", "schemes", "dnafile", "remote", "shacl", "anchors", "sources", "sheetmodel"),
                                             # the query folders; the ontology's vocabularies; DNA files;
                                             # any SPARQL 1.1 endpoint behind the engine interface;
                                             # the SHACL shapes compiled to SPARQL; evidence offsets;
                                             # articles; the coding sheet model
    ("load", "sheets"),                      # the KnowledgeGraph; coding sheets to RDF
    ("store",),                              # the cached build: an on-disk store keyed by its inputs
    ("names", "sheetexport"),                # labels, the shared entity resolver; RDF to sheets
    ("query",),                              # running SPARQL with bound parameters
    ("selection",),                          # which actors an analysis looks at
    ("describe", "validate", "stances", "formats", "known", "money"),
    ("suggest",),                            # draft coding sheets
    ("network", "discourse", "sheetcheck"),  # views into networkx; DNA networks; code check/apply
    ("coalitions", "layout", "mapscope"),   # coalitions; map positions; what a big map shows
    ("polarisation", "stability", "brokers"),  # camps per proposal and year; stable coalitions; brokers, paths
    ("export", "render", "dna", "report", "frames"),  # files for other tools; the HTML map; DNA files; text reports; DataFrames
    ("dnaimport",),                          # a DNA file as a dataset folder
    ("console",),                            # standard output guarded; errors as one line and an exit code
    ("commands",),                           # what each command does: plumbing, build, query, map, exports
    ("commands_analysis", "commands_coding", "commands_scale"),  # discourse, coalitions, brokers, paths;
                                             # source, code, suggest; serve, push, synth
    ("cli",),                                # the carekg command: options, examples, errors
    ("__main__",),
]
LAYER = {name: i for i, layer in enumerate(LAYERS) for name in layer}
PACKAGE = ROOT / "graph"


def graph_imports(path) -> set[str]:
    """The ``graph`` modules that the module at ``path`` imports, anywhere in its code."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 or node.module == "graph" or (node.module or "").startswith("graph."):
                base = (node.module or "").removeprefix("graph").lstrip(".")
                if base:
                    found.add(base.split(".")[0])
                else:  # from . import x, or from graph import x: a module or a package name
                    found |= {a.name if (PACKAGE / f"{a.name}.py").exists() else "__init__" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("graph.")}
    return found


MODULES = sorted(p.stem for p in PACKAGE.glob("*.py"))


def test_every_module_has_a_layer():
    missing = [m for m in MODULES if m not in LAYER]
    assert missing == [], f"put these modules in a layer of LAYERS: {missing}"
    gone = sorted(set(LAYER) - set(MODULES))
    assert gone == [], f"LAYERS names modules that do not exist: {gone}"


@pytest.mark.parametrize("module", MODULES)
def test_imports_only_from_lower_layers(module):
    upward = sorted(m for m in graph_imports(PACKAGE / f"{module}.py")
                    if m != module and LAYER.get(m, len(LAYERS)) >= LAYER[module])
    assert upward == [], f"graph.{module} (layer {LAYER[module]}) imports from its own or a higher layer: {upward}"


def test_no_import_cycle():
    g = nx.DiGraph((m, dep) for m in MODULES for dep in graph_imports(PACKAGE / f"{m}.py") if dep != m)
    assert list(nx.simple_cycles(g)) == []


def test_the_checker_sees_every_kind_of_import(tmp_path):
    # Guard the guard: each spelling of an import is found, including one inside a function.
    (tmp_path / "x.py").write_text(
        "from .load import load\nfrom graph.query import run\nimport graph.names\n"
        "from . import describe\nfrom graph import __version__\n"
        "def f():\n    from .cli import main\n", encoding="utf-8")
    assert graph_imports(tmp_path / "x.py") == {"load", "query", "names", "describe", "__init__", "cli"}
