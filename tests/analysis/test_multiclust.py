"""Clustering methods and modularity-based selection (graph.analysis.clustering, graph.analysis.multiclust)."""

from __future__ import annotations

import numpy as np
import pytest

from graph.analysis.clustering import LINKAGES, NETWORK_METHODS, concor, hierarchical, kmeans, modularity, network_method, pam
from graph.analysis.multiclust import METHODS, jaccard, multiclust
from graph.errors import ParameterError, UnknownNameError

from ..stances import CAMP_A, CAMP_B, CLEAN, rec

# Two triangles joined by one edge (2-3): the textbook two-community network.
TWO = np.zeros((6, 6))
for i, j in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]:
    TWO[i, j] = TWO[j, i] = 1


def test_modularity_worked_by_hand():
    # m = 7 edges; each triangle: 3 edges inside, degrees 2 + 2 + 3 = 7: Q = 2 (3/7 - (7/14)^2) = 6/7 - 1/2
    assert modularity(TWO, [0, 0, 0, 1, 1, 1]) == pytest.approx(6 / 7 - 1 / 2)
    assert modularity(TWO, [0] * 6) == pytest.approx(0.0)
    assert modularity(np.zeros((3, 3)), [0, 1, 2]) == 0.0


@pytest.mark.parametrize("method", NETWORK_METHODS)
def test_every_network_method_finds_the_two_triangles(method):
    assert network_method(TWO, method) == [0, 0, 0, 1, 1, 1]


@pytest.mark.parametrize("method", LINKAGES)
def test_every_linkage_and_pam_and_kmeans_and_concor_split_the_triangles(method):
    # 0.2 inside a triangle, 0.6 across the bridge, 1 otherwise: single linkage merges the triangles last
    D = np.where(TWO == 1, 0.2, 1.0)
    D[2, 3] = D[3, 2] = 0.6
    np.fill_diagonal(D, 0)
    assert hierarchical(D, 2, method) == [0, 0, 0, 1, 1, 1]
    assert pam(D, 2) == [0, 0, 0, 1, 1, 1]
    assert concor(TWO) == [0, 0, 0, 1, 1, 1]
    assert kmeans(TWO + np.eye(6), 2, seed=1) == [0, 0, 0, 1, 1, 1]


def test_jaccard_distance_worked_by_hand():
    # {x, y} and {x, z}: 1 shared of 3 -> 2/3
    assert jaccard(np.array([[1, 1, 0], [1, 0, 1], [0, 0, 0]]))[0, 1] == pytest.approx(2 / 3)


def test_every_method_finds_the_two_clean_camps_and_the_best_says_what_it_rests_on():
    found = multiclust(CLEAN)
    assert {r["method"] for r in found["methods"]} | set(found["skipped"]) == set(METHODS)
    best = found["best"]
    assert best["clusters"] == [CAMP_A, CAMP_B] and best["modularity"] == pytest.approx(0.5)
    # camp A's inner ties rest on the a's nine supports, in one article
    assert best["evidence"][0]["stances"] == sorted(r["stance"] for r in CLEAN if r["actor"] in CAMP_A)
    assert best["evidence"][0]["articles"] == ["ex:s1"]
    assert all(r["modularity"] <= best["modularity"] for r in found["methods"])


def test_asking_for_two_runs_only_the_methods_that_can_give_two():
    found = multiclust(CLEAN + [rec("c", "p1", "support")], k=2)
    assert all(r["k"] == 2 for r in found["methods"])
    assert found["skipped"]["louvain"] == "cannot be asked for 2 clusters"


@pytest.mark.parametrize("kw, error", [({"k": 1}, ParameterError), ({"k_max": 1}, ParameterError), ({"k": 99}, ParameterError),
                                      ({"methods": ["lovain"]}, UnknownNameError)])
def test_bad_options(kw, error):
    with pytest.raises(error):
        multiclust(CLEAN, **kw)
