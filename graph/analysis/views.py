"""Turn a view (SPARQL queries in ``queries/views/``) into a networkx ``MultiDiGraph``.

A view is one SELECT whose rows are edges, each a sourced claim::

    ?edge ?source ?target ?relation ?relationLabel ?kind ?label ?position ?date ?article ?evidence ?implicit

and optionally ``?earliest ?latest ?dateText ?recalled ?estimate ?scope ?reading`` (the
interval the text allows, the date words, and qualifiers).

Nodes are the edges' endpoints, described by ``views/nodes.rq``.  Edge keys are the claim IRIs,
so two claims linking the same pair stay two edges.  Nothing here decides *which* claims are
edges: that is the view's job.

Examples
--------
>>> from graph.kg.load import load_kg
>>> G = build_view(load_kg(), "network")
>>> G.number_of_edges() > 100
True
>>> _, _, attrs = next(iter(G.edges(data=True)))
>>> sorted(attrs)[:4]
['claim', 'date', 'date_text', 'earliest']
"""

from __future__ import annotations

import datetime as _dt

import networkx as nx
from rdflib import URIRef

from graph.errors import QueryError, UnknownNameError
from graph.kg.describe import describe_many
from graph.kg.load import KnowledgeGraph
from graph.kg.names import label_of, labels_of, names_of
from graph.kg.query import Result, run
from graph.rdf.dates import When
from graph.rdf.namespaces import CAREKG, curie
from graph.sparql.catalog import find_query, query_files
from graph.text.fuzzy import suggest


def view_names(kg: KnowledgeGraph) -> list[str]:
    """Names of the views that produce edges (every view file except ``nodes``)."""
    return [p.stem for p in query_files("views", kg.paths) if p.stem != "nodes"]


def build_view(kg: KnowledgeGraph, name: str = "network", facts: bool = True) -> nx.MultiDiGraph:
    """Run the view ``name`` and return its graph.

    Parameters
    ----------
    kg : KnowledgeGraph
        The loaded graph.
    name : str
        A view in ``queries/views/`` (see :func:`view_names`).
    facts : bool
        Attach each node's sourced facts (for the map's details panel).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by IRI with ``iri``, ``label``, ``aliases``, ``type``, ``type_label``,
        ``group``, ``instance``, ``sources`` and ``facts``; edges keyed by claim IRI with
        ``relation``, ``relation_label``, ``kind`` (the relation kind's notation), ``position``
        (the stance position's notation, or None), ``label``, ``date`` (as written),
        ``earliest`` and ``latest`` (the interval the text allows; no ``earliest`` for a past
        recalled without a date), ``date_text``, ``when`` (all that in words), ``estimate``,
        ``recalled``, ``scope``, ``reading`` (the curator's reading of an implicit stance),
        ``year`` (the one calendar year the interval lies in, else None),
        ``first_year`` and ``last_year``, ``source``, ``evidence`` and ``implicit``.  ``G.graph``
        holds the view name, title, build time and the source articles' metadata.
    """
    names = view_names(kg)
    if name not in names:
        raise UnknownNameError("view", name, suggest(name, names) or names)
    view = find_query(name, kg.paths, kind="views")
    rows = view_rows(kg, view, EDGE_VARS)
    G = nx.MultiDiGraph()
    G.graph.update(view=name, title=view.title, description=view.description,
                   built=_dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
                   sources=source_metadata(kg))
    nodes = node_attributes(kg)
    labels_of(kg, [t for row in rows.rows for t in row if t not in nodes])  # one query, not one per node
    for row in _dicts(rows):
        s, t = row["source"], row["target"]
        for n in (s, t):
            if n not in G:
                G.add_node(str(n), **nodes[n] if n in nodes else _fallback_node(kg, n))
        date, when = _when(row)
        span = when.span
        G.add_edge(str(s), str(t), key=str(row["edge"]),
                   claim=str(row["edge"]),
                   relation=str(row["relation"]),
                   relation_label=str(row["relationLabel"]),
                   kind=str(row["kind"]),
                   position=str(row["position"]) if row.get("position") is not None else None,
                   label=str(row.get("label") or row["relationLabel"]),
                   date=date,
                   earliest=when.earliest, latest=when.latest, date_text=when.text or None,
                   when=str(when) or None, estimate=when.estimate,
                   recalled=_flag(row.get("recalled")),
                   scope=str(row["scope"]) if row.get("scope") is not None else None,
                   reading=str(row["reading"]) if row.get("reading") is not None else None,
                   # The calendar year the interval lies in, if one; first and last possible
                   # years otherwise (first None for a past recalled without a start).
                   year=span[1].year if span and span[0] and span[0].year == span[1].year else None,
                   first_year=span[0].year if span and span[0] else None,
                   last_year=span[1].year if span else None,
                   source=str(row["article"]),
                   evidence=str(row["evidence"]),
                   implicit=_flag(row.get("implicit")))
    for n, attrs in G.nodes(data=True):
        attrs["sources"] = sorted({d["source"] for *_, d in G.edges(n, data=True)}
                                  | {d["source"] for *_, d in G.in_edges(n, data=True)})
    if facts:
        attach_facts(kg, G)
    return G


