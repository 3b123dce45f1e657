"""Clustering methods, and modularity to choose among their solutions (for ``multiclust`` and ``phases``).

Each method returns a labelling (``labels[i]``: the cluster of item i, numbered from 0 in
order of first appearance), from one of two inputs:

- a **distance** matrix between items: hierarchical clustering with single, average, complete or
  Ward linkage (:mod:`scipy.cluster.hierarchy`, cut into k clusters) and partitioning around
  medoids (:func:`pam`, deterministic); or the items' **profiles** for k-means (seeded);
- a **weighted network** between items (positive weights): the community methods of igraph, as
  DNA's ``dna_multiclust`` runs them (Louvain, fast greedy, walktrap, leading eigenvector, edge
  betweenness with 1/weight as the length of an edge, infomap, label propagation, spinglass),
  and CONCOR (:func:`concor`, two blocks).

:func:`modularity` is Newman's weighted modularity, Q = sum_c (w_c / m - (d_c / 2m)^2) with m the
total weight, w_c the weight inside cluster c and d_c its members' total degree: the score by
which ``multiclust`` and ``phases`` pick the best solution, as DNA does.

Examples
--------
>>> import numpy as np
>>> A = np.array([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0.]])
>>> modularity(A, [0, 0, 1, 1])
0.5
>>> hierarchical(1 - A - np.eye(4), 2, "average")
[0, 0, 1, 1]
"""

from __future__ import annotations

import random
import warnings

import numpy as np

from graph.analysis.stances import check_option

LINKAGES = ("single", "average", "complete", "ward")
NETWORK_METHODS = ("louvain", "fastgreedy", "walktrap", "leading-eigenvector", "edge-betweenness", "infomap",
                   "label-propagation", "spinglass")
FIXED_K = ("fastgreedy", "walktrap", "leading-eigenvector", "edge-betweenness")  # the network methods that can give k clusters


def canonical(labels) -> list[int]:
    """Clusters renumbered from 0 in order of first appearance.

    >>> canonical([5, 5, 2, 7, 2])
    [0, 0, 1, 2, 1]
    """
    seen: dict = {}
    return [seen.setdefault(x, len(seen)) for x in labels]


def modularity(A, labels) -> float:
    """Weighted modularity of a labelling on a symmetric network (negative weights count as 0;
    0.0 without ties)."""
    a = np.clip(np.asarray(A, dtype=float), 0, None)
    np.fill_diagonal(a, 0)
    two_m = a.sum()
    if two_m <= 0:
        return 0.0
    lab = np.asarray(labels)
    deg = a.sum(axis=1)
    q = 0.0
    for c in set(labels):
        inside = lab == c
        q += a[np.ix_(inside, inside)].sum() / two_m - (deg[inside].sum() / two_m) ** 2
    return float(round(q, 12))


