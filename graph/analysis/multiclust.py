"""Many clustering methods, one yardstick: DNA's ``dna_multiclust``, with the stances behind each cluster.

Two views of the actors with a kept stance (filters of :mod:`graph.analysis.stances`):

- their **profiles**: one 0/1 column per (proposal, position) taken (DNA's two-mode ``combine``
  network split into agree and disagree columns, here one column per position of the scale),
  compared by Jaccard distance, 1 - |shared| / |either|;
- the **network**: the one-mode ``subtract`` network with ``average`` normalisation, negative
  ties set to 0 (:func:`graph.analysis.discourse.one_mode`).

Every method of :data:`METHODS` clusters them (:mod:`graph.analysis.clustering`): hierarchical
clustering with single, average, complete or Ward linkage, k-means and PAM on the profiles;
structural equivalence (complete linkage on the Euclidean distances between the actors' rows of
the network); CONCOR on the network and on the profiles; and the community methods of igraph
on the network.  Each solution is scored by the weighted **modularity** of the network (DNA's
yardstick), and for each method the best is kept: with ``k=0`` the methods that take a number
of clusters try 2 to ``k_max`` and the others choose their own; with ``k`` > 0 only methods that
can give exactly k clusters run (``k=2`` asks for a split into two camps).  Each cluster of the
best solution lists the stances (IRIs) and articles behind the positive ties inside it.

Examples
--------
>>> recs = [dict(actor=a, proposal=p, position=pos, stance=f"ex:{a[3:]}-{p[3:]}") for a, pos in
...         [("ex:a1", "support"), ("ex:a2", "support"), ("ex:b1", "oppose"), ("ex:b2", "oppose")]
...         for p in ("ex:p", "ex:q")]
>>> found = multiclust(recs, methods=("average", "louvain"))
>>> found["best"]["method"], found["best"]["clusters"], found["best"]["modularity"]
('average', [['ex:a1', 'ex:a2'], ['ex:b1', 'ex:b2']], 0.5)
"""

from __future__ import annotations

import numpy as np

from graph.analysis.clustering import FIXED_K, LINKAGES, NETWORK_METHODS, concor, hierarchical, kmeans, modularity, network_method, pam
from graph.analysis.discourse import one_mode
from graph.analysis.stances import as_records, filter_stances
from graph.errors import ParameterError, UnknownNameError
from graph.rdf.progress import track
from graph.text.fuzzy import suggest

METHODS = LINKAGES + ("kmeans", "pam", "equivalence", "concor-one-mode", "concor-two-mode") + NETWORK_METHODS
K_MAX = 5


def views(records, **filters) -> tuple[list[str], np.ndarray, np.ndarray, dict]:
    """The active actors, their 0/1 profiles, the positive network and its edges' stances."""
    recs = as_records(records)
    kept = filter_stances(recs, **filters)
    actors = sorted({r.actor for r in kept})
    cols = sorted({(r.proposal, r.position) for r in kept})
    at, col = {a: i for i, a in enumerate(actors)}, {c: j for j, c in enumerate(cols)}
    X = np.zeros((len(actors), len(cols)))
    for r in kept:
        X[at[r.actor], col[r.proposal, r.position]] = 1
    g = one_mode(recs, qualifier="subtract", normalization="average", **filters)
    A = np.zeros((len(actors), len(actors)))
    behind: dict = {}
    for u, v, d in g.edges(data=True):
        if d["weight"] > 0 and u in at and v in at:
            A[at[u], at[v]] = A[at[v], at[u]] = d["weight"]
            behind[frozenset((u, v))] = d["stances"]
    return actors, X, A, behind


def jaccard(X) -> np.ndarray:
    """Jaccard distances between the 0/1 rows of X (0 between two empty rows).

    >>> jaccard(np.array([[1, 1, 0], [1, 0, 1]])).tolist()
    [[0.0, 0.6666666666666667], [0.6666666666666667, 0.0]]
    """
    x = np.asarray(X, dtype=bool).astype(float)
    both = x @ x.T
    either = x.sum(axis=1)[:, None] + x.sum(axis=1)[None, :] - both
    return np.where(either > 0, 1 - np.divide(both, either, out=np.zeros_like(both), where=either > 0), 0.0)


