"""Load the ontology and the curated data, derive shortcut triples, and write the build.

The flow is: parse every Turtle file (a syntax error names the file and line), merge them,
apply the derivation rules in ``queries/rules/*.rq`` (SPARQL CONSTRUCT queries, so the rules
are data), and write the merged graph as Turtle, N-Triples and JSON-LD.

Examples
--------
>>> from graph.vocabulary import KG
>>> kg = load()
>>> len(kg.graph) > 1000
True
>>> kg.file_of(KG["kings-fund"])
'data/a000-kings-fund-roundup.ttl'
>>> [p.notation for p in kg.schemes.positions]
['support', 'conditional', 'oppose']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable

from rdflib import Graph

from .catalog import catalog
from .files import Paths, parse_turtle, write_atomic
from .schemes import Schemes, read_schemes
from .vocabulary import PREFIXES, bind_prefixes


@dataclass
class KnowledgeGraph:
    """The loaded graph and where each part came from.

    Attributes
    ----------
    graph : rdflib.Graph
        Ontology, curated data and derived triples together: what queries run against.
    data : rdflib.Graph
        The curated data only.
    ontology : rdflib.Graph
        The ontology only.
    origins : dict
        Subject IRI -> the data or ontology file that states it first.
    paths : Paths
        Where it was read from.
    derived : dict
        Tables that higher layers derive from the graph once (the names index, the map's node
        attributes), by name; see :meth:`derive`.  A loaded graph is never changed, so they
        never go stale.
    """

    graph: Graph
    data: Graph
    ontology: Graph
    origins: dict
    paths: Paths
    derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def schemes(self) -> Schemes:
        """The ontology's vocabularies: positions, relation kinds, map groups, claim classes."""
        return read_schemes(self.ontology)

    def derive(self, name: str, compute: Callable[["KnowledgeGraph"], Any]) -> Any:
        """``compute(self)``, computed once per graph and kept in :attr:`derived` as ``name``."""
        if name not in self.derived:
            self.derived[name] = compute(self)
        return self.derived[name]

    def file_of(self, node) -> str:
        """The file (relative to the project root) that describes ``node``, or ``""``."""
        path = self.origins.get(node)
        if path is None:
            return ""
        try:
            return str(path.relative_to(self.paths.root))
        except ValueError:
            return str(path)


def load(paths: Paths | None = None, derive: bool = True) -> KnowledgeGraph:
    """Parse the ontology and every data file, and derive the shortcut triples.

    Parameters
    ----------
    paths : Paths, optional
        Where to read from; the checkout's own folders by default.
    derive : bool
        Apply the rules in ``queries/rules/`` (default True).
    """
    paths = paths or Paths()
    origins: dict = {}
    ontology = parse_turtle(paths.ontology)
    for s in ontology.subjects():
        origins.setdefault(s, paths.ontology)
    data = bind_prefixes(Graph())
    for path in paths.data_files():
        part = parse_turtle(path)
        for s in part.subjects():
            origins.setdefault(s, path)
        data += part
    graph = bind_prefixes(Graph())
    graph += ontology
    graph += data
    if derive:
        derive_triples(graph, paths)
    return KnowledgeGraph(graph=graph, data=data, ontology=ontology, origins=origins, paths=paths)


def derive_triples(graph: Graph, paths: Paths | None = None) -> int:
    """Add the triples that the CONSTRUCT rules in ``queries/rules/`` derive; return how many.

    Rules run in file-name order, each over the graph as the earlier rules left it.
    """
    before = len(graph)
    for rule in catalog("rules", paths):
        for triple in graph.query(rule.text, initNs=PREFIXES):
            graph.add(triple)
    return len(graph) - before


FORMATS = {"carekg.ttl": "turtle", "carekg.nt": "nt", "carekg.jsonld": "json-ld"}


def write_build(kg: KnowledgeGraph, out_dir: Path | str | None = None) -> list[Path]:
    """Write the merged graph to ``out_dir`` (``build/`` by default) in three syntaxes."""
    out = Path(out_dir) if out_dir else kg.paths.build
    written = []
    for name, fmt in FORMATS.items():
        def writer(tmp, fmt=fmt):
            if fmt == "json-ld":
                context = {p: str(ns) for p, ns in PREFIXES.items()}
                kg.graph.serialize(tmp, format=fmt, context=context, encoding="utf-8")
            else:
                kg.graph.serialize(tmp, format=fmt, encoding="utf-8")
        written.append(write_atomic(out / name, writer))
    return written


@lru_cache(maxsize=1)
def load_kg() -> KnowledgeGraph:
    """The project's graph, loaded once per process (for doctests and notebooks)."""
    return load()


__all__ = ["KnowledgeGraph", "load", "load_kg", "derive_triples", "write_build", "FORMATS"]