def hierarchical(D, k: int, method: str = "average") -> list[int]:
    """Agglomerative clustering of a distance matrix, cut into (at most) k clusters."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    check_option("linkage", method, LINKAGES)
    d = np.asarray(D, dtype=float)
    if len(d) < 2:
        return [0] * len(d)
    tree = linkage(squareform((d + d.T) / 2, checks=False), method=method)
    return canonical(fcluster(tree, t=k, criterion="maxclust").tolist())


def pam(D, k: int) -> list[int]:
    """Partitioning around medoids (Kaufman and Rousseeuw): greedy build, then swaps of a medoid
    and a non-medoid while the total distance to the nearest medoid falls.  Deterministic.

    >>> pam([[0, 1, 9, 9], [1, 0, 9, 9], [9, 9, 0, 1], [9, 9, 1, 0]], 2)
    [0, 0, 1, 1]
    """
    d = np.asarray(D, dtype=float)
    n = len(d)
    k = min(k, n)
    cost = lambda meds: d[:, meds].min(axis=1).sum()
    medoids: list[int] = []
    for _ in range(k):
        medoids.append(min((i for i in range(n) if i not in medoids), key=lambda i: (cost(medoids + [i]), i)))
    improved = True
    while improved:
        improved = False
        for m in list(medoids):
            for o in range(n):
                if o in medoids:
                    continue
                trial = [o if x == m else x for x in medoids]
                if cost(trial) < cost(medoids) - 1e-12:
                    medoids, improved = trial, True
                    break
            if improved:
                break
    return canonical(np.argmin(d[:, medoids], axis=1).tolist())


def kmeans(X, k: int, seed: int = 0) -> list[int]:
    """k-means of the rows of X (k-means++ start, seeded)."""
    from scipy.cluster.vq import kmeans2

    x = np.asarray(X, dtype=float)
    if len(x) <= k:
        return list(range(len(x)))
    with warnings.catch_warnings():   # identical rows leave a cluster empty: fewer clusters, said by the labels
        warnings.simplefilter("ignore")
        _, labels = kmeans2(x, k, minit="++", seed=seed)
    return canonical(labels.tolist())


def concor(A, iterations: int = 50) -> list[int]:
    """CONCOR (Breiger, Boorman and Arabie): correlate the rows of the network again and again
    until the correlations are +1 or -1; the signs split the items into two blocks."""
    m = np.asarray(A, dtype=float)
    if len(m) < 2:
        return [0] * len(m)
    for _ in range(iterations):
        if np.all(m.std(axis=1) == 0):
            break
        with np.errstate(invalid="ignore", divide="ignore"):
            m = np.nan_to_num(np.corrcoef(m))
        if np.allclose(np.abs(m), 1, atol=1e-9):
            break
    return canonical((m[0] >= 0).astype(int).tolist())


def network_method(A, method: str, k: int = 0, seed: int = 0) -> list[int] | None:
    """A community method of igraph on the positive part of A (module docstring): ``k`` = 0 lets
    it choose the number of clusters; otherwise a method of :data:`FIXED_K` cuts its solution into
    k (None from the others, when the network has more than k parts that no tie joins, and from
    spinglass on a network that is not connected)."""
    import igraph as ig

    check_option("method", method, NETWORK_METHODS)
    a = np.clip(np.asarray(A, dtype=float), 0, None)
    np.fill_diagonal(a, 0)
    n = len(a)
    if k and method not in FIXED_K:
        return None
    g = ig.Graph.Weighted_Adjacency(np.triu(a).tolist(), mode="upper", attr="weight", loops=False)
    if g.ecount() == 0:
        return list(range(n))
    if k and method in ("fastgreedy", "walktrap", "edge-betweenness") and len(g.connected_components()) > k:
        return None   # a dendrogram never merges what no tie joins
    ig.set_random_number_generator(random.Random(seed))
    w = g.es["weight"]
    k = min(k, n)
    if method == "louvain":
        found = g.community_multilevel(weights=w)
    elif method == "fastgreedy":
        tree = g.community_fastgreedy(weights=w)
        found = tree.as_clustering(k or tree.optimal_count)
    elif method == "walktrap":
        tree = g.community_walktrap(weights=w)
        found = tree.as_clustering(k or tree.optimal_count)
    elif method == "leading-eigenvector":
        found = g.community_leading_eigenvector(clusters=k or None, weights=w)
    elif method == "edge-betweenness":
        tree = g.community_edge_betweenness(directed=False, weights=[1 / x for x in w])
        found = tree.as_clustering(k or tree.optimal_count)
    elif method == "infomap":
        found = g.community_infomap(edge_weights=w)
    elif method == "label-propagation":
        found = g.community_label_propagation(weights=w)
    else:
        if not g.is_connected():
            return None
        found = g.community_spinglass(weights=w)
    return canonical(found.membership)


__all__ = ["LINKAGES", "NETWORK_METHODS", "FIXED_K", "canonical", "modularity", "hierarchical", "pam", "kmeans", "concor",
           "network_method"]
