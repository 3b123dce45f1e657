"""Stability of coalitions (graph.analysis.stability): the adjusted Rand index by hand, and the check
under seeds, methods and resampled stances."""

from __future__ import annotations

import pytest

import graph.analysis.stability as stability_module
from graph.analysis.coalitions import detect_coalitions
from graph.analysis.stability import adjusted_rand, defend, stability
from graph.errors import ParameterError

from ..stances import CAMP_A, CAMP_B, CLEAN, rec


def labels(*groups):
    return {f"x{i}": g for i, g in enumerate(groups)}


@pytest.mark.parametrize("a, b, expected", [
    ((0, 0, 1, 1), (1, 1, 0, 0), 1.0),            # the same split, other names
    ((0, 0, 1, 2), (0, 0, 1, 1), 4 / 7),          # index 1, expected 1/3, max 3/2: (2/3)/(7/6)
    ((0, 0, 1, 1), (0, 1, 0, 1), -0.5),           # worse than chance
    ((0, 0, 0, 0), (0, 1, 2, 3), 0.0),            # one group against all singletons
    ((0, 1, 2), (5, 6, 7), 1.0),                  # both all singletons: the denominator is 0
])
def test_adjusted_rand_by_hand(a, b, expected):
    assert adjusted_rand(labels(*a), labels(*b)) == pytest.approx(expected)


def test_adjusted_rand_compares_the_common_items_only():
    assert adjusted_rand([["a", "b"], ["c"]], {"a": 1, "b": 1, "z": 9}) == 1.0


def test_clean_camps_are_stable_everywhere():
    s = stability(CLEAN, runs=10)
    assert s["seeds"] == {"runs": 10, "mean": 1.0, "min": 1.0}
    assert s["methods"] == {"louvain": 1.0, "greedy": 1.0, "label-propagation": 1.0}
    assert s["resampling"]["runs"] == 10 and s["resampling"]["mean"] == 1.0
    assert s["together"] == {1: 1.0, 2: 1.0}
    assert stability(CLEAN, runs=10) == s  # seeded: the same every time


def test_defend_withdraws_support_from_an_unstable_coalition(monkeypatch):
    # Each camp: 3 actors agreeing on 3 proposals in 2 articles: supported by the evidence.
    two_articles = [dict(r, source=src, stance=r["stance"] + src) for r in CLEAN for src in ("ex:s1", "ex:s2")]
    found = defend(two_articles, runs=5)
    assert [(c["members"], c["supported"], c["stability"]) for c in found.coalitions] == [(CAMP_A, True, 1.0), (CAMP_B, True, 1.0)]
    real = stability_module.stability
    monkeypatch.setattr(stability_module, "stability", lambda *a, **k: dict(real(*a, **k), together={1: 0.3, 2: 1.0}))
    found = defend(two_articles, runs=5)
    assert [c["supported"] for c in found.coalitions] == [False, True]
    assert found.coalitions[0]["reasons"] == ["its members stay together in only 30% of 5 resampled runs"]
    assert found.verdict == "1 of 2 groupings are supported by the evidence (36 stances, 6 actors)."


def test_one_article_is_not_enough():
    found = defend(CLEAN, runs=3)   # every stance from ex:s1
    assert [c["supported"] for c in found.coalitions] == [False, False]
    assert found.coalitions[0]["reasons"] == ["its agreement comes from 1 article(s), fewer than 2"]
    assert found.verdict.startswith("The data is too thin to support any coalition: 2 groupings of 6 actors")


@pytest.mark.parametrize("kw, message", [({"runs": -1}, "runs=-1"), ({"fraction": 0}, "fraction=0"),
                                          ({"method": "leiden"}, "method='leiden'")])
def test_bad_options(kw, message):
    with pytest.raises(ParameterError, match=message):
        defend(CLEAN, **kw)


def test_no_runs_is_the_evidence_alone():
    """``runs=0`` (``carekg coalitions --runs 0``) skips the stability check, nothing else."""
    assert defend(CLEAN, runs=0) == detect_coalitions(CLEAN)


def test_stability_of_a_given_reference():
    ref = detect_coalitions(CLEAN + [rec("a1", "p9", "support")], method="greedy")
    assert stability(CLEAN, ref, runs=2)["methods"]["greedy"] == 1.0
