"""Are the coalitions stable?  The same partition under other seeds, methods and resampled stances.

A coalition found once may be an accident of the seed, of the method, or of a handful of
stances.  :func:`stability` repeats the detection

- with ``runs`` other seeds of the same method,
- with every method of :data:`graph.analysis.coalitions.METHODS`,
- on ``runs`` random subsets of the kept stances (each stance kept with probability
  ``fraction``, seeded), the stance resampling,

and reports each comparison with the reference partition as the adjusted Rand index
(:func:`adjusted_rand`: 1 = the same partition, about 0 = no more alike than chance), plus,
per coalition, how often its members stay together in the resampled runs.

:func:`defend` is *the* coalition detection: it detects the coalitions, checks them, and
withdraws support from a coalition whose members stay together in fewer than :data:`STABLE` of
the resampled runs.  ``carekg coalitions``, ``carekg brokers``
(:func:`graph.analysis.brokers.bridging`) and the map (:func:`graph.analysis.checked.for_map`) all call it, with the
same defaults (Louvain, seed 0, :data:`RUNS` runs), so a coalition is "too thin" in all of them
or in none.

Examples
--------
>>> adjusted_rand({"a": 0, "b": 0, "c": 1, "d": 1}, {"a": 5, "b": 5, "c": 7, "d": 7})
1.0
>>> round(adjusted_rand({"a": 0, "b": 0, "c": 1, "d": 1}, {"a": 0, "b": 1, "c": 0, "d": 1}), 6)
-0.5
"""

from __future__ import annotations

import random
from collections import Counter
from itertools import combinations
from math import comb

from graph.analysis.coalitions import METHODS, Partition, coalition_filters, communities, detect_coalitions, group_of, positive_network, verdict
from graph.analysis.stances import as_records, check_option, filter_stances
from graph.errors import ParameterError

STABLE = 0.5
RUNS = 50  # the other seeds, and the resamplings, that check a coalition unless told otherwise


def adjusted_rand(a, b) -> float:
    """The adjusted Rand index of two partitions over the items both assign (Hubert & Arabie 1985).

    With n items, n_ij items in group i of ``a`` and group j of ``b``, and row and column sums
    a_i and b_j, over pairs of items::

        index = sum_ij C(n_ij, 2);  expected = sum_i C(a_i, 2) * sum_j C(b_j, 2) / C(n, 2)
        ARI = (index - expected) / ((sum_i C(a_i, 2) + sum_j C(b_j, 2)) / 2 - expected)

    When the denominator is 0 (both partitions all singletons, or both one group) the index is
    1.0 if the partitions agree and 0.0 otherwise.  Partitions are anything
    :func:`graph.analysis.coalitions.group_of` reads (dicts, member lists, coalitions, a Partition).

    >>> adjusted_rand([["a"], ["b"]], [["a"], ["b"], ["c"]])
    1.0
    """
    ga, gb = group_of(a), group_of(b)
    items = sorted(ga.keys() & gb.keys(), key=str)
    n = len(items)
    if n < 2:
        return 1.0
    cells = Counter((ga[x], gb[x]) for x in items)
    rows, cols = Counter(ga[x] for x in items), Counter(gb[x] for x in items)
    index = sum(comb(v, 2) for v in cells.values())
    sa, sb = sum(comb(v, 2) for v in rows.values()), sum(comb(v, 2) for v in cols.values())
    expected = sa * sb / comb(n, 2)
    top = (sa + sb) / 2 - expected
    if top == 0:
        return 1.0 if index == sa == sb else 0.0
    return (index - expected) / top


def _partition(recs, filters, method, seed) -> list[set]:
    return communities(positive_network(recs, filters), method, seed)


def _summary(values) -> dict:
    return {"runs": len(values), "mean": sum(values) / len(values) if values else None,
            "min": min(values) if values else None}


