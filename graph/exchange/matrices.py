"""Discourse networks as matrices (DNA's CSV matrix) and time-sliced networks as one table.

* :func:`network_matrix` / ``carekg discourse two-mode --matrix``: the actor x proposal matrix
  of a two-mode network, or the actor x actor matrix of a one-mode one (symmetric, diagonal 0),
  cell = edge weight (0 where there is no edge).  Rows and columns are sorted by IRI and named by
  label (a label two nodes share gets its type, then its IRI, in brackets); the first header
  cell is empty, as in DNA's CSV.  The stances behind each cell are in the network's other
  formats (``-f json``: each edge's ``stances``).
* :func:`slices_table` / ``carekg discourse ... --window-size N -f csv``: the edge lists of every
  time slice, one after another, each row led by its slice (index, start, mid-point, end).

Examples
--------
>>> import networkx as nx
>>> g = nx.Graph(); g.add_node("ex:a", label="A", bipartite=0); g.add_node("ex:p", label="P", bipartite=1)
>>> g.add_edge("ex:a", "ex:p", weight=2)
>>> network_matrix(g)
(['', 'P'], [['A', 2]])
"""

from __future__ import annotations

import csv
import io

import networkx as nx

from graph.exchange.networks import _edge_csv, _unique_labels
from graph.text.sanitise import csv_text


def network_matrix(g: nx.Graph) -> tuple[list, list]:
    """The matrix of a discourse network as ``(header, rows)`` (module docstring)."""
    names = _unique_labels(g)
    two_mode = any("bipartite" in d for _, d in g.nodes(data=True))
    rows_of = sorted(n for n, d in g.nodes(data=True) if not two_mode or d.get("bipartite") == 0)
    cols = sorted(n for n, d in g.nodes(data=True) if d.get("bipartite") == 1) if two_mode else rows_of
    header = [""] + [names[c] for c in cols]
    rows = []
    for r in rows_of:
        cells = [g.edges[r, c].get("weight", 1) if g.has_edge(r, c) and r != c else 0 for c in cols]
        rows.append([names[r]] + [int(x) if isinstance(x, float) and x.is_integer() else x for x in cells])
    return header, rows


def matrix_text(g: nx.Graph, raw: bool = False) -> str:
    """:func:`network_matrix` as CSV (cells a spreadsheet would run as formulas quoted unless ``raw``)."""
    header, rows = network_matrix(g)
    return csv_text([header] + rows, raw)


def slices_table(items, raw: bool = False) -> str:
    """The edge lists of time-sliced networks as one CSV (module docstring); ``items`` as
    :func:`graph.analysis.timeslices.networks_over_time` gives them."""
    tables = [list(csv.reader(io.StringIO(_edge_csv(it["graph"], raw=True)))) for it in items]
    keys: list[str] = []
    for t in tables:
        keys += [k for k in (t[0] if t else []) if k not in keys]
    rows: list[list] = [["slice", "slice_start", "slice_mid", "slice_end"] + keys]
    for it, t in zip(items, tables):
        s = it["slice"]
        for row in t[1:]:
            cell = dict(zip(t[0], row))
            rows.append([s.index, s.start, s.mid, s.end] + [cell.get(k, "") for k in keys])
    return csv_text(rows, raw)


__all__ = ["network_matrix", "matrix_text", "slices_table"]
