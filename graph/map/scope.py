"""What a big map shows: a part of the network chosen by the user, never a hairball.

Above a few hundred nodes a force-directed page stops being readable (and slows the browser), so
:func:`select` cuts the view's network down, in this order:

1. ``types``: keep nodes of these kinds (a map group such as ``person`` or ``proposal``, or a
   class such as ``ClinicalCommissioningGroup``);
2. ``start``/``end``: keep the claims whose date interval meets these years (undated ones go);
3. ``focus``/``depth``: keep the nodes within ``depth`` steps of one node (its neighbourhood),
   counting each proposal about it (a ``topic`` claim from the proposal to it) as the node
   itself, so the fund and "The Better Care Fund" people argue over show the same arguers;
4. ``top``: keep the ``top`` nodes with the most relations (degree centrality); when no ``top``
   is given and more than ``limit`` nodes remain, the ``limit`` most connected are kept.

Nodes left without an edge by a filter go too, except the focus.  The result says, in words,
what was left out; the page shows that sentence above the map.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for i in range(10):
...     G.add_node(f"n{i}", group="person" if i % 2 else "proposal", type="Person" if i % 2 else "Proposal")
>>> for i in range(1, 10):
...     _ = G.add_edge("n0", f"n{i}", key=f"e{i}", first_year=2013 + i % 4, last_year=2013 + i % 4)
>>> H, note = select(G, top=3)
>>> sorted(H), note
(['n0', 'n1', 'n2'], 'Showing 3 of 10 nodes and 2 of 9 relations: the 3 with the most relations.')
>>> H, note = select(G, start=2014, end=2014)
>>> sorted(H)
['n0', 'n1', 'n5', 'n9']
"""

from __future__ import annotations

import networkx as nx

from graph.errors import ParameterError

LIMIT = 400  # nodes drawn when the user narrows nothing


def select(G: nx.MultiDiGraph, *, focus=None, depth: int = 1, top: int | None = None, types=None,
           start: int | None = None, end: int | None = None, limit: int = LIMIT) -> tuple[nx.MultiDiGraph, str]:
    """The part of ``G`` to draw, and a sentence saying what was left out (``""`` if nothing)."""
    n0, e0 = G.number_of_nodes(), G.number_of_edges()
    why: list[str] = []
    H = G
    if types:
        wanted = {str(t).lower() for t in types}
        keep = [n for n, d in H.nodes(data=True) if {str(d.get("group", "")).lower(), str(d.get("type", "")).lower()} & wanted]
        H = H.subgraph(keep)
        why.append("only " + ", ".join(sorted(types)))
    if start is not None or end is not None:
        lo, hi = start if start is not None else -10**9, end if end is not None else 10**9
        if lo > hi:
            raise ParameterError(f"--start {start} is after --end {end}")
        edges = [(u, v, k) for u, v, k, d in H.edges(keys=True, data=True)
                 if d.get("last_year") is not None and d["last_year"] >= lo
                 and (d.get("first_year") if d.get("first_year") is not None else -10**9) <= hi]
        H = H.edge_subgraph(edges)
        why.append(f"claims dated {start if start is not None else '…'}–{end if end is not None else '…'}")
    if focus is not None:
        if focus not in G:
            raise ParameterError(f"{focus} is not on this map (it has no relation in the view)")
        if depth < 1:
            raise ParameterError("--depth must be 1 or more")
        U = H.to_undirected(as_view=True)
        near: set = {focus}
        for root in focus_roots(H, focus) if focus in H else ():
            near |= set(nx.ego_graph(U, root, radius=depth))
        H = H.subgraph(near)
        why.append(f"within {depth} step{'s' if depth > 1 else ''} of {G.nodes[focus].get('label', focus)}")
    if top is None and H.number_of_nodes() > limit:
        top = limit
    if top is not None:
        if top < 1:
            raise ParameterError("--top must be 1 or more")
        if H.number_of_nodes() > top:
            ranked = sorted(H, key=lambda n: (-H.degree(n), str(n)))
            H = H.subgraph(ranked[:top])
            why.append(f"the {top} with the most relations")
    if types or start is not None or end is not None or top is not None:  # nothing left dangling
        H = H.subgraph([n for n in H if H.degree(n) > 0 or n == focus])
    H = nx.MultiDiGraph(H)
    H.graph.update(G.graph)
    if H.number_of_nodes() == n0 and H.number_of_edges() == e0:
        return H, ""
    note = (f"Showing {H.number_of_nodes():,} of {n0:,} nodes and {H.number_of_edges():,} of {e0:,} relations: "
            + "; ".join(why) + ".")
    H.graph["scope"] = note
    return H, note


def focus_roots(G: nx.MultiDiGraph, node) -> list:
    """Where a focus on ``node`` starts: the node, and each proposal about it (a claim of the
    ``topic`` kind from the proposal to it), as the page's focus does (``maplogic.js``).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ex:fund", group="fund"); G.add_node("ex:p", group="proposal"); G.add_node("ex:doc", group="document")
    >>> _ = G.add_edge("ex:p", "ex:fund", kind="topic"); _ = G.add_edge("ex:doc", "ex:fund", kind="topic")
    >>> focus_roots(G, "ex:fund")
    ['ex:fund', 'ex:p']
    """
    about = sorted({u for u, _, d in G.in_edges(node, data=True)
                    if d.get("kind") == "topic" and u != node and G.nodes[u].get("group") == "proposal"}, key=str)
    return [node, *about]


__all__ = ["select", "focus_roots", "LIMIT"]
