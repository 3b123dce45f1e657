"""Polarisation over time: DNA's 2025 score of the best split into camps, slice by slice.

For each kernel-smoothed time slice (:mod:`graph.analysis.timeslices`), C and F are the
congruence and conflict networks with ``average`` normalisation (each pair of stances weighs
sqrt(z z'), as in DNA), over the actors with a stance that weighs in the slice.  A partition of
those actors into K camps is scored by DNA's *absdiff* quality: over the ordered pairs of
actors, W within camps and B between them, the ideal puts all congruence inside camps, spread
evenly (eC = sum C / |W|), and all conflict between them (eF = sum F / |B|); the deviation

    D = sum_W (|C - eC| + F) + sum_B (C + |F - eF|)

is at most 2 (||C||_1 + ||F||_1), and the score is 1 - D / (2 (||C||_1 + ||F||_1)), in [0, 1]:
1 when the camps are perfectly separated (all agreement inside, evenly, all conflict between),
lower as agreement crosses camps or conflict stays inside them.  The polarisation of a slice
is the score of the *best* partition, which an optimiser searches for, seeded:

- ``greedy``: from a random start, repeatedly make the best single move of one actor to another
  camp, or swap of two actors, while the score improves; the best of ``restarts`` starts;
- ``genetic``: a population of random partitions, bred over generations (elite kept, parents
  drawn by score, camps relabelled to overlap before crossover, mutation by moving actors),
  stopping when the best, mean and spread (to 0.01) have not changed for 10 generations.

Where this differs from DNA's code, on purpose (its documented rough edges): the normaliser is
||C|| + ||F|| (DNA's greedy step adds the congruence norm twice); a slice without any tie, or
with fewer than K active actors, has no score (None) instead of passing an inverted guard; and
camps need not be of equal size (DNA starts from balanced camps and only swaps members, so a
three-against-one debate could not be found); and an actor with no tie at all in the slice
(congruence and conflict 0 with everyone) is left out of the camps and listed as
``unconnected``, since wherever it went it would only dilute the expected congruence.  Every result lists the stances (IRIs) of its
slice and the members of each camp.

Examples
--------
>>> recs = [dict(actor=a, proposal=p, position=pos) for a, pos in
...         [("ex:a1", "support"), ("ex:a2", "support"), ("ex:b1", "oppose"), ("ex:b2", "oppose")]
...         for p in ("ex:p", "ex:q")]
>>> best = polarise(recs)
>>> best["score"], best["camps"]
(1.0, [['ex:a1', 'ex:a2'], ['ex:b1', 'ex:b2']])
"""

from __future__ import annotations

import random
from statistics import mean, pstdev

import numpy as np

from graph.analysis.discourse import one_mode
from graph.analysis.stances import FILTERS, as_records, check_option, filter_stances
from graph.analysis.timeslices import placed, slice_weights, time_slices
from graph.errors import ParameterError
from graph.rdf.progress import track

OPTIMISERS = ("greedy", "genetic")


