"""Discourse coalitions: who stands with whom, when, and how polarised the debate is.

Coalitions are communities of the positive part of the one-mode ``subtract`` network with
``average`` normalisation (the network DNA's ``dna_multiclust`` scores), found with networkx's
Louvain (seeded, so repeatable) or greedy modularity.  Every function takes the stance records and
filters of :mod:`graph.discourse`.

Examples
--------
>>> recs = [dict(actor=a, proposal=p, position=pos) for a, pos in
...         [("ex:a1", "support"), ("ex:a2", "support"), ("ex:b1", "oppose"), ("ex:b2", "oppose")]
...         for p in ("ex:p", "ex:q")]
>>> [c["members"] for c in detect_coalitions(recs).coalitions]
[['ex:a1', 'ex:a2'], ['ex:b1', 'ex:b2']]
>>> polarisation(recs, [["ex:a1", "ex:a2"], ["ex:b1", "ex:b2"]])
1.0
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import combinations

import networkx as nx
from networkx.algorithms.community import greedy_modularity_communities, louvain_communities, modularity

from .discourse import one_mode
from .errors import ParameterError
from .names import Entry, Names
from .stances import as_records, check_option, filter_stances, first_day, last_day, qualifier_scale


@dataclass
class Partition:
    """Actors split into coalitions, with how well the split fits the network.

    Attributes
    ----------
    coalitions : list of dict
        Largest first, each with ``id``, ``members``, ``labels``, ``size`` and
        ``shared_positions`` (see :func:`detect_coalitions`).
    modularity : float
        The weighted modularity of the split on the positive network (0.0 without ties).
    method : str
        How it was found: ``louvain`` or ``greedy``.
    """

    coalitions: list[dict] = field(default_factory=list)
    modularity: float = 0.0
    method: str = "louvain"

    def as_dict(self) -> dict:
        """Plain data, for JSON."""
        return asdict(self)


def _positive_network(recs, filters) -> nx.Graph:
    """Active actors (a kept stance) linked by the positive subtract/average ties."""
    full = one_mode(recs, qualifier="subtract", normalization="average", **filters)
    g = nx.Graph()
    g.add_nodes_from((n, d) for n, d in full.nodes(data=True) if d["statements"] > 0)
    g.add_edges_from((u, v, {"weight": w}) for u, v, w in full.edges(data="weight") if w > 0)
    return g


def detect_coalitions(records, method="louvain", seed=0, resolution=1.0, **filters) -> Partition:
    """Partition the actors into discourse coalitions.

    Returns a :class:`Partition` whose ``coalitions``, largest first, are dicts with ``id`` (0, 1, ...),
    ``members`` (sorted actor IRIs), ``labels`` (aligned with members), ``size`` and
    ``shared_positions``: the sorted (proposal, position) pairs that a strict majority of members
    stated at least once under the filters.  ``modularity`` is the standard (resolution 1)
    weighted modularity of the partition on the positive network, 0.0 when it has no edges; an
    actor with no positive tie is a coalition of one.

    >>> recs = [dict(actor="ex:a", proposal="ex:p", position="support"),
    ...         dict(actor="ex:b", proposal="ex:p", position="oppose")]
    >>> cs = detect_coalitions(recs, method="greedy")
    >>> [c["shared_positions"] for c in cs.coalitions], cs.modularity
    ([[('ex:p', 'support')], [('ex:p', 'oppose')]], 0.0)
    """
    check_option("method", method, ("louvain", "greedy"))
    recs = as_records(records)
    g = _positive_network(recs, filters)
    if g.number_of_edges() == 0:
        groups, q = [{n} for n in g], 0.0
    else:
        groups = (louvain_communities(g, weight="weight", resolution=resolution, seed=seed)
                  if method == "louvain" else
                  greedy_modularity_communities(g, weight="weight", resolution=resolution))
        q = modularity(g, groups, weight="weight")
    held: dict = {}
    for r in filter_stances(recs, **filters):
        held.setdefault(r.actor, set()).add((r.proposal, r.position))
    out = Partition(modularity=q, method=method)
    for cid, members in enumerate(sorted((sorted(c) for c in groups), key=lambda m: (-len(m), m))):
        votes = Counter(pp for a in members for pp in held.get(a, ()))
        shared = sorted(pp for pp, n in votes.items() if 2 * n > len(members))
        out.coalitions.append({"id": cid, "members": members, "labels": [g.nodes[a]["label"] for a in members],
                    "size": len(members), "shared_positions": shared})
    return out


def coalitions_over_time(records, window="year", **kw) -> list[dict]:
    """Coalitions per calendar year, or per sliding window of ``window`` years (step one year).

    Each item is ``{"period", "start", "end", "coalitions", "modularity"}``; ``period`` is "2015"
    or "2014/2016".  A stance counts in a window only when its interval lies *within* it
    (``dates="within"``, see :mod:`graph.stances`): a stance dated "2015" counts in 2015, but a
    policy the text recalls as a former minister's (no start, ending 2015) counts in no single
    year, so a backward look is never taken for a restatement.  Undated stances are left out,
    and windows run over the years of the stances' intervals (clipped to ``start``/``end`` if
    given; windows lie inside that span unless it is shorter than one window).  Other keywords go
    to :func:`detect_coalitions`.

    >>> recs = [dict(actor=a, proposal="ex:p", position="support", date=d)
    ...         for a, d in [("ex:a", "2014"), ("ex:b", "2014-05"), ("ex:a", "2016-01-02")]]
    >>> recs.append(dict(actor="ex:c", proposal="ex:p", position="support", latest="2016-12-31"))
    >>> [(p["period"], [c["members"] for c in p["coalitions"]]) for p in coalitions_over_time(recs)]
    [('2014', [['ex:a', 'ex:b']]), ('2015', []), ('2016', [['ex:a']])]
    """
    if window == "year":
        window = 1
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise ParameterError(f"window={window!r} is not allowed; choose 'year' or a positive "
                             "whole number of years")
    recs = as_records(records)
    lo, hi = kw.pop("start", None), kw.pop("end", None)
    lo, hi = first_day(lo), last_day(hi)
    spans = [r.when.span for r in recs if r.when.span]
    if not spans:
        return []
    first = max(min((s[0] or s[1]).year for s in spans), lo.year if lo else 0)
    last = min(max(s[1].year for s in spans), hi.year if hi else 9999)
    kw.setdefault("dates", "within")
    out = []
    for y in range(first, max(first, last - window + 1) + 1) if first <= last else ():
        ws = max(date(y, 1, 1), lo or date.min)
        we = min(date(y + window - 1, 12, 31), hi or date.max)
        cs = detect_coalitions(recs, start=ws.isoformat(), end=we.isoformat(), **kw)
        out.append({"period": str(y) if window == 1 else f"{y}/{y + window - 1}",
                    "start": ws.isoformat(), "end": we.isoformat(),
                    "coalitions": cs.coalitions, "modularity": cs.modularity})
    return out


def _group_of(partition) -> dict:
    """Actor -> group key from a dict, a list of member lists, coalition dicts or a Partition."""
    if isinstance(partition, Partition):
        partition = partition.coalitions
    if isinstance(partition, dict):
        return dict(partition)
    out: dict = {}
    for k, group in enumerate(partition):
        members = group["members"] if isinstance(group, dict) else group
        if isinstance(members, str):
            raise ParameterError(f"partition group {k} is a string ({members!r}); give a list of "
                                 "actor IRIs per group, a dict actor -> group, or coalitions")
        out.update((a, k) for a in members)
    return out


def polarisation(records, partition, **filters) -> float:
    """How well a partition splits the debate into camps: 1 = perfectly polarised, in [0, 1].

    A clean-room reading of DNA's absdiff quality.  C and F are the congruence and conflict
    networks with average normalisation over the actors with a kept stance; actors missing from
    ``partition`` (a dict actor -> group, lists of members, coalitions or a :class:`Partition`)
    are groups of one.
    Over the unordered actor pairs, W within groups and B between them, the partition's ideal
    spreads the congruence mass TC = sum C evenly over W (eC = TC / |W|) and the conflict mass
    TF = sum F evenly over B (eF = TF / |B|).  The deviation

        D = sum_W (|C - eC| + F) + sum_B (C + |F - eF|)

    is at most 2 (TC + TF), so we report 1 - D / (2 (TC + TF)).  (DNA's normalised absdiff divides
    half of D over ordered dyads by 2 (||C||_1 + ||F||_1); this is one minus that ratio.)  A
    partition with fewer than two groups, or a network with no ties, scores 0.0.

    >>> recs = [dict(actor=a, proposal="ex:p", position=p)
    ...         for a, p in [("ex:a", "support"), ("ex:b", "support"), ("ex:c", "oppose")]]
    >>> polarisation(recs, {"ex:a": 0, "ex:b": 0, "ex:c": 1})
    1.0
    >>> round(polarisation(recs, {"ex:a": 0, "ex:b": 1, "ex:c": 1}), 3)
    0.333
    """
    recs = as_records(records)
    nets = [one_mode(recs, qualifier=q, normalization="average", **filters)
            for q in ("congruence", "conflict")]
    actors = sorted(n for n, s in nets[0].nodes(data="statements") if s > 0)
    given = _group_of(partition)
    group = {a: given.get(a, ("alone", a)) for a in actors}
    if len(set(group.values())) < 2:
        return 0.0
    within = [(i, j) for i, j in combinations(actors, 2) if group[i] == group[j]]
    between = [(i, j) for i, j in combinations(actors, 2) if group[i] != group[j]]
    C, F = ({frozenset(e): w for *e, w in g.edges(data="weight")} for g in nets)
    tc, tf = sum(C.values()), sum(F.values())
    if tc + tf == 0:
        return 0.0
    ec, ef = tc / len(within) if within else 0.0, tf / len(between) if between else 0.0
    c = lambda i, j: C.get(frozenset((i, j)), 0.0)
    f = lambda i, j: F.get(frozenset((i, j)), 0.0)
    dev = sum(abs(c(i, j) - ec) + f(i, j) for i, j in within)
    dev += sum(c(i, j) + abs(f(i, j) - ef) for i, j in between)
    return 1 - dev / (2 * (tc + tf))


def _resolve(recs, name) -> str:
    """The actor IRI that ``name`` means, by the shared ranking of :class:`graph.names.Names`."""
    actors = {r.actor: Entry(r.actor, r.actor_label or r.actor, r.actor_type or "actor") for r in recs}
    return Names(actors.values()).resolve(str(name), kind="actor")


def _evidence(recs) -> list[dict]:
    return [{k: getattr(r, k) for k in ("position", "date", "source", "evidence", "stance")}
            for r in recs]


def agreement_table(records, a, b, **filters) -> list[dict]:
    """Proposals both actors took a stance on, with the evidence from each side.

    ``a`` and ``b`` are actor IRIs or unambiguous labels.  One row per shared proposal, sorted by
    IRI: proposal, proposal_label, relation ("agree" when there is no conflict, "disagree" when
    there is no congruence, else "mixed"), congruence and conflict (the raw one-mode sums for
    that proposal), and ``a``/``b``: lists of {position, date, source, evidence, stance}.

    >>> recs = [dict(actor="ex:a", proposal="ex:p", position="support", evidence="yes"),
    ...         dict(actor="ex:b", proposal="ex:p", position="oppose", evidence="no")]
    >>> row, = agreement_table(recs, "ex:a", "ex:b")
    >>> row["relation"], row["b"][0]["evidence"]
    ('disagree', 'no')
    """
    recs = as_records(records)
    a, b = _resolve(recs, a), _resolve(recs, b)
    scale = qualifier_scale(filters.get("conditional", "half"))
    side: dict = {a: {}, b: {}}
    for r in filter_stances(recs, **filters):
        if r.actor in side:
            side[r.actor].setdefault(r.proposal, []).append(r)
    rows = []
    for p in sorted(side[a].keys() & side[b].keys()):
        ra, rb = side[a][p], side[b][p]
        conf = sum(abs(scale[x.position] - scale[y.position]) for x in ra for y in rb)
        cong = len(ra) * len(rb) - conf
        rows.append({"proposal": p, "proposal_label": ra[0].proposal_label or p,
                     "relation": "agree" if not conf else "disagree" if not cong else "mixed",
                     "congruence": cong, "conflict": conf, "a": _evidence(ra), "b": _evidence(rb)})
    return rows


def actor_membership(coalitions) -> dict[str, int]:
    """Actor IRI -> coalition id, e.g. for colouring a map, from a :class:`Partition` or a list
    of coalition dicts.

    >>> actor_membership([{"id": 0, "members": ["ex:a", "ex:b"]}, {"id": 1, "members": ["ex:c"]}])
    {'ex:a': 0, 'ex:b': 0, 'ex:c': 1}
    """
    if isinstance(coalitions, Partition):
        coalitions = coalitions.coalitions
    return {m: c["id"] for c in coalitions for m in c["members"]}
