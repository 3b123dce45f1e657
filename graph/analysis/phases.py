"""Phases of the debate: which time slices look alike, and when it changed (DNA's ``dna_phaseTransitions``).

After Masuda and Holme's state dynamics, as DNA does it:

1. one actor network per kernel-smoothed time slice (:mod:`graph.analysis.timeslices`): the
   one-mode ``subtract`` network with ``average`` normalisation, every selected actor a node, so
   all slices share one node set;
2. the distance between every two slices, ``absdiff`` (the sum of |A - B| over the actor pairs:
   a graph edit distance with fixed nodes) or ``spectral`` (negative ties set to 0, the
   Laplacian eigenvalues scaled to sum to 1, the sum of their absolute differences; see
   :func:`graph.analysis.backbone.spectrum`), divided by the largest so it lies in [0, 1];
3. the slices clustered into states by each method of :data:`METHODS` and each number of
   states from ``k_min`` to ``k_max``: hierarchical clustering (single, average, complete, Ward
   linkage) and PAM on the distances, and fast greedy, walktrap, leading eigenvector and edge
   betweenness on the similarity network 1 - distance;
4. the solution with the highest weighted modularity on that similarity network is kept.

The result is a state per slice (numbered from 1 in order of first appearance) and the
transitions between them.  Each slice lists the stances (IRIs) that weigh in it, so a state can
be traced to what was said.  DNA also offers k-means, spectral clustering and CONCOR here;
they are left out (k-means and spectral clustering need coordinates the distances do not give,
CONCOR splits only in two).

Examples
--------
>>> recs = [dict(actor=a, proposal="ex:p", position=pos, date=d, stance=f"ex:{a[3:]}{d}") for d, b in
...         [("2014-01-01", "support"), ("2014-02-01", "support"), ("2014-03-01", "oppose"), ("2014-04-01", "oppose")]
...         for a, pos in [("ex:a", "support"), ("ex:b", b)]]
>>> found = phases(recs, size=1, unit="months", kernel="uniform", k_max=2)
>>> [(s["mid"], s["state"]) for s in found["slices"]], found["transitions"]
([('2014-01-01', 1), ('2014-02-01', 1), ('2014-03-01', 2), ('2014-04-01', 2)], [{'mid': '2014-03-01', 'from': 1, 'to': 2}])
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from graph.analysis.backbone import spectrum
from graph.analysis.clustering import FIXED_K, LINKAGES, canonical, hierarchical, modularity, network_method, pam
from graph.analysis.discourse import one_mode
from graph.analysis.stances import as_records, check_option
from graph.analysis.timeslices import networks_over_time
from graph.errors import ParameterError
from graph.rdf.progress import track

DISTANCES = ("absdiff", "spectral")
METHODS = LINKAGES + ("pam",) + FIXED_K


def distance_matrix(matrices, distance: str = "absdiff") -> np.ndarray:
    """Distances between networks on one node set, divided by the largest (module docstring).

    >>> a, b = np.array([[0, 1], [1, 0.]]), np.zeros((2, 2))
    >>> distance_matrix([a, a, b]).tolist()
    [[0.0, 0.0, 1.0], [0.0, 0.0, 1.0], [1.0, 1.0, 0.0]]
    """
    check_option("distance", distance, DISTANCES)
    n = len(matrices)
    D = np.zeros((n, n))
    spectra = [spectrum(m) for m in matrices] if distance == "spectral" else []
    for i in range(n):
        for j in range(i + 1, n):
            if distance == "absdiff":
                D[i, j] = np.abs(np.triu(matrices[i] - matrices[j], 1)).sum()
            else:
                D[i, j] = np.abs(spectra[i] - spectra[j]).sum()
            D[j, i] = D[i, j]
    top = D.max() if n else 0
    return D / top if top > 0 else D


def embedding(D) -> np.ndarray:
    """Classical (Torgerson) multidimensional scaling of a distance matrix into two dimensions:
    the slices as points, near when alike (for a "temporal embedding" chart)."""
    d = np.asarray(D, dtype=float)
    n = len(d)
    if n == 0:
        return np.zeros((0, 2))
    j = np.eye(n) - np.ones((n, n)) / n
    b = -0.5 * j @ (d ** 2) @ j
    values, vectors = np.linalg.eigh(b)
    top = np.argsort(values)[::-1][:2]
    coords = vectors[:, top] * np.sqrt(np.clip(values[top], 0, None))
    return np.pad(coords, ((0, 0), (0, 2 - coords.shape[1])))


def _cluster(method, D, S, k):
    if method in LINKAGES:
        return hierarchical(D, k, method)
    if method == "pam":
        return pam(D, k)
    return network_method(S, method, k)


def phases(records, size=12, unit: str = "months", kernel: str = "gaussian", step: int = 1, indent: bool = False,
           distance: str = "absdiff", k_min: int = 2, k_max: int = 5, methods=METHODS, **filters) -> dict:
    """States of the debate over the time slices (module docstring).

    Returns ``slices`` (each: ``index``, ``start``, ``mid``, ``end``, ``state``, ``stances``),
    ``distances`` (the matrix, as lists), ``states`` (each: ``state``, ``slices`` (mid-points),
    ``first``, ``last`` and ``stances``, the IRIs weighing in any of its slices), ``transitions``
    (each: the slice mid-point where the state changes, ``from`` and ``to``), ``method``, ``k``,
    ``modularity``, ``solutions`` (every method's best: method, k, modularity) and ``unplaced``.
    """
    check_option("distance", distance, DISTANCES)
    if isinstance(k_min, bool) or not isinstance(k_min, int) or isinstance(k_max, bool) or not isinstance(k_max, int) \
            or not 2 <= k_min <= k_max:
        raise ParameterError(f"k_min={k_min!r}, k_max={k_max!r}: give whole numbers of states with 2 <= k_min <= k_max")
    for m in methods:
        check_option("method", m, METHODS)
    recs = as_records(records)
    sliced = networks_over_time(recs, one_mode, size, unit, kernel, step, indent, qualifier="subtract",
                                normalization="average", **filters)
    if len(sliced) < 2:
        raise ParameterError(f"{len(sliced)} time slice(s) of {size} {unit}: phases need two or more; give a smaller "
                             "window or step, or a longer period")
    nodes = sorted(set().union(*(s["graph"].nodes for s in sliced)))
    mats = [nx.to_numpy_array(s["graph"], nodelist=nodes, weight="weight") for s in sliced]
    D = distance_matrix(mats, distance)
    S = 1 - D
    np.fill_diagonal(S, 0)
    solutions = []
    for m in track(list(methods), "cluster the slices into states, method by method"):
        tried = [(modularity(S, lab), k, lab) for k in range(k_min, min(k_max, len(sliced)) + 1)
                 if (lab := _cluster(m, D, S, k)) is not None and len(set(lab)) > 1]
        if tried:
            q, k, lab = max(tried, key=lambda t: (t[0], -t[1]))
            solutions.append({"method": m, "k": len(set(lab)), "modularity": q, "labels": canonical(lab)})
    if not solutions:
        raise ParameterError("no method split the slices into states: the slices may all be alike")
    best = max(solutions, key=lambda s: s["modularity"])
    rows = [{"index": s["slice"].index, "start": s["slice"].start, "mid": s["slice"].mid, "end": s["slice"].end,
             "state": lab + 1, "stances": s["stances"]} for s, lab in zip(sliced, best["labels"])]
    states = [{"state": st, "slices": [r["mid"] for r in rows if r["state"] == st],
               "stances": sorted({x for r in rows if r["state"] == st for x in r["stances"]})}
              for st in sorted({r["state"] for r in rows})]
    for s in states:
        s["first"], s["last"] = s["slices"][0], s["slices"][-1]
    transitions = [{"mid": b["mid"], "from": a["state"], "to": b["state"]} for a, b in zip(rows, rows[1:]) if a["state"] != b["state"]]
    return {"slices": rows, "distances": D.tolist(), "states": states, "transitions": transitions, "method": best["method"],
            "k": best["k"], "modularity": best["modularity"], "distance": distance,
            "solutions": [{k: s[k] for k in ("method", "k", "modularity")} for s in sorted(solutions, key=lambda s: -s["modularity"])],
            "unplaced": sliced[0]["unplaced"]}


__all__ = ["DISTANCES", "METHODS", "distance_matrix", "embedding", "phases"]
