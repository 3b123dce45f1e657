"""DNA's 2025 polarisation score over time slices (graph.analysis.polarisation_time), worked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from graph.analysis.polarisation_time import OPTIMISERS, networks, polarisation_over_time, polarise, quality
from graph.errors import ParameterError

from ..stances import CAMP_A, CAMP_B, CLEAN, rec

# a supports p and q, b supports p, c opposes p and supports q.  Activity a 2, b 1, c 2.
# Congruence (average): a-b 1 / 1.5 = 2/3, a-c 1 / 2 = 1/2; conflict: a-c 1 / 2 = 1/2, b-c 1 / 1.5 = 2/3.
MIXED = [rec("a", "p", "support"), rec("a", "q", "support"), rec("b", "p", "support"),
         rec("c", "p", "oppose"), rec("c", "q", "support")]
# Over ordered pairs ||C|| = ||F|| = 2 (2/3 + 1/2) = 7/3, so 2 (||C|| + ||F||) = 28/3.
#   {a, b} | {c}: eC = (7/3) / 2 = 7/6, eF = (7/3) / 4 = 7/12;
#     within a-b: |2/3 - 7/6| = 1/2, twice: 1;  a-c: 1/2 + |1/2 - 7/12| = 7/12, twice: 7/6;
#     b-c: 0 + |2/3 - 7/12| = 1/12, twice: 1/6;  D = 7/3;  score 1 - (7/3) / (28/3) = 3/4
#   {a, c} | {b}: D = 7/3 + 5/2 + 1/6 = 5: score 13/28;   {b, c} | {a}: D = 22/3: score 3/14
SPLITS = {(0, 0, 1): 3 / 4, (0, 1, 0): 13 / 28, (1, 0, 0): 3 / 14}


def test_the_networks_of_the_mixed_debate():
    actors, C, F = networks(MIXED)
    assert actors == ["ex:a", "ex:b", "ex:c"]
    assert C == pytest.approx(np.array([[0, 2 / 3, 1 / 2], [2 / 3, 0, 0], [1 / 2, 0, 0]]))
    assert F == pytest.approx(np.array([[0, 0, 1 / 2], [0, 0, 2 / 3], [1 / 2, 2 / 3, 0]]))


@pytest.mark.parametrize("labels", sorted(SPLITS))
def test_quality_of_each_split_worked_by_hand(labels):
    _, C, F = networks(MIXED)
    assert quality(C, F, list(labels)) == pytest.approx(SPLITS[labels])


@pytest.mark.parametrize("optimiser", OPTIMISERS)
def test_two_clean_camps_score_one_and_the_mixed_debate_three_quarters(optimiser):
    clean = polarise(CLEAN, optimiser=optimiser)
    assert clean["score"] == pytest.approx(1.0) and clean["camps"] == [CAMP_A, CAMP_B]
    mixed = polarise(MIXED, optimiser=optimiser)
    assert mixed["score"] == pytest.approx(3 / 4) and mixed["camps"] == [["ex:a", "ex:b"], ["ex:c"]]
    assert polarise(MIXED, optimiser=optimiser, seed=7) == dict(polarise(MIXED, optimiser=optimiser, seed=7))


def test_camps_of_unequal_size_are_found():
    """DNA's balanced start and swaps could not find three against one; moves can."""
    recs = [rec(a, "p", "support") for a in ("a1", "a2", "a3")] + [rec("b", "p", "oppose")]
    best = polarise(recs)
    assert best["score"] == pytest.approx(1.0) and [len(c) for c in best["camps"]] == [3, 1]


def test_an_actor_without_a_tie_is_unconnected_not_placed_in_a_camp():
    best = polarise(MIXED + [rec("loner", "elsewhere", "support")])
    assert best["unconnected"] == ["ex:loner"] and best["score"] == pytest.approx(3 / 4) and best["actors"] == 4


def test_no_ties_no_score():
    assert polarise([rec("a", "p", "support")])["score"] is None
    assert polarise([rec("a", "p", "support"), rec("b", "q", "oppose")])["score"] is None


def test_over_time_each_slice_has_its_own_score_and_stances():
    jan = [dict(r, date="2014-01-01", stance=r["stance"] + "-jan") for r in CLEAN]
    mar = [dict(r, date="2014-03-01", stance=r["stance"] + "-mar") for r in MIXED]
    out = polarisation_over_time(jan + mar, size=1, unit="months", kernel="uniform")
    assert [(p["slice"].mid, p["score"] and round(p["score"], 6)) for p in out] == \
        [("2014-01-01", 1.0), ("2014-02-01", None), ("2014-03-01", 0.75)]
    assert out[0]["stances"] == sorted(r["stance"] for r in jan) and out[1]["stances"] == []


@pytest.mark.parametrize("kw", [{"k": 1}, {"k": True}, {"optimiser": "annealing"}])
def test_bad_options_are_one_clear_error(kw):
    with pytest.raises(ParameterError):
        polarise(MIXED, **kw)
