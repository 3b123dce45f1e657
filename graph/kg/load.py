"""Load the ontology and the curated data, derive shortcut triples, and write the build.

The flow is: parse every Turtle file into an Oxigraph store (a syntax error names the file and
line), apply the derivation rules in ``queries/rules/*.rq`` (SPARQL CONSTRUCT queries run on
the store, so the rules are data), and write the merged graph as Turtle, N-Triples and
JSON-LD.  rdflib graphs are made only on request (``kg.graph``, ``kg.data``, ``kg.ontology``).

Examples
--------
>>> from graph.rdf.namespaces import KG
>>> kg = load()
>>> len(kg.engine) > 1000
True
>>> kg.file_of(KG["kings-fund"])
'data/a000-kings-fund-roundup.ttl'
>>> [p.notation for p in kg.schemes.positions]
['support', 'conditional', 'nominal', 'oppose']
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph.rdf.namespaces import PREFIX_IRIS, curie
from graph.rdf.outputs import output_folder, write_atomic
from graph.rdf.paths import Paths
from graph.rdf.progress import stage, track
from graph.sparql.catalog import catalog
from graph.sparql.engine import OxigraphEngine
from graph.sparql.syntax import serialise
from graph.text.evidence import Texts
from graph.text.selectors import anchor_quads

if TYPE_CHECKING:  # rdflib is imported only where it is used: `carekg query` needs none of it
    from rdflib import Graph

    from graph.rdf.schemes import Schemes


class KnowledgeGraph:
    """The loaded graph: an engine that runs every query, and where each part came from.

    Attributes
    ----------
    engine : graph.sparql.engine.OxigraphEngine
        Ontology, curated data and derived triples together in the store's default graph:
        what every query runs against.
    paths : Paths
        Where it was read from.
    graph, data, ontology : rdflib.Graph
        Made on first use, for the tools that need rdflib (pyshacl, owlready2) and for users
        of the Python API: everything, the curated data only, the ontology only.  Nothing on a
        command's usual path asks for them.
    origins : dict
        Subject IRI -> the data or ontology file that states it first (read on first use).
    counts : dict
        Counts taken while loading: ``curated`` (see :func:`curated_counts`) and
        ``ontology_triples`` (the triples the ontology adds to the data).
    derived : dict
        Tables that higher layers derive from the graph once (the names index, the map's node
        attributes), by name; see :meth:`derive`.  A loaded graph is never changed, so they
        never go stale.
    """

    def __init__(self, engine, paths: Paths, counts: dict | None = None):
        self.engine = engine
        self.paths = paths
        self.counts = counts or {}
        self.derived: dict = {}

    def derive(self, name: str, compute: Callable[[KnowledgeGraph], Any]) -> Any:
        """``compute(self)``, computed once per graph and kept in :attr:`derived` as ``name``."""
        if name not in self.derived:
            self.derived[name] = compute(self)
        return self.derived[name]

    @property
    def graph(self) -> Graph:
        from graph.rdf.namespaces import bind_prefixes

        return self.derive("rdflib:graph", lambda kg: bind_prefixes(kg.engine.to_rdflib()))

    @property
    def data(self) -> Graph:
        from rdflib import Graph

        from graph.rdf.namespaces import bind_prefixes
        from graph.rdf.parse import parse_turtle

        def parse(kg):
            data = bind_prefixes(Graph())
            for path in kg.paths.data_files():
                data += parse_turtle(path)
            return data
        return self.derive("rdflib:data", parse)

    @property
    def ontology(self) -> Graph:
        from graph.rdf.parse import parse_turtle

        return self.derive("rdflib:ontology", lambda kg: parse_turtle(kg.paths.ontology))

    @property
    def origins(self) -> dict:
        return self.derive("origins", lambda kg: subject_origins([kg.paths.ontology] + kg.paths.data_files()))

    @cached_property
    def schemes(self) -> Schemes:
        """The ontology's vocabularies: positions, relation kinds, map groups, claim classes."""
        from graph.rdf.schemes import read_schemes

        return read_schemes(self.ontology)

    def file_of(self, node) -> str:
        """The file (relative to the project root) that describes ``node``, or ``""``."""
        path = self.origins.get(node)
        if path is None:
            return ""
        try:
            return str(path.relative_to(self.paths.root))
        except ValueError:
            return str(path)


def subject_origins(files) -> dict:
    """Subject IRI (an rdflib term) -> the first of ``files`` whose triples describe it."""
    from rdflib import URIRef

    return {URIRef(iri): path for iri, path in subject_iris(files).items()}


def subject_iris(files) -> dict[str, Path]:
    """:func:`subject_origins` with the IRIs as text (no rdflib: for the names index)."""
    origins: dict[str, Path] = {}
    for path in files:
        seen = set()
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=Path(path).resolve().as_uri()):
            subject = quad.subject
            if isinstance(subject, ox.NamedNode) and subject.value not in seen:
                seen.add(subject.value)
                origins.setdefault(subject.value, Path(path))
    return origins


COUNT_QUERIES = {
    "classes": "SELECT ?k (COUNT(*) AS ?n) WHERE { ?s a ?k } GROUP BY ?k",
    "properties": "SELECT ?k (COUNT(*) AS ?n) WHERE { ?s ?k ?o } GROUP BY ?k",
    "sources": "SELECT ?k (COUNT(*) AS ?n) WHERE { ?s carekg:source ?k } GROUP BY ?k",
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
}


