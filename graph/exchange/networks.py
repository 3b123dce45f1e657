"""Networks for network tools: GraphML, GEXF, node-link JSON, and node and edge tables.

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

GraphML and GEXF drop the characters XML forbids, and CSV cells go through
:mod:`graph.text.sanitise`, so the files always open in the tools they are for.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph(); G.add_node("ex:a", label="A"); G.add_edge("ex:a", "ex:a", key="c1")
\x27c1\x27
>>> "graphml" in network_text(G, "graphml")
True
"""

from __future__ import annotations

import io
import json

import networkx as nx

from graph.errors import UnknownNameError
from graph.exchange.tables import table_cell
from graph.map.layout import layout, look, rank
from graph.map.styles import STYLES, family, legend_key, rgb
from graph.text.fuzzy import suggest
from graph.text.sanitise import csv_text, xml_safe

NETWORK_FORMATS = ("graphml", "gexf", "json", "csv")


def flatten_for_files(G: nx.Graph, dynamic: bool = False) -> nx.Graph:
    """A copy of ``G`` with only scalar attributes, as GraphML and GEXF require, and no
    character that XML forbids in any name, key or value (:func:`graph.text.sanitise.xml_safe`).

    Lists become ``"; "``-joined strings, ``None`` values are dropped, dicts are left out;
    ``dynamic=True`` (GEXF) keeps lists of tuples: Gephi's spells and dynamic values
    (:mod:`graph.exchange.attributes`).

    >>> G = nx.MultiDiGraph(); G.add_node("a", sources=["x", "y"], facts=[{}], date=None, label="b\\x01c")
    >>> flatten_for_files(G).nodes["a"]
    {'sources': 'x; y', 'label': 'bc'}
    """
    H = G.__class__()
    H.graph.update({_xml(k): _xml(v) for k, v in G.graph.items() if isinstance(v, (str, int, float, bool))})
    for n, d in G.nodes(data=True):
        H.add_node(_xml(n), **_scalars(d, dynamic))
    if G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            H.add_edge(_xml(u), _xml(v), key=_xml(k), **_scalars(d, dynamic))
    else:
        for u, v, d in G.edges(data=True):
            H.add_edge(_xml(u), _xml(v), **_scalars(d, dynamic))
    return H


def _xml(value):
    return xml_safe(value) if isinstance(value, str) else value


def _scalars(attrs: dict, dynamic: bool = False) -> dict:
    out: dict = {}
    for k, v in attrs.items():
        if v is None or isinstance(v, dict):
            continue
        if dynamic and isinstance(v, list) and v and all(isinstance(x, tuple) for x in v):
            out[_xml(k)] = v
            continue
        if isinstance(v, (list, tuple, set)):
            if all(isinstance(x, (str, int, float)) for x in v):
                out[_xml(k)] = xml_safe("; ".join(str(x) for x in v))
            continue
        out[_xml(k)] = _xml(v)
    return out


def viz(G: nx.Graph, positions: dict | None = None) -> nx.Graph:
    """A copy of ``G`` with GEXF ``viz`` data: each node's colour (its legend family's), size
    and position (:func:`graph.map.layout.layout`, y turned up), each edge's colour and thickness.

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
    keeps cells a spreadsheet would run as formulas, see :mod:`graph.text.sanitise`)."""
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
    flat = flatten_for_files(G, dynamic=fmt == "gexf")
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
    cannot be confused with the edge's start node.  When nodes carry a ``coalition``
    (:func:`graph.exchange.attributes.with_coalitions`), each row ends with the coalitions of
    both ends, ``source_coalition`` and ``target_coalition``.
    """
    multi = G.is_multigraph()
    edges = list(G.edges(keys=True, data=True)) if multi else [(u, v, None, d) for u, v, d in G.edges(data=True)]
    keys = sorted({k for *_, d in edges for k, v in d.items() if not isinstance(v, dict)})
    keys = [k for k in PREFERRED if k in keys] + [k for k in keys if k not in PREFERRED]
    rename = {"source": "source_article"}
    coalitions = any("coalition" in d for _, d in G.nodes(data=True))
    header = ["source", "source_label", "target", "target_label"] + (["key"] if multi else []) + [rename.get(k, k) for k in keys] \
        + (["source_coalition", "target_coalition"] if coalitions else [])
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
        if coalitions:
            cells += [G.nodes[u].get("coalition", ""), G.nodes[v].get("coalition", "")]
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
    nodes = [lead(n, d) + [table_cell(d.get(k)) for k in header[len(lead(n, d)):]]
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
    e_rows = [e_lead(u, v, k, d) + [table_cell(d.get(c)) for c in edge_keys] + [STYLES["kinds"][legend_key(d)]["color"]]
              for u, v, k, d in sorted(edges, key=lambda e: (str(e[0]), str(e[1]), str(e[2])))]
    return {"nodes": (header + ["color", "x", "y"], nodes),
            "edges": (e_head + [rename.get(c, c) for c in edge_keys] + ["color"], e_rows)}


def _columns(dicts, first, drop) -> list[str]:
    """The scalar attribute names of ``dicts``: those in ``first`` in its order, then the rest sorted."""
    keys = {k for d in dicts for k, v in d.items() if not isinstance(v, dict) and k not in drop and k != "viz"}
    return [k for k in first if k in keys] + sorted(keys - set(first))


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


__all__ = ["NETWORK_FORMATS", "flatten_for_files", "viz", "network_text", "PREFERRED", "CSV_LAYOUTS", "NODE_FIRST", "network_tables", "table_paths"]
