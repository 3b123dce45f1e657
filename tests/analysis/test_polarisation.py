"""Polarisation per proposal and over time (graph.analysis.polarisation), by hand and on the curated data."""

from __future__ import annotations

import pytest

from graph.analysis.polarisation import polarisation_over_time, proposal_polarisation

from ..stances import rec


# P = 4 s o / n^2: the share of actor pairs on opposite sides, 1 for two equal opposed camps.
@pytest.mark.parametrize("positions, expected", [
    (["support", "support", "support"], 0.0),
    (["support", "oppose"], 1.0),                                     # two camps of one
    (["support", "support", "oppose", "oppose"], 1.0),               # two equal camps at the ends
    (["support", "support", "oppose"], 8 / 9),                        # 2 against 1: not equal camps, below 1
    (["support", "support", "support", "oppose"], 0.75),             # 3 pairs apart of 4 x 4 / 4
    (["support", "conditional"], 0.0),                                # nobody against: not polarised at all
    (["support", "nominal", "conditional"], 0.0),
    (["support", "conditional", "oppose", "oppose"], 0.5),           # 1 x 2 pairs apart, 4 x 4 / 4 = 4
    (["support", "support", "support", "support", "conditional", "conditional", "oppose", "oppose"], 0.5),  # 4 x 2 / 16
    (["support"], None),                                              # nobody to disagree with
])
def test_proposal_polarisation_by_hand(positions, expected):
    recs = [rec(f"x{i}", "p", pos) for i, pos in enumerate(positions)]
    row, = proposal_polarisation(recs)
    assert row["polarisation"] == (pytest.approx(expected) if expected is not None else None)
    assert row["actors"] == len(positions)


def test_an_actor_counts_once_at_its_mean_position():
    recs = [rec("a", "p", "support"), rec("a", "p", "oppose", date="2015"), rec("b", "p", "oppose")]
    row, = proposal_polarisation(recs)
    # a at 0.5 (for and against once each: in between), b against: nobody is for it
    assert (row["support"], row["conditional"], row["oppose"], row["polarisation"]) == (0, 1, 1, 0.0)


def test_over_time_uses_the_dates_and_states_the_filters():
    recs = [rec("a", "p", "support", "2014"), rec("b", "p", "oppose", "2014-03-01"),
            rec("a", "q", "support", "2016"), rec("b", "q", "support", "2016-05")]
    out = polarisation_over_time(recs, named_only=True)
    assert [(p["period"], p["stances"], p["mean_proposal"]) for p in out] == [("2014", 2, 1.0), ("2015", 0, None), ("2016", 2, 0.0)]
    assert out[0]["debate"] == 1.0 and out[2]["debate"] is None   # 2016: one grouping, nothing to split
    assert {p["filters"] for p in out} == {"actors: named only; stances: all"}
    whole, = polarisation_over_time(recs, window=None)
    assert whole["period"] == "all" and whole["stances"] == 4


def test_curated_polarisation_cli(cli):
    code, out, _ = cli("polarisation", "--by-year")
    assert code == 0 and out.splitlines()[0] == "filters: actors: all; stances: all"
    assert "\n2016: 0 stances;" in out
