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
  or node-link JSON.  GraphML and GEXF hold only scalar attributes, so list attributes are
  joined with ``"; "`` and the details-panel ``facts`` are left out; JSON keeps everything, with
  real booleans and numbers.  GEXF carries each node's colour, size and position and each
  edge's colour and thickness as ``viz`` elements, from the map's styles and layout (y points
  up in GEXF, down on the screen, so it is turned over).  In node-link JSON an edge's ``source``
  and ``target`` are its ends, so the source article is ``source_article``.
* :func:`network_tables` / ``carekg export network -f csv -o NAME.csv``: two tables, written
  side by side as ``NAME-nodes.csv`` and ``NAME-edges.csv``, in Gephi's spreadsheet layout
  (``Id, Label, …`` and ``Source, Target, Type, Id, Label, Weight, …``) or Kumu's
  (``Label, Type, …`` and ``From, To, Type, Direction, …``; Kumu joins connections to elements
  by label, so a label shared by two nodes gets its type in brackets).

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
from .layout import layout, look, rank
from .load import KnowledgeGraph
from .network import node_attributes, source_metadata, stance_records
from .safetext import csv_text, tsv_text, xml_safe
from .styles import STYLES, family, legend_key, rgb
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
            bool(r["implicit"]),
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
    (:func:`graph.safetext.neutralise`), booleans written ``true``/``false``; JSON keeps every
    value exactly, booleans and numbers as such.

    >>> print(format_table(["label"], [["=1+1"], ["two\\nlines"]], "tsv"), end="")
    label
    '=1+1
    two lines
    >>> print(format_table(["n", "ok"], [[1, False]], "json"), end="")
    [
      {
        "n": 1,
        "ok": false
      }
    ]
    """
    if fmt not in TABLE_FORMATS:
        raise UnknownNameError("format", fmt, suggest(fmt, TABLE_FORMATS) or list(TABLE_FORMATS))
    if fmt == "json":
        return json.dumps([dict(zip(header, r)) for r in rows], indent=2, ensure_ascii=False) + "\n"
    return (csv_text if fmt == "csv" else tsv_text)([header] + [[_cell(c) for c in r] for r in rows], raw)


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


def viz(G: nx.Graph, positions: dict | None = None) -> nx.Graph:
    """A copy of ``G`` with GEXF ``viz`` data: each node's colour (its legend family's), size
    and position (:func:`graph.layout.layout`, y turned up), each edge's colour and thickness.

    >>> G = nx.MultiDiGraph(); G.add_node("a", group="person"); G.add_node("b", kind="proposal")
    >>> _ = G.add_edge("a", "b", kind="stance", position="support")
    >>> H = viz(G, {"a": (10.0, 20.0), "b": (0.0, 0.0)})
    >>> H.nodes["a"]["viz"]["color"], H.nodes["a"]["viz"]["position"]
    ({'r': 78, 'g': 121, 'b': 167, 'a': 1.0}, {'x': 10.0, 'y': -20.0, 'z': 0.0})
    >>> [d["viz"]["color"]["g"] for *_, d in H.edges(data=True)]
    [125]
    """
    pos = positions if positions is not None else layout(G)
    H = G.copy()
    for n, d in H.nodes(data=True):
        r, g, b = rgb(STYLES["groups"][family(d)]["color"])
        x, y = pos.get(n, (0.0, 0.0))
        d["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": look(rank(G, n))[0],
                    "position": {"x": float(x), "y": -float(y), "z": 0.0}}
    for *_, d in H.edges(data=True):
        style = STYLES["kinds"][legend_key(d)]
        r, g, b = rgb(style["color"])
        d["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "thickness": style["width"]}
    return H


def network_text(G: nx.Graph, fmt: str, raw: bool = False) -> str:
    """Serialise a view or discourse graph in one of :data:`NETWORK_FORMATS` (``csv``: the
    edge list alone, :func:`network_tables` gives nodes and edges; ``raw``: the CSV edge list
    keeps cells a spreadsheet would run as formulas, see :mod:`graph.safetext`)."""
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
        nx.write_gexf(viz(flat), buf, encoding="utf-8", prettyprint=True)
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


CSV_LAYOUTS = ("gephi", "kumu")
NODE_FIRST = ["type", "type_label", "group", "aliases", "sources", "unnamed"]


def network_tables(G: nx.Graph, layout_name: str = "gephi") -> dict[str, tuple[list, list]]:
    """The nodes and edges of ``G`` as two tables, ``{"nodes": (header, rows), "edges": ...}``,
    in Gephi's or Kumu's import layout (see the module docstring).  Scalar attributes follow the
    named columns; lists are joined with ``"; "``; booleans are ``true``/``false``; the map's
    colour (``color``) and position (``x``, ``y``) come last.

    >>> G = nx.MultiDiGraph(); G.add_node("ex:a", label="Ann", type="Person", group="person")
    >>> G.add_node("ex:b", label="Pool", kind="proposal")
    >>> _ = G.add_edge("ex:a", "ex:b", key="ex:c1", kind="stance", position="support", relation_label="supports", implicit=False)
    >>> t = network_tables(G, "kumu")
    >>> t["nodes"][0][:3], t["edges"][0][:5], t["edges"][1][0][:5]
    (['Label', 'Type', 'IRI'], ['From', 'To', 'Type', 'Direction', 'IRI'], ['Ann', 'Pool', 'supports', 'directed', 'ex:c1'])
    """
    check = layout_name if layout_name in CSV_LAYOUTS else None
    if check is None:
        raise UnknownNameError("csv layout", layout_name, list(CSV_LAYOUTS))
    pos = layout(G)
    flat = flatten_for_files(G)
    names = _unique_labels(G) if layout_name == "kumu" else {n: str(d.get("label") or n) for n, d in G.nodes(data=True)}
    node_keys = _columns([d for _, d in flat.nodes(data=True)], NODE_FIRST, drop={"label", "iri", "type_iri"})
    if layout_name == "gephi":
        header = ["Id", "Label"] + node_keys
        lead = lambda n, d: [n, names[n]]
    else:
        header = ["Label", "Type", "IRI"] + [k for k in node_keys if k not in ("type", "type_label")]  # Type is the type's label
        lead = lambda n, d: [names[n], d.get("type_label") or d.get("type") or ("Proposal" if d.get("kind") == "proposal" else ""), n]
    nodes = [lead(n, d) + [_cell(d.get(k)) for k in header[len(lead(n, d)):]]
             + [STYLES["groups"][family(G.nodes[n])]["color"], pos.get(n, (0, 0))[0], pos.get(n, (0, 0))[1]]
             for n, d in sorted(flat.nodes(data=True), key=lambda item: str(item[0]))]
    multi = flat.is_multigraph()
    edges = list(flat.edges(keys=True, data=True)) if multi else [(u, v, f"{u}--{v}", d) for u, v, d in flat.edges(data=True)]
    edge_keys = _columns([d for *_, d in edges], PREFERRED, drop={"label", "weight"})
    directed = "Directed" if G.is_directed() else "Undirected"
    rename = {"source": "source_article"}
    if layout_name == "gephi":
        e_head = ["Source", "Target", "Type", "Id", "Label", "Weight"]
        e_lead = lambda u, v, k, d: [u, v, directed, k, d.get("label") or d.get("relation_label") or "", d.get("weight", 1)]
    else:
        e_head = ["From", "To", "Type", "Direction", "IRI", "Weight"]
        e_lead = lambda u, v, k, d: [names[u], names[v], d.get("relation_label") or d.get("label") or "",
                                     directed.lower() if G.is_directed() else "undirected", k, d.get("weight", 1)]
    e_rows = [e_lead(u, v, k, d) + [_cell(d.get(c)) for c in edge_keys] + [STYLES["kinds"][legend_key(d)]["color"]]
              for u, v, k, d in sorted(edges, key=lambda e: (str(e[0]), str(e[1]), str(e[2])))]
    return {"nodes": (header + ["color", "x", "y"], nodes),
            "edges": (e_head + [rename.get(c, c) for c in edge_keys] + ["color"], e_rows)}


def _columns(dicts, first, drop) -> list[str]:
    """The scalar attribute names of ``dicts``: those in ``first`` in its order, then the rest sorted."""
    keys = {k for d in dicts for k, v in d.items() if not isinstance(v, dict) and k not in drop and k != "viz"}
    return [k for k in first if k in keys] + sorted(keys - set(first))


def _cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _unique_labels(G) -> dict:
    """Node -> a label no other node has: the label, with the type in brackets (and then the
    IRI) where two nodes share one."""
    base = {n: str(d.get("label") or n) for n, d in G.nodes(data=True)}
    count: dict = {}
    for label in base.values():
        count[label] = count.get(label, 0) + 1
    out = {n: label if count[label] == 1 else f"{label} ({G.nodes[n].get('type_label') or G.nodes[n].get('type') or 'Thing'})"
           for n, label in base.items()}
    seen: dict = {}
    for label in out.values():
        seen[label] = seen.get(label, 0) + 1
    return {n: label if seen[label] == 1 else f"{label} [{n}]" for n, label in out.items()}


def table_paths(path: str) -> tuple[str, str]:
    """Where the two tables of ``-o PATH`` go: ``NAME-nodes.csv`` and ``NAME-edges.csv`` beside it.

    >>> table_paths("out/influence.csv"), table_paths("influence")
    (('out/influence-nodes.csv', 'out/influence-edges.csv'), ('influence-nodes.csv', 'influence-edges.csv'))
    """
    stem = str(path)[:-4] if str(path).lower().endswith(".csv") else str(path)
    return f"{stem}-nodes.csv", f"{stem}-edges.csv"


__all__ = ["stances_table", "stance_details_table", "format_table", "network_text", "network_tables", "table_paths", "viz", "flatten_for_files"]
