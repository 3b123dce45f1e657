"""Brokers and influence: who is central, who bridges coalitions, and how influence travels.

All on a view graph of :func:`graph.analysis.views.build_view` (the influence view by default): a
``MultiDiGraph`` whose edges are sourced claims from subject to object.

- :func:`centrality`: degree, betweenness and PageRank of every node.  Betweenness is taken on
  the undirected simple graph (a broker sits between others whichever way the claims point);
  PageRank on the directed graph, each pair weighted by its number of claims, so it rises with
  the claims pointing *at* a node (posts held in it, stances on it, reports about it); and the
  reverse PageRank, on the graph with every claim turned round, rises with the claims a node
  makes towards prominent nodes (an actor's reach).
- :func:`bridges`: the actors whose neighbours belong to two or more coalitions, with the
  participation coefficient 1 - sum_s (k_s / k)^2 over the k neighbours in coalitions (0 when
  all are in one coalition, near 1 when spread evenly over many); :func:`bridging` finds the
  coalitions as every command and the map do (:func:`graph.analysis.stability.defend`) first.
- :func:`influence_paths`: the shortest, or all simple, paths between two nodes up to a length,
  each hop with the claims (relation, date, article, evidence) that make it.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph(sources={"ex:s": {"title": "An article"}})
>>> for n, label in [("ex:a", "Ann"), ("ex:o", "Org"), ("ex:p", "Pooling")]:
...     G.add_node(n, label=label, type="Thing", classes=["Actor"] if n != "ex:p" else [])
>>> _ = G.add_edge("ex:a", "ex:o", key="ex:c1", relation_label="holds post in", source="ex:s", evidence="Ann of Org")
>>> _ = G.add_edge("ex:o", "ex:p", key="ex:c2", relation_label="supports", source="ex:s", evidence="Org backs it")
>>> [[(h["from_label"], h["claims"][0]["relation"], h["to_label"]) for h in p["hops"]] for p in influence_paths(G, "Ann", "Pooling")]
[[('Ann', 'holds post in', 'Org'), ('Org', 'supports', 'Pooling')]]
>>> [r["label"] for r in centrality(G)][:1]
['Org']
"""

from __future__ import annotations

import networkx as nx

from graph.analysis.coalitions import Partition, actor_membership
from graph.analysis.selection import select_actors
from graph.analysis.stability import RUNS, defend
from graph.analysis.stances import check_option
from graph.errors import ParameterError
from graph.kg.names import Entry, Names


def pagerank(D: nx.DiGraph, alpha: float = 0.85, weight: str = "weight", tol: float = 1e-12, max_iter: int = 500) -> dict:
    """PageRank by power iteration (pure Python): with out-weights w_uv / W_u and n nodes,

        PR(v) = (1 - alpha) / n + alpha * (sum_u PR(u) w_uv / W_u + sum_{u dangling} PR(u) / n)

    where a dangling node (no out-edges) spreads its rank evenly.  The ranks sum to 1.

    >>> pr = pagerank(nx.DiGraph([("a", "c"), ("b", "c")]))
    >>> round(pr["c"], 4), round(sum(pr.values()), 6)
    (0.5745, 1.0)
    """
    nodes = list(D)
    n = len(nodes)
    if n == 0:
        return {}
    out = {u: sum(d.get(weight, 1) for _, _, d in D.out_edges(u, data=True)) for u in nodes}
    pr = dict.fromkeys(nodes, 1 / n)
    for _ in range(max_iter):
        dangling = sum(pr[u] for u in nodes if not out[u])
        new = dict.fromkeys(nodes, (1 - alpha) / n + alpha * dangling / n)
        for u, v, d in D.edges(data=True):
            new[v] += alpha * pr[u] * d.get(weight, 1) / out[u]
        if sum(abs(new[x] - pr[x]) for x in nodes) < tol:
            return new
        pr = new
    return pr


def _simple(G) -> nx.DiGraph:
    """The view as a weighted simple digraph: weight = number of claims from u to v."""
    D = nx.DiGraph()
    D.add_nodes_from(G.nodes(data=True))
    for u, v in G.edges():
        if u != v:
            D.add_edge(u, v, weight=D.edges[u, v]["weight"] + 1 if D.has_edge(u, v) else 1)
    return D


