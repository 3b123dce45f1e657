"""Phases of the debate (graph.analysis.phases) on a toy series with a clear break."""

from __future__ import annotations

import numpy as np
import pytest

from graph.analysis.phases import METHODS, distance_matrix, embedding, phases
from graph.errors import ParameterError

from ..stances import rec

# Six months.  January to March: a and b agree on p; April to June: they disagree on it.
BREAK = [rec(a, "p", pos, date=f"2014-{m:02d}-01") | {"stance": f"ex:{a}-{m}"}
         for m in range(1, 7) for a, pos in [("a", "support"), ("b", "support" if m <= 3 else "oppose")]]


def test_absdiff_and_spectral_distances_worked_by_hand():
    one = np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0.]])
    two = np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0.]])
    neg = -one
    # absdiff over the pairs: one-two 2, one-neg 2, two-neg 1 + 2 = 4 -> divided by 4
    assert distance_matrix([one, two, neg]).tolist() == [[0, 0.5, 0.5], [0.5, 0, 1.0], [0.5, 1.0, 0]]
    # spectral: one 0, 0, 2 -> 0, 0, 1; two (a triangle) 0, 3, 3 -> 0, 1/2, 1/2; neg has no positive tie -> all 0
    # one-two 1/2 + 1/2 = 1, one-neg 1, two-neg 1
    assert distance_matrix([one, two, neg], "spectral").tolist() == [[0, 1, 1], [1, 0, 1], [1, 1, 0]]


def test_a_clear_break_gives_two_states_and_one_transition():
    found = phases(BREAK, size=1, unit="months", kernel="uniform")
    assert [s["state"] for s in found["slices"]] == [1, 1, 1, 2, 2, 2]
    assert found["transitions"] == [{"mid": "2014-04-01", "from": 1, "to": 2}]
    assert found["k"] == 2 and found["modularity"] > 0
    assert found["states"][0]["stances"] == sorted(f"ex:{a}-{m}" for a in "ab" for m in (1, 2, 3))
    assert {s["method"] for s in found["solutions"]} <= set(METHODS)
    assert phases(BREAK, size=1, unit="months", kernel="uniform") == found


def test_the_embedding_puts_alike_slices_together():
    found = phases(BREAK, size=1, unit="months", kernel="uniform")
    xy = embedding(np.array(found["distances"]))
    assert xy.shape == (6, 2) and np.allclose(xy[0], xy[1], atol=1e-6) and not np.allclose(xy[0], xy[3], atol=1e-6)


def test_too_few_slices_or_bad_numbers_are_one_clear_error():
    with pytest.raises(ParameterError, match="phases need two or more"):
        phases(BREAK[:2], size=1, unit="months", kernel="uniform")
    with pytest.raises(ParameterError, match="k_min"):
        phases(BREAK, size=1, unit="months", k_min=3, k_max=2)
