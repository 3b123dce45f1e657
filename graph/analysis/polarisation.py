"""Polarisation: how far the debate splits into camps, per proposal and over time.

Two measures, both in [0, 1], on the stance scores of :mod:`graph.analysis.stances` (support 1,
conditional support and support in words only 0.5, opposition 0):

- :func:`polarisation` scores a *partition* of the actors against the congruence and conflict
  networks (a clean-room reading of DNA's absdiff quality; formula there): 1 = all agreement
  inside the groups and all conflict between them.
- :func:`proposal_polarisation` scores each *proposal* from the sides its actors take.  Each
  actor on proposal j stands at q_i, the mean score of its kept stances on j: on the *for* side
  when q_i > 0.5, on the *against* side when q_i < 0.5, in between otherwise (conditional
  support, support in words only, or as much for as against).  With n >= 2 actors, s of them
  for and o against,

      P_j = s * o / (n / 2)^2 = 4 s o / n^2

  the share of actor pairs that stand on opposite sides, scaled by its value for two equal
  camps: **1 = two equal opposed camps and nobody in between**; 0 = nobody stands against
  anybody (all on one side, or nobody against).  Two for and one against score 8/9 = 0.89, one
  for and one only conditionally for 0.  With fewer than two actors P_j is None: nobody to
  disagree with.

:func:`polarisation_over_time` gives both per period, placing stances by their date intervals
(``carekg:earliest``/``carekg:latest``): a stance counts in a year only when its interval lies
within it (``dates="within"``, see :mod:`graph.analysis.stances`), so a stance recalled without a date
counts in no single year.

Examples
--------
>>> recs = [dict(actor=a, proposal="ex:p", position=p)
...         for a, p in [("ex:a", "support"), ("ex:b", "support"), ("ex:c", "oppose"), ("ex:d", "oppose")]]
>>> proposal_polarisation(recs)[0]["polarisation"]
1.0
>>> polarisation(recs, [["ex:a", "ex:b"], ["ex:c", "ex:d"]])
1.0
"""

from __future__ import annotations

from itertools import combinations

from graph.analysis.coalitions import coalition_filters, detect_coalitions, group_of, year_windows
from graph.analysis.discourse import one_mode
from graph.analysis.selection import describe_filters
from graph.analysis.stances import as_records, filter_stances, qualifier_scale


def polarisation(records, partition, **filters) -> float:
    """How well a partition splits the debate into camps: 1 = perfectly polarised, in [0, 1].

    A clean-room reading of DNA's absdiff quality.  C and F are the congruence and conflict
    networks with average normalisation over the actors with a kept stance; actors missing from
    ``partition`` (a dict actor -> group, lists of members, coalitions or a
    :class:`graph.analysis.coalitions.Partition`) are groups of one.
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
    given = group_of(partition)
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


def proposal_polarisation(records, **filters) -> list[dict]:
    """P_j (module docstring) for every proposal with a kept stance, most polarised first.

    Each row: ``proposal``, ``label``, ``actors`` (n), ``support``, ``conditional``,
    ``oppose`` (actors for it, in between, against it: mean score above, at, or below 0.5),
    ``polarisation`` (P_j, or None below two actors) and ``filters`` (in words).

    >>> recs = [dict(actor=a, proposal="ex:p", position=p, proposal_label="P")
    ...         for a, p in [("ex:a", "support"), ("ex:b", "conditional"), ("ex:c", "oppose")]]
    >>> row, = proposal_polarisation(recs)
    >>> round(row["polarisation"], 3), (row["support"], row["conditional"], row["oppose"])
    (0.444, (1, 1, 1))
    """
    scale = qualifier_scale(filters.get("conditional", "half"))
    scores: dict = {}
    labels: dict = {}
    for r in filter_stances(records, **filters):
        scores.setdefault(r.proposal, {}).setdefault(r.actor, []).append(scale[r.position])
        labels[r.proposal] = r.proposal_label or r.proposal
    words = describe_filters(filters)
    rows = []
    for p, by_actor in scores.items():
        q = [sum(v) / len(v) for v in by_actor.values()]
        n, s, o = len(q), sum(x > 0.5 for x in q), sum(x < 0.5 for x in q)
        rows.append({"proposal": p, "label": labels[p], "actors": n, "support": s,
                     "conditional": n - s - o, "oppose": o,
                     "polarisation": 4 * s * o / n ** 2 if n >= 2 else None, "filters": words})
    return sorted(rows, key=lambda r: (r["polarisation"] is None, -(r["polarisation"] or 0), -r["actors"], r["label"]))


def polarisation_over_time(records, window="year", **filters) -> list[dict]:
    """Polarisation per period of :func:`graph.analysis.coalitions.year_windows` (``window=None``: one
    period, "all", over the whole range).

    Each item: ``period``, ``start``, ``end``, ``stances`` (kept in the period), ``debate``
    (the :func:`polarisation` of the period's own Louvain coalitions, on the network they were
    found in, consensus proposals left out, or None with fewer than two groupings: a lower bound
    on the best split, which DNA searches for), ``proposals`` (the rows
    of :func:`proposal_polarisation` with two or more actors) and ``mean_proposal`` (their mean
    P_j, or None).

    >>> recs = [dict(actor=a, proposal="ex:p", position=p, date=d) for a, p, d in
    ...         [("ex:a", "support", "2014"), ("ex:b", "oppose", "2014-03"), ("ex:a", "support", "2015")]]
    >>> [(p["period"], p["mean_proposal"]) for p in polarisation_over_time(recs)]
    [('2014', 1.0), ('2015', None)]
    """
    recs = as_records(records)
    if window is not None:
        filters.setdefault("dates", "within")
    start, end = filters.pop("start", None), filters.pop("end", None)
    out = []
    words = describe_filters(dict(filters, start=start, end=end))
    for period, ws, we in [("all", start, end)] if window is None else year_windows(recs, window, start, end):
        window_filters = {k: v for k, v in dict(filters, start=ws, end=we).items() if v is not None}
        rows = [r for r in proposal_polarisation(recs, **window_filters) if r["polarisation"] is not None]
        found = detect_coalitions(recs, **window_filters)
        out.append({"period": period, "start": ws, "end": we, "stances": len(filter_stances(recs, **window_filters)),
                    "debate": polarisation(recs, found, **coalition_filters(window_filters)) if len(found.coalitions) > 1 else None,
                    "proposals": rows,
                    "mean_proposal": sum(r["polarisation"] for r in rows) / len(rows) if rows else None,
                    "filters": words})
    return out


__all__ = ["polarisation", "proposal_polarisation", "polarisation_over_time"]