def stability(records, reference: Partition | None = None, runs: int = 50, fraction: float = 0.8,
              **filters) -> dict:
    """Agreement of the reference partition with other seeds, methods and resampled stances.

    Parameters
    ----------
    records : stance records
    reference : Partition, optional
        By default :func:`graph.analysis.coalitions.detect_coalitions` with ``method="louvain"``, seed 0.
    runs : int
        Seeds, and stance resamples, to try.
    fraction : float
        Each resample keeps each kept stance with this probability.
    filters
        The stance filters and actor selection (as for the reference).

    Returns
    -------
    dict
        ``seeds`` and ``resampling`` ({runs, mean, min} of the ARI), ``methods`` (method ->
        ARI of its partition, same seed), ``together`` (coalition id -> share of resampled runs,
        averaged over member pairs present, in which its members share a group; None for a
        coalition of one), and the ``runs`` and ``fraction`` used.

    >>> recs = [dict(actor=a, proposal=p, position=pos, source=s) for a, pos in
    ...         [("ex:a1", "support"), ("ex:a2", "support"), ("ex:b1", "oppose"), ("ex:b2", "oppose")]
    ...         for p in ("ex:p", "ex:q") for s in ("ex:s1", "ex:s2")]
    >>> s = stability(recs, runs=5)
    >>> s["seeds"]["mean"], s["methods"]["greedy"], s["together"]
    (1.0, 1.0, {1: 1.0, 2: 1.0})
    """
    if isinstance(runs, bool) or not isinstance(runs, int) or runs < 1:
        raise ParameterError(f"runs={runs!r} is not allowed; give a whole number of at least 1")
    if not 0 < fraction <= 1:
        raise ParameterError(f"fraction={fraction!r} is not allowed; give a share in (0, 1]")
    recs = as_records(records)
    filters = coalition_filters(filters)
    ref = reference if reference is not None else detect_coalitions(recs, **filters)
    seeds = [adjusted_rand(ref, _partition(recs, filters, ref.method, ref.seed + k + 1)) for k in range(runs)]
    methods = {m: adjusted_rand(ref, _partition(recs, filters, m, ref.seed)) for m in METHODS}
    kept = filter_stances(recs, **filters)
    resampled: list[float] = []
    together: dict[int, list[float]] = {c["id"]: [] for c in ref.coalitions if c["size"] > 1}
    for k in range(runs):
        rng = random.Random(f"{ref.seed}/{k}")
        sample = [r for r in kept if rng.random() < fraction]
        # The sample is already filtered (consensus proposals left out already): only the scoring applies.
        scoring = {k: v for k, v in filters.items() if k in ("conditional", "agreement")}
        again = group_of(_partition(sample, dict(scoring, consensus="keep"), ref.method, ref.seed))
        resampled.append(adjusted_rand(ref, again))
        for c in ref.coalitions:
            pairs = [(x, y) for x, y in combinations(c["members"], 2) if x in again and y in again]
            if c["id"] in together and pairs:
                together[c["id"]].append(sum(again[x] == again[y] for x, y in pairs) / len(pairs))
    return {"runs": runs, "fraction": fraction, "seeds": _summary(seeds), "methods": methods,
            "resampling": _summary(resampled),
            "together": {c["id"]: (sum(together[c["id"]]) / len(together[c["id"]]) if together.get(c["id"]) else None)
                         if c["size"] > 1 else None for c in ref.coalitions}}


def defend(records, method: str = "louvain", seed: int = 0, runs: int = RUNS, fraction: float = 0.8,
           **filters) -> Partition:
    """Coalitions with their evidence *and* their stability: :func:`detect_coalitions`, then
    :func:`stability`; a coalition whose members stay together in fewer than :data:`STABLE` of
    the resampled runs is no longer supported, and says so in its ``reasons``.  Each coalition
    gains ``stability`` (its together share) and the partition its ``stability`` report.
    ``runs=0`` skips the check: the evidence alone judges.

    >>> recs = [dict(actor=a, proposal="ex:p", position=pos, source="ex:s", evidence="one sentence")
    ...         for a, pos in (("ex:a", "support"), ("ex:b", "support"), ("ex:c", "oppose"))]
    >>> found = defend(recs, runs=3)
    >>> found.coalitions[0]["reasons"][:1], found.verdict[:36]
    (['its members agree on 1 proposal(s), fewer than 2'], 'The data is too thin to support any ')
    """
    check_option("method", method, METHODS)
    recs = as_records(records)
    found = detect_coalitions(recs, method=method, seed=seed, **filters)
    if runs == 0:
        return found
    report = stability(recs, found, runs=runs, fraction=fraction, **filters)
    for c in found.coalitions:
        c["stability"] = report["together"].get(c["id"])
        if c["stability"] is not None and c["stability"] < STABLE:
            c["reasons"].append(f"its members stay together in only {c['stability']:.0%} of {runs} resampled runs")
            c["supported"] = False
    found.stability = report
    found.verdict = verdict(found)
    return found


__all__ = ["STABLE", "RUNS", "adjusted_rand", "stability", "defend"]
