"""Discourse networks from coded stances, after Leifeld's Discourse Network Analyzer (DNA).

Stance records, filtered as DNA filters statements (:mod:`graph.analysis.stances`), become DNA's
two-mode (actor x proposal) and one-mode (actor x actor) networks.  This is a clean-room
reimplementation of the published formulas, not a port.

Qualifier: the position is an *ordinal* qualifier with four levels (support, conditional support,
support in words only, opposition), each scored on a declared scale with range 1 (support = 1,
oppose = 0, the two in between 0.5: the ontology's ``carekg:qualifierScore``).  The two-mode
formulas are DNA's integer-qualifier formulas on these scores.  In the one-mode networks two
statements agree when they stand at the same level and conflict when they do not (by the
distance of their scores), never both at once (:func:`graph.analysis.stances.agreement`; DNA's
integer formula, which puts a pair in both networks, is ``agreement="distance"``).  The range is
the declared scale's (as DNA's manual defines it), not that of the values observed.

Examples
--------
>>> recs = [dict(actor="ex:a", proposal="ex:p", position="support", date="2015"),
...         dict(actor="ex:b", proposal="ex:p", position="oppose", date="2016-03")]
>>> one_mode(recs, qualifier="conflict").edges["ex:a", "ex:b"]["weight"]
1.0
>>> one_mode(recs, qualifier="conflict", end="2015-12").number_of_edges()
0
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import combinations

import networkx as nx

from graph.analysis.selection import describe_filters
from graph.analysis.stances import (
    AGREEMENT,
    agreement,
    as_records,
    as_set,
    check_option,
    filter_stances,
    level,
    positions,
    qualifier_scale,
    selectable,
)
from graph.errors import ParameterError

# How each network counts a stance's qualifier, and how it may scale the weights (DNA's names).
TWO_MODE_QUALIFIERS = ("ignore", "subtract", "combine")
TWO_MODE_NORMALIZATIONS = ("no", "activity", "prominence")
ONE_MODE_QUALIFIERS = ("congruence", "conflict", "subtract", "ignore")
ONE_MODE_NORMALIZATIONS = ("no", "average", "jaccard", "cosine", "dna-cosine")


def stance_matrix(records, weight=None, **filters):
    """DNA's array X: counts of kept stances per actor, proposal and qualifier score.

    Returns ``(actors, proposals, X)`` where ``actors`` and ``proposals`` are the sorted IRIs
    with at least one kept stance and ``X[actor][proposal][score]`` is a count (missing = 0).
    ``weight`` (a function of a :class:`~graph.analysis.stances.StanceRecord`) counts each stance
    as its weight instead of 1, as a time kernel does (:mod:`graph.analysis.timeslices`); a
    stance of weight 0 is not kept.

    >>> recs = [dict(actor="ex:a", proposal="ex:p", position=p) for p in ("support", "conditional")]
    >>> stance_matrix(recs)
    (['ex:a'], ['ex:p'], {'ex:a': {'ex:p': {1.0: 1, 0.5: 1}}})
    >>> stance_matrix(recs, weight=lambda r: 0.25)[2]
    {'ex:a': {'ex:p': {1.0: 0.25, 0.5: 0.25}}}
    """
    scale = qualifier_scale(filters.get("conditional", "half"))
    X: dict = {}
    for r in filter_stances(records, **filters):
        w = 1 if weight is None else weight(r)
        if w:
            cell = X.setdefault(r.actor, {}).setdefault(r.proposal, {})
            cell[scale[r.position]] = cell.get(scale[r.position], 0) + w
    return sorted(X), sorted({p for row in X.values() for p in row}), X


def _add_nodes(g, pool, kind, counts, exclude=None, **attrs):
    """Add, sorted, the actors or proposals named in ``pool`` minus ``exclude`` (first label)."""
    meta: dict = {}
    for r in pool:
        iri = getattr(r, kind)
        if iri not in meta and iri not in as_set(exclude):
            meta[iri] = {"label": (r.actor_label if kind == "actor" else r.proposal_label) or iri}
            meta[iri].update({"type": r.actor_type} if kind == "actor" else {})
    for iri in sorted(meta):
        g.add_node(iri, kind=kind, statements=counts.get(iri, 0), **meta[iri], **attrs)


def two_mode(records, qualifier="ignore", normalization="no", isolates=True, weight=None, **filters) -> nx.Graph:
    """Bipartite actor x proposal network (DNA "twomode").

    Edge weight, summing over the kept stances of actor i on proposal j, each scored q:

    - ignore: number of stances, sum_k X[i,j,k].
    - subtract: sum (2q - 1), i.e. #support - #oppose; a conditional stance adds 0 under
      conditional="half" (and +1 under "support").  DNA's integer formula sum_k k X[i,j,k],
      recentred so that the middle of the declared scale counts 0.
    - combine: DNA's code for the set of positions taken, read as bits: 1 = support only,
      2 = oppose only, 3 = both; a stance scored in between (conditional support, or support in
      words only) sets bit 4 (so 4 = conditional only,
      5 = support + conditional, ...) unless conditional="support" makes it a support.

    normalization "activity" divides by the actor's number of stances, "prominence" by the
    proposal's; neither is allowed with combine.  ``weight`` (see :func:`stance_matrix`) counts
    each stance as its weight in ignore and subtract (not combine, a code), as DNA's kernel
    smoothing sums the kernel weights.  Every actor-proposal pair with a kept stance is
    an edge (a subtract weight may be 0), with attributes weight, statements, n_support,
    n_oppose, n_conditional and stances (sorted stance IRIs).  Nodes: actors (bipartite=0,
    kind="actor", label, type, statements), proposals (bipartite=1, kind="proposal").  With
    isolates=True every non-excluded actor (of the selected types, see :mod:`graph.analysis.selection`) and proposal named in ``records`` is a node, so graphs
    for different date ranges share one node set.

    >>> recs = [dict(actor="ex:a", proposal="ex:p", position=p) for p in ("support", "oppose")]
    >>> two_mode(recs, qualifier="combine").edges["ex:a", "ex:p"]["weight"]
    3
    """
    check_option("qualifier", qualifier, TWO_MODE_QUALIFIERS)
    check_option("normalization", normalization, TWO_MODE_NORMALIZATIONS)
    if qualifier == "combine" and normalization != "no":
        raise ParameterError(f"normalization={normalization!r} cannot scale the categorical "
                             "combine codes; use normalization='no'")
    if qualifier == "combine" and weight is not None:
        raise ParameterError("qualifier='combine' is a code for the positions taken and cannot be weighted "
                             "by time; use 'subtract' or 'ignore'")
    recs = as_records(records)
    w_of = (lambda r: 1) if weight is None else weight
    kept = [r for r in filter_stances(recs, **filters) if w_of(r)]
    scale = qualifier_scale(filters.get("conditional", "half"))
    cells: dict = {}
    for r in kept:
        c = cells.setdefault((r.actor, r.proposal), {**{f"n_{p}": 0 for p in positions()},
                                                     "score": 0.0, "code": 0, "stances": set()})
        q = scale[r.position]
        c["n_" + r.position] += 1
        c["score"] += w_of(r) * (2 * q - 1)
        c["mass"] = c.get("mass", 0) + w_of(r)
        c["code"] |= 1 if q == 1 else 2 if q == 0 else 4
        c["stances"].update([r.stance] if r.stance else [])
    act: Counter = Counter()
    prom: Counter = Counter()
    for r in kept:
        act[r.actor] += w_of(r)
        prom[r.proposal] += w_of(r)
    g = nx.Graph(qualifier=qualifier, normalization=normalization, filters=describe_filters(filters))
    pool = selectable(recs, **filters) if isolates else kept
    _add_nodes(g, pool, "actor", act, filters.get("exclude_actors"), bipartite=0)
    _add_nodes(g, pool, "proposal", prom, filters.get("exclude_proposals"), bipartite=1)
    for (i, j), c in sorted(cells.items()):
        n = {f"n_{p}": c[f"n_{p}"] for p in positions()}
        w = {"ignore": c["mass"], "subtract": c["score"], "combine": c["code"]}[qualifier]
        if normalization != "no":
            w = w / (act[i] if normalization == "activity" else prom[j])
        g.add_edge(i, j, weight=w, statements=sum(n.values()), stances=sorted(c["stances"]), **n)
    return g


def level_matrix(records, weight=None, **filters):
    """Counts of kept stances per actor, proposal and qualifier *level* (the position, see
    :func:`graph.analysis.stances.level`): ``(actors, X)``, so that conditional support and support
    in words only, both scored 0.5, stay apart.  ``weight`` as in :func:`stance_matrix`.

    >>> level_matrix([dict(actor="ex:a", proposal="ex:p", position=p) for p in ("nominal", "conditional")])
    (['ex:a'], {'ex:a': {'ex:p': {'nominal': 1, 'conditional': 1}}})
    """
    return _level_matrix(records, weight, **filters)[:2]


def _level_matrix(records, weight=None, root=False, **filters):
    """:func:`level_matrix` (each stance counting sqrt(weight) with ``root``), the kept stances'
    IRIs per (actor, proposal), and each actor's activity (the sum of its stances' weights)."""
    conditional = filters.get("conditional", "half")
    X: dict = {}
    held: dict = {}
    activity: dict = {}
    for r in filter_stances(records, **filters):
        w = 1 if weight is None else weight(r)
        if not w:
            continue
        cell = X.setdefault(r.actor, {}).setdefault(r.proposal, {})
        k = level(r.position, conditional)
        cell[k] = cell.get(k, 0) + (math.sqrt(w) if root and weight is not None else w)
        held.setdefault((r.actor, r.proposal), []).extend([r.stance] if r.stance else [])
        activity[r.actor] = activity.get(r.actor, 0) + w
    return sorted(X), X, held, activity


def one_mode(records, qualifier="congruence", normalization="no", isolates=True, weight=None,
             **filters) -> nx.Graph:
    """Actor x actor network projected through shared proposals (DNA "onemode").

    With X[i,j,k] the number of kept stances of actor i on proposal j at level k (the ordinal
    qualifier's levels: support, conditional support, support in words only, opposition; see
    :func:`level_matrix`), a_i = sum_j sum_k X[i,j,k] the actor's number of kept stances, and
    cong(k, k') and conf(k, k') the agreement of two statements under the ``agreement`` rule
    (:func:`graph.analysis.stances.agreement`; by default "level": the same level agrees, different
    levels conflict by the distance of their scores, and no pair of statements does both), the
    raw weight of actors i1 != i2 is

    - congruence: sum_j sum_k sum_k' X[i1,j,k] * X[i2,j,k'] * cong(k, k')
    - conflict:   sum_j sum_k sum_k' X[i1,j,k] * X[i2,j,k'] * conf(k, k')
    - subtract:   congruence - conflict (a signed network)
    - ignore:     sum_j (sum_k X[i1,j,k]) * (sum_k X[i2,j,k])

    With ``agreement="distance"`` cong = 1 - |s - s'| and conf = |s - s'| on the scores s (DNA's
    integer-qualifier formulas, range 1), which puts one pair of statements in both networks.
    The raw weight is divided by

    - no: 1
    - average: (a_i1 + a_i2) / 2
    - jaccard: sum_jk X1*[X2 = 0] + sum_jk X2*[X1 = 0] + sum_jk X1*X2  (DNA's jaccard)
    - dna-cosine: a_i1 * a_i2  (what DNA calls cosine: a product of activities)
    - cosine: ||X1|| * ||X2||, the L2 norms of the actors' (proposal, level) count vectors,
      so a boolean congruence network becomes the true cosine similarity.

    A zero denominator gives 0.  Zero-weight edges are omitted.  Edge attributes: weight,
    congruence, conflict (normalised like weight), proposals (sorted shared IRIs) and stances
    (the sorted IRIs of both actors' stances on those proposals: what the weight sums).
    ``weight`` (see :func:`stance_matrix`) gives each stance a weight z, as a time kernel does
    (:mod:`graph.analysis.timeslices`): a pair of stances then counts sqrt(z z') instead of 1 (as
    in DNA) and a_i is the sum of the actor's weights, so that the average normalisation does not
    depend on the kernel's scale (two stances of equal weight agreeing give 1, as unweighted).  With
    isolates=True every non-excluded, selected actor named in ``records`` is a node (attributes label, type,
    kind, statements); with False only actors with an edge are.  ``g.graph["filters"]`` states the
    filters in words (:func:`graph.analysis.selection.describe_filters`), as does the two-mode graph's.

    >>> recs = [dict(actor=a, proposal="ex:p", position=p) for a, p in
    ...         [("ex:a", "support"), ("ex:b", "support"), ("ex:c", "conditional")]]
    >>> g = one_mode(recs, qualifier="subtract", normalization="average")
    >>> sorted(g.edges(data="weight"))
    [('ex:a', 'ex:b', 1.0), ('ex:a', 'ex:c', -0.5), ('ex:b', 'ex:c', -0.5)]
    >>> g.number_of_nodes()
    3
    """
    check_option("qualifier", qualifier, ONE_MODE_QUALIFIERS)
    check_option("normalization", normalization, ONE_MODE_NORMALIZATIONS)
    rule = check_option("agreement", filters.get("agreement", "level"), AGREEMENT)
    conditional = filters.get("conditional", "half")
    recs = as_records(records)
    actors, X, held, act = _level_matrix(recs, weight, root=True, **filters)
    l2 = {i: math.sqrt(sum(n * n for c in X[i].values() for n in c.values())) for i in actors}
    by_prop: dict = {}
    for i in actors:
        for j in X[i]:
            by_prop.setdefault(j, []).append(i)
    pairs: dict = {}
    for j, who in sorted(by_prop.items()):
        for i1, i2 in combinations(sorted(who), 2):
            x1, x2 = X[i1][j], X[i2][j]
            p = pairs.setdefault((i1, i2), {"cong": 0.0, "conf": 0.0, "both": 0, "joint": 0, "props": [],
                                            "stances": set()})
            p["both"] += sum(x1.values()) * sum(x2.values())
            for k1, n1 in x1.items():
                for k2, n2 in x2.items():
                    cong, conf = agreement(k1, k2, rule, conditional)
                    p["cong"] += n1 * n2 * cong
                    p["conf"] += n1 * n2 * conf
            shared = x1.keys() & x2.keys()
            p["joint"] += sum(x1[k] * x2[k] - x1[k] - x2[k] for k in shared)
            p["props"].append(j)
            p["stances"].update(held[i1, j] + held[i2, j])
    g = nx.Graph(qualifier=qualifier, normalization=normalization, filters=describe_filters(filters))
    if isolates:
        _add_nodes(g, selectable(recs, **filters), "actor", act, filters.get("exclude_actors"))
    for (i1, i2), p in pairs.items():
        raw = {"congruence": p["cong"], "conflict": p["conf"], "ignore": p["both"],
               "subtract": p["cong"] - p["conf"]}[qualifier]
        den = {"no": 1, "average": (act[i1] + act[i2]) / 2, "dna-cosine": act[i1] * act[i2],
               "jaccard": act[i1] + act[i2] + p["joint"], "cosine": l2[i1] * l2[i2]}[normalization]
        if raw and den:
            g.add_edge(i1, i2, weight=raw / den, congruence=p["cong"] / den,
                       conflict=p["conf"] / den, proposals=p["props"], stances=sorted(p["stances"]))
    if not isolates:
        _add_nodes(g, [r for r in recs if r.actor in g], "actor", act)
    return g


__all__ = ["stance_matrix", "level_matrix", "two_mode", "one_mode", "TWO_MODE_QUALIFIERS", "TWO_MODE_NORMALIZATIONS", "ONE_MODE_QUALIFIERS",
           "ONE_MODE_NORMALIZATIONS"]