def curated_counts(engine, claim_classes) -> dict:
    """Counts over a store that holds the curated data only (taken before the ontology and the
    rules add to it): things by class, triples by property, claims per source article, and
    curated things that are not claims (``claim_classes``: IRIs of the claim classes)."""
    out: dict = {}
    for key, text in COUNT_QUERIES.items():
        rows = engine.query(text, origin=f"<counts:{key}>").rows
        if key == "triples":
            out[key] = int(rows[0][0])
        else:
            counts = {curie(k): int(n) for k, n in rows}
            order = (lambda kv: kv[0]) if key == "sources" else (lambda kv: (-kv[1], kv[0]))
            out[key] = dict(sorted(counts.items(), key=order))
    from rdflib import URIRef

    # The data alone has no class hierarchy, so the claim classes come from the ontology.
    claims = " ".join(serialise(URIRef(c)) for c in sorted(claim_classes)) or "<urn:carekg:none>"
    rows = engine.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?t FILTER(STRSTARTS(STR(?s), STR(kg:)))"
                        f" FILTER NOT EXISTS {{ ?s a ?c VALUES ?c {{ {claims} }} }} }}", origin="<counts:entities>").rows
    out["entities"] = int(rows[0][0])
    return out


def load(paths: Paths | None = None, derive: bool = True, engine=None) -> KnowledgeGraph:
    """Parse every data file and the ontology into an Oxigraph store, and derive the shortcuts.

    Parameters
    ----------
    paths : Paths, optional
        Where to read from; the checkout's own folders by default.
    derive : bool
        Apply the rules in ``queries/rules/`` and add each claim's evidence offsets as Web
        Annotation selectors (default True).
    engine : graph.sparql.engine.OxigraphEngine, optional
        An empty store to load into (an on-disk one, say); a new in-memory store by default.
    """
    from graph.rdf.schemes import project_schemes

    paths = paths or Paths()
    engine = engine if engine is not None else OxigraphEngine.memory(PREFIX_IRIS)
    for path in track(paths.data_files(), "load: data files"):
        engine.load_file(path)
    with stage("load: counts and the ontology"):
        counts: dict[str, Any] = {"curated": curated_counts(engine, project_schemes(paths).claim_classes)}
        before = len(engine)
        engine.load_file(paths.ontology)
        counts["ontology_triples"] = len(engine) - before
    texts = Texts(paths.text_folders())
    if derive:
        derive_triples(engine, paths)
        with stage("anchor the evidence in the article texts"):
            anchor(engine, paths, texts)
    kg = KnowledgeGraph(engine, paths, counts)
    kg.derived["texts"] = texts  # read and indexed once: the evidence check finds the same phrases
    return kg


def anchor(engine, paths: Paths, texts: Texts | None = None) -> int:
    """Add each claim's evidence offsets as Web Annotation selectors (:mod:`graph.text.selectors`),
    found in the article texts (``paths.text_folders()``, read through ``texts`` if given); return
    how many claims were anchored."""
    rows = engine.values("SELECT ?claim ?evidence ?source ?seed WHERE { ?claim carekg:evidence ?evidence ;"
                         " carekg:source ?source . ?source carekg:seedFile ?seed"
                         " FILTER NOT EXISTS { ?claim oa:hasSelector ?given } }", origin="<anchors>")
    links, selectors, count = anchor_quads(rows, texts or Texts(paths.text_folders()))
    engine.store.extend(links)  # on the very nodes the rows name, blank ones (mentions) included
    engine.store.bulk_load(input=selectors, format=ox.RdfFormat.N_TRIPLES)
    return count


def derive_triples(engine, paths: Paths | None = None) -> int:
    """Add the triples that the CONSTRUCT rules in ``queries/rules/`` derive; return how many.

    Rules run in file-name order on the engine, each over the graph as the earlier rules left
    it.  A rule may not use ``SERVICE`` (rules run on every command and must not reach the
    network).
    """
    return sum(engine.add_construct(rule.text, origin=rule.path) for rule in track(catalog("rules", paths), "derive: rules"))


FORMATS = {"carekg.ttl": "ttl", "carekg.nt": "nt", "carekg.jsonld": "jsonld"}


def write_build(kg: KnowledgeGraph, out_dir: Path | str | None = None) -> list[Path]:
    """Write the merged graph to ``out_dir`` (``build/`` by default) in three syntaxes.

    The folder is created if its parent exists; only the default ``build/`` gets its parents.
    """
    out = output_folder(out_dir if out_dir else kg.paths.build, default=not out_dir)
    written = []
    for name, fmt in track(FORMATS.items(), "write: Turtle, N-Triples, JSON-LD"):
        def writer(tmp, fmt=fmt):  # serialised straight into the file, never held in memory whole
            kg.engine.dump(fmt, PREFIX_IRIS, output=Path(tmp))
        written.append(write_atomic(out / name, writer))
    return written


@lru_cache(maxsize=4)
def load_kg(data: str | Path | None = None) -> KnowledgeGraph:
    """The project's graph, or that of the dataset folder ``data`` (with the curated graph, for a
    dataset made by ``carekg init``: a notebook's ``load_kg("my-dataset")``), loaded once per
    process (for doctests and notebooks)."""
    return load(Paths.for_dataset(data))


__all__ = ["KnowledgeGraph", "load", "load_kg", "derive_triples", "write_build", "curated_counts", "subject_origins", "subject_iris", "FORMATS"]
