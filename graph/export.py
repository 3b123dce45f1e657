"""Exports for spreadsheets and network tools.

* :func:`stances_table` / ``carekg export stances``: one row per stance with the stable columns
  ``actor, actor_type, proposal, position, implicit, date, source, evidence``.  ``date`` is the
  date as written; a stance the text recalls without a date gives its interval instead, in
  ISO 8601-2 (EDTF) form: ``../2015-12-31`` (no start, ending 2015-12-31).
* :func:`stance_details_table` / ``carekg export stance-details``: the same stances with every
  qualifier the data holds, for analysts who need them: the stance IRI, the date as written and
  the words that give it, the interval the text allows (``earliest``, empty for a past recalled
  without a date, and ``latest``), whether the date is estimated or the stance recalled, the
  scope as written, the curator's reading of an implicit stance, and the article's own date.
* :func:`network_text` / ``carekg export network``: a view as GraphML or GEXF (Gephi, visone),
  node-link JSON, or a CSV edge list.  GraphML and GEXF hold only scalar attributes, so list
  attributes are joined with ``"; "`` and the details-panel ``facts`` are left out; JSON keeps
  everything.  In node-link JSON and the CSV edge list an edge's ``source`` and ``target`` are
  its ends, so the source article is ``source_article``.

Every CSV and TSV goes through :mod:`graph.safetext` (cells a spreadsheet would run as formulas
get a leading ``'`` unless ``raw=True``; a TSV cell never breaks its row), and GraphML and GEXF
drop the characters XML forbids, so the files always open in the tools they are for.

Examples
--------
>>> from graph.load import load_kg
>>> header, rows = stances_table(load_kg())
>>> header
['actor', 'actor_type', 'proposal', 'position', 'implicit', 'date', 'source', 'evidence']
>>> len(rows) > 20
True
"""

from __future__ import annotations

import io
import json

import networkx as nx
from rdflib import URIRef

from .errors import UnknownNameError, suggest
from .load import KnowledgeGraph
from .network import node_attributes, source_metadata, stance_records
from .safetext import csv_text, tsv_text, xml_safe
from .vocabulary import curie

STANCE_COLUMNS = ["actor", "actor_type", "proposal", "position", "implicit", "date", "source", "evidence"]
DETAIL_COLUMNS = ["stance", "actor", "actor_type", "proposal", "position", "implicit", "date", "date_text",
                  "earliest", "latest", "date_is_estimate", "recalled", "when", "scope", "reading",
                  "source", "source_date", "evidence"]
NETWORK_FORMATS = ("graphml", "gexf", "json", "csv")
TABLE_FORMATS = ("csv", "tsv", "json")


def stances_table(kg: KnowledgeGraph, iris: bool = False) -> tuple[list, list]:
    """The stance table: header and rows of strings, in date order.

    With ``iris=True`` the actor, proposal and source columns hold IRIs instead of labels.
    The position is in words, as the ontology's ``skos:prefLabel`` gives them.
    """
    types = node_attributes(kg)
    sources = source_metadata(kg)
    rows = []
    for r in stance_records(kg):
        actor_type = types.get(URIRef(r["actor"]), {}).get("type_label", r["actor_type"])
        rows.append([
            r["actor"] if iris else r["actor_label"],
            actor_type,
            r["proposal"] if iris else r["proposal_label"],
            kg.schemes.position(r["position"]).label,
            "true" if r["implicit"] else "false",
            r["date"] or _edtf(r["earliest"], r["latest"]),
            r["source"] if iris else sources[r["source"]]["label"],
            r["evidence"],
        ])
    return list(STANCE_COLUMNS), rows


def _edtf(earliest, latest) -> str:
    """An interval with no date written, in ISO 8601-2 (EDTF) form: "../2015-12-31" for a past
    recalled without a start, "2017-02-02/2017-03-13" for a stated range.

    >>> _edtf(None, "2015-12-31"), _edtf("2017-02-02", "2017-03-13"), _edtf(None, None)
    ('../2015-12-31', '2017-02-02/2017-03-13', '')
    """
    if not latest:
        return ""
    return f"{earliest or '..'}/{latest}"


def stance_details_table(kg: KnowledgeGraph, iris: bool = False) -> tuple[list, list]:
    """The wide stance table (:data:`DETAIL_COLUMNS`): one row per stance with its qualifiers.

    >>> from graph.load import load_kg
    >>> header, rows = stance_details_table(load_kg())
    >>> lamb = next(dict(zip(header, r)) for r in rows if r[0] == "kg:stance-000-06")
    >>> lamb["date"], lamb["earliest"], lamb["latest"], lamb["recalled"], lamb["date_text"]
    ('', '', '2015-12-31', 'true', 'a key policy of the former health minister')
    """
    types = node_attributes(kg)
    sources = source_metadata(kg)
    flag = lambda b: "true" if b else "false"
    rows = []
    for r in stance_records(kg):
        rows.append([
            r["stance"] if iris else curie(r["stance"]),
            r["actor"] if iris else r["actor_label"],
            types.get(URIRef(r["actor"]), {}).get("type_label", r["actor_type"]),
            r["proposal"] if iris else r["proposal_label"],
            kg.schemes.position(r["position"]).label,
            flag(r["implicit"]),
            r["date"] or "", r["date_text"], r["earliest"] or "", r["latest"] or "",
            flag(r["estimate"]), flag(r["recalled"]), r["when"], r["scope"], r["reading"],
            r["source"] if iris else sources[r["source"]]["label"],
            sources[r["source"]]["date"] or "",
            r["evidence"],
        ])
    return list(DETAIL_COLUMNS), rows


