"""The backbone (graph.analysis.backbone) on a toy network worked by hand."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from graph.analysis.backbone import Pieces, anneal, evaluate, nested, spectrum
from graph.analysis.discourse import one_mode
from graph.errors import ParameterError, UnknownNameError

from ..stances import rec

# Two camps: a1, a2 support "split", b1, b2 oppose it; all four support "all" (a consensus
# concept); a1 alone supports "solo".  Activity: a1 3 stances, the others 2.
# Subtract sums: a1-a2 = 1 (split) + 1 (all) = 2, b1-b2 = 2, a-b = -1 + 1 = 0.
# Full network (average): a1-a2 2 / 2.5 = 0.8, b1-b2 2 / 2 = 1; no a-b tie.
# Laplacian eigenvalues 0, 0, 1.6, 2 (sum 3.6): scaled 0, 0, 4/9, 5/9.
TOY = [rec(a, "split", "support") for a in ("a1", "a2")] + [rec(b, "split", "oppose") for b in ("b1", "b2")] + \
      [rec(x, "all", "support") for x in ("a1", "a2", "b1", "b2")] + [rec("a1", "solo", "support")]
# Losses of the sets the nested search meets (each set's own activity in the denominators):
#   {split, solo}: a1-a2 1 / 1.5 = 2/3, b1-b2 1: eigenvalues 0, 0, 4/3, 2 -> 0, 0, 2/5, 3/5;
#                  loss |4/9 - 2/5| + |5/9 - 3/5| = 4/45
#   {split, all}:  a1-a2 2 / 2 = 1, b1-b2 1: 0, 0, 1/2, 1/2; loss 1/18 + 1/18 = 1/9
#   {split}:       the same network: 1/9;   {solo}: no tie: all 0, loss 4/9 + 5/9 = 1;   {}: 1
LOSS = {("solo", "split"): 4 / 45, ("all", "split"): 1 / 9, ("split",): 1 / 9, ("solo",): 1.0, (): 1.0}


def test_spectrum_of_the_toy():
    p = Pieces(TOY)
    assert spectrum(p.network(range(3))) == pytest.approx([0, 0, 4 / 9, 5 / 9])


@pytest.mark.parametrize("chosen", sorted(LOSS))
def test_losses_worked_by_hand(chosen):
    p = Pieces(TOY)
    assert p.loss([p.proposals.index(f"ex:{c}") for c in chosen]) == pytest.approx(LOSS[chosen])


@pytest.mark.parametrize("chosen", [("split",), ("all", "solo"), ("all", "solo", "split")])
def test_the_rebuilt_network_is_the_one_mode_network_of_those_stances(chosen):
    p = Pieces(TOY)
    left_out = [f"ex:{c}" for c in ("all", "solo", "split") if c not in chosen]
    g = one_mode(TOY, qualifier="subtract", normalization="average", exclude_proposals=left_out, isolates=False)
    g.add_nodes_from(p.actors)
    expected = np.clip(nx.to_numpy_array(g, nodelist=p.actors), 0, None)
    assert p.network([p.proposals.index(f"ex:{c}") for c in chosen]) == pytest.approx(expected)


def test_nested_removes_the_consensus_concept_first_and_is_deterministic():
    # From {all, solo, split}: without all 4/45, without solo 1/9, without split larger -> all goes first;
    # from {solo, split}: without split 1 (solo has no tie), without solo 1/9 -> solo goes; then split.
    found = nested(TOY)
    rows = found["proposals"]
    assert [r["proposal"] for r in rows] == ["ex:split", "ex:solo", "ex:all"]
    assert [r["rank"] for r in rows] == [1, 2, 3]
    assert [r["backbone_loss"] for r in rows] == pytest.approx([1.0, 1 / 9, 4 / 45])
    assert rows[2]["redundant_loss"] == pytest.approx(evaluate(TOY, ["ex:all"])["backbone_loss"])
    assert (found["actors"], found["ties"]) == (4, 2)
    assert nested(TOY) == found and nested(list(reversed(TOY))) == found


def test_each_proposal_lists_the_stances_it_rests_on():
    row = next(r for r in nested(TOY)["proposals"] if r["proposal"] == "ex:split")
    assert row["stances"] == sorted(r["stance"] for r in TOY if r["proposal"] == "ex:split")
    assert (row["statements"], row["actors"], row["articles"]) == (4, 4, ["ex:s1"])


def test_evaluate_a_given_set_and_its_complement():
    r = evaluate(TOY, ["ex:split", "ex:solo"])
    assert r["backbone_loss"] == pytest.approx(4 / 45)
    assert r["redundant_loss"] == pytest.approx(evaluate(TOY, ["ex:all"])["backbone_loss"])
    assert [x["proposal"] for x in r["backbone"]] == ["ex:solo", "ex:split"] and [x["proposal"] for x in r["redundant"]] == ["ex:all"]
    with pytest.raises(UnknownNameError, match="did you mean: ex:split"):
        evaluate(TOY, ["ex:splt"])


def test_fixed_annealing_finds_the_best_single_proposal_and_is_seeded():
    # Singletons: split 1/9, all 2/3 (a complete graph), solo 1: the best backbone of one is split.
    one = anneal(TOY, size=1, iterations=300, seed=3)
    assert [x["proposal"] for x in one["backbone"]] == ["ex:split"] and one["backbone_loss"] == pytest.approx(1 / 9)
    assert anneal(TOY, size=1, iterations=300, seed=3) == one
    assert one["trace"][-1]["iteration"] == 300 and all(0 <= t["temperature"] <= 1 for t in one["trace"])


def test_a_larger_penalty_gives_a_smaller_backbone():
    # Objective loss + p |B| / 3: with p = 0 the full set (loss 0) wins; with p = 1, {split}
    # (1/9 + 1/3) beats {split, solo} (4/45 + 2/3) and the full set (0 + 1).
    assert len(anneal(TOY, penalty=0.0, iterations=500)["backbone"]) == 3
    small = anneal(TOY, penalty=1.0, iterations=500)
    assert [x["proposal"] for x in small["backbone"]] == ["ex:split"] and small["objective"] == pytest.approx(1 / 9 + 1 / 3)


@pytest.mark.parametrize("kw, message", [
    ({}, "either a backbone size"), ({"size": 2, "penalty": 1.0}, "not both"), ({"size": 4}, "from 1 to 3"),
    ({"penalty": -1.0}, "0 or more"), ({"size": 1, "iterations": 0}, "at least 1"),
])
def test_bad_annealing_options_are_one_clear_error(kw, message):
    with pytest.raises(ParameterError, match=message):
        anneal(TOY, **kw)