def attach_facts(kg: KnowledgeGraph, G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Give every node of ``G`` its sourced facts (``facts``, for the map's details panel), in
    one run of ``facts-about``; a big map attaches them after choosing what to draw."""
    facts_of = describe_many(kg, [URIRef(n) for n in G])
    for n, attrs in G.nodes(data=True):
        attrs["facts"] = [f.as_dict() for f in facts_of[URIRef(n)]]
    return G


def _when(row) -> tuple[str | None, When]:
    """A view row's date as written and its :class:`~graph.rdf.dates.When` (interval, words)."""
    text = lambda k: str(row[k]) if row.get(k) is not None else None
    date = text("date")
    return date, When(date, text("earliest"), text("latest"), text("dateText") or "", _flag(row.get("estimate")))


def _flag(term) -> bool:
    return bool(term.toPython()) if term is not None else False


EDGE_VARS = ("edge", "source", "target", "relation", "relationLabel", "kind", "article", "evidence")
NODE_VARS = ("node", "depth", "type", "label", "typeLabel", "group")


def view_rows(kg: KnowledgeGraph, view, required: tuple) -> Result:
    """Run a view and check that it selects, and binds in every row, the variables a network
    needs; a view that does not is one :class:`~graph.errors.QueryError` naming its file.

    >>> from graph.sparql.catalog import load_named_query
    >>> from graph.kg.load import load_kg
    >>> view = load_named_query("v.rq", text="SELECT ?edge ?source WHERE { ?edge carekg:actor ?source }")
    >>> view_rows(load_kg(), view, EDGE_VARS)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: v.rq: a view must select ?edge ?source ... ?evidence; this one lacks ?target ...
    """
    result = run(kg, view)
    missing = [v for v in required if v not in result.vars]
    if missing:
        raise QueryError(f"{view.path}: a view must select ?{' ?'.join(required)}; this one lacks ?{' ?'.join(missing)}")
    at = {v: result.vars.index(v) for v in required}
    for n, row in enumerate(result.rows, 1):
        unbound = [v for v in required if row[at[v]] is None]
        if unbound:
            raise QueryError(f"{view.path}: row {n} leaves ?{unbound[0]} unbound; a view binds ?{' ?'.join(required)} in every row")
    return result


def _dicts(result: Result):
    for row in result.rows:
        yield dict(zip(result.vars, row))


def node_attributes(kg: KnowledgeGraph) -> dict:
    """IRI -> node attributes from ``views/nodes.rq``, keeping each thing's deepest class
    (computed once per graph)."""
    return kg.derive("node_attributes", _node_attributes)


def _node_attributes(kg: KnowledgeGraph) -> dict:
    aliases = {e.iri: list(e.aliases) for e in names_of(kg).entries}
    best: dict = {}
    classes: dict = {}  # every class of every row: selection by type includes superclasses
    for row in _dicts(view_rows(kg, find_query("nodes", kg.paths, kind="views"), NODE_VARS)):
        depth = int(row["depth"])
        node = row["node"]
        classes.setdefault(node, set()).update(_local_classes(row.get("supers")))
        if node not in best or depth > best[node][0] or (depth == best[node][0] and str(row["type"]) < best[node][1]["type_iri"]):
            best[node] = (depth, {
                "iri": str(node), "label": str(row["label"]), "aliases": aliases.get(str(node), []),
                "type": curie(row["type"]).split(":", 1)[-1], "type_iri": str(row["type"]),
                "type_label": str(row["typeLabel"]), "group": str(row["group"]), "instance": True,
                "unnamed": bool(row["unnamed"].toPython()) if row.get("unnamed") is not None else False,
            })
    return {n: dict(attrs, classes=sorted(classes[n])) for n, (_, attrs) in best.items()}


def _local_classes(supers) -> list[str]:
    """The project's own classes among space-separated class IRIs, by local name."""
    own = str(CAREKG)
    return [c[len(own):] for c in str(supers or "").split() if c.startswith(own)]


def _fallback_node(kg, node) -> dict:
    # An endpoint outside the curated data (an ontology term, say): still drawn, plainly.
    return {"iri": str(node), "label": label_of(kg, node), "aliases": [], "type": "Thing", "type_iri": "",
            "type_label": "Thing", "group": "other", "instance": False, "unnamed": False, "classes": []}


def source_metadata(kg: KnowledgeGraph) -> dict:
    """Article IRI -> title, label, date, publisher and author labels (or None)."""
    return kg.derive("sources", _source_metadata)


SOURCES = """
SELECT ?art ?title ?date ?estimate ?seed
       (GROUP_CONCAT(DISTINCT ?pub; separator="\\u0001") AS ?pubs)
       (GROUP_CONCAT(DISTINCT ?author; separator="\\u0001") AS ?authors)
WHERE {
  ?art carekg:seedFile ?seed .
  OPTIONAL { ?art dcterms:title ?title }
  OPTIONAL { ?art carekg:date ?date }
  OPTIONAL { ?art carekg:dateIsEstimate ?estimate }
  OPTIONAL { ?art dcterms:publisher ?p . ?p rdfs:label ?pub }
  OPTIONAL { ?art dcterms:creator ?a . ?a rdfs:label ?author }
}
GROUP BY ?art ?title ?date ?estimate ?seed
ORDER BY ?art"""


def _source_metadata(kg: KnowledgeGraph) -> dict:
    out = {}
    for art, title, date, estimate, seed, pubs, authors in kg.engine.query(SOURCES, origin="<sources>").rows:
        def names(joined):  # sorted here: GROUP_CONCAT's order is up to the engine
            return ", ".join(sorted(x for x in str(joined or "").split("\u0001") if x)) or None
        out[str(art)] = {
            "label": label_of(kg, art),
            "title": str(title or ""),
            "date": str(date) if date is not None else None,
            "date_is_estimate": bool(estimate.toPython()) if estimate is not None else False,
            "publisher": names(pubs),
            "author": names(authors),
            "seed_file": str(seed),
        }
    return out


__all__ = ["attach_facts", "build_view", "view_names", "node_attributes", "source_metadata",]