def networks(records, weight=None, **filters) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The active actors and their congruence and conflict matrices (``average`` normalisation)."""
    c, f = (one_mode(records, qualifier=q, normalization="average", weight=weight, **filters) for q in ("congruence", "conflict"))
    actors = sorted(n for n, s in c.nodes(data="statements") if s)
    at = {a: i for i, a in enumerate(actors)}
    C, F = np.zeros((len(actors),) * 2), np.zeros((len(actors),) * 2)
    for g, m in ((c, C), (f, F)):
        for u, v, w in g.edges(data="weight"):
            m[at[u], at[v]] = m[at[v], at[u]] = w
    return actors, C, F


def quality(C: np.ndarray, F: np.ndarray, labels) -> float | None:
    """The absdiff score of a partition (``labels[i]``: actor i's camp), in [0, 1]; None
    without ties.

    >>> C = np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0.]]); F = np.array([[0, 0, 1], [0, 0, 1], [1, 1, 0.]])
    >>> quality(C, F, [0, 0, 1]), round(quality(C, F, [0, 1, 1]), 4)   # worked in tests/analysis/test_polarisation_time.py
    (1.0, 0.3333)
    """
    lab = np.asarray(labels)
    off = ~np.eye(len(lab), dtype=bool)
    same = (lab[:, None] == lab[None, :]) & off
    between = lab[:, None] != lab[None, :]
    tc, tf = C[off].sum(), F[off].sum()
    if tc + tf <= 0:
        return None
    ec = tc / same.sum() if same.any() else 0.0
    ef = tf / between.sum() if between.any() else 0.0
    dev = (np.abs(C[same] - ec) + F[same]).sum() + (C[between] + np.abs(F[between] - ef)).sum()
    return float(1 - dev / (2 * (tc + tf)))


def _start(n: int, k: int, rng: random.Random) -> list[int]:
    """A random partition of n actors into k non-empty camps, as balanced as n allows."""
    labels = [i % k for i in range(n)]
    rng.shuffle(labels)
    return labels


def _neighbours(labels: list[int], k: int):
    """Every partition one move (an actor to another camp, no camp left empty) or one swap away."""
    sizes = [labels.count(g) for g in range(k)]
    for i, g in enumerate(labels):
        for h in range(k):
            if h != g and sizes[g] > 1:
                yield labels[:i] + [h] + labels[i + 1:]
    for i in range(len(labels)):
        for j in range(i + 1, len(labels)):
            if labels[i] != labels[j]:
                new = list(labels)
                new[i], new[j] = new[j], new[i]
                yield new


def greedy(C, F, k: int = 2, seed: int = 0, restarts: int = 5) -> tuple[list[int], float, list[float]]:
    """The best partition greedy search finds, its score and its trace (best score after each step)."""
    rng = random.Random(seed)
    best, best_q, trace = [], -1.0, []
    for _ in range(restarts):
        labels = _start(len(C), k, rng)
        q = quality(C, F, labels) or 0.0
        while True:
            scored = [(quality(C, F, cand) or 0.0, cand) for cand in _neighbours(labels, k)]
            top = max(scored, key=lambda t: t[0], default=(q, labels))
            if top[0] <= q + 1e-12:
                break
            q, labels = top
            trace.append(max(q, best_q))
        if q > best_q:
            best, best_q = labels, q
    return best, best_q, trace


def _relabel(child: list[int], model: list[int], k: int) -> list[int]:
    """``child``'s camps renamed to overlap ``model``'s most (greedy matching of camp pairs)."""
    overlap = sorted(((sum(a == g and b == h for a, b in zip(child, model)), g, h) for g in range(k) for h in range(k)), reverse=True)
    rename: dict = {}
    for _, g, h in overlap:
        if g not in rename and h not in rename.values():
            rename[g] = h
    return [rename[g] for g in child]


def _repair(labels: list[int], k: int, rng: random.Random) -> list[int]:
    """Give every empty camp one actor from the largest camp."""
    for g in range(k):
        if g not in labels:
            big = max(range(k), key=labels.count)
            labels[rng.choice([i for i, x in enumerate(labels) if x == big])] = g
    return labels


def _spin(scored, wheel, rng: random.Random) -> list[int]:
    """A parent drawn by roulette wheel: each with a chance in proportion to its score."""
    x = rng.random()
    return scored[min(len(scored) - 1, int(np.searchsorted(wheel, x)))][1]


def genetic(C, F, k: int = 2, seed: int = 0, parents: int = 30, generations: int = 200, elite: float = 0.1,
            mutation: float = 0.1) -> tuple[list[int], float, list[float]]:
    """The best partition a genetic search finds, its score and its trace (best score per generation)."""
    rng = random.Random(seed)
    n = len(C)
    pop = [_start(n, k, rng) for _ in range(parents)]
    trace, stats, still = [], None, 0
    for _ in range(generations):
        scored = sorted(((quality(C, F, p) or 0.0, p) for p in pop), key=lambda t: -t[0])
        qs = [q for q, _ in scored]
        trace.append(qs[0])
        now = (round(qs[0], 2), round(mean(qs), 2), round(pstdev(qs), 2))
        still = still + 1 if now == stats else 0
        stats = now
        if still >= 10:
            break
        keep = [p for _, p in scored[:max(1, round(elite * parents))]]
        wheel = np.cumsum(qs) / (sum(qs) or 1.0)
        children: list[list[int]] = []
        while len(keep) + len(children) < parents:
            a = _spin(scored, wheel, rng)
            b = _relabel(_spin(scored, wheel, rng) if rng.random() < 0.5 else rng.choice(pop), a, k)
            child = [x if rng.random() < 0.5 else y for x, y in zip(a, b)]
            for i in range(n):
                if rng.random() < mutation:
                    child[i] = rng.randrange(k)
            children.append(_repair(child, k, rng))
        pop = keep + children
    q, best = max(((quality(C, F, p) or 0.0, p) for p in pop), key=lambda t: t[0])
    return best, q, trace


def polarise(records, k: int = 2, optimiser: str = "greedy", seed: int = 0, weight=None, **filters) -> dict:
    """The best split of the actors into ``k`` camps and its score (module docstring).

    Returns ``score`` (None without ties or with fewer than k connected actors), ``camps``
    (member IRIs, largest camp first), ``labels`` (their names), ``actors`` (how many are
    active), ``unconnected`` (active actors without a tie), ``optimiser``, ``seed`` and ``trace``.
    """
    check_option("optimiser", optimiser, OPTIMISERS)
    if isinstance(k, bool) or not isinstance(k, int) or k < 2:
        raise ParameterError(f"k={k!r} is not allowed; give a whole number of camps, at least 2")
    recs = as_records(records)
    active, C, F = networks(recs, weight, **filters)
    tied = [i for i in range(len(active)) if C[i].any() or F[i].any()]
    actors = [active[i] for i in tied]
    C, F = C[np.ix_(tied, tied)], F[np.ix_(tied, tied)]
    out = {"score": None, "camps": [], "labels": [], "actors": len(active), "optimiser": optimiser, "seed": seed, "trace": [],
           "unconnected": [a for a in active if a not in actors]}
    if len(actors) < k:
        return out
    labels, q, trace = (greedy if optimiser == "greedy" else genetic)(C, F, k=k, seed=seed)
    names = {r.actor: r.actor_label or r.actor for r in recs}
    camps = sorted(([a for a, g in zip(actors, labels) if g == h] for h in range(k)), key=lambda m: (-len(m), m))
    return dict(out, score=round(q, 12), camps=camps, labels=[[names[a] for a in c] for c in camps], trace=trace)


def polarisation_over_time(records, size=12, unit: str = "months", kernel: str = "gaussian", step: int = 1,
                           indent: bool = False, k: int = 2, optimiser: str = "greedy", seed: int = 0, **filters) -> list[dict]:
    """:func:`polarise` in every time slice (module docstring): each item adds ``slice``,
    ``stances`` (the IRIs of the stances that weigh in it) and ``unplaced`` (stances with an
    open start, in no slice) to the best split.

    >>> recs = [dict(actor=a, proposal="ex:p", position=pos, date="2015-01-01", stance=f"ex:{a[3:]}")
    ...         for a, pos in [("ex:a", "support"), ("ex:b", "oppose")]]
    >>> [(p["slice"].mid, p["score"]) for p in polarisation_over_time(recs, size=1, kernel="uniform")]
    [('2015-01-01', 1.0)]
    """
    recs = as_records(records)
    ok, unplaced = placed(recs)
    stance_filters = {key: v for key, v in filters.items() if key in FILTERS and key not in ("start", "end", "dates")}
    out = []
    for piece in track(time_slices(ok, size, unit, step, filters.get("start"), filters.get("end"), indent),
                       f"best split into camps ({optimiser}), slice by slice"):
        z = slice_weights(ok, piece, size, unit, kernel, filters.get("dates", "overlap"))
        best = polarise(recs, k, optimiser, seed, weight=lambda r, z=z: z.get(r, 0.0), **stance_filters)
        kept = [r.stance for r in filter_stances(recs, **stance_filters) if z.get(r) and r.stance]
        out.append({"slice": piece, **best, "stances": sorted(kept), "unplaced": len(unplaced)})
    return out


__all__ = ["OPTIMISERS", "networks", "quality", "greedy", "genetic", "polarise", "polarisation_over_time"]