def is_actor(G, n) -> bool:
    """Whether node ``n`` is an actor (a class under ``carekg:Actor``, see ``views/nodes.rq``)."""
    return "Actor" in (G.nodes[n].get("classes") or ())


def selected(G, actor_types=(), named_only: bool = False, **_) -> set:
    """The actors of ``G`` that pass the type and named filters of :mod:`graph.analysis.selection`
    (other filters, such as ``min_stances``, concern stances and are ignored here).

    >>> G = nx.MultiDiGraph(); G.add_node("ex:a", classes=["Person", "Actor"]); G.add_node("ex:b", classes=["Actor"], unnamed=True)
    >>> sorted(selected(G, named_only=True)), sorted(selected(G, actor_types=["person"]))
    (['ex:a'], ['ex:a'])
    """
    pseudo = [{"actor": n, "actor_classes": tuple(d.get("classes") or ()), "actor_unnamed": bool(d.get("unnamed"))}
              for n, d in G.nodes(data=True) if is_actor(G, n)]
    return {r["actor"] for r in select_actors(pseudo, actor_types=actor_types or (), named_only=named_only)}


def centrality(G, actors_only: bool = False, keep=None) -> list[dict]:
    """One row per node, highest betweenness first: ``node``, ``label``, ``type``, ``actor``,
    ``degree`` (claims touching it), ``neighbours``, ``betweenness`` (normalised, undirected),
    ``pagerank`` (directed, weighted by claims) and ``reach`` (the reverse PageRank).
    ``actors_only`` keeps actors' rows, ``keep`` (a set) only those nodes' rows; the measures are
    always taken on the whole graph."""
    D = _simple(G)
    between = nx.betweenness_centrality(D.to_undirected(as_view=True), normalized=True)
    rank, reach = pagerank(D), pagerank(D.reverse(copy=False))
    rows = [{"node": n, "label": str(d.get("label") or n), "type": str(d.get("type_label") or d.get("type") or ""),
             "actor": is_actor(G, n), "degree": G.degree(n), "neighbours": len(set(D.predecessors(n)) | set(D.successors(n))),
             "betweenness": between[n], "pagerank": rank[n], "reach": reach[n]} for n, d in G.nodes(data=True)]
    rows = [r for r in rows if (r["actor"] or not actors_only) and (keep is None or r["node"] in keep)]
    return sorted(rows, key=lambda r: (-r["betweenness"], -r["pagerank"], r["label"]))


def bridges(G, membership: dict) -> list[dict]:
    """Actors whose neighbours (either direction) fall in two or more coalitions.

    ``membership`` maps actor IRIs to coalition ids (:func:`graph.analysis.coalitions.actor_membership`).
    Rows, most participating first: ``node``, ``label``, ``own`` (its coalition or None),
    ``coalitions`` (id -> sorted neighbour labels) and ``participation``.

    >>> G = nx.MultiDiGraph([("ex:lamb", "ex:dh"), ("ex:oldham", "ex:dh")])
    >>> nx.set_node_attributes(G, {n: {"label": n[3:], "classes": ["Actor"]} for n in G})
    >>> [(b["label"], b["coalitions"], b["participation"]) for b in bridges(G, {"ex:lamb": 0, "ex:oldham": 1})]
    [('dh', {0: ['lamb'], 1: ['oldham']}, 0.5)]
    """
    U = _simple(G).to_undirected(as_view=True)
    rows = []
    for n in G:
        if not is_actor(G, n):
            continue
        groups: dict = {}
        for m in U[n]:
            if m in membership:
                groups.setdefault(membership[m], []).append(str(G.nodes[m].get("label") or m))
        if len(groups) >= 2:
            k = sum(len(v) for v in groups.values())
            rows.append({"node": n, "label": str(G.nodes[n].get("label") or n), "own": membership.get(n),
                         "coalitions": {c: sorted(v) for c, v in sorted(groups.items())},
                         "participation": 1 - sum((len(v) / k) ** 2 for v in groups.values())})
    return sorted(rows, key=lambda r: (-len(r["coalitions"]), -r["participation"], r["label"]))


