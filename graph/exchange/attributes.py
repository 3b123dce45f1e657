"""What a network file carries beyond the network: Gephi's timeline and each actor's coalition.

- :func:`with_spells`: a *dynamic* copy of a view or discourse network for Gephi's timeline.
  Each edge exists over the date interval of the claim it is (a view's edge: its ``earliest``
  to ``latest``) or of the stances it sums (a discourse edge's ``stances``: from the first
  earliest day to the last latest day); an edge whose claim has an open start (a past recalled
  without a date) has only an end.  Each node exists from its first edge's start to its last
  edge's end; a node with no dated edge is always there.
- :func:`over_slices`: one dynamic network from the networks of time slices
  (:func:`graph.analysis.timeslices.networks_over_time`): each edge has a spell per slice it is
  in, and its slice weights as a dynamic ``slice_weight``; a slice owns the days from halfway
  after the previous mid-point to halfway before the next, so the spells never overlap.
- :func:`with_coalitions`: every actor node gains ``coalition`` (its coalition's number, as
  ``carekg coalitions`` prints it), ``coalition_supported`` (whether the evidence carries
  that coalition) and, when the coalitions were checked, ``coalition_robust`` (whether no
  robustness check breaks it, as the map's legend says), so Gephi can colour by them; GraphML,
  GEXF, JSON and CSV all carry them.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph(); G.add_edge("ex:a", "ex:b", key="c1", earliest="2015-01-01", latest="2015-12-31")
'c1'
>>> H = with_spells(G)
>>> H.graph["mode"], H.edges["ex:a", "ex:b", "c1"]["start"], H.nodes["ex:b"]["end"]
('dynamic', '2015-01-01', '2015-12-31')
"""

from __future__ import annotations

from datetime import date, timedelta

import networkx as nx


def _span(spans) -> tuple[str | None, str | None] | None:
    """The span of (earliest, latest) pairs: None without any end; an open start stays open."""
    spans = [s for s in spans if s and s[1]]
    if not spans:
        return None
    start = None if any(s[0] is None for s in spans) else min(s[0] for s in spans)
    return start, max(s[1] for s in spans)


def with_spells(G: nx.Graph, intervals: dict | None = None) -> nx.Graph:
    """A dynamic copy (module docstring); ``intervals`` maps a stance IRI to (earliest, latest)
    for the edges that list ``stances`` instead of having dates of their own."""
    H = G.copy()
    H.graph["mode"] = "dynamic"
    H.graph["timeformat"] = "date"
    ends: dict = {n: [] for n in H}
    edges = H.edges(keys=True, data=True) if H.is_multigraph() else ((u, v, None, d) for u, v, d in H.edges(data=True))
    for u, v, _, d in edges:
        if d.get("latest"):
            span = _span([(d.get("earliest"), d["latest"])])
        else:
            span = _span([(intervals or {}).get(s) for s in d.get("stances") or ()])
        if span is None:
            continue
        if span[0]:
            d["start"] = span[0]
        d["end"] = span[1]
        ends[u].append(span)
        ends[v].append(span)
    for n, spans in ends.items():
        span = _span(spans)
        if span:
            H.nodes[n].update({"start": span[0]} if span[0] else {})
            H.nodes[n]["end"] = span[1]
    return H


def stance_intervals(records) -> dict:
    """Stance IRI -> (earliest, latest) of stance records (dicts or records)."""
    get = lambda r, k: r.get(k) if isinstance(r, dict) else getattr(r, k, None)
    out = {}
    for r in records:
        span = _dates(get(r, "earliest"), get(r, "latest"), get(r, "date"))
        if get(r, "stance") and span:
            out[get(r, "stance")] = span
    return out


def _dates(earliest, latest, written):
    from graph.rdf.dates import date_interval

    if latest:
        return earliest, latest
    span = date_interval(written)
    return (span[0].isoformat(), span[1].isoformat()) if span else None


def over_slices(items) -> nx.Graph:
    """One dynamic network from per-slice networks (module docstring).

    >>> from graph.analysis.timeslices import Slice
    >>> a = nx.Graph(); a.add_edge("x", "y", weight=1.0)
    >>> b = nx.Graph(); b.add_nodes_from(["x", "y"])
    >>> H = over_slices([{"slice": Slice(0, "2014-12-17", "2015-01-01", "2015-01-16"), "graph": a},
    ...                  {"slice": Slice(1, "2015-01-17", "2015-02-01", "2015-02-16"), "graph": b}])
    >>> H.edges["x", "y"]["spells"], H.edges["x", "y"]["slice_weight"]
    ([('2014-12-17', '2015-01-16')], [(1.0, '2014-12-17', '2015-01-16')])
    """
    mids = [date.fromisoformat(it["slice"].mid) for it in items]
    owned: list[tuple[str, str]] = []
    for i, mid in enumerate(mids):
        lo = mid - (mid - mids[i - 1]) / 2 if i else date.fromisoformat(items[i]["slice"].start)
        hi = mids[i + 1] - (mids[i + 1] - mid) / 2 - timedelta(days=1) if i + 1 < len(mids) else date.fromisoformat(items[i]["slice"].end)
        owned.append((lo.isoformat(), hi.isoformat()))
    first = items[0]["graph"] if items else nx.Graph()
    H = first.__class__(mode="dynamic", timeformat="date", **{k: v for k, v in first.graph.items() if isinstance(v, str)})
    for it, (since, until) in zip(items, owned):
        g = it["graph"]
        for n, d in g.nodes(data=True):
            if n not in H:
                H.add_node(n, **{k: v for k, v in d.items() if k not in ("statements",)})
        for u, v, d in g.edges(data=True):
            if not H.has_edge(u, v):
                H.add_edge(u, v, spells=[], slice_weight=[], stances=set())
            e = H.edges[u, v]
            e["spells"].append((since, until))
            e["slice_weight"].append((d.get("weight", 1.0), since, until))
            e["stances"].update(d.get("stances") or ())
    for *_, e in H.edges(data=True):
        e["stances"] = sorted(e["stances"])
        e["weight"] = max(abs(w) for w, *_ in e["slice_weight"])
    return H


def with_coalitions(G: nx.Graph, coalitions) -> nx.Graph:
    """A copy whose actor nodes carry ``coalition`` and ``coalition_supported`` (module
    docstring); ``coalitions`` is a :class:`graph.analysis.coalitions.Partition` or its list.

    >>> G = nx.Graph(); G.add_nodes_from(["ex:a", "ex:p"])
    >>> H = with_coalitions(G, [{"id": 1, "members": ["ex:a"], "supported": False}])
    >>> H.nodes["ex:a"], H.nodes["ex:p"]
    ({'coalition': 1, 'coalition_supported': False}, {})
    >>> with_coalitions(G, [{"id": 1, "members": ["ex:a"], "supported": True, "robust": False}]).nodes["ex:a"]["coalition_robust"]
    False
    """
    groups = getattr(coalitions, "coalitions", coalitions)
    H = G.copy()
    for c in groups:
        for m in c["members"]:
            if m in H:
                H.nodes[m].update(coalition=c["id"], coalition_supported=bool(c["supported"]))
                if c.get("robust") is not None:
                    H.nodes[m]["coalition_robust"] = bool(c["robust"])
    return H


__all__ = ["with_spells", "stance_intervals", "over_slices", "with_coalitions"]