def _solutions(method, X, A, D, E, k, k_max, seed):
    """The labellings a method offers: one per k tried, or its own choice."""
    ks = [k] if k else list(range(2, min(k_max, len(X)) + 1))
    if method in LINKAGES:
        return [hierarchical(D, n, method) for n in ks]
    if method == "kmeans":
        return [kmeans(X, n, seed) for n in ks]
    if method == "pam":
        return [pam(D, n) for n in ks]
    if method == "equivalence":
        return [hierarchical(E, n, "complete") for n in ks]
    if method.startswith("concor"):
        return [concor(A if method == "concor-one-mode" else X @ X.T)] if k in (0, 2) else []
    found = network_method(A, method, k, seed)
    return [found] if found is not None else []


def multiclust(records, k: int = 0, k_max: int = K_MAX, methods=METHODS, seed: int = 0, **filters) -> dict:
    """Every method's best solution and the best of all (module docstring).

    Returns ``methods``: one row per method that gave a solution, best first (``method``, ``k``,
    ``modularity``, ``clusters`` as lists of IRIs, ``labels``); ``best``: the first of them, with
    ``evidence`` per cluster (``stances`` and ``articles`` behind its inner positive ties);
    ``actors``; ``skipped``: the methods that could not give a solution, and why.
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 0 or k == 1:
        raise ParameterError(f"k={k!r} is not allowed; give 0 (each method chooses) or a number of clusters, at least 2")
    if isinstance(k_max, bool) or not isinstance(k_max, int) or k_max < 2:
        raise ParameterError(f"k_max={k_max!r} is not allowed; give a whole number of at least 2")
    wanted = [methods] if isinstance(methods, str) else list(methods)
    for m in wanted:
        if m not in METHODS:
            raise UnknownNameError("clustering method", m, suggest(m, METHODS) or list(METHODS))
    recs = as_records(records)
    actors, X, A, behind = views(recs, **filters)
    if k > len(actors):
        raise ParameterError(f"k={k} is more clusters than the {len(actors)} actors with a kept stance; "
                             f"give 0 (each method chooses) or 2 to {max(len(actors), 2)}")
    names = {r.actor: r.actor_label or r.actor for r in recs}
    D = jaccard(X)
    E = np.sqrt(((A[:, None, :] - A[None, :, :]) ** 2).sum(axis=2))
    rows: list[dict] = []
    skipped: dict[str, str] = {}
    for order, method in enumerate(track(wanted, "clustering methods")):
        # a method asked for 2 or more clusters that returns one (a linkage cut through tied heights) gave no solution
        asked = k or method not in NETWORK_METHODS
        found = [s for s in _solutions(method, X, A, D, E, k, k_max, seed)
                 if len(set(s)) == k or not k and (len(set(s)) > 1 or not asked)] if len(actors) > 1 else []
        if not found:
            skipped[method] = (f"cannot be asked for {k} clusters" if k and (method in NETWORK_METHODS and method not in FIXED_K
                               or method.startswith("concor")) else f"gave no solution of exactly {k} clusters" if k
                               else "gave no solution (spinglass needs a connected network)" if method == "spinglass"
                               else f"gave no solution of 2 to {k_max} clusters" if asked else "gave no solution")
            continue
        labels = max(found, key=lambda s: (modularity(A, s), -len(set(s))))
        clusters = sorted(([a for a, g in zip(actors, labels) if g == c] for c in set(labels)), key=lambda m: (-len(m), m))
        rows.append({"method": method, "k": len(clusters), "modularity": modularity(A, labels), "clusters": clusters,
                     "labels": [[names[a] for a in c] for c in clusters], "order": order})
    rows.sort(key=lambda r: (-r["modularity"], r["order"]))
    for r in rows:
        del r["order"]
    best: dict | None = dict(rows[0]) if rows else None
    if best:
        sources = {r.stance: r.source for r in recs if r.stance}
        evidence = []
        for c in best["clusters"]:
            st = sorted({s for i, x in enumerate(c) for y in c[i + 1:] for s in behind.get(frozenset((x, y)), [])})
            evidence.append({"stances": st, "articles": sorted({sources[s] for s in st if sources.get(s)})})
        best["evidence"] = evidence
    return {"methods": rows, "best": best, "actors": len(actors), "k": k, "skipped": skipped}


__all__ = ["METHODS", "K_MAX", "views", "jaccard", "multiclust"]