def bridging(G, records, runs: int = RUNS, **filters) -> tuple[Partition, list[dict]]:
    """The coalitions of the stance ``records`` under ``filters``, found and judged by
    :func:`graph.analysis.stability.defend` with its defaults (as ``carekg coalitions`` and the
    map find them), and the actors of ``G`` that link two or more of its groupings of two or more
    actors (:func:`bridges`)."""
    found = defend(records, runs=runs, **filters)
    return found, bridges(G, actor_membership([c for c in found.coalitions if c["size"] > 1]))


def resolve_node(G, name) -> str:
    """The node that ``name`` means (IRI, label, alias, ...), by the shared ranking of
    :class:`graph.kg.names.Names` over the graph's nodes."""
    entries = [Entry(str(n), str(d.get("label") or n), str(d.get("type_label") or d.get("type") or "Thing"),
                     tuple(d.get("aliases") or ()), bool(d.get("instance", True))) for n, d in G.nodes(data=True)]
    return Names(entries).resolve(str(name))


def _claims(G, u, v, directed: bool) -> list[dict]:
    """The claims linking u and v, forward first (and backward unless ``directed``)."""
    sources = G.graph.get("sources") or {}
    pairs = [(u, v, True)] + ([] if directed or u == v else [(v, u, False)])
    out = []
    for a, b, forward in pairs:
        for key, d in sorted((G.get_edge_data(a, b) or {}).items(), key=lambda kv: str(kv[0])):
            art = d.get("source")
            meta = sources.get(art) or {}
            out.append({"claim": str(key), "forward": forward, "relation": str(d.get("relation_label") or d.get("label") or ""),
                        "date": d.get("date"), "when": d.get("when") or d.get("date"), "article": art,
                        "article_title": meta.get("title") or meta.get("label") or art,
                        "evidence": d.get("evidence") or "", "implicit": bool(d.get("implicit"))})
    return out


def influence_paths(G, source, target, cutoff: int = 4, mode: str = "shortest", directed: bool = False,
                    limit: int = 20) -> list[dict]:
    """Paths from ``source`` to ``target`` (names or IRIs), each hop with its evidence.

    Parameters
    ----------
    cutoff : int
        The longest path, in hops (1 to 8).
    mode : {"shortest", "all"}
        Every shortest path, or every simple path up to ``cutoff`` hops.
    directed : bool
        Follow claims only from subject to object; by default a hop may go against a claim's
        direction (a hop's ``claims`` say which way each goes, ``forward`` or not).
    limit : int
        At most this many paths, shortest first, then by their labels.

    Returns
    -------
    list of dict
        ``{"length", "nodes", "labels", "hops"}``; each hop ``{"from", "to", "from_label",
        "to_label", "claims"}`` and each claim ``{"claim", "forward", "relation", "date" (as
        written), "when" (the date and the interval the text allows, in words), "article",
        "article_title", "evidence", "implicit"}``.
    """
    check_option("mode", mode, ("shortest", "all"))
    if isinstance(cutoff, bool) or not isinstance(cutoff, int) or not 1 <= cutoff <= 8:
        raise ParameterError(f"cutoff={cutoff!r} is not allowed; give a whole number of hops from 1 to 8")
    s, t = resolve_node(G, source), resolve_node(G, target)
    if s == t:
        raise ParameterError(f"{source!r} and {target!r} are the same node")
    D = _simple(G)
    H = D if directed else D.to_undirected(as_view=True)
    if mode == "shortest":
        try:
            found = [p for p in nx.all_shortest_paths(H, s, t) if len(p) - 1 <= cutoff]
        except nx.NetworkXNoPath:
            found = []
    else:
        found = list(nx.all_simple_paths(H, s, t, cutoff=cutoff))
    label = lambda n: str(G.nodes[n].get("label") or n)
    found.sort(key=lambda p: (len(p), [label(n) for n in p]))
    return [{"length": len(p) - 1, "nodes": p, "labels": [label(n) for n in p],
             "hops": [{"from": a, "to": b, "from_label": label(a), "to_label": label(b), "claims": _claims(G, a, b, directed)}
                      for a, b in zip(p, p[1:])]} for p in found[:limit]]


__all__ = ["pagerank", "selected", "centrality", "bridges", "bridging", "is_actor", "resolve_node", "influence_paths"]