def format_table(header: list, rows: list, fmt: str = "csv", raw: bool = False) -> str:
    """A plain table as CSV (RFC 4180), TSV (one line per row), or JSON (a list of objects).

    CSV and TSV cells are neutralised against formula injection unless ``raw``
    (:func:`graph.safetext.neutralise`); JSON keeps every value exactly.

    >>> print(format_table(["label"], [["=1+1"], ["two\\nlines"]], "tsv"), end="")
    label
    '=1+1
    two lines
    """
    if fmt not in TABLE_FORMATS:
        raise UnknownNameError("format", fmt, suggest(fmt, TABLE_FORMATS) or list(TABLE_FORMATS))
    if fmt == "json":
        return json.dumps([dict(zip(header, r)) for r in rows], indent=2, ensure_ascii=False) + "\n"
    return (csv_text if fmt == "csv" else tsv_text)([header] + rows, raw)


def flatten_for_files(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` with only scalar attributes, as GraphML and GEXF require, and no
    character that XML forbids in any name, key or value (:func:`graph.safetext.xml_safe`).

    Lists become ``"; "``-joined strings, ``None`` values are dropped, dicts are left out.

    >>> G = nx.MultiDiGraph(); G.add_node("a", sources=["x", "y"], facts=[{}], date=None, label="b\\x01c")
    >>> flatten_for_files(G).nodes["a"]
    {'sources': 'x; y', 'label': 'bc'}
    """
    H = G.__class__()
    H.graph.update({_xml(k): _xml(v) for k, v in G.graph.items() if isinstance(v, (str, int, float, bool))})
    for n, d in G.nodes(data=True):
        H.add_node(_xml(n), **_scalars(d))
    if G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            H.add_edge(_xml(u), _xml(v), key=_xml(k), **_scalars(d))
    else:
        for u, v, d in G.edges(data=True):
            H.add_edge(_xml(u), _xml(v), **_scalars(d))
    return H


def _xml(value):
    return xml_safe(value) if isinstance(value, str) else value


def _scalars(attrs: dict) -> dict:
    out = {}
    for k, v in attrs.items():
        if v is None or isinstance(v, dict):
            continue
        if isinstance(v, (list, tuple, set)):
            if all(isinstance(x, (str, int, float)) for x in v):
                out[_xml(k)] = xml_safe("; ".join(str(x) for x in v))
            continue
        out[_xml(k)] = _xml(v)
    return out


def network_text(G: nx.Graph, fmt: str, raw: bool = False) -> str:
    """Serialise a view or discourse graph in one of :data:`NETWORK_FORMATS` (``raw``: the CSV
    edge list keeps cells a spreadsheet would run as formulas, see :mod:`graph.safetext`)."""
    if fmt not in NETWORK_FORMATS:
        raise UnknownNameError("format", fmt, suggest(fmt, NETWORK_FORMATS) or list(NETWORK_FORMATS))
    if fmt == "json":
        data = nx.node_link_data(G, edges="edges")
        # node-link's "source"/"target" are the ends: the article goes in "source_article" (as
        # in the CSV) instead of being overwritten by the start node.
        for edge, (*_, d) in zip(data["edges"], G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)):
            if "source" in d:
                edge["source_article"] = d["source"]
        return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    if fmt == "csv":
        return _edge_csv(G, raw)
    flat = flatten_for_files(G)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(flat, buf, encoding="utf-8", prettyprint=True)
    else:
        nx.write_gexf(flat, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue().decode("utf-8")


PREFERRED = ["relation_label", "kind", "position", "label", "weight", "date", "source", "evidence", "implicit"]


def _edge_csv(G, raw: bool = False) -> str:
    """One row per edge: endpoints with their labels, then every scalar edge attribute.

    The edge attribute ``source`` (the source article) is written as ``source_article`` so it
    cannot be confused with the edge's start node.
    """
    multi = G.is_multigraph()
    edges = list(G.edges(keys=True, data=True)) if multi else [(u, v, None, d) for u, v, d in G.edges(data=True)]
    keys = sorted({k for *_, d in edges for k, v in d.items() if not isinstance(v, dict)})
    keys = [k for k in PREFERRED if k in keys] + [k for k in keys if k not in PREFERRED]
    rename = {"source": "source_article"}
    header = ["source", "source_label", "target", "target_label"] + (["key"] if multi else []) + [rename.get(k, k) for k in keys]
    rows = [header]
    for u, v, k, d in edges:
        cells = [u, G.nodes[u].get("label", u), v, G.nodes[v].get("label", v)] + ([k] if multi else [])
        for name in keys:
            value = d.get(name)
            if isinstance(value, (list, tuple)):
                value = "; ".join(map(str, value))
            elif isinstance(value, bool):
                value = str(value).lower()
            cells.append("" if value is None else value)
        rows.append(cells)
    return csv_text(rows, raw)


__all__ = ["stances_table", "stance_details_table", "format_table", "network_text", "flatten_for_files"]
